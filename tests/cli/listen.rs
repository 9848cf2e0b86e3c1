//! `zernio-hooks listen` end to end: the real binary on 127.0.0.1:0, real signed payloads.

use std::time::Duration;

use serde_json::Value;

use crate::support::{
    Behaviour, TestServer, closed_port, cmd, hmac_hex, listen, listen_with, post_signed, raw_post,
    raw_request,
};

const SECRET: &str = "whsec_listen_test_0123456789";

/// A realistic payload of `event`, generated from the embedded spec's schema.
pub fn payload(event: &str) -> Vec<u8> {
    let kind = zernio_hooks::events::find(event).unwrap();
    serde_json::to_vec(&zernio_hooks::sample::Generator::fresh().payload(kind)).unwrap()
}

fn json_deliveries(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "delivery")
        .collect()
}

#[test]
fn verifies_valid_invalid_missing_and_legacy_signatures() {
    let (mut bg, url) = listen(&["--secret", SECRET, "--json"]);
    let ready = bg.wait_stdout(|l| l.contains("\"ready\""));
    let ready: Value = serde_json::from_str(&ready).unwrap();
    assert_eq!(ready["url"].as_str().unwrap(), url);

    let body = payload("post.published");
    let (status, answer) = post_signed(&url, SECRET, &body);
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("\"verdict\":\"valid\""), "{answer}");

    let wrong = hmac_hex("another-secret", &body);
    let (status, answer) = raw_post(&url, &[("X-Zernio-Signature", &wrong)], &body);
    assert_eq!(status, 401);
    assert!(answer.contains("wrong secret or altered body"), "{answer}");

    let (status, answer) = raw_post(&url, &[("Content-Type", "application/json")], &body);
    assert_eq!(status, 401);
    assert!(
        answer.contains("does the webhook have a secret configured in Zernio?"),
        "{answer}"
    );

    let legacy = hmac_hex(SECRET, &body);
    let (status, _) = raw_post(
        &url,
        &[
            ("X-Late-Signature", &legacy),
            ("X-Late-Event", "post.published"),
        ],
        &body,
    );
    assert_eq!(status, 200);

    let (status, answer) = raw_post(&url, &[("X-Zernio-Signature", "abc123")], &body);
    assert_eq!(status, 401);
    assert!(
        answer.contains("expected 64 hex characters, got 6"),
        "{answer}"
    );

    bg.interrupt();
    let out = bg.finish();
    assert_eq!(out.code, Some(130));
    let deliveries = json_deliveries(&out.stdout);
    let verdicts: Vec<&str> = deliveries
        .iter()
        .map(|d| d["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(
        verdicts,
        ["valid", "invalid", "missing", "valid", "malformed"]
    );
    assert_eq!(
        deliveries[3]["explanation"],
        "signature valid (legacy X-Late-Signature header)"
    );
    assert_eq!(deliveries[1]["status"], 401);
    assert_eq!(
        deliveries[1]["duplicate_of"], 1,
        "same event ID as the first delivery"
    );
}

#[test]
fn explains_newline_and_reencoding_mismatches() {
    let (bg, url) = listen(&["--secret", SECRET]);
    let body = payload("message.received");
    let sig = hmac_hex(SECRET, &body);

    let mut with_newline = body.clone();
    with_newline.push(b'\n');
    let (status, answer) = raw_post(&url, &[("X-Zernio-Signature", &sig)], &with_newline);
    assert_eq!(status, 401);
    assert!(
        answer.contains("matches without its trailing newline"),
        "{answer}"
    );

    let signed_with_newline = hmac_hex(SECRET, &with_newline);
    let (status, answer) = raw_post(&url, &[("X-Zernio-Signature", &signed_with_newline)], &body);
    assert_eq!(status, 401);
    assert!(
        answer.contains("matches once a trailing newline is added back"),
        "{answer}"
    );

    let value: Value = serde_json::from_slice(&body).unwrap();
    let pretty = serde_json::to_vec_pretty(&value).unwrap();
    let (status, answer) = raw_post(&url, &[("X-Zernio-Signature", &sig)], &pretty);
    assert_eq!(status, 401);
    assert!(answer.contains("re-encoded"), "{answer}");

    let other = payload("message.received");
    let id = value["id"].as_str().unwrap();
    let other_sig = hmac_hex("not-the-secret", &other);
    let (status, answer) = raw_post(
        &url,
        &[
            ("X-Zernio-Signature", &other_sig),
            ("X-Zernio-Event-Id", id),
        ],
        &other,
    );
    assert_eq!(status, 401);
    assert!(answer.contains("disagree"), "{answer}");

    bg.interrupt();
    let out = bg.finish();
    assert!(
        out.stdout
            .contains("✗ signature mismatch: the body matches without its trailing newline"),
        "{}",
        out.stdout
    );
}

#[test]
fn refuses_oversize_wrong_method_and_non_json_but_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("captures");
    let (bg, url) = listen(&[
        "--max-body",
        "1KiB",
        "--json",
        "--save",
        save.to_str().unwrap(),
    ]);

    // Declared larger than the limit: answered 413 at once, the body never sent.
    let (status, answer) = raw_post(&url, &[("Content-Length", "10000000")], b"");
    assert_eq!(status, 413, "{answer}");
    let (status, _) = raw_request(&url, "GET", &[], b"");
    assert_eq!(status, 405);
    let (status, answer) = raw_post(&url, &[], b"this is not json");
    assert_eq!(status, 400);
    assert!(answer.contains("not JSON"), "{answer}");

    bg.interrupt();
    let out = bg.finish();
    let deliveries = json_deliveries(&out.stdout);
    let rejections: Vec<&str> = deliveries
        .iter()
        .map(|d| d["rejection"].as_str().unwrap())
        .collect();
    assert_eq!(rejections, ["too-large", "method", "not-json"]);
    assert_eq!(deliveries[0]["body_size"], 10_000_000);
    let files = std::fs::read_dir(&save).unwrap().count();
    assert_eq!(files, 3, "every request is captured, refused ones included");
}

#[test]
fn without_a_secret_everything_is_unchecked_and_warned_once() {
    let (mut bg, url) = listen(&[]);
    let warning = bg.wait_stderr(|l| l.contains("warning:"));
    assert!(warning.contains("signatures are not checked"), "{warning}");
    let (status, _) = raw_post(&url, &[], &payload("webhook.test"));
    assert_eq!(status, 200);
    let (status, _) = raw_post(
        &url,
        &[("X-Zernio-Signature", &"0".repeat(64))],
        &payload("webhook.test"),
    );
    assert_eq!(status, 200);
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(
        out.stdout.matches("• unchecked").count(),
        2,
        "{}",
        out.stdout
    );
    assert_eq!(out.stderr.matches("warning:").count(), 1, "{}", out.stderr);
}

#[test]
fn accept_invalid_answers_2xx_but_flags_it() {
    let (bg, url) = listen(&["--secret", SECRET, "--accept-invalid", "--status", "202"]);
    let (status, _) = raw_post(
        &url,
        &[("X-Zernio-Signature", &"a".repeat(64))],
        &payload("account.disconnected"),
    );
    assert_eq!(status, 202);
    bg.interrupt();
    let out = bg.finish();
    assert!(
        out.stdout.contains("✗ invalid (accepted)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("(accepted: --accept-invalid)"),
        "{}",
        out.stdout
    );
}

#[test]
fn pretty_output_summarises_core_events_and_sanitises() {
    let (bg, url) = listen(&["--secret", SECRET, "--headers", "--print-json"]);
    let mut value: Value = serde_json::from_slice(&payload("post.partial")).unwrap();
    value["post"]["content"] = Value::String("Hello \u{1b}[31mred\u{202e} world".into());
    let body = serde_json::to_vec(&value).unwrap();
    assert_eq!(post_signed(&url, SECRET, &body).0, 200);
    let comment = payload("comment.received");
    assert_eq!(post_signed(&url, SECRET, &comment).0, 200);
    let mut message: Value = serde_json::from_slice(&payload("message.received")).unwrap();
    message["metadata"] =
        serde_json::json!({"postbackPayload": "BUY_NOW", "postbackTitle": "Buy now"});
    assert_eq!(
        post_signed(&url, SECRET, &serde_json::to_vec(&message).unwrap()).0,
        200
    );
    bg.interrupt();
    let out = bg.finish();
    let stdout = &out.stdout;
    assert!(
        !stdout.contains('\u{1b}'),
        "no raw escape reaches the terminal: {stdout}"
    );
    assert!(!stdout.contains('\u{202e}'));
    assert!(
        stdout.contains("Hello \\u{001b}[31mred\\u{202e} world"),
        "{stdout}"
    );
    assert!(stdout.contains("twitter      published"), "{stdout}");
    assert!(
        stdout.contains("linkedin     failed     error: LinkedIn access token expired"),
        "{stdout}"
    );
    assert!(stdout.contains("postback     BUY_NOW"), "{stdout}");
    assert!(
        stdout.contains("x-zernio-signature:"),
        "headers shown: {stdout}"
    );
    assert!(
        stdout.contains("\"platforms\": ["),
        "full JSON shown: {stdout}"
    );
    assert!(stdout.contains("comment.received"), "{stdout}");
}

#[test]
fn flags_schema_violations_and_unknown_events() {
    let (bg, url) = listen(&["--secret", SECRET, "--json"]);
    let mut value: Value = serde_json::from_slice(&payload("post.failed")).unwrap();
    value["post"]["platforms"] = Value::String("oops".into());
    value["brandNewField"] = Value::Bool(true);
    assert_eq!(
        post_signed(&url, SECRET, &serde_json::to_vec(&value).unwrap()).0,
        200
    );
    let unknown =
        br#"{"id":"e-unknown","event":"post.teleported","timestamp":"2026-01-01T00:00:00Z"}"#;
    assert_eq!(post_signed(&url, SECRET, unknown).0, 200);
    bg.interrupt();
    let out = bg.finish();
    let deliveries = json_deliveries(&out.stdout);
    let violations = deliveries[0]["schema_violations"].as_array().unwrap();
    assert_eq!(
        violations.len(),
        1,
        "extra fields are fine, the wrong type is not: {violations:?}"
    );
    assert_eq!(violations[0]["path"], "$.post.platforms");
    assert_eq!(deliveries[1]["known_event"], false);
}

#[test]
fn json_lines_shape_is_pinned() {
    let (mut bg, url) = listen(&["--secret", SECRET, "--json"]);
    let body = payload("webhook.test");
    post_signed(&url, SECRET, &body);
    let line = bg.wait_stdout(|l| l.contains("\"delivery\""));
    bg.interrupt();
    let out = bg.finish();
    let delivery: Value = serde_json::from_str(&line).unwrap();
    let keys = crate::support::keys(&delivery);
    assert_eq!(
        keys,
        [
            "type",
            "seq",
            "received_at",
            "source",
            "remote_addr",
            "method",
            "path",
            "query",
            "event",
            "event_id",
            "known_event",
            "verdict",
            "explanation",
            "accepted",
            "rejection",
            "duplicate_of",
            "schema_violations",
            "filtered",
            "status",
            "answered_by",
            "latency_ms",
            "slow",
            "forward",
            "capture",
            "capture_error",
            "body_size",
            "headers",
            "payload"
        ]
    );
    assert_eq!(
        delivery["payload"],
        serde_json::from_slice::<Value>(&body).unwrap()
    );
    let lines = out.json_lines();
    assert_eq!(lines.first().unwrap()["type"], "ready");
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["deliveries"], 1);
    assert_eq!(summary["by_event"]["webhook.test"], 1);
    assert_eq!(summary["by_verdict"]["valid"], 1);
    assert!(
        out.stdout
            .lines()
            .all(|l| serde_json::from_str::<Value>(l).is_ok()),
        "nothing but JSON on stdout"
    );
}

#[test]
fn sigint_prints_a_summary_and_exits_130() {
    let (bg, url) = listen(&["--secret", SECRET]);
    post_signed(&url, SECRET, &payload("post.published"));
    post_signed(&url, SECRET, &payload("post.published"));
    raw_post(&url, &[], &payload("account.connected"));
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(out.code, Some(130));
    assert!(
        out.stdout
            .contains("Summary: 3 deliveries (2 accepted, 1 refused, 0 duplicates) — interrupted"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("post.published     2"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("account.connected  1"),
        "{}",
        out.stdout
    );
}

#[test]
fn duplicate_event_ids_are_marked() {
    let (bg, url) = listen(&["--secret", SECRET]);
    let body = payload("post.failed");
    post_signed(&url, SECRET, &body);
    post_signed(&url, SECRET, &payload("post.failed"));
    post_signed(&url, SECRET, &body);
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(
        out.stdout.matches("↻ duplicate of #1").count(),
        1,
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("#3") && l.contains("duplicate of #1")),
        "{}",
        out.stdout
    );
}

#[test]
fn events_filter_prints_others_as_one_line() {
    let (bg, url) = listen(&["--events", "post.failed", "--secret", SECRET]);
    post_signed(&url, SECRET, &payload("message.read"));
    post_signed(&url, SECRET, &payload("post.failed"));
    bg.interrupt();
    let out = bg.finish();
    let first: Vec<&str> = out
        .stdout
        .lines()
        .take_while(|l| !l.starts_with("#2"))
        .collect();
    assert_eq!(first.len(), 1, "a filtered delivery is one line: {first:?}");
    assert!(first[0].contains("message.read") && first[0].contains("→ 200"));
    assert!(
        out.stdout.contains("linkedin"),
        "post.failed printed in full: {}",
        out.stdout
    );

    let mut command = cmd();
    command.args(["listen", "--port", "0", "--events", "post.publishd"]);
    let out = crate::support::run(command, b"");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("did you mean `post.published`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn exit_after_counts_matching_deliveries_and_timeout_fails() {
    let (bg, url) = listen(&[
        "--events",
        "webhook.test",
        "--exit-after",
        "2",
        "--timeout",
        "60s",
    ]);
    raw_post(&url, &[], &payload("post.published"));
    raw_post(&url, &[], &payload("webhook.test"));
    let (status, _) = raw_post(&url, &[], &payload("webhook.test"));
    assert_eq!(
        status, 200,
        "the delivery that completes the count is still answered"
    );
    let out = bg.finish();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("exit after 2 deliveries"),
        "{}",
        out.stdout
    );

    let (bg, _url) = listen(&["--exit-after", "1", "--timeout", "300ms"]);
    let out = bg.finish();
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .contains("timed out: 0 of 1 expected deliveries arrived"),
        "{}",
        out.stderr
    );
}

#[test]
fn capture_round_trips_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (bg, url) = listen(&["--secret", SECRET, "--save", dir.path().to_str().unwrap()]);
    let body = b"{\"id\":\"cap-1\",\"event\":\"webhook.test\",\"message\":\"caf\xc3\xa9\",\"timestamp\":\"2026-01-01T00:00:00Z\"}\n".to_vec();
    let sig = hmac_hex(SECRET, &body);
    let (status, _) = raw_post(
        &format!("{url}/hooks/zernio?tenant=acme"),
        &[
            ("X-Zernio-Signature", &sig),
            ("X-Custom", "one"),
            ("X-Custom", "two"),
            ("X-Zernio-Event", "webhook.test"),
        ],
        &body,
    );
    assert_eq!(status, 200);
    let binary = [0xffu8, 0xfe, 0x00, 0x7b];
    let (status, _) = raw_post(
        &url,
        &[("X-Zernio-Signature", &hmac_hex(SECRET, &binary))],
        &binary,
    );
    assert_eq!(status, 400, "valid signature but not JSON");
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(out.code, Some(130));

    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(
        files[0]
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .ends_with("-000001-webhook.test.json")
    );
    let capture: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    assert_eq!(capture["format"], "zernio-hooks/capture");
    assert_eq!(capture["version"], 1);
    assert_eq!(capture["path"], "/hooks/zernio");
    assert_eq!(capture["query"], "tenant=acme");
    assert_eq!(capture["body_encoding"], "utf8");
    assert_eq!(capture["body"].as_str().unwrap().as_bytes(), &body[..]);
    assert_eq!(capture["verdict"], "valid");
    assert_eq!(capture["answer"]["status"], 200);
    let custom: Vec<&Value> = capture["headers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h[0] == "x-custom")
        .map(|h| &h[1])
        .collect();
    assert_eq!(custom, ["one", "two"], "repeated headers kept in order");

    let parsed = zernio_hooks::capture::Capture::from_value(capture).unwrap();
    assert_eq!(parsed.raw_body().unwrap(), body);
    let binary_capture: Value = serde_json::from_slice(&std::fs::read(&files[1]).unwrap()).unwrap();
    assert_eq!(binary_capture["body_encoding"], "base64");
    let parsed = zernio_hooks::capture::Capture::from_value(binary_capture).unwrap();
    assert_eq!(parsed.raw_body().unwrap(), binary);
}

#[test]
fn capture_failure_answers_500_so_zernio_retries() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("captures");
    let (bg, url) = listen(&["--save", save.to_str().unwrap()]);
    // Take the folder away after listen checked it.
    std::fs::remove_dir_all(&save).unwrap();
    std::fs::write(&save, b"not a folder").unwrap();
    let (status, answer) = raw_post(&url, &[], &payload("webhook.test"));
    assert_eq!(status, 500, "{answer}");
    bg.interrupt();
    let out = bg.finish();
    assert!(out.stdout.contains("capture not written"), "{}", out.stdout);
}

#[test]
fn forwards_re_signed_with_the_apps_answer() {
    let app = TestServer::start(
        Some("app-secret"),
        Behaviour {
            status: 201,
            body: "{\"app\":\"ok\"}".into(),
            enforce_signature: true,
            headers: vec![("x-app".into(), "yes".into())],
            ..Behaviour::default()
        },
    );
    let (bg, url) = listen(&[
        "--secret",
        SECRET,
        "--forward-to",
        &app.url("/webhooks/zernio?from=listen"),
        "--forward-secret",
        "app-secret",
    ]);
    let body = payload("post.published");
    let sig = hmac_hex(SECRET, &body);
    let (status, answer) = raw_post(
        &format!("{url}/ignored-path"),
        &[
            ("X-Zernio-Signature", &sig),
            ("X-Zernio-Event", "post.published"),
            ("X-Tenant", "acme"),
            ("Connection", "close, X-Hop"),
            ("X-Hop", "drop-me"),
        ],
        &body,
    );
    assert_eq!(status, 201, "the app's status comes back: {answer}");
    assert_eq!(answer, "{\"app\":\"ok\"}");
    let received = app.wait_for(1);
    let got = &received[0];
    assert_eq!(got.path, "/webhooks/zernio");
    assert_eq!(got.query.as_deref(), Some("from=listen"));
    assert_eq!(got.body, body, "same raw bytes");
    assert_eq!(
        got.signature_ok,
        Some(true),
        "re-signed with the forward secret"
    );
    assert_eq!(got.header("x-zernio-event"), Some("post.published"));
    assert_eq!(got.header("x-tenant"), Some("acme"));
    assert_eq!(got.header("x-hop"), None, "hop-by-hop headers dropped");

    // An invalid delivery is refused by listen and never reaches the app.
    let (status, _) = raw_post(&url, &[("X-Zernio-Signature", &"b".repeat(64))], &body);
    assert_eq!(status, 401);
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(app.requests().len(), 1);
    assert!(out.stdout.contains("→ app"), "{}", out.stdout);
}

#[test]
fn forward_defaults_to_the_listen_secret() {
    let app = TestServer::start(
        Some(SECRET),
        Behaviour {
            enforce_signature: true,
            ..Behaviour::default()
        },
    );
    let (bg, url) = listen(&["--secret", SECRET, "--forward-to", &app.url("/")]);
    let body = payload("webhook.test");
    let (status, _) = raw_post(
        &url,
        &[("X-Late-Signature", &hmac_hex(SECRET, &body))],
        &body,
    );
    assert_eq!(status, 200);
    let got = &app.wait_for(1)[0];
    assert_eq!(
        got.header("x-late-signature").map(str::len),
        Some(64),
        "the legacy name is kept"
    );
    drop(bg);
}

#[test]
fn forward_reports_app_down_and_app_slow() {
    let down = format!("http://127.0.0.1:{}/", closed_port());
    let (bg, url) = listen(&["--forward-to", &down, "--json"]);
    let (status, answer) = raw_post(&url, &[], &payload("webhook.test"));
    assert_eq!(status, 502, "{answer}");
    assert!(answer.contains("unreachable"), "{answer}");
    bg.interrupt();
    let out = bg.finish();
    let delivery = &json_deliveries(&out.stdout)[0];
    assert!(
        delivery["forward"]["error"]
            .as_str()
            .unwrap()
            .contains("cannot connect"),
        "{delivery}"
    );

    let slow = TestServer::start(
        None,
        Behaviour {
            delay: Duration::from_secs(3),
            ..Behaviour::default()
        },
    );
    let (bg, url) = listen(&["--forward-to", &slow.url("/"), "--forward-timeout", "200ms"]);
    let (status, answer) = raw_post(&url, &[], &payload("webhook.test"));
    assert_eq!(status, 504, "{answer}");
    assert!(answer.contains("did not answer within 200ms"), "{answer}");
    bg.interrupt();
    let out = bg.finish();
    assert!(
        out.stdout
            .contains("✗ forward: the app did not answer within 200ms (answered 504)"),
        "{}",
        out.stdout
    );
}

#[test]
fn slow_answers_are_flagged_against_zernios_deadline() {
    let slow = TestServer::start(
        None,
        Behaviour {
            delay: Duration::from_millis(5200),
            ..Behaviour::default()
        },
    );
    let (bg, url) = listen(&["--forward-to", &slow.url("/"), "--forward-timeout", "20s"]);
    let (status, _) = raw_post(&url, &[], &payload("webhook.test"));
    assert_eq!(status, 200);
    bg.interrupt();
    let out = bg.finish();
    assert!(
        out.stdout.contains("over Zernio's 5 s deadline"),
        "{}",
        out.stdout
    );
}

#[test]
fn port_in_use_is_explained() {
    let (bg, url) = listen(&[]);
    let port = url.rsplit(':').next().unwrap().to_string();
    let mut command = cmd();
    command.args(["listen", "--port", &port]);
    let out = crate::support::run(command, b"");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--port 0"), "{}", out.stderr);
    drop(bg);
}

#[test]
fn deliveries_are_handled_concurrently() {
    // The app holds each request for a while; a listener handling them one at a time would never
    // have two in flight at the app.
    let app = TestServer::start(
        None,
        Behaviour {
            delay: Duration::from_millis(300),
            ..Behaviour::default()
        },
    );
    let mut command = cmd();
    command.args([
        "listen",
        "--port",
        "0",
        "--forward-to",
        &app.url("/"),
        "--json",
    ]);
    let (bg, url) = listen_with(command);
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || raw_post(&url, &[], &payload("webhook.test")).0)
        })
        .collect();
    let statuses: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(json_deliveries(&out.stdout).len(), 8);
    assert!(
        app.max_in_flight.load(std::sync::atomic::Ordering::SeqCst) >= 2,
        "forwarded concurrently"
    );
}

#[test]
fn a_body_cut_short_is_still_shown() {
    use std::io::Write;
    let (bg, url) = listen(&["--json"]);
    let addr = url.trim_start_matches("http://").to_string();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream
        .write_all(b"POST /cut HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"id\":\"cut\"")
        .unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let mut rest = Vec::new();
    let _ = std::io::Read::read_to_end(&mut stream, &mut rest);
    bg.interrupt();
    let out = bg.finish();
    let delivery = out
        .json_lines()
        .into_iter()
        .find(|l| l["type"] == "delivery")
        .expect("the cut request is reported");
    assert_eq!(delivery["rejection"], "unreadable", "{delivery}");
    assert_eq!(delivery["path"], "/cut");
}

#[test]
fn listen_stops_quietly_when_its_output_is_closed() {
    use std::io::BufRead;
    let mut command = cmd();
    command
        .args(["listen", "--port", "0", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut ready = String::new();
    stdout.read_line(&mut ready).unwrap();
    let ready: Value = serde_json::from_str(&ready).unwrap();
    // The reader goes away (`listen --json | head -1`); the next delivery finds stdout closed.
    drop(stdout);
    let (status, _) = raw_post(
        ready["url"].as_str().unwrap(),
        &[],
        &payload("webhook.test"),
    );
    assert_eq!(status, 200, "the delivery is still answered");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let output = rx
        .recv_timeout(crate::support::DEADLINE)
        .expect("listen exits once its output is closed")
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
}
