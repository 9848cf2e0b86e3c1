//! Several deliveries: `--repeat`, `--fresh`, and `--concurrency` keeping results in input order.

use super::*;

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
