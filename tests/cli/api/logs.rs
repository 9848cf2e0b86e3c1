//! `logs`: filters, the table, JSON Lines, pagination within the skip bound, `--since`, `--follow`
//! and `--save`.

use std::time::Duration;

use serde_json::{Value, json};

use super::mock::{MockApi, Reply, log_entry};
use super::{api, assert_no_key, run_api};
use crate::support::Background;

const MIN: Duration = Duration::from_secs(60);

/// A small, schema-valid entry (for the many-page tests).
fn light(n: usize) -> Value {
    json!({
        "webhookId": "66a000000000000000000001",
        "webhookName": "Prod",
        "eventId": format!("evt_{n:05}"),
        "event": "post.published",
        "url": "https://app.example.com/hooks",
        "status": "success",
        "statusCode": 200,
        "requestPayload": {"id": format!("evt_{n:05}"), "event": "post.published"},
        "attemptNumber": 1,
        "responseTime": 20,
        "createdAt": "2026-01-01T00:00:00.000Z",
    })
}

#[test]
fn api_logs_table_passes_every_filter_on() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Prod", json!({}));
    let mut failed = log_entry(&id, "Prod", "post.failed", "failed", 5 * MIN);
    failed["attemptNumber"] = json!(3);
    let event_id = failed["eventId"].as_str().unwrap().to_string();
    mock.add_log(failed);
    let out = run_api(
        &mock,
        &[
            "logs",
            "--status",
            "failed",
            "--event",
            "post.failed",
            "--webhook",
            "Prod",
            "--event-id",
            &event_id,
            "--limit",
            "10",
            "--skip",
            "0",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let reads = mock.requests_to("GET", "/v1/webhooks/logs");
    let q = &reads[0];
    assert_eq!(q.query("status"), Some("failed"));
    assert_eq!(q.query("event"), Some("post.failed"));
    assert_eq!(
        q.query("webhookId"),
        Some(id.as_str()),
        "the name was resolved"
    );
    assert_eq!(q.query("eventId"), Some(event_id.as_str()));
    assert_eq!(q.query("limit"), Some("10"));
    assert_eq!(q.query("skip"), Some("0"));
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(
        lines[0].starts_with("TIME (UTC)           EVENT"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with("WEBHOOK               EVENT ID"),
        "{}",
        lines[0]
    );
    let row = lines[1];
    for cell in [
        "post.failed",
        "failed",
        "503",
        "  3  ",
        "5.00 s",
        "Prod",
        &event_id,
    ] {
        assert!(row.contains(cell), "{cell} in {row}");
    }
    assert!(
        !row.contains("HTTP 503 Service"),
        "the error is only in --wide"
    );

    let out = run_api(&mock, &["logs", "--wide", "--color", "always"]);
    let row = out.stdout.lines().nth(1).unwrap();
    assert!(
        row.contains("https://app.example.com/hooks/zernio"),
        "{row}"
    );
    assert!(
        row.contains("\u{1b}[31mHTTP 503 Service Unavailable"),
        "{row:?}"
    );
    assert!(
        row.contains("\u{1b}[31mfailed"),
        "status is coloured: {row:?}"
    );

    // A webhook ID is used as is (logs outlive deleted webhooks): no list call.
    let lists = mock.requests_to("GET", "/v1/webhooks/settings").len();
    let out = run_api(&mock, &["logs", "--webhook", "0123456789abcdef01234567"]);
    assert_eq!(out.code, Some(0));
    assert_eq!(
        mock.requests_to("GET", "/v1/webhooks/settings").len(),
        lists
    );
    assert!(
        out.stderr.contains("No delivery logs match"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_logs_json_lines_are_the_entries_as_sent() {
    let mock = MockApi::start();
    let entries: Vec<Value> = (0..3)
        .map(|i| {
            log_entry(
                "66a000000000000000000001",
                "Prod",
                "message.received",
                "success",
                (3 - i) * MIN,
            )
        })
        .collect();
    for entry in &entries {
        mock.add_log(entry.clone());
    }
    let out = run_api(&mock, &["logs", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let newest_first: Vec<Value> = entries.iter().rev().cloned().collect();
    assert_eq!(out.json_lines(), newest_first);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    mock.finish();
}

#[test]
fn api_logs_one_page_says_how_to_get_more() {
    let mock = MockApi::start();
    for n in 0..120 {
        mock.add_log(light(n));
    }
    let out = run_api(&mock, &["logs", "--json"]);
    assert_eq!(out.json_lines().len(), 50);
    assert!(
        out.stderr.contains("Showing entries 1-50 of 120, newest first: --all for every page, --skip 50 for the next."),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_logs_all_follows_every_page() {
    let mock = MockApi::start();
    for n in 0..250 {
        mock.add_log(light(n));
    }
    let out = run_api(&mock, &["logs", "--all", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let ids: Vec<String> = out
        .json_lines()
        .iter()
        .map(|l| l["eventId"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..250).rev().map(|n| format!("evt_{n:05}")).collect();
    assert_eq!(ids, expected);
    let skips: Vec<String> = mock
        .requests_to("GET", "/v1/webhooks/logs")
        .iter()
        .map(|r| format!("{}+{}", r.query("skip").unwrap(), r.query("limit").unwrap()))
        .collect();
    assert_eq!(skips, ["0+100", "100+100", "200+100"]);
    mock.finish();
}

#[test]
fn api_logs_all_stops_at_the_skip_bound() {
    let mock = MockApi::start();
    for n in 0..10_250 {
        mock.add_log(light(n));
    }
    let out = run_api(
        &mock,
        &[
            "logs", "--all", "--skip", "9900", "--limit", "100", "--json",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.json_lines().len(), 200);
    let skips: Vec<String> = mock
        .requests_to("GET", "/v1/webhooks/logs")
        .iter()
        .map(|r| r.query("skip").unwrap().to_string())
        .collect();
    assert_eq!(skips, ["9900", "10000"], "never past the bound");
    assert!(
        out.stderr.contains("stopped at the API's skip bound of 10000: older entries (150 older entries) cannot be paged to"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_logs_since_stops_paging_at_the_cutoff() {
    let mock = MockApi::start();
    for minutes in [300, 180, 30, 10] {
        mock.add_log(log_entry(
            "66a000000000000000000001",
            "Prod",
            "post.published",
            "success",
            minutes * MIN,
        ));
    }
    let out = run_api(&mock, &["logs", "--since", "1h", "--limit", "2", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.json_lines().len(), 2);
    let reads = mock.requests_to("GET", "/v1/webhooks/logs");
    assert_eq!(
        reads.len(),
        2,
        "the second page reaches the cutoff; no third"
    );
    mock.finish();
}

#[test]
fn api_logs_follow_prints_only_new_entries_until_ctrl_c() {
    let mock = MockApi::start();
    let old = log_entry(
        "66a000000000000000000001",
        "Prod",
        "post.scheduled",
        "success",
        10 * MIN,
    );
    let newer = log_entry(
        "66a000000000000000000001",
        "Prod",
        "post.published",
        "success",
        5 * MIN,
    );
    mock.add_log(old.clone());
    mock.add_log(newer.clone());
    let mut command = api(
        &mock,
        &["logs", "--follow", "--interval", "100ms", "--json"],
    );
    command.stdin(std::process::Stdio::null());
    let mut bg = Background::spawn(command);
    let first = bg.wait_stdout(|l| l.contains("eventId"));
    assert_eq!(
        serde_json::from_str::<Value>(&first).unwrap(),
        old,
        "oldest first"
    );
    let second = bg.wait_stdout(|l| l.contains("eventId"));
    assert_eq!(serde_json::from_str::<Value>(&second).unwrap(), newer);
    bg.wait_stderr(|l| l.contains("Following new deliveries every 100ms"));

    // Two deliveries arrive, and a poll fails on the way: following goes on.
    mock.script(
        "GET",
        "/v1/webhooks/logs",
        Reply::json(503, json!({"error": "busy"})),
    );
    let a = log_entry(
        "66a000000000000000000001",
        "Prod",
        "comment.received",
        "failed",
        Duration::ZERO,
    );
    let b = log_entry(
        "66a000000000000000000001",
        "Prod",
        "message.received",
        "success",
        Duration::ZERO,
    );
    mock.add_log(a.clone());
    mock.add_log(b.clone());
    let third = bg.wait_stdout(|l| l.contains("eventId"));
    let fourth = bg.wait_stdout(|l| l.contains("eventId"));
    assert_eq!(serde_json::from_str::<Value>(&third).unwrap(), a);
    assert_eq!(serde_json::from_str::<Value>(&fourth).unwrap(), b);
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(out.code, Some(130), "{}", out.stderr);
    assert_eq!(
        out.json_lines().len(),
        4,
        "nothing printed twice: {}",
        out.stdout
    );
    assert!(
        out.stderr.contains(
            "the Zernio API failed (503 Service Unavailable): busy; still trying every 100ms"
        ),
        "{}",
        out.stderr
    );
    assert_no_key(&out);
    mock.finish();
}

#[test]
fn api_logs_follow_table_keeps_one_header_and_saves() {
    let mock = MockApi::start();
    mock.add_log(log_entry(
        "66a000000000000000000001",
        "Prod",
        "post.failed",
        "failed",
        MIN,
    ));
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().to_str().unwrap();
    let mut bg = Background::spawn(api(
        &mock,
        &["logs", "-f", "--interval", "100ms", "--save", save],
    ));
    bg.wait_stdout(|l| l.contains("post.failed"));
    mock.add_log(log_entry(
        "66a000000000000000000001",
        "Prod",
        "review.new",
        "success",
        Duration::ZERO,
    ));
    bg.wait_stdout(|l| l.contains("review.new"));
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(out.code, Some(130));
    assert_eq!(
        out.stdout.matches("TIME (UTC)").count(),
        1,
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.lines().count(), 3, "{}", out.stdout);
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, 2, "followed entries are saved as they come");
    assert!(
        out.stderr.contains("Saved 2 payload files"),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_logs_save_writes_replayable_payload_files() {
    let mock = MockApi::start();
    let first = log_entry(
        "66a000000000000000000001",
        "Prod",
        "post.published",
        "failed",
        20 * MIN,
    );
    let mut retry = first.clone();
    retry["attemptNumber"] = json!(2);
    retry["status"] = json!("success");
    retry["createdAt"] = json!(
        humantime::format_rfc3339_millis(std::time::SystemTime::now() - 10 * MIN).to_string()
    );
    let other = log_entry(
        "66a000000000000000000001",
        "Prod",
        "message.received",
        "success",
        5 * MIN,
    );
    mock.add_log(first.clone());
    mock.add_log(retry);
    mock.add_log(other.clone());
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("fixtures");
    let out = run_api(&mock, &["logs", "--save", save.to_str().unwrap()]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stdout.lines().count(),
        4,
        "all three entries are shown: {}",
        out.stdout
    );
    assert!(
        out.stderr.contains("Saved 2 payload files to"),
        "{}",
        out.stderr
    );

    let mut names: Vec<String> = std::fs::read_dir(&save)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        2,
        "one file per event, retries included: {names:?}"
    );
    for (name, entry) in names.iter().zip([&first, &other]) {
        let payload = &entry["requestPayload"];
        assert!(
            name.ends_with(&format!(
                "-{}-{}.json",
                payload["id"].as_str().unwrap(),
                payload["event"].as_str().unwrap()
            )),
            "{name}"
        );
        let bytes = std::fs::read(save.join(name)).unwrap();
        assert_eq!(
            bytes,
            serde_json::to_vec(payload).unwrap(),
            "compact JSON, no newline"
        );
        let event = zernio_hooks::events::find(payload["event"].as_str().unwrap()).unwrap();
        let parsed: Value = serde_json::from_slice(&bytes).unwrap();
        assert!(
            zernio_hooks::events::validate(event, &parsed).is_empty(),
            "a valid {} payload",
            event.name
        );
    }
    // And `replay` takes them as they are.
    let mut command = crate::support::cmd();
    command.args([
        "replay",
        "--dry-run",
        "--secret",
        "s",
        "--json",
        save.to_str().unwrap(),
    ]);
    let replayed = crate::support::run(command, b"");
    assert_eq!(replayed.code, Some(0), "{}", replayed.stderr);
    let ids: Vec<Value> = replayed
        .json_lines()
        .into_iter()
        .filter(|l| l["type"] != "summary")
        .map(|l| l["id"].clone())
        .collect();
    assert_eq!(
        ids,
        [
            first["requestPayload"]["id"].clone(),
            other["requestPayload"]["id"].clone()
        ],
        "{}",
        replayed.stdout
    );
    mock.finish();
}

#[test]
fn api_logs_refuses_bad_flags_and_warns_on_unknown_events() {
    let mock = MockApi::start();
    let long = "e".repeat(201);
    let out = run_api(&mock, &["logs", "--event-id", &long]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("--event-id must be 1-200 characters"),
        "{}",
        out.stderr
    );
    let out = run_api(&mock, &["logs", "--follow", "--skip", "10"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("--skip cannot be used with --follow"),
        "{}",
        out.stderr
    );
    let out = run_api(&mock, &["logs", "--follow", "--interval", "10ms"]);
    assert_eq!(out.code, Some(2));
    let out = run_api(&mock, &["logs", "--limit", "101"]);
    assert_eq!(out.code, Some(2), "clap checks the bound: {}", out.stderr);
    assert!(mock.requests().is_empty());

    let out = run_api(&mock, &["logs", "--event", "post.publishd"]);
    assert_eq!(out.code, Some(0));
    assert!(
        out.stderr.contains("warning: `post.publishd` is not a known event type (did you mean `post.published`?); asking anyway"),
        "{}",
        out.stderr
    );
    let out = run_api(&mock, &["logs", "--webhook", "Nope"]);
    assert_eq!(out.code, Some(4));
    assert!(
        out.stderr.contains("there are no webhooks yet"),
        "{}",
        out.stderr
    );
    mock.finish();
}
