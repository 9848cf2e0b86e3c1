//! `test`: the exit code tells the truth, and `--wait` finds the logged delivery.

use std::time::Duration;

use serde_json::json;

use super::mock::{MockApi, Reply, TestPlan, log_entry};
use super::run_api;

#[test]
fn api_test_exits_0_when_zernio_reports_success() {
    let mock = MockApi::start();
    let id = mock.add_webhook(
        "Staging",
        json!({"url": "https://staging.example.com/hooks"}),
    );
    let out = run_api(&mock, &["test", "Staging"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "✓ Zernio delivered a test event to `Staging` (https://staging.example.com/hooks): Test webhook sent successfully\n"
    );
    let tests = mock.requests_to("POST", "/v1/webhooks/test");
    assert_eq!(tests[0].body, Some(json!({"webhookId": id})));
    assert!(
        mock.requests_to("GET", "/v1/webhooks/logs").is_empty(),
        "no --wait, no polling"
    );
    mock.finish();
}

#[test]
fn api_test_exits_1_with_zernios_message_when_the_delivery_failed() {
    let mock = MockApi::start();
    mock.add_webhook("Staging", json!({}));
    mock.test_plan(TestPlan {
        success: false,
        status_code: 502,
        log_after_polls: None,
    });
    let out = run_api(&mock, &["test", "Staging"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stdout.contains("✗ Zernio's test delivery to `Staging` (https://app.example.com/hooks/2) failed: Test webhook failed: endpoint answered 502"),
        "{}",
        out.stdout
    );
    let out = run_api(&mock, &["test", "Staging", "--json"]);
    assert_eq!(out.code, Some(1));
    let line = &out.json_lines()[0];
    assert_eq!(line["type"], "test");
    assert_eq!(line["success"], false);
    assert_eq!(line["passed"], false);
    assert_eq!(line["delivery"], serde_json::Value::Null);
    mock.finish();
}

#[test]
fn api_test_wait_reports_the_logged_delivery() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Staging", json!({}));
    mock.test_plan(TestPlan {
        log_after_polls: Some(2),
        ..TestPlan::default()
    });
    let out = run_api(&mock, &["test", &id, "--wait", "--wait-interval", "20ms"]);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("✓ Zernio delivered a test event"),
        "{}",
        out.stdout
    );
    assert!(
        lines[1].starts_with("✓ logged delivery: success 200 in 87 ms, attempt 1, at "),
        "{}",
        out.stdout
    );
    assert_eq!(lines[2], "  response: {\"received\":true}");
    let polls = mock.requests_to("GET", "/v1/webhooks/logs");
    assert_eq!(
        polls.len(),
        4,
        "one look before the test, then until it shows (the third)"
    );
    for poll in &polls {
        assert_eq!(poll.query("webhookId"), Some(id.as_str()));
        assert_eq!(poll.query("event"), Some("webhook.test"));
    }
    mock.finish();
}

#[test]
fn api_test_wait_exits_1_when_the_logged_delivery_failed_even_after_older_successes() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Staging", json!({}));
    // An earlier test delivery is already in the logs, and a late retry of it shows up while we
    // wait (second read): neither is this test.
    let earlier = log_entry(
        &id,
        "Staging",
        "webhook.test",
        "success",
        Duration::from_secs(60),
    );
    let mut late_retry = earlier.clone();
    late_retry["attemptNumber"] = json!(2);
    late_retry["createdAt"] =
        log_entry(&id, "Staging", "webhook.test", "success", Duration::ZERO)["createdAt"].clone();
    mock.add_log(earlier);
    mock.add_log_later(late_retry, 1);
    mock.script(
        "POST",
        "/v1/webhooks/test",
        Reply::json(
            200,
            json!({"success": true, "message": "Test webhook sent successfully"}),
        ),
    );
    // The scripted answer bypasses the plan, so log the failed delivery by hand.
    let mut failed = log_entry(&id, "Staging", "webhook.test", "failed", Duration::ZERO);
    failed["statusCode"] = json!(401);
    failed["responseBody"] = json!("invalid signature");
    mock.add_log_later(failed, 2);
    let out = run_api(
        &mock,
        &[
            "test",
            "Staging",
            "--wait",
            "--wait-interval",
            "20ms",
            "--json",
        ],
    );
    assert_eq!(out.code, Some(1), "{}\n{}", out.stdout, out.stderr);
    let line = &out.json_lines()[0];
    assert_eq!(line["success"], true, "Zernio said it sent it");
    assert_eq!(line["delivery"]["status"], "failed");
    assert_eq!(line["delivery"]["statusCode"], 401);
    assert_eq!(line["passed"], false);

    // And when Zernio itself reports the failure, the log tells what the endpoint said.
    mock.test_plan(TestPlan {
        success: false,
        status_code: 401,
        log_after_polls: Some(1),
    });
    let out = run_api(
        &mock,
        &["test", "Staging", "--wait", "--wait-interval", "20ms"],
    );
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains("✗ Zernio's test delivery to `Staging`"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("✗ logged delivery: failed 401"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("  error:    HTTP 401"),
        "{}",
        out.stdout
    );
    mock.finish();
}

#[test]
fn api_test_wait_exits_1_when_the_delivery_never_shows() {
    let mock = MockApi::start();
    mock.add_webhook("Staging", json!({}));
    mock.test_plan(TestPlan {
        log_after_polls: None,
        ..TestPlan::default()
    });
    let out = run_api(
        &mock,
        &[
            "test",
            "Staging",
            "--wait",
            "--wait-timeout",
            "300ms",
            "--wait-interval",
            "50ms",
        ],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stdout
            .contains("✗ the test delivery did not appear in the delivery logs within 300ms"),
        "{}",
        out.stdout
    );
    assert!(mock.requests_to("GET", "/v1/webhooks/logs").len() >= 2);
    mock.finish();
}

#[test]
fn api_test_without_an_argument_or_terminal_says_what_is_missing() {
    let mock = MockApi::start();
    mock.add_webhook("Staging", json!({}));
    let out = run_api(&mock, &["test"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("error: which webhook? pass its ID or name"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("there is no terminal to pick from a list"),
        "{}",
        out.stderr
    );
    assert!(mock.requests().is_empty());
    mock.finish();
}

#[test]
fn api_test_of_a_webhook_gone_meanwhile_is_a_404() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Staging", json!({}));
    mock.script(
        "POST",
        "/v1/webhooks/test",
        Reply::json(404, json!({"error": "Webhook not found"}))
            .header("x-request-id", "req_gone_1"),
    );
    let out = run_api(&mock, &["test", "Staging"]);
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "error: webhook {id} does not exist in Zernio (404: Webhook not found)"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("request ID req_gone_1"),
        "{}",
        out.stderr
    );
    mock.finish();
}
