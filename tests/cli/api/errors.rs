//! Every class of API failure: the message, the hint, the exit code; 429 retries; `-v` traces; and
//! the key never printed.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use serde_json::json;

use super::mock::{KEY, MockApi, Reply, log_entry};
use super::{api, assert_no_key, run_api};
use crate::support::{closed_port, cmd, run};

#[test]
fn api_401_says_how_to_set_the_key() {
    let mock = MockApi::start();
    let mut command = api(&mock, &["list"]);
    command.env("ZERNIO_API_KEY", "sk_live_wrongwrongwrong_0000000000");
    let out = run(command, b"");
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "error: the Zernio API rejected the API key from $ZERNIO_API_KEY (401: Unauthorized)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("hint: pass --api-key, set ZERNIO_API_KEY"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("wrongwrongwrong"), "{}", out.stderr);

    let mut command = api(
        &mock,
        &["list", "--api-key", "sk_live_flagflagflag_000000000000"],
    );
    command.env_remove("ZERNIO_API_KEY");
    let out = run(command, b"");
    assert!(
        out.stderr.contains("rejected the API key from --api-key"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_without_a_key_nothing_is_sent() {
    let mock = MockApi::start();
    let mut command = api(&mock, &["list"]);
    command.env_remove("ZERNIO_API_KEY");
    let out = run(command, b"");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("error: no Zernio API key is set"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "hint: pass --api-key, set ZERNIO_API_KEY, or give a profile api_key_env or api_key_cmd"
        ),
        "{}",
        out.stderr
    );
    assert!(mock.requests().is_empty());
    mock.finish();
}

#[test]
fn api_403_names_the_missing_resource_group() {
    let mock = MockApi::start();
    mock.add_webhook("Prod", json!({}));
    mock.script(
        "GET",
        "/v1/webhooks/logs",
        Reply::json(
            403,
            json!({"error": "This API key has the 'messages' resource group disabled.", "code": "insufficient_permissions", "required_group": "messages"}),
        )
        .header("X-Request-Id", "req_403_abc"),
    );
    let out = run_api(&mock, &["logs", "--event", "message.received"]);
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert!(
        out.stderr.contains("error: this API key may not do that: it lacks the `messages` resource group (403: This API key has the 'messages' resource group disabled.)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("create a key with `messages` enabled in the dashboard API keys tab"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("request ID req_403_abc: quote it to Zernio support"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_400_shows_the_servers_message_and_field() {
    let mock = MockApi::start();
    mock.script(
        "POST",
        "/v1/webhooks/settings",
        Reply::json(400, json!({"error": "URL must use HTTPS", "field": "url"})),
    );
    let out = run_api(
        &mock,
        &[
            "create",
            "--name",
            "x",
            "--url",
            "http://e.x/h",
            "--events",
            "post.failed",
        ],
    );
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: Zernio refused the request: URL must use HTTPS (field `url`)"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_404_on_update_of_a_webhook_deleted_meanwhile() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Prod", json!({}));
    mock.script(
        "PUT",
        "/v1/webhooks/settings",
        Reply::json(404, json!({"error": "Webhook not found"})),
    );
    let out = run_api(&mock, &["update", "Prod", "--disable"]);
    assert_eq!(out.code, Some(4));
    assert!(
        out.stderr.contains(&format!(
            "error: webhook {id} does not exist in Zernio (404: Webhook not found)"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("`zernio-hooks list` shows the webhooks there are"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_429_waits_for_retry_after_and_retries() {
    let mock = MockApi::start();
    mock.add_webhook("Prod", json!({}));
    for _ in 0..2 {
        mock.script(
            "GET",
            "/v1/webhooks/settings",
            Reply::json(429, json!({"error": "Too many requests"})).header("Retry-After", "0"),
        );
    }
    let out = run_api(&mock, &["list", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.json_lines()[0]["webhooks"][0]["name"], "Prod");
    assert!(out.stderr.contains("note: rate limited by the Zernio API (429); retrying in 0.0 ms (retry 1 of 3) as Retry-After asks"), "{}", out.stderr);
    assert!(out.stderr.contains("(retry 2 of 3)"), "{}", out.stderr);
    assert_eq!(mock.requests().len(), 3);
    mock.finish();
}

#[test]
fn api_429_gives_up_after_three_retries() {
    let mock = MockApi::start();
    for _ in 0..4 {
        mock.script(
            "GET",
            "/v1/webhooks/settings",
            Reply::json(429, json!({"error": "Too many requests"})).header("Retry-After", "0"),
        );
    }
    let out = run_api(&mock, &["list"]);
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "error: the Zernio API is still rate limiting this key (429) after 3 retries"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(mock.requests().len(), 4, "the first try and three retries");

    // A wait longer than a minute is not waited for.
    mock.script(
        "GET",
        "/v1/webhooks/settings",
        Reply::json(429, json!({"error": "Too many requests"})).header("Retry-After", "3600"),
    );
    let out = run_api(&mock, &["list"]);
    assert_eq!(out.code, Some(4));
    assert!(
        out.stderr
            .contains("asks to wait 3600s, longer than this tool waits"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_5xx_shows_the_request_id_for_support() {
    let mock = MockApi::start();
    mock.script(
        "GET",
        "/v1/webhooks/settings",
        Reply::json(502, json!({"error": "Bad gateway"})).header("X-Request-Id", "req_5xx_f00d"),
    );
    let out = run_api(&mock, &["list"]);
    assert_eq!(out.code, Some(5), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: the Zernio API failed (502 Bad Gateway): Bad gateway"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("request ID req_5xx_f00d: quote it to Zernio support"),
        "{}",
        out.stderr
    );

    mock.script(
        "GET",
        "/v1/webhooks/settings",
        Reply::json(200, json!({"hooks": []})),
    );
    let out = run_api(&mock, &["list"]);
    assert_eq!(out.code, Some(5));
    assert!(
        out.stderr
            .contains("the Zernio API sent an answer this tool cannot read"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_unreachable_timeout_and_tls_errors_exit_5() {
    let mut command = cmd();
    command.args(["list"]).env("ZERNIO_API_KEY", KEY).env(
        "ZERNIO_API_URL",
        format!("http://127.0.0.1:{}/api", closed_port()),
    );
    let out = run(command, b"");
    assert_no_key(&out);
    assert_eq!(out.code, Some(5), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: cannot reach the Zernio API at http://127.0.0.1:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("cannot connect: Connection refused"),
        "{}",
        out.stderr
    );

    let mock = MockApi::start();
    mock.script(
        "GET",
        "/v1/webhooks/settings",
        Reply::json(200, json!({"webhooks": []})).delay(Duration::from_secs(20)),
    );
    let mut command = api(&mock, &["list"]);
    command.env("ZERNIO_API_TIMEOUT", "300ms");
    let out = run(command, b"");
    assert_eq!(out.code, Some(5), "{}", out.stderr);
    assert!(
        out.stderr.contains("/api/v1/webhooks/settings: timed out"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("raise it with ZERNIO_API_TIMEOUT"),
        "{}",
        out.stderr
    );

    // https:// to a plain-HTTP port: the TLS handshake fails.
    let mut command = api(&mock, &["list"]);
    command.env("ZERNIO_API_URL", format!("https://{}/api", mock.addr));
    let out = run(command, b"");
    assert_eq!(out.code, Some(5), "{}", out.stderr);
    assert!(out.stderr.contains("TLS error"), "{}", out.stderr);
    mock.finish();
}

#[test]
fn api_verbose_traces_each_call_but_never_the_key() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Prod", json!({}));
    mock.add_log(log_entry(
        &id,
        "Prod",
        "post.published",
        "success",
        Duration::from_secs(60),
    ));
    let commands: [&[&str]; 5] = [
        &["list", "-v"],
        &["logs", "-v", "--webhook", "Prod"],
        &["test", "Prod", "-v"],
        &["update", "Prod", "-v", "--disable"],
        &["config", "-v"],
    ];
    let pattern = regex::Regex::new(r"^api: GET http://127\.0\.0\.1:\d+/api/v1/webhooks/\w+(\?\S+)? → 200 OK, request ID req_\w+ in [\d.]+ (ms|s)$").unwrap();
    for args in commands {
        let out = run_api(&mock, args);
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
        if args[0] != "config" {
            let trace = out
                .stderr
                .lines()
                .find(|l| l.starts_with("api: GET "))
                .unwrap_or_else(|| panic!("{args:?}: {}", out.stderr));
            assert!(pattern.is_match(trace), "{trace}");
        }
    }
    let out = run_api(&mock, &["update", "Prod", "-v", "--enable"]);
    assert!(
        out.stderr
            .lines()
            .any(|l| l.starts_with("api: PUT ") && l.contains("→ 200 OK")),
        "{}",
        out.stderr
    );
    // The key went in the header, as a Bearer token, every time.
    for request in mock.requests() {
        let auth = request
            .headers
            .iter()
            .find(|(n, _)| n == "authorization")
            .map(|(_, v)| v.as_str());
        assert_eq!(auth, Some(format!("Bearer {KEY}").as_str()));
    }
    mock.finish();
}

#[test]
fn api_logs_json_into_a_closed_pipe_exits_quietly() {
    let mock = MockApi::start();
    for minutes in 0..200 {
        mock.add_log(log_entry(
            "66a000000000000000000001",
            "Prod",
            "post.published",
            "success",
            Duration::from_secs(60 * minutes),
        ));
    }
    let mut command = api(&mock, &["logs", "--all", "--json"]);
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    // The reader is gone (as with `| head -1`).
    let output = child.wait_with_output().unwrap();
    assert!(first.contains("eventId"));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    mock.finish();
}
