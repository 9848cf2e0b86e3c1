//! Helpers for `benches/replay.sh` (not a test): a fast local receiver, and a generator of
//! captured 1 KB deliveries.
//!
//! ```text
//! replay_bench receive [THREADS]            answer every request 200 {"ok":true}; prints its URL
//! replay_bench generate captures DIR N      N capture files (zernio-hooks/capture v1), 1 KB bodies
//! replay_bench generate ndjson FILE N       N payload lines, 1 KB each
//! replay_bench generate body FILE           one 1 KB payload (for oha)
//! ```
//!
//! The receiver reads each body in full and answers at once, with keep-alive: the same work for
//! `zernio-hooks replay` and for `oha`, so their throughput can be compared.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use zernio_hooks::capture::{self, Answer, Capture};
use zernio_hooks::sample::Generator;

/// Size of every generated body.
const BODY_BYTES: usize = 1024;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["receive"] => receive(2),
        ["receive", threads] => receive(threads.parse()?),
        ["generate", "captures", dir, n] => captures(Path::new(dir), n.parse()?),
        ["generate", "ndjson", file, n] => ndjson(Path::new(file), n.parse()?),
        ["generate", "body", file] => Ok(std::fs::write(file, body(&mut generator(0), 0))?),
        _ => Err("usage: replay_bench receive [THREADS] | generate captures DIR N | generate ndjson FILE N | generate body FILE".into()),
    }
}

fn receive(threads: usize) -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        println!("http://{}/webhooks/zernio", listener.local_addr()?);
        std::io::stdout().flush()?;
        loop {
            let (stream, _) = listener.accept().await?;
            let _ = stream.set_nodelay(true);
            tokio::spawn(async move {
                let service = service_fn(|request: hyper::Request<hyper::body::Incoming>| async {
                    let _ = request.into_body().collect().await;
                    Ok::<_, std::convert::Infallible>(
                        hyper::Response::builder()
                            .header("content-type", "application/json")
                            .body(Full::new(Bytes::from_static(b"{\"ok\":true}")))
                            .expect("a static response"),
                    )
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}

fn generator(seed: u64) -> Generator {
    Generator::new(
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_780_000_000),
        seed,
    )
}

/// A post.published payload padded to exactly 1 KB, with a distinct id per `n`.
fn body(generator: &mut Generator, n: u64) -> Vec<u8> {
    let event = zernio_hooks::events::find("post.published").expect("a core event");
    let mut payload: Value = generator.payload(event);
    payload["id"] = json!(format!("evt_bench_{n:08}"));
    payload["post"]["content"] = json!("");
    let bare = serde_json::to_vec(&payload).expect("JSON").len();
    payload["post"]["content"] = json!("x".repeat(BODY_BYTES.saturating_sub(bare)));
    serde_json::to_vec(&payload).expect("JSON")
}

fn captures(dir: &Path, count: u64) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let mut generator = generator(1);
    for n in 0..count {
        let body = body(&mut generator, n);
        let (text, encoding) = capture::encode_body(&body);
        let capture = Capture {
            format: capture::FORMAT.into(),
            version: capture::VERSION,
            seq: n + 1,
            received_at: "2026-11-29T17:59:29.123456Z".into(),
            source: "http".into(),
            remote_addr: Some("127.0.0.1:50312".into()),
            method: "POST".into(),
            path: "/webhooks/zernio".into(),
            query: None,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("x-zernio-event".into(), "post.published".into()),
                ("x-zernio-event-id".into(), format!("evt_bench_{n:08}")),
                ("x-tenant".into(), "acme".into()),
            ],
            body: text,
            body_encoding: encoding,
            body_size: body.len() as u64,
            body_complete: true,
            event: Some("post.published".into()),
            event_id: Some(format!("evt_bench_{n:08}")),
            verdict: "valid".into(),
            explanation: "signature valid".into(),
            answer: Answer {
                status: 200,
                source: "listen".into(),
                latency_ms: 0.3,
            },
        };
        capture.write_into(dir)?;
    }
    Ok(())
}

fn ndjson(file: &Path, count: u64) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = BufWriter::new(std::fs::File::create(file)?);
    let mut generator = generator(2);
    for n in 0..count {
        out.write_all(&body(&mut generator, n))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
