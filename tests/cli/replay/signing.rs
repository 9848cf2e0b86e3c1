//! Headers and signatures: legacy names, secrets from every source, `--tamper`, `--dry-run`,
//! and secrets that never reach the output.

use super::*;

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
    let keys = crate::support::keys(&lines[0]);
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
