//! What CI reads: the JUnit XML report, the JSON Lines shape, and the listen round trip.

use super::*;

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
    let keys = crate::support::keys(result);
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
    let keys = crate::support::keys(summary);
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
