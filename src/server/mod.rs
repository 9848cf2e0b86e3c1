//! The delivery pipeline shared by `listen`'s HTTP server and the relay client: take a request as
//! received, verify it, explain it, capture it, forward it, and decide the answer.

pub mod exposure;
pub mod forward;
pub mod http;
pub mod registration;

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use serde_json::Value;
use tokio::sync::{Notify, mpsc};

use crate::capture::{self, Capture};
use crate::events::{self, Violation};
use crate::output::delivery::{Printed, Render};
use crate::secret::Secret;
use crate::signature::{self, Check, Verdict};

/// Zernio counts a delivery as failed when the answer takes longer than this.
pub const ZERNIO_DEADLINE: Duration = Duration::from_secs(5);

/// How many event IDs are remembered for duplicate detection.
const SEEN_CAPACITY: usize = 100_000;

/// Where a request came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Http,
    Relay,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Http => "http",
            Source::Relay => "relay",
        }
    }
}

/// A request as received, before any judgement.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub received_at: SystemTime,
    pub started: Instant,
    pub source: Source,
    pub remote: Option<String>,
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    /// Lower-cased names in arrival order, repeated names kept.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
    /// False when the body was not (fully) read: refused as too large, or the read failed.
    pub body_complete: bool,
    /// Why reading the body failed (the sender went away, a broken chunked encoding, ...).
    pub body_error: Option<String>,
    /// The body's declared or observed size, even when it was not read.
    pub body_size: u64,
}

impl Incoming {
    /// The first value of a header (names are lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The answer to send back.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Reply {
    fn json(status: u16, body: &Value) -> Self {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: Bytes::from(serde_json::to_vec(body).unwrap_or_default()),
        }
    }
}

/// Why listen refused a request itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    NotPost,
    TooLarge,
    /// The body could not be read.
    Unreadable(String),
    NotJson(String),
    Signature,
}

/// Who produced the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerSource {
    Listen,
    App,
    Error,
}

impl AnswerSource {
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerSource::Listen => "listen",
            AnswerSource::App => "app",
            AnswerSource::Error => "error",
        }
    }
}

/// What happened to a forwarded delivery.
#[derive(Debug, Clone)]
pub struct Forwarded {
    pub url: String,
    pub status: Option<u16>,
    pub latency: Duration,
    pub error: Option<String>,
}

/// Everything known about one request once it has been handled: what the printers, the JSON
/// output and the capture file are made from.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub seq: u64,
    pub incoming: Incoming,
    pub payload: Option<Value>,
    pub event: Option<String>,
    pub event_id: Option<String>,
    pub known_event: bool,
    pub verdict: Option<Verdict>,
    pub rejection: Option<Rejection>,
    pub accepted: bool,
    pub duplicate_of: Option<u64>,
    pub violations: Vec<Violation>,
    pub filtered: bool,
    pub status: u16,
    pub answer_source: AnswerSource,
    pub forwarded: Option<Forwarded>,
    pub elapsed: Duration,
    pub capture_path: Option<PathBuf>,
    pub capture_error: Option<String>,
}

impl Delivery {
    pub fn slow(&self) -> bool {
        self.elapsed > ZERNIO_DEADLINE
    }

    /// The verdict label, or `not-checked` when the request never got that far.
    pub fn verdict_label(&self) -> &'static str {
        self.verdict.as_ref().map_or("not-checked", Verdict::label)
    }
}

/// How the pipeline behaves (from listen's flags).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub secret: Option<Secret>,
    /// Secret forwarded deliveries are re-signed with (defaults to `secret`).
    pub forward_secret: Option<Secret>,
    pub status: u16,
    pub accept_invalid: bool,
    pub max_body: u64,
    /// Only these events are printed in full and counted for `exit_after`; empty means all.
    pub events: Vec<String>,
    pub save: Option<PathBuf>,
    pub forward: Option<forward::Forwarder>,
    pub exit_after: Option<u64>,
}

/// Event IDs seen since start, for the `duplicate of #N` marker (bounded, oldest forgotten).
#[derive(Debug, Default)]
struct Seen {
    first: HashMap<String, u64>,
    order: VecDeque<String>,
}

impl Seen {
    fn check(&mut self, id: &str, seq: u64) -> Option<u64> {
        if let Some(first) = self.first.get(id) {
            return Some(*first);
        }
        if self.order.len() >= SEEN_CAPACITY
            && let Some(old) = self.order.pop_front()
        {
            self.first.remove(&old);
        }
        self.first.insert(id.to_string(), seq);
        self.order.push_back(id.to_string());
        None
    }
}

/// The shared state of a running listener.
#[derive(Debug)]
pub struct Pipeline {
    settings: Settings,
    seq: AtomicU64,
    matched: AtomicU64,
    seen: Mutex<Seen>,
    render: Render,
    sink: mpsc::Sender<Printed>,
    /// Fires once `exit_after` matching deliveries have been accepted.
    pub done: Notify,
}

impl Pipeline {
    /// `sink` is a bounded queue to the printer: deliveries are rendered here, on the worker
    /// that handled them, and only fall back on the network path when the printer is far behind.
    pub fn new(settings: Settings, render: Render, sink: mpsc::Sender<Printed>) -> Arc<Self> {
        Arc::new(Pipeline {
            settings,
            seq: AtomicU64::new(0),
            matched: AtomicU64::new(0),
            seen: Mutex::new(Seen::default()),
            render,
            sink,
            done: Notify::new(),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Handle one request end to end and return the answer for the sender.
    pub async fn handle(&self, incoming: Incoming) -> Reply {
        let seq = self.seq.fetch_add(1, Ordering::Relaxed) + 1;
        let mut delivery = self.judge(seq, incoming);
        let mut reply = self.answer(&mut delivery).await;
        if let Some(dir) = &self.settings.save {
            self.capture(dir, &mut delivery, &mut reply).await;
        }
        delivery.status = reply.status;
        delivery.elapsed = delivery.incoming.started.elapsed();
        let counts = delivery.accepted && !delivery.filtered;
        // The printer may be gone (stdout closed); the delivery is still answered and captured.
        let _ = self.sink.send(self.render.print(&delivery)).await;
        if counts {
            let matched = self.matched.fetch_add(1, Ordering::SeqCst) + 1;
            if self.settings.exit_after == Some(matched) {
                self.done.notify_one();
            }
        }
        reply
    }

    /// Parse, verify and classify a request (no I/O).
    fn judge(&self, seq: u64, incoming: Incoming) -> Delivery {
        let settings = &self.settings;
        let payload = if incoming.body_complete {
            serde_json::from_slice::<Value>(&incoming.body).map_err(|err| err.to_string())
        } else {
            Err("the body was not read".into())
        };
        let body_str = |key: &str| {
            payload
                .as_ref()
                .ok()
                .and_then(|p| p.get(key))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let header_event = incoming
            .header(signature::EVENT_HEADER)
            .or_else(|| incoming.header(signature::LEGACY_EVENT_HEADER))
            .map(str::to_string);
        let header_event_id = incoming
            .header(signature::EVENT_ID_HEADER)
            .or_else(|| incoming.header(signature::LEGACY_EVENT_ID_HEADER))
            .map(str::to_string);
        let event = body_str("event").or(header_event);
        let body_event_id = body_str("id");
        let event_id = body_event_id.clone().or_else(|| header_event_id.clone());

        let is_post = incoming.method == "POST";
        let verdict = (is_post && incoming.body_complete).then(|| {
            let sig = incoming
                .header(signature::SIGNATURE_HEADER)
                .map(|v| (v, false))
                .or_else(|| {
                    incoming
                        .header(signature::LEGACY_SIGNATURE_HEADER)
                        .map(|v| (v, true))
                });
            signature::verify(Check {
                secret: settings.secret.as_ref().map(|s| s.expose().as_bytes()),
                body: &incoming.body,
                signature: sig,
                header_event_id: header_event_id.as_deref(),
                body_event_id: body_event_id.as_deref(),
            })
        });
        let rejection = if !is_post {
            Some(Rejection::NotPost)
        } else if let Some(error) = &incoming.body_error {
            Some(Rejection::Unreadable(error.clone()))
        } else if !incoming.body_complete {
            Some(Rejection::TooLarge)
        } else if verdict.as_ref().is_some_and(|v| !v.is_ok()) && !settings.accept_invalid {
            Some(Rejection::Signature)
        } else if let Err(err) = &payload {
            Some(Rejection::NotJson(err.clone()))
        } else {
            None
        };
        let accepted = rejection.is_none();
        let duplicate_of = match (&event_id, is_post && incoming.body_complete) {
            (Some(id), true) => self.seen.lock().expect("seen ids").check(id, seq),
            _ => None,
        };
        let known = event.as_deref().and_then(events::find);
        let payload = payload.ok();
        let violations = match (known, &payload) {
            (Some(kind), Some(value)) => events::validate(kind, value),
            _ => Vec::new(),
        };
        let filtered = !settings.events.is_empty()
            && !event
                .as_ref()
                .is_some_and(|e| settings.events.iter().any(|want| want == e));
        Delivery {
            seq,
            payload,
            known_event: known.is_some(),
            event,
            event_id,
            verdict,
            rejection,
            accepted,
            duplicate_of,
            violations,
            filtered,
            status: 0,
            answer_source: AnswerSource::Listen,
            forwarded: None,
            elapsed: Duration::ZERO,
            capture_path: None,
            capture_error: None,
            incoming,
        }
    }

    /// Decide the answer: a refusal, the app's answer when forwarding, or `--status`.
    async fn answer(&self, delivery: &mut Delivery) -> Reply {
        let settings = &self.settings;
        match &delivery.rejection {
            Some(Rejection::NotPost) => {
                let mut reply = Reply::json(
                    405,
                    &serde_json::json!({"ok": false, "error": "only POST is accepted"}),
                );
                reply.headers.push(("allow".into(), "POST".into()));
                return reply;
            }
            Some(Rejection::TooLarge) => {
                let error = format!(
                    "body of {} bytes is over the {} byte limit (--max-body)",
                    delivery.incoming.body_size, settings.max_body
                );
                return Reply::json(413, &serde_json::json!({"ok": false, "error": error}));
            }
            Some(Rejection::Unreadable(err)) => {
                let error = format!("the body could not be read: {err}");
                return Reply::json(400, &serde_json::json!({"ok": false, "error": error}));
            }
            Some(Rejection::Signature) => {
                let error = delivery
                    .verdict
                    .as_ref()
                    .map(Verdict::explain)
                    .unwrap_or_default();
                return Reply::json(401, &serde_json::json!({"ok": false, "error": error}));
            }
            Some(Rejection::NotJson(err)) => {
                let error = format!("the body is not JSON: {err}");
                return Reply::json(400, &serde_json::json!({"ok": false, "error": error}));
            }
            None => {}
        }
        if let Some(forwarder) = &settings.forward {
            let secret = settings
                .forward_secret
                .as_ref()
                .or(settings.secret.as_ref());
            let (reply, forwarded) = forwarder.send(&delivery.incoming, secret).await;
            delivery.answer_source = if forwarded.error.is_some() {
                AnswerSource::Error
            } else {
                AnswerSource::App
            };
            delivery.forwarded = Some(forwarded);
            return reply;
        }
        Reply::json(
            settings.status,
            &serde_json::json!({
                "ok": true,
                "delivery": delivery.seq,
                "verdict": delivery.verdict_label(),
            }),
        )
    }

    /// Write the capture before the answer leaves; if it cannot be written the sender gets 500.
    async fn capture(&self, dir: &std::path::Path, delivery: &mut Delivery, reply: &mut Reply) {
        let record = capture_of(delivery, reply.status);
        let dir = dir.to_path_buf();
        let written = tokio::task::spawn_blocking(move || record.write_into(&dir))
            .await
            .map_err(anyhow::Error::from)
            .and_then(|result| result);
        match written {
            Ok(path) => delivery.capture_path = Some(path),
            Err(err) => {
                let error = format!("capture not written: {err:#}");
                *reply = Reply::json(
                    500,
                    &serde_json::json!({"ok": false, "error": "capture failed; retry later"}),
                );
                delivery.answer_source = AnswerSource::Error;
                delivery.capture_error = Some(error);
            }
        }
    }
}

/// The capture record of a delivery answered with `status`.
pub fn capture_of(delivery: &Delivery, status: u16) -> Capture {
    let incoming = &delivery.incoming;
    let (body, body_encoding) = capture::encode_body(&incoming.body);
    Capture {
        format: capture::FORMAT.into(),
        version: capture::VERSION,
        seq: delivery.seq,
        received_at: humantime::format_rfc3339_micros(incoming.received_at).to_string(),
        source: incoming.source.as_str().into(),
        remote_addr: incoming.remote.clone(),
        method: incoming.method.clone(),
        path: incoming.path.clone(),
        query: incoming.query.clone(),
        headers: incoming.headers.clone(),
        body,
        body_encoding,
        body_size: incoming.body_size,
        body_complete: incoming.body_complete,
        event: delivery.event.clone(),
        event_id: delivery.event_id.clone(),
        verdict: delivery.verdict_label().into(),
        explanation: delivery
            .verdict
            .as_ref()
            .map(Verdict::explain)
            .unwrap_or_default(),
        answer: capture::Answer {
            status,
            source: delivery.answer_source.as_str().into(),
            latency_ms: incoming.started.elapsed().as_secs_f64() * 1000.0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_marks_duplicates_and_stays_bounded() {
        let mut seen = Seen::default();
        assert_eq!(seen.check("a", 1), None);
        assert_eq!(seen.check("a", 2), Some(1));
        for i in 0..SEEN_CAPACITY as u64 + 5 {
            seen.check(&format!("id{i}"), i + 10);
        }
        assert!(seen.first.len() <= SEEN_CAPACITY);
        assert_eq!(seen.check("a", 99), None, "the oldest id is forgotten");
    }
}
