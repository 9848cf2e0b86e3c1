//! The tunnel end to end on 127.0.0.1: `relay`, `listen --relay --forward-to`, and a local app
//! that checks the signature it gets.

use std::time::Duration;

use serde_json::Value;

use crate::listen::payload;
use crate::support::{
    Background, Behaviour, TestServer, cmd, hmac_hex, listen, raw_post, raw_request,
};

const SECRET: &str = "whsec_relay_test_secret";
const TOKEN: &str = "relay-token-0123456789";

/// Start `zernio-hooks relay --bind 127.0.0.1:0 <args>`; returns it and its base URL.
fn relay(args: &[&str]) -> (Background, String) {
    relay_on("127.0.0.1:0", args)
}

fn relay_on(bind: &str, args: &[&str]) -> (Background, String) {
    let mut command = cmd();
    command.args(["relay", "--bind", bind]).args(args);
    let mut bg = Background::spawn(command);
    let line = bg.wait_stderr(|l| l.contains("Relay listening on http://"));
    let url = line[line.find("http://").unwrap()..].trim().to_string();
    (bg, url)
}

/// A new channel URL from `GET /new`.
fn new_channel(relay_url: &str) -> String {
    let response = std::process::Command::new("curl")
        .args([
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code} %{redirect_url}",
            &format!("{relay_url}/new"),
        ])
        .output();
    match response {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let (code, location) = text.split_once(' ').unwrap();
            assert_eq!(code, "302");
            location.to_string()
        }
        // No curl: read the Location header with a raw request.
        _ => {
            use std::io::{Read, Write};
            let addr = relay_url.trim_start_matches("http://");
            let mut stream = std::net::TcpStream::connect(addr).unwrap();
            write!(
                stream,
                "GET /new HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            let mut text = String::new();
            stream.read_to_string(&mut text).unwrap();
            assert!(text.starts_with("HTTP/1.1 302"), "{text}");
            text.lines()
                .find_map(|l| l.strip_prefix("location: "))
                .unwrap()
                .trim()
                .to_string()
        }
    }
}

/// Start `listen --relay CHANNEL <args>` and wait until it is connected.
fn listen_relay(channel: &str, args: &[&str]) -> (Background, String) {
    let mut all = vec!["--relay", channel];
    all.extend_from_slice(args);
    let (mut bg, url) = listen(&all);
    bg.wait_stderr(|l| l.contains("connected to relay"));
    (bg, url)
}

#[test]
fn deliveries_arrive_byte_exact_and_the_apps_answer_comes_back() {
    let (mut relay_bg, relay_url) = relay(&["--token", TOKEN]);
    let channel = new_channel(&relay_url);
    assert!(channel.starts_with(&relay_url), "{channel}");
    let id = channel.rsplit('/').next().unwrap();
    assert_eq!(id.len(), 32, "128 random bits, hex");

    let app = TestServer::start(
        Some(SECRET),
        Behaviour {
            status: 202,
            body: "{\"app\":\"took it\"}".into(),
            enforce_signature: true,
            headers: vec![("x-app".into(), "yes".into())],
            ..Behaviour::default()
        },
    );
    let (listener, _) = listen_relay(
        &channel,
        &[
            "--secret",
            SECRET,
            "--relay-token",
            TOKEN,
            "--forward-to",
            &app.url("/hooks"),
            "--json",
        ],
    );

    // A pretty-printed body with a trailing newline: any re-encoding would break the signature.
    let value: Value = serde_json::from_slice(&payload("post.partial")).unwrap();
    let mut body = serde_json::to_vec_pretty(&value).unwrap();
    body.push(b'\n');
    let sig = hmac_hex(SECRET, &body);
    let (status, answer) = raw_post(
        &format!("{channel}/sub/path?tenant=acme"),
        &[
            ("X-Zernio-Signature", &sig),
            ("X-Zernio-Event", "post.partial"),
            ("X-Custom", "one"),
            ("X-Custom", "two"),
        ],
        &body,
    );
    assert_eq!(status, 202, "the app's status reaches the sender: {answer}");
    assert_eq!(answer, "{\"app\":\"took it\"}");

    let got = &app.wait_for(1)[0];
    assert_eq!(got.body, body, "byte-identical through relay and listen");
    assert_eq!(got.signature_ok, Some(true));
    assert_eq!(
        got.header_all("x-custom"),
        ["one", "two"],
        "repeated headers kept"
    );

    listener.interrupt();
    let out = listener.finish();
    let delivery = out
        .json_lines()
        .into_iter()
        .find(|l| l["type"] == "delivery")
        .unwrap();
    assert_eq!(delivery["source"], "relay");
    assert_eq!(delivery["verdict"], "valid");
    assert_eq!(delivery["path"], "/sub/path");
    assert_eq!(delivery["query"], "tenant=acme");
    relay_bg.wait_stderr(|l| l.contains("→ 202 (answered"));
}

#[test]
fn no_subscriber_is_503_and_a_slow_app_is_504() {
    let (_relay_bg, relay_url) = relay(&["--hold", "300ms"]);
    let channel = new_channel(&relay_url);
    let (status, answer) = raw_post(&channel, &[], &payload("webhook.test"));
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("no client is connected"), "{answer}");

    let app = TestServer::start(
        None,
        Behaviour {
            delay: Duration::from_secs(3),
            ..Behaviour::default()
        },
    );
    let (_listener, _) = listen_relay(
        &channel,
        &["--forward-to", &app.url("/"), "--forward-timeout", "20s"],
    );
    let (status, answer) = raw_post(&channel, &[], &payload("webhook.test"));
    assert_eq!(status, 504, "{answer}");
    assert!(answer.contains("did not answer within 300ms"), "{answer}");
}

#[test]
fn buffering_across_a_listener_restart_loses_nothing() {
    let (mut relay_bg, relay_url) = relay(&["--buffer", "10"]);
    let channel = new_channel(&relay_url);
    let (first, _) = listen_relay(&channel, &["--secret", SECRET]);
    first.interrupt();
    assert_eq!(first.finish().code, Some(130));
    relay_bg.wait_stderr(|l| l.contains("client disconnected (0 open)"));

    let bodies: Vec<Vec<u8>> = (0..3).map(|_| payload("message.received")).collect();
    for body in &bodies {
        let (status, answer) = raw_post(
            &channel,
            &[("X-Zernio-Signature", &hmac_hex(SECRET, body))],
            body,
        );
        assert_eq!(status, 202, "kept while no client is connected: {answer}");
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut second, _) = listen_relay(
        &channel,
        &[
            "--secret",
            SECRET,
            "--json",
            "--save",
            dir.path().to_str().unwrap(),
        ],
    );
    for _ in 0..3 {
        second.wait_stdout(|l| l.contains("\"delivery\""));
    }
    second.interrupt();
    let out = second.finish();
    let deliveries: Vec<Value> = out
        .json_lines()
        .into_iter()
        .filter(|l| l["type"] == "delivery")
        .collect();
    assert_eq!(deliveries.len(), 3);
    assert!(
        deliveries.iter().all(|d| d["verdict"] == "valid"),
        "{deliveries:?}"
    );
    let mut captured: Vec<Vec<u8>> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let capture: Value =
                serde_json::from_slice(&std::fs::read(e.unwrap().path()).unwrap()).unwrap();
            capture["body"].as_str().unwrap().as_bytes().to_vec()
        })
        .collect();
    let mut expected = bodies.clone();
    captured.sort();
    expected.sort();
    assert_eq!(
        captured, expected,
        "every buffered delivery arrived byte for byte"
    );

    // Answered deliveries are acknowledged: a third listener gets nothing again.
    let (third, _) = listen_relay(&channel, &["--json"]);
    third.interrupt();
    let out = third.finish();
    assert!(
        out.json_lines().iter().all(|l| l["type"] != "delivery"),
        "{}",
        out.stdout
    );
}

#[test]
fn tokens_and_ingress_headers_are_enforced() {
    let (_relay_bg, relay_url) = relay(&[
        "--token",
        TOKEN,
        "--ingress-header",
        "X-Ingress-Key: let-me-in",
    ]);
    let channel = new_channel(&relay_url);

    let (status, _) = raw_request(&channel, "GET", &[("Accept", "text/event-stream")], b"");
    assert_eq!(status, 401, "no token");
    let (status, _) = raw_request(
        &channel,
        "GET",
        &[
            ("Accept", "text/event-stream"),
            ("Authorization", "Bearer wrong"),
        ],
        b"",
    );
    assert_eq!(status, 401, "wrong token");
    let answer_url = format!(
        "{relay_url}/_answer/{}/1",
        channel.rsplit('/').next().unwrap()
    );
    let (status, _) = raw_post(
        &answer_url,
        &[],
        b"{\"status\":200,\"headers\":[],\"body\":\"\"}",
    );
    assert_eq!(status, 401, "answering needs the token too");

    let mut command = cmd();
    command.args([
        "listen",
        "--port",
        "0",
        "--relay",
        &channel,
        "--relay-token",
        "wrong",
    ]);
    let out = crate::support::run(command, b"");
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("the relay refused the token"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(TOKEN));

    let (status, answer) = raw_post(&channel, &[], &payload("webhook.test"));
    assert_eq!(status, 403, "{answer}");
    assert!(answer.contains("X-Ingress-Key"), "{answer}");
    let (status, _) = raw_post(
        &channel,
        &[("X-Ingress-Key", "let-me-in")],
        &payload("webhook.test"),
    );
    assert_eq!(status, 503, "past the ingress check: no client connected");
}

#[test]
fn smee_compatible_stream_works_the_way_smee_client_reads_it() {
    let (_relay_bg, relay_url) = relay(&[]);
    let channel = new_channel(&relay_url);
    let app = TestServer::start(Some(SECRET), Behaviour::default());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let body = payload("comment.received");
    let sig = hmac_hex(SECRET, &body);
    let received = runtime.block_on(async {
        let client = crate::support::http_client();
        let mut stream = client
            .get(&channel)
            .header("Accept", "text/event-stream")
            .send()
            .await
            .unwrap();
        assert_eq!(stream.headers()["content-type"], "text/event-stream");
        let mut buffer = String::new();
        let mut events: Vec<(String, String)> = Vec::new();
        let mut posted = false;
        while events.iter().filter(|(e, _)| e == "message").count() < 1 {
            let chunk = tokio::time::timeout(crate::support::DEADLINE, stream.chunk())
                .await
                .unwrap()
                .unwrap()
                .unwrap();
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let block: String = buffer.drain(..end + 2).collect();
                let event = block
                    .lines()
                    .find_map(|l| l.strip_prefix("event: "))
                    .unwrap_or("message")
                    .to_string();
                let data = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: "))
                    .collect::<Vec<_>>()
                    .join("\n");
                events.push((event, data));
            }
            if !posted && events.iter().any(|(e, _)| e == "ready") {
                posted = true;
                let channel = channel.clone();
                let (body, sig) = (body.clone(), sig.clone());
                tokio::task::spawn_blocking(move || {
                    raw_post(
                        &format!("{channel}?source=test"),
                        &[
                            ("X-Zernio-Signature", &sig),
                            ("Content-Type", "application/json"),
                        ],
                        &body,
                    )
                });
            }
        }
        // What smee-client does with a message: the query merges into the target URL, `body` is
        // re-serialised as the request body, and every other key becomes a header.
        let data: Value =
            serde_json::from_str(&events.iter().find(|(e, _)| e == "message").unwrap().1).unwrap();
        let mut data = data.as_object().unwrap().clone();
        let query = data.remove("query").unwrap();
        let body_value = data.remove("body").unwrap();
        let mut request = client
            .post(app.url(&format!("/?source={}", query["source"].as_str().unwrap())))
            .json(&body_value);
        for (key, value) in &data {
            let value = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            request = request.header(key.as_str(), value);
        }
        request.send().await.unwrap().status().as_u16()
    });
    assert_eq!(received, 200);
    let got = &app.wait_for(1)[0];
    assert_eq!(got.query.as_deref(), Some("source=test"));
    assert_eq!(
        serde_json::from_slice::<Value>(&got.body).unwrap(),
        serde_json::from_slice::<Value>(&body).unwrap()
    );
    assert_eq!(got.header("x-zernio-signature"), Some(sig.as_str()));
    assert!(
        got.header("timestamp").is_some(),
        "smee's timestamp key arrives as a header, as with smee.io"
    );
}

#[test]
fn listen_reconnects_and_resumes_when_the_relay_restarts() {
    // A relay that goes away and comes back on the same port: listen says it is reconnecting, then
    // connected again, and deliveries flow.
    let (relay_bg, relay_url) = relay(&["--buffer", "5"]);
    let port = relay_url.rsplit(':').next().unwrap().to_string();
    let channel = new_channel(&relay_url);
    let (mut listener, _) = listen_relay(&channel, &["--json"]);
    relay_bg.interrupt();
    relay_bg.finish();
    listener.wait_stderr(|l| l.contains("reconnecting in"));
    let (_relay_again, _) = relay_on(&format!("127.0.0.1:{port}"), &["--buffer", "5"]);
    listener.wait_stderr(|l| l.contains("connected to relay"));
    let (status, _) = raw_post(&channel, &[], &payload("webhook.test"));
    assert_eq!(status, 200);
    listener.wait_stdout(|l| l.contains("\"delivery\""));
}

/// A stand-in for smee.io: one event stream in smee's format, carrying one delivery.
fn fake_smee(message: Value) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/AbCdEfGhIjKlMnOpQr",
        listener.local_addr().unwrap()
    );
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
            line.clear();
        }
        let mut stream = stream;
        let frames = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\nevent: ready\ndata: {{}}\n\ndata: {message}\n\n"
        );
        stream.write_all(frames.as_bytes()).unwrap();
        // Keep the stream open until listen goes away.
        let _ = reader.read_line(&mut line);
    });
    url
}

#[test]
fn a_smee_compatible_server_works_but_byte_exactness_is_not_promised() {
    let body: Value = serde_json::from_slice(&payload("webhook.test")).unwrap();
    let compact = serde_json::to_vec(&body).unwrap();
    let message = serde_json::json!({
        "content-type": "application/json",
        "x-zernio-signature": hmac_hex(SECRET, &compact),
        "x-zernio-event": "webhook.test",
        "body": body,
        "query": {},
        "timestamp": 1_795_975_200_000u64,
    });
    let url = fake_smee(message);
    let (mut bg, _) = listen(&["--relay", &url, "--secret", SECRET, "--json"]);
    let warning = bg.wait_stderr(|l| l.contains("smee-compatible"));
    assert!(
        warning.contains("byte-exact signature verification cannot be promised"),
        "{warning}"
    );
    let line = bg.wait_stdout(|l| l.contains("\"delivery\""));
    let delivery: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(delivery["source"], "relay");
    assert_eq!(delivery["event"], "webhook.test");
    assert_eq!(
        delivery["verdict"], "valid",
        "rebuilt compactly, as Zernio sends it"
    );
}
