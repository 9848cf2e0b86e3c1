//! `zernio-hooks replay` end to end: the real binary sending real signed payloads to local
//! receivers on 127.0.0.1:0 that check signatures with their own HMAC code.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

use crate::support::{
    Behaviour, DEADLINE, Outcome, TestServer, closed_port, cmd, hmac_hex, listen, post_signed, run,
    write_file,
};

const SECRET: &str = "whsec_replay_test_0123456789";

/// A realistic payload of `event` with a known id, pretty-printed with a trailing newline, as a
/// fixture made by `trigger > file` would be.
fn fixture(event: &str, id: &str) -> Vec<u8> {
    let kind = zernio_hooks::events::find(event).unwrap();
    let mut value = zernio_hooks::sample::Generator::fresh().payload(kind);
    value["id"] = json!(id);
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap();
    bytes.push(b'\n');
    bytes
}

fn compact(event: &str, id: &str) -> Vec<u8> {
    let value: Value = serde_json::from_slice(&fixture(event, id)).unwrap();
    serde_json::to_vec(&value).unwrap()
}

fn replay(args: &[&str]) -> Outcome {
    replay_with_stdin(args, b"")
}

fn replay_with_stdin(args: &[&str], stdin: &[u8]) -> Outcome {
    let mut command = cmd();
    command.arg("replay").args(args);
    run(command, stdin)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn results(out: &Outcome) -> Vec<Value> {
    out.json_lines()
        .into_iter()
        .filter(|v| v["type"] == "result")
        .collect()
}

fn bodies(server: &TestServer) -> Vec<Vec<u8>> {
    server.requests().into_iter().map(|r| r.body).collect()
}

#[test]
fn plain_files_go_byte_for_byte_with_zernio_headers() {
    let dir = tempfile::tempdir().unwrap();
    let body = fixture("post.failed", "evt_plain_1");
    let file = write_file(dir.path(), "post.failed.json", &body);
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let url = server.url("/webhooks/zernio");
    let out = replay(&[
        path(&file),
        "--to",
        &url,
        "--secret",
        SECRET,
        "-H",
        "X-Env: ci",
    ]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    let got = server.requests();
    assert_eq!(got.len(), 1);
    let request = &got[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/webhooks/zernio");
    assert_eq!(
        request.body, body,
        "byte for byte, trailing newline included"
    );
    assert_eq!(request.signature_ok, Some(true));
    assert_eq!(
        request.header("x-zernio-signature"),
        Some(hmac_hex(SECRET, &body).as_str())
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("x-zernio-event"), Some("post.failed"));
    assert_eq!(request.header("x-zernio-event-id"), Some("evt_plain_1"));
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("zernio-hooks/", env!("CARGO_PKG_VERSION")))
    );
    assert_eq!(request.header("x-env"), Some("ci"));
    assert_eq!(request.header("x-late-signature"), None);
    assert_eq!(request.header("x-late-event"), None);
    let line = out.stdout.lines().next().unwrap();
    for part in [
        "post.failed.json",
        "post.failed",
        "evt_plain_1",
        "200",
        "✓ ok",
    ] {
        assert!(line.contains(part), "{line:?} lacks {part}");
    }
    assert!(
        out.stdout
            .contains("Summary: 1 delivery to http://127.0.0.1:"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("1 met the expectation (2xx within 5s), 0 did not")
    );
}

#[test]
fn ndjson_lines_go_without_their_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let a = compact("message.received", "evt_line_1");
    let b = compact("comment.received", "evt_line_2");
    let c = compact("webhook.test", "evt_line_3");
    let mut text = Vec::new();
    text.extend_from_slice(&a);
    text.extend_from_slice(b"\r\n\n");
    text.extend_from_slice(&b);
    text.extend_from_slice(b"\n");
    let ndjson = write_file(dir.path(), "batch.ndjson", &text);
    let jsonl = write_file(dir.path(), "more.jsonl", &c);
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let out = replay(&[
        path(&ndjson),
        path(&jsonl),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(bodies(&server), [a, b, c]);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.signature_ok == Some(true))
    );
    let lines: Vec<Value> = results(&out).iter().map(|r| r["line"].clone()).collect();
    assert_eq!(
        lines,
        [json!(1), json!(3), json!(1)],
        "blank lines are skipped, numbering is not"
    );
}

#[test]
fn folders_are_walked_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let b = write_file(root, "b.json", &compact("post.published", "evt_b"));
    let _ = b;
    write_file(root, "a/2.json", &compact("post.published", "evt_a2"));
    write_file(root, "a/10.json", &compact("post.published", "evt_a10"));
    let mut lines = compact("post.failed", "evt_c1");
    lines.push(b'\n');
    lines.extend_from_slice(&compact("post.failed", "evt_c2"));
    write_file(root, "a/sub/c.ndjson", &lines);
    write_file(root, "README.md", b"# not a payload");
    write_file(root, ".partial.json", b"{");
    let server = TestServer::start(None, Behaviour::default());
    let out = replay(&[path(root), "--to", &server.url("/")]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let ids: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("x-zernio-event-id").unwrap().to_string())
        .collect();
    assert_eq!(ids, ["evt_a10", "evt_a2", "evt_c1", "evt_c2", "evt_b"]);
}

#[test]
fn stdin_is_one_document_or_ndjson() {
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let document = fixture("account.connected", "evt_stdin_doc");
    let out = replay_with_stdin(
        &["-", "--to", &server.url("/"), "--secret", SECRET],
        &document,
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        bodies(&server),
        [document],
        "a single document is sent as is"
    );
    assert!(out.stdout.contains("stdin "), "{}", out.stdout);

    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let a = compact("post.partial", "evt_stdin_1");
    let b = compact("post.cancelled", "evt_stdin_2");
    let stream = [a.clone(), b"\n".to_vec(), b.clone(), b"\n".to_vec()].concat();
    let out = replay_with_stdin(
        &["-", "--to", &server.url("/"), "--secret", SECRET, "--json"],
        &stream,
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(bodies(&server), [a, b]);
    assert_eq!(results(&out)[1]["line"], 2);
    assert_eq!(results(&out)[1]["file"], "-");
}

/// A capture file as `listen --save` writes it, made with the project's own capture type.
fn capture_file(dir: &Path, name: &str, body: &[u8], headers: &[(&str, &str)]) -> PathBuf {
    let (text, encoding) = zernio_hooks::capture::encode_body(body);
    let value: Value = serde_json::from_slice(body).unwrap();
    let capture = zernio_hooks::capture::Capture {
        format: zernio_hooks::capture::FORMAT.into(),
        version: zernio_hooks::capture::VERSION,
        seq: 1,
        received_at: "2026-11-29T17:59:29.123456Z".into(),
        source: "http".into(),
        remote_addr: Some("127.0.0.1:5000".into()),
        method: "POST".into(),
        path: "/hook".into(),
        query: None,
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        body: text,
        body_encoding: encoding,
        body_size: body.len() as u64,
        body_complete: true,
        event: value["event"].as_str().map(str::to_string),
        event_id: value["id"].as_str().map(str::to_string),
        verdict: "valid".into(),
        explanation: "signature valid".into(),
        answer: zernio_hooks::capture::Answer {
            status: 200,
            source: "listen".into(),
            latency_ms: 0.4,
        },
    };
    write_file(dir, name, &serde_json::to_vec_pretty(&capture).unwrap())
}

#[test]
fn captures_send_their_raw_body_and_custom_headers() {
    let dir = tempfile::tempdir().unwrap();
    let body = compact("message.sent", "evt_capture_1");
    let old = hmac_hex("the-old-secret", &body);
    let file = capture_file(
        dir.path(),
        "capture.json",
        &body,
        &[
            ("host", "old.example.com"),
            ("content-length", "999"),
            ("connection", "keep-alive, x-hop"),
            ("x-hop", "hop"),
            ("user-agent", "Zernio-Webhooks/1.0"),
            ("x-zernio-signature", &old),
            ("x-late-signature", &old),
            ("x-zernio-event-id", "stale"),
            ("x-forwarded-for", "203.0.113.7"),
            ("x-tenant", "acme"),
        ],
    );
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let out = replay(&[path(&file), "--to", &server.url("/"), "--secret", SECRET]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    let request = &server.requests()[0];
    assert_eq!(
        request.body, body,
        "the stored raw body, not the capture file"
    );
    assert_eq!(
        request.signature_ok,
        Some(true),
        "re-signed with the replay secret"
    );
    assert_eq!(request.header_all("x-zernio-signature").len(), 1);
    assert_eq!(
        request.header("x-late-signature"),
        None,
        "old signature header dropped"
    );
    assert_eq!(
        request.header("x-tenant"),
        Some("acme"),
        "custom header kept"
    );
    assert_eq!(
        request.header("x-hop"),
        None,
        "hop-by-hop (named in Connection) dropped"
    );
    assert_eq!(request.header("x-forwarded-for"), None);
    assert_eq!(request.header("x-zernio-event-id"), Some("evt_capture_1"));
    assert_ne!(request.header("host"), Some("old.example.com"));
    assert!(
        request
            .header("user-agent")
            .unwrap()
            .starts_with("zernio-hooks/")
    );
}

#[test]
fn legacy_headers_add_the_x_late_names() {
    let dir = tempfile::tempdir().unwrap();
    let body = compact("post.published", "evt_legacy");
    let file = write_file(dir.path(), "p.json", &body);
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let out = replay(&[
        path(&file),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--legacy-headers",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let request = &server.requests()[0];
    let signature = hmac_hex(SECRET, &body);
    assert_eq!(request.header("x-late-signature"), Some(signature.as_str()));
    assert_eq!(
        request.header("x-zernio-signature"),
        Some(signature.as_str())
    );
    assert_eq!(request.header("x-late-event"), Some("post.published"));
    assert_eq!(request.header("x-late-event-id"), Some("evt_legacy"));
}

#[test]
fn without_a_secret_there_is_no_signature_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "p.json",
        &compact("webhook.test", "evt_unsigned"),
    );
    let server = TestServer::start(None, Behaviour::default());
    let out = replay(&[path(&file), "--to", &server.url("/")]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(server.requests()[0].header("x-zernio-signature"), None);
    assert!(
        out.stderr
            .contains("warning: no secret given: deliveries are sent without X-Zernio-Signature"),
        "{}",
        out.stderr
    );
}

#[test]
fn secret_comes_from_env_or_file_too() {
    let dir = tempfile::tempdir().unwrap();
    let body = compact("webhook.test", "evt_secret_sources");
    let file = write_file(dir.path(), "p.json", &body);
    let secret_file = write_file(dir.path(), "secret.txt", format!("{SECRET}\n").as_bytes());
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let mut command = cmd();
    command
        .args(["replay", path(&file), "--to", &server.url("/")])
        .env("ZERNIO_WEBHOOK_SECRET", SECRET);
    assert_eq!(run(command, b"").code, Some(0));
    let out = replay(&[
        path(&file),
        "--to",
        &server.url("/"),
        "--secret-file",
        path(&secret_file),
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.signature_ok == Some(true))
    );
}

#[test]
fn expect_asserts_other_answers() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "p.json", &compact("post.failed", "evt_expect"));
    let server = TestServer::start(
        Some(SECRET),
        Behaviour {
            status: 404,
            body: "{\"error\":\"no such route\"}".into(),
            ..Behaviour::default()
        },
    );
    let url = server.url("/");
    let base = [path(&file), "--to", url.as_str(), "--secret", SECRET];
    let out = replay(&base);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains("✗ expected 2xx, got 404"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("response: {\"error\":\"no such route\"}"),
        "{}",
        out.stdout
    );
    for (expect, code) in [("404", 0), ("4xx", 0), ("5xx", 1), ("401", 1)] {
        let out = replay(&[&base[..], &["--expect", expect]].concat());
        assert_eq!(out.code, Some(code), "--expect {expect}: {}", out.stdout);
    }
    let out = replay(&[&base[..], &["--expect", "9xx"]].concat());
    assert_eq!(out.code, Some(2), "a bad --expect is a usage error");
}

#[test]
fn tamper_proves_the_handler_checks_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "p.json", &compact("post.failed", "evt_tamper"));
    let strict = TestServer::start(
        Some(SECRET),
        Behaviour {
            enforce_signature: true,
            ..Behaviour::default()
        },
    );
    let out = replay(&[
        path(&file),
        "--to",
        &strict.url("/"),
        "--secret",
        SECRET,
        "--tamper",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    let request = &strict.requests()[0];
    assert_eq!(
        request.signature_ok,
        Some(false),
        "the signature sent is wrong"
    );
    assert_eq!(request.header("x-zernio-signature").unwrap().len(), 64);
    assert!(out.stdout.contains("401"), "{}", out.stdout);

    let lax = TestServer::start(Some(SECRET), Behaviour::default());
    let out = replay(&[
        path(&file),
        "--to",
        &lax.url("/"),
        "--secret",
        SECRET,
        "--tamper",
    ]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains("✗ expected 401 or 403, got 200"),
        "{}",
        out.stdout
    );
    let out = replay(&[
        path(&file),
        "--to",
        &lax.url("/"),
        "--secret",
        SECRET,
        "--tamper",
        "--expect",
        "2xx",
    ]);
    assert_eq!(out.code, Some(0), "--expect overrides the tamper default");

    let before = lax.requests().len();
    let out = replay(&[path(&file), "--to", &lax.url("/"), "--tamper"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("--tamper needs the webhook secret"),
        "{}",
        out.stderr
    );
    assert_eq!(lax.requests().len(), before, "nothing sent");
}

#[test]
fn repeat_sends_the_same_event_id_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let body = compact("post.published", "evt_repeat");
    let file = write_file(dir.path(), "p.json", &body);
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let out = replay(&[
        path(&file),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--repeat",
        "3",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let got = server.requests();
    assert_eq!(got.len(), 3);
    for request in &got {
        assert_eq!(request.body, body);
        assert_eq!(request.header("x-zernio-event-id"), Some("evt_repeat"));
        assert_eq!(request.signature_ok, Some(true));
    }
    for copy in ["p.json #1", "p.json #2", "p.json #3"] {
        assert!(out.stdout.contains(copy), "{}", out.stdout);
    }
}

#[test]
fn fresh_gives_each_payload_a_new_id_and_timestamp() {
    let dir = tempfile::tempdir().unwrap();
    let original: Value = serde_json::from_slice(&fixture("post.failed", "evt_old")).unwrap();
    let mut original = original;
    original["timestamp"] = json!("2020-01-01T00:00:00.000Z");
    let file = write_file(
        dir.path(),
        "p.json",
        &serde_json::to_vec_pretty(&original).unwrap(),
    );
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let out = replay(&[
        path(&file),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--fresh",
        "--repeat",
        "2",
        "--json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let got = server.requests();
    assert_eq!(got.len(), 2);
    let sent: Value = serde_json::from_slice(&got[0].body).unwrap();
    let new_id = sent["id"].as_str().unwrap();
    assert_ne!(new_id, "evt_old");
    assert_ne!(sent["timestamp"], original["timestamp"]);
    assert_eq!(got[0].header("x-zernio-event-id"), Some(new_id));
    assert_eq!(
        got[0].signature_ok,
        Some(true),
        "the signature covers the new bytes"
    );
    assert_eq!(
        got[0].body,
        serde_json::to_vec(&sent).unwrap(),
        "re-serialised compactly"
    );
    let mut rest = sent.clone();
    rest["id"] = original["id"].clone();
    rest["timestamp"] = original["timestamp"].clone();
    assert_eq!(rest, original, "nothing else changes");
    assert_eq!(
        got[1].body, got[0].body,
        "repeats of one payload share its fresh id"
    );
    assert_eq!(results(&out)[0]["id"], new_id);

    let again = replay(&[
        path(&file),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--fresh",
    ]);
    assert_eq!(again.code, Some(0));
    let third: Value = serde_json::from_slice(&server.requests()[2].body).unwrap();
    assert_ne!(third["id"], sent["id"], "every run is fresh");
}

#[test]
fn retry_follows_zernios_schedule_and_reports_the_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let body = compact("post.failed", "evt_retry");
    let file = write_file(dir.path(), "p.json", &body);
    let server = TestServer::start(
        Some(SECRET),
        Behaviour {
            script: vec![500, 503],
            ..Behaviour::default()
        },
    );
    let args = [
        path(&file),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--retry",
        "zernio",
        "--retry-scale",
        "0.00001",
    ];
    let out = replay(&args);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("✓ ok (attempt 3 of 7)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("expected 2xx, got 500; attempt 2 of 7 in 100us"),
        "{}",
        out.stderr
    );
    let got = server.requests();
    assert_eq!(got.len(), 3);
    assert!(
        got.iter()
            .all(|r| r.body == body && r.signature_ok == Some(true))
    );
    assert!(
        got.iter()
            .all(|r| r.header("x-zernio-event-id") == Some("evt_retry"))
    );

    server.behaviour.lock().unwrap().status = 500;
    let out = replay(&[&args[..], &["--json"]].concat());
    assert_eq!(out.code, Some(1));
    let result = &results(&out)[0];
    assert_eq!(result["attempt"], 7);
    assert_eq!(result["max_attempts"], 7);
    assert_eq!(result["ok"], false);
    assert_eq!(
        server.requests().len(),
        3 + 7,
        "7 attempts in all, then it gives up"
    );
}

/// A receiver that holds the delivery with event ID `held` until every other one has been
/// answered, so it finishes last; it records the order in which answers were sent.
struct HoldServer {
    url: String,
    answered: Arc<Mutex<Vec<String>>>,
    _runtime: tokio::runtime::Runtime,
}

impl HoldServer {
    fn start(held: &str, others: usize) -> HoldServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let answered = Arc::new(Mutex::new(Vec::new()));
        let (count_tx, count_rx) = tokio::sync::watch::channel(0usize);
        let count_tx = Arc::new(count_tx);
        let held = held.to_string();
        let log = answered.clone();
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (log, held, count_tx, count_rx) = (
                    log.clone(),
                    held.clone(),
                    count_tx.clone(),
                    count_rx.clone(),
                );
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (log, held, count_tx, mut count_rx) = (
                            log.clone(),
                            held.clone(),
                            count_tx.clone(),
                            count_rx.clone(),
                        );
                        async move {
                            let id = req
                                .headers()
                                .get("x-zernio-event-id")
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or_default()
                                .to_string();
                            let status = if id == held {
                                let waited = tokio::time::timeout(
                                    DEADLINE,
                                    count_rx.wait_for(|n| *n >= others),
                                )
                                .await;
                                if waited.is_ok() { 200 } else { 500 }
                            } else {
                                count_tx.send_modify(|n| *n += 1);
                                200
                            };
                            log.lock().unwrap().push(id);
                            Ok::<_, std::convert::Infallible>(
                                hyper::Response::builder()
                                    .status(status)
                                    .body(Full::new(Bytes::from_static(b"{}")))
                                    .unwrap(),
                            )
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        HoldServer {
            url,
            answered,
            _runtime: runtime,
        }
    }
}

#[test]
fn concurrency_reports_results_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..8 {
        write_file(
            dir.path(),
            &format!("d{i}.json"),
            &compact("post.published", &format!("evt_{i}")),
        );
    }
    let server = HoldServer::start("evt_0", 7);
    let out = replay(&[path(dir.path()), "--to", &server.url, "-c", "4", "--json"]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    let answered = server.answered.lock().unwrap().clone();
    assert_eq!(answered.len(), 8);
    assert_eq!(
        answered.last().map(String::as_str),
        Some("evt_0"),
        "the first finished last"
    );
    let ids: Vec<String> = results(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (0..8).map(|i| format!("evt_{i}")).collect();
    assert_eq!(ids, expected, "still printed in input order");
    let indexes: Vec<u64> = results(&out)
        .iter()
        .map(|r| r["index"].as_u64().unwrap())
        .collect();
    assert_eq!(indexes, (1..=8).collect::<Vec<_>>());
}

#[test]
fn concurrency_bounds_deliveries_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<u8> = (0..12)
        .flat_map(|i| {
            [
                compact("webhook.test", &format!("evt_c{i}")),
                b"\n".to_vec(),
            ]
            .concat()
        })
        .collect();
    let file = write_file(dir.path(), "many.ndjson", &lines);
    for concurrency in ["1", "3"] {
        let server = TestServer::start(
            None,
            Behaviour {
                delay: std::time::Duration::from_millis(20),
                ..Behaviour::default()
            },
        );
        let out = replay(&[
            path(&file),
            "--to",
            &server.url("/"),
            "-c",
            concurrency,
            "--rate",
            "2000/s",
        ]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(server.requests().len(), 12);
        let most = server
            .max_in_flight
            .load(std::sync::atomic::Ordering::SeqCst);
        assert!(
            most <= concurrency.parse().unwrap(),
            "-c {concurrency}: {most} in flight at once"
        );
    }
}

#[test]
fn dry_run_shows_headers_and_signatures_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let body = compact("post.published", "evt_dry");
    let file = write_file(dir.path(), "p.json", &body);
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let token = "Bearer tok_0123456789abcdefghij";
    let args = [
        path(&file),
        "--to",
        &server.url("/hook"),
        "--secret",
        SECRET,
        "--dry-run",
        "-H",
        &format!("Authorization: {token}"),
        "--repeat",
        "2",
    ];
    let out = replay(&args);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let signature = hmac_hex(SECRET, &body);
    assert!(
        out.stdout
            .contains(&format!("  x-zernio-signature: {signature}\n")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("  x-zernio-event: post.published\n"));
    assert!(out.stdout.contains("  x-zernio-event-id: evt_dry\n"));
    assert!(
        out.stdout
            .contains(&format!("  content-length: {}\n", body.len()))
    );
    assert!(
        out.stdout.contains("  authorization: Bear…ghij\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("(sent 2 times)"));
    assert!(out.stdout.contains("nothing was sent"));
    assert!(!out.stdout.contains(token) && !out.stderr.contains(token));
    assert!(!out.stdout.contains(SECRET) && !out.stderr.contains(SECRET));

    let out = replay(&[&args[..], &["--json"]].concat());
    let lines = out.json_lines();
    assert_eq!(lines.len(), 2);
    let keys: Vec<&str> = lines[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "type",
            "file",
            "line",
            "event",
            "id",
            "method",
            "url",
            "headers",
            "signature",
            "bytes",
            "repeat",
            "body"
        ]
    );
    assert_eq!(lines[0]["type"], "dry_run");
    assert_eq!(lines[0]["signature"], signature);
    assert_eq!(lines[0]["bytes"], body.len());
    assert_eq!(lines[1]["type"], "summary");
    assert_eq!(lines[1]["deliveries"], 2);

    let out = replay(&[path(&file), "--dry-run", "--secret", SECRET]);
    assert_eq!(
        out.code,
        Some(0),
        "--to is optional with --dry-run: {}",
        out.stderr
    );
    assert!(out.stdout.contains("POST (no --to given)"));
    assert!(server.requests().is_empty(), "a dry run sends nothing");
}

#[test]
fn junit_report_parses_with_one_case_per_delivery() {
    let dir = tempfile::tempdir().unwrap();
    for (i, event) in ["post.published", "post.failed", "comment.received"]
        .iter()
        .enumerate()
    {
        write_file(
            dir.path(),
            &format!("{i}.json"),
            &compact(event, &format!("evt_r{i}")),
        );
    }
    let server = TestServer::start(
        Some(SECRET),
        Behaviour {
            script: vec![200, 500, 200],
            body: "{\"error\":\"database is down\"}".into(),
            ..Behaviour::default()
        },
    );
    let report = dir.path().join("out/report.xml");
    std::fs::create_dir_all(report.parent().unwrap()).unwrap();
    let out = replay(&[
        path(dir.path()),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--report",
        path(&report),
    ]);
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    let xml = std::fs::read_to_string(&report).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut cases = Vec::new();
    let mut failures = Vec::new();
    let mut suite_attrs = Vec::new();
    let mut in_failure = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .map(|a| {
                        let a = a.unwrap();
                        (
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .to_string(),
                        )
                    })
                    .collect();
                match e.name().as_ref() {
                    b"testsuite" => suite_attrs = attrs,
                    b"testcase" => cases.push(attrs),
                    b"failure" => {
                        in_failure = true;
                        failures.push((attrs, String::new()));
                    }
                    _ => {}
                }
            }
            quick_xml::events::Event::Text(text) if in_failure => {
                failures.last_mut().unwrap().1 += &text.decode().unwrap();
            }
            quick_xml::events::Event::GeneralRef(r) if in_failure => {
                let name = r.decode().unwrap();
                failures.last_mut().unwrap().1 += match name.as_ref() {
                    "quot" => "\"",
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    _ => "'",
                };
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == b"failure" => {
                in_failure = false
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let attr = |attrs: &[(String, String)], key: &str| {
        attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(attr(&suite_attrs, "tests"), "3");
    assert_eq!(attr(&suite_attrs, "failures"), "1");
    assert_eq!(cases.len(), 3);
    let classnames: Vec<String> = cases.iter().map(|c| attr(c, "classname")).collect();
    assert_eq!(
        classnames,
        ["post.published", "post.failed", "comment.received"]
    );
    assert!(
        attr(&cases[1], "name").ends_with("1.json evt_r1"),
        "{:?}",
        cases[1]
    );
    assert_eq!(failures.len(), 1);
    let (attrs, text) = &failures[0];
    assert_eq!(attr(attrs, "message"), "expected 2xx, got 500");
    assert!(text.contains("status: 500 (expected 2xx)"), "{text}");
    assert!(text.contains("latency: "), "{text}");
    assert!(
        text.contains("response: {\"error\":\"database is down\"}"),
        "{text}"
    );
}

#[test]
fn an_unwritable_report_fails_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "p.json", &compact("post.failed", "evt_x"));
    let server = TestServer::start(None, Behaviour::default());
    let report = dir.path().join("missing-folder/report.xml");
    let out = replay(&[
        path(&file),
        "--to",
        &server.url("/"),
        "--report",
        path(&report),
    ]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("--report: cannot create"),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn json_lines_shape_is_pinned() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "p.ndjson", &compact("post.failed", "evt_shape"));
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let out = replay(&[
        path(&file),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let lines = out.json_lines();
    assert_eq!(lines.len(), 2);
    let result = &lines[0];
    let keys: Vec<&str> = result
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "type",
            "index",
            "file",
            "line",
            "copy",
            "event",
            "id",
            "status",
            "latency_ms",
            "ok",
            "verdict",
            "expected",
            "attempt",
            "max_attempts",
            "error",
            "response"
        ]
    );
    assert_eq!(result["type"], "result");
    assert_eq!(result["index"], 1);
    assert_eq!(result["file"], path(&file));
    assert_eq!(result["line"], 1);
    assert_eq!(result["copy"], 1);
    assert_eq!(result["event"], "post.failed");
    assert_eq!(result["id"], "evt_shape");
    assert_eq!(result["status"], 200);
    assert!(result["latency_ms"].is_f64());
    assert_eq!(result["ok"], true);
    assert_eq!(result["verdict"], "ok");
    assert_eq!(result["expected"], "2xx");
    assert_eq!(result["attempt"], 1);
    assert_eq!(result["max_attempts"], 1);
    assert_eq!(result["error"], Value::Null);
    assert_eq!(result["response"], Value::Null);
    let summary = &lines[1];
    let keys: Vec<&str> = summary
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "type",
            "url",
            "deliveries",
            "planned",
            "ok",
            "failed",
            "attempts",
            "expected",
            "timeout_ms",
            "elapsed_ms",
            "per_second",
            "latency_ms",
            "interrupted"
        ]
    );
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["url"], server.url("/"));
    assert_eq!(
        (summary["deliveries"].as_u64(), summary["ok"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(summary["failed"], 0);
    assert_eq!(summary["timeout_ms"], 5000);
    assert_eq!(summary["interrupted"], false);
    assert!(summary["latency_ms"]["avg"].is_f64() && summary["latency_ms"]["max"].is_f64());
    assert!(
        out.stderr.is_empty(),
        "no bar or notes in --json: {}",
        out.stderr
    );
}

#[test]
fn every_bad_input_exits_2_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = write_file(d, "0-good.json", &compact("post.failed", "evt_good"));
    let good_line = String::from_utf8(compact("post.failed", "evt_good_line")).unwrap();
    let capture_v2 = {
        let file = capture_file(
            d,
            "capture-v2.json",
            &compact("webhook.test", "evt_v2"),
            &[],
        );
        let mut value: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        value["version"] = json!(2);
        write_file(d, "capture-v2.json", value.to_string().as_bytes())
    };
    let empty_dir = d.join("empty");
    std::fs::create_dir_all(&empty_dir).unwrap();
    let cases: Vec<(PathBuf, String)> = vec![
        (d.join("missing.json"), "missing.json: cannot read:".into()),
        (
            write_file(d, "broken.json", b"{\n  \"event\": \"post.failed\",\n"),
            "broken.json: invalid JSON: EOF while parsing".into(),
        ),
        (
            write_file(d, "no-event.json", b"{\"id\":\"evt_1\"}"),
            "no-event.json: no `event` field".into(),
        ),
        (
            write_file(d, "no-id.json", b"{\"event\":\"post.failed\"}"),
            "no-id.json: no `id` field".into(),
        ),
        (
            write_file(
                d,
                "unknown.json",
                b"{\"event\":\"post.faild\",\"id\":\"evt_1\"}",
            ),
            "unknown.json: unknown event type `post.faild` (did you mean `post.failed`?)".into(),
        ),
        (
            write_file(
                d,
                "lines.ndjson",
                format!("{good_line}\n{{\"id\":\"x\"}}\n").as_bytes(),
            ),
            "lines.ndjson:2: no `event` field".into(),
        ),
        (
            capture_v2,
            "capture-v2.json: capture: capture format version 2 is not supported".into(),
        ),
        (
            empty_dir,
            "no .json, .ndjson or .jsonl files in this folder".into(),
        ),
        (
            write_file(d, "array.json", b"[1,2]"),
            "array.json: not a JSON object".into(),
        ),
    ];
    let server = TestServer::start(None, Behaviour::default());
    for (bad, message) in &cases {
        let out = replay(&[path(&good), path(bad), "--to", &server.url("/")]);
        assert_eq!(out.code, Some(2), "{}: {}", bad.display(), out.stderr);
        assert!(out.stderr.contains("nothing was sent"), "{}", out.stderr);
        assert!(
            out.stderr.contains(message.as_str()),
            "expected {message:?} in {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{}", out.stdout);
        assert!(
            server.requests().is_empty(),
            "{} let something through",
            bad.display()
        );
    }
    let out = replay_with_stdin(
        &["-", "--to", &server.url("/")],
        b"{\"event\":\"post.failed\",\"id\":\"1\"}\nnope\n",
    );
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("stdin:2: invalid JSON"),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty());

    let unknown = write_file(
        d,
        "new.json",
        b"{\"event\":\"brand.new_thing\",\"id\":\"evt_new\"}",
    );
    let out = replay(&[
        path(&good),
        path(&unknown),
        "--to",
        &server.url("/"),
        "--allow-unknown",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(server.requests().len(), 2);
    assert_eq!(
        server.requests()[1].header("x-zernio-event"),
        Some("brand.new_thing")
    );
}

#[test]
fn computed_headers_cannot_be_overridden() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "p.json", &compact("post.failed", "evt_h"));
    let server = TestServer::start(None, Behaviour::default());
    let out = replay(&[
        path(&file),
        "--to",
        &server.url("/"),
        "-H",
        "X-Zernio-Signature: abc",
    ]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("computes this header itself"),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn receiver_down_slow_or_failing_is_reported_per_delivery() {
    let dir = tempfile::tempdir().unwrap();
    let a = write_file(dir.path(), "a.json", &compact("post.failed", "evt_a"));
    let b = write_file(dir.path(), "b.json", &compact("post.failed", "evt_b"));
    let down = format!("http://127.0.0.1:{}/", closed_port());
    let out = replay(&[path(&a), path(&b), "--to", &down, "--json"]);
    assert_eq!(out.code, Some(1));
    let lines = results(&out);
    assert_eq!(lines.len(), 2, "the run goes on after a failure");
    for line in &lines {
        assert_eq!(line["error"], "connection");
        assert_eq!(line["status"], Value::Null);
        assert!(
            line["verdict"]
                .as_str()
                .unwrap()
                .starts_with("cannot connect:"),
            "{line}"
        );
    }

    let slow = TestServer::start(
        None,
        Behaviour {
            delay: std::time::Duration::from_secs(20),
            ..Behaviour::default()
        },
    );
    let out = replay(&[path(&a), "--to", &slow.url("/"), "--timeout", "200ms"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stdout.contains("✗ no answer within 200ms (timed out)"),
        "{}",
        out.stdout
    );

    let failing = TestServer::start(
        None,
        Behaviour {
            status: 500,
            body: "{\"error\":\"boom\"}".into(),
            ..Behaviour::default()
        },
    );
    let out = replay(&[path(&a), "--to", &failing.url("/")]);
    assert_eq!(out.code, Some(1));
    assert!(out.stdout.contains("500"), "{}", out.stdout);
    assert!(
        out.stdout.contains("✗ expected 2xx, got 500"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("response: {\"error\":\"boom\"}"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("0 met the expectation (2xx within 5s), 1 did not")
    );

    let tls = TestServer::start(None, Behaviour::default());
    let https = format!("https://{}/", tls.addr);
    let out = replay(&[path(&a), "--to", &https]);
    assert_eq!(out.code, Some(1));
    assert!(out.stdout.contains("✗ TLS error:"), "{}", out.stdout);
}

#[test]
fn round_trip_listen_save_then_replay_into_a_verifying_listen() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("captures");
    let (first, first_url) = listen(&["--secret", SECRET, "--save", path(&save)]);
    let originals: Vec<Vec<u8>> = [
        ("post.published", "evt_rt_1"),
        ("message.received", "evt_rt_2"),
        ("webhook.test", "evt_rt_3"),
    ]
    .iter()
    .map(|(event, id)| fixture(event, id))
    .collect();
    for body in &originals {
        let (status, answer) = post_signed(&first_url, SECRET, body);
        assert_eq!(status, 200, "{answer}");
    }
    first.interrupt();
    let _ = first.finish();

    let again = dir.path().join("again");
    let (mut second, second_url) = listen(&["--secret", SECRET, "--json", "--save", path(&again)]);
    let out = replay(&[
        path(&save),
        "--to",
        &second_url,
        "--secret",
        SECRET,
        "--json",
    ]);
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    let statuses: Vec<Value> = results(&out).iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, [json!(200), json!(200), json!(200)]);
    for _ in 0..3 {
        second.wait_stdout(|l| l.contains("\"type\":\"delivery\""));
    }
    second.interrupt();
    let done = second.finish();
    let deliveries: Vec<Value> = done
        .json_lines()
        .into_iter()
        .filter(|v| v["type"] == "delivery")
        .collect();
    assert_eq!(deliveries.len(), 3);
    assert!(
        deliveries.iter().all(|d| d["verdict"] == "valid"),
        "{deliveries:?}"
    );
    assert!(deliveries.iter().all(|d| d["status"] == 200));
    let ids: Vec<&str> = deliveries
        .iter()
        .map(|d| d["event_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["evt_rt_1", "evt_rt_2", "evt_rt_3"],
        "replayed in arrival order"
    );
    let mut names: Vec<PathBuf> = std::fs::read_dir(&again)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let received: Vec<Vec<u8>> = names
        .iter()
        .map(|p| {
            let value: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
            let capture = zernio_hooks::capture::Capture::from_value(value).unwrap();
            capture.raw_body().unwrap()
        })
        .collect();
    assert_eq!(
        received, originals,
        "byte for byte through two listens and a replay"
    );
}

#[test]
fn secrets_never_appear_in_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "p.json", &compact("post.failed", "evt_s"));
    let ok = TestServer::start(Some(SECRET), Behaviour::default());
    let failing = TestServer::start(
        Some(SECRET),
        Behaviour {
            status: 500,
            ..Behaviour::default()
        },
    );
    for (url, extra) in [
        (ok.url("/"), vec![]),
        (ok.url("/"), vec!["--json"]),
        (ok.url("/"), vec!["-v", "--dry-run"]),
        (
            failing.url("/"),
            vec!["-v", "--retry", "zernio", "--retry-scale", "0"],
        ),
    ] {
        let out = replay(&[&[path(&file), "--to", &url, "--secret", SECRET][..], &extra].concat());
        assert!(
            !out.stdout.contains(SECRET) && !out.stderr.contains(SECRET),
            "{extra:?}: {}{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn ctrl_c_during_retries_prints_the_summary_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "p.json", &compact("post.failed", "evt_int"));
    let server = TestServer::start(
        None,
        Behaviour {
            status: 503,
            ..Behaviour::default()
        },
    );
    let mut command = cmd();
    command
        .args([
            "replay",
            path(&file),
            "--to",
            &server.url("/"),
            "--retry",
            "zernio",
        ])
        .stdin(Stdio::null());
    let mut bg = crate::support::Background::spawn(command);
    bg.wait_stderr(|l| l.contains("attempt 2 of 7 in 10s"));
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(out.code, Some(130), "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("interrupted: 1 of 1 deliveries were not completed"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_closed_output_stops_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "p.json", &compact("post.failed", "evt_pipe"));
    let server = TestServer::start(None, Behaviour::default());
    let mut command = cmd();
    command
        .args([
            "replay",
            path(&file),
            "--to",
            &server.url("/"),
            "--repeat",
            "50",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("error"), "{stderr}");
}
