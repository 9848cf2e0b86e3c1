//! Every input kind goes byte for byte; every bad input stops the run before anything is sent.

use super::*;

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
fn many_files_keep_their_order_across_reader_threads() {
    // More files than one chunk of sources, so several reader threads take turns.
    let dir = tempfile::tempdir().unwrap();
    let count = 150;
    for i in 0..count {
        write_file(
            dir.path(),
            &format!("{i:03}.json"),
            &compact("webhook.test", &format!("evt_many_{i:03}")),
        );
    }
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let out = replay(&[
        path(dir.path()),
        "--to",
        &server.url("/"),
        "--secret",
        SECRET,
        "--json",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let expected: Vec<String> = (0..count).map(|i| format!("evt_many_{i:03}")).collect();
    let received: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("x-zernio-event-id").unwrap().to_string())
        .collect();
    assert_eq!(received, expected, "sent in name order (concurrency 1)");
    let reported: Vec<String> = results(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reported, expected);

    write_file(dir.path(), "120.json", b"{\"event\":\"webhook.test\"}");
    write_file(dir.path(), "140.json", b"not json");
    let before = server.requests().len();
    let out = replay(&[path(dir.path()), "--to", &server.url("/")]);
    assert_eq!(out.code, Some(2));
    let first = out
        .stderr
        .find("120.json: no `id` field")
        .expect(&out.stderr);
    let second = out
        .stderr
        .find("140.json: invalid JSON")
        .expect(&out.stderr);
    assert!(
        first < second,
        "problems are listed in input order: {}",
        out.stderr
    );
    assert_eq!(server.requests().len(), before, "nothing sent");
}
