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

mod answers;
mod concurrency;
mod inputs;
mod output;
mod signing;

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
