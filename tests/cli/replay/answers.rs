//! Judging answers: `--expect`, `--retry zernio`, a receiver that is down, slow, failing or not
//! TLS, Ctrl-C, and a closed output.

use super::*;

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

#[test]
fn an_environment_proxy_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let body = compact("post.failed", "evt_proxy");
    let file = write_file(dir.path(), "p.json", &body);
    // The receiver stands in for an HTTP proxy: it gets the request in absolute form.
    let proxy = TestServer::start(Some(SECRET), Behaviour::default());
    let mut command = cmd();
    command
        .args(["replay", path(&file), "--secret", SECRET])
        .args(["--to", "http://app.zernio-hooks.invalid/webhooks/zernio"])
        .env("HTTP_PROXY", proxy.url(""));
    let out = run(command, b"");
    assert_eq!(out.code, Some(0), "{}{}", out.stdout, out.stderr);
    let got = proxy.requests();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].path, "/webhooks/zernio");
    assert_eq!(got[0].header("host"), Some("app.zernio-hooks.invalid"));
    assert_eq!(got[0].body, body);
    assert_eq!(got[0].signature_ok, Some(true));
}
