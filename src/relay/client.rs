//! `listen --relay URL`: subscribe to a relay channel and put each delivery through the same
//! pipeline as a local one, sending the answer back; reconnect with backoff and resume.

use std::collections::{HashSet, VecDeque};
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use serde_json::Value;

use crate::http_client;
use crate::output::Paint;
use crate::relay::{
    ANSWER_SEGMENT, FORMAT_HEADER, RAW_FORMAT, RELAY_NAME, RawAnswer, RawDelivery, encode_b64, sse,
};
use crate::secret::Secret;
use crate::server::{Incoming, Pipeline, Source};

/// Consecutive failed connections before giving up (about five minutes of backoff).
const MAX_FAILURES: u32 = 12;
/// Longest wait between reconnections.
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Longest silence on the stream (the relay pings every 30 s) before reconnecting.
const READ_TIMEOUT: Duration = Duration::from_secs(95);
/// Delivery IDs remembered to skip ones sent again after a reconnection.
const REMEMBERED: usize = 10_000;

/// Where a relay channel is and how to reach it.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: reqwest::Url,
    pub token: Option<Secret>,
}

impl Target {
    /// The channel ID: the last segment of the channel URL's path.
    pub fn channel(&self) -> String {
        self.url
            .path_segments()
            .and_then(|mut s| s.next_back())
            .unwrap_or_default()
            .to_string()
    }

    /// `<prefix>/_answer/<channel>/<id>` on the same relay.
    fn answer_url(&self, id: u64) -> reqwest::Url {
        let mut url = self.url.clone();
        let path = self.url.path().trim_end_matches('/');
        let prefix = path.rsplit_once('/').map_or("", |(prefix, _)| prefix);
        url.set_path(&format!(
            "{prefix}/{ANSWER_SEGMENT}/{}/{id}",
            self.channel()
        ));
        url.set_query(None);
        url
    }
}

/// Status lines for the person at the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Notes {
    pub paint: Paint,
    pub quiet: bool,
}

impl Notes {
    fn say(&self, text: String) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        }
    }

    fn warn(&self, text: String) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "{} {text}",
            self.paint.yellow("warning:")
        );
    }
}

/// Run until the relay is given up on; returns why.
pub async fn run(target: Target, pipeline: Arc<Pipeline>, notes: Notes) -> String {
    let http = match http_client::builder().read_timeout(READ_TIMEOUT).build() {
        Ok(http) => http,
        Err(err) => return format!("cannot set up the HTTP client: {err}"),
    };
    let mut session = Session {
        target,
        http,
        pipeline,
        notes,
        last_event_id: None,
        seen: HashSet::new(),
        seen_order: VecDeque::new(),
        smee_warned: false,
        raw: true,
    };
    let mut failures = 0u32;
    loop {
        let cause = match session.connect().await {
            Connection::Fatal(reason) => {
                notes.warn(format!("gave up on the relay: {reason}"));
                return reason;
            }
            Connection::Lost {
                cause,
                was_connected,
            } => {
                if was_connected {
                    failures = 0;
                }
                cause
            }
        };
        failures += 1;
        if failures > MAX_FAILURES {
            let reason = format!("{failures} connection attempts failed; last: {cause}");
            notes.warn(format!("gave up on the relay: {reason}"));
            return reason;
        }
        let backoff =
            Duration::from_millis(500u64.saturating_mul(1 << failures.min(6))).min(MAX_BACKOFF);
        notes.say(format!(
            "{} relay connection: {cause}; reconnecting in {}",
            notes.paint.yellow("↻"),
            humantime::format_duration(backoff)
        ));
        tokio::time::sleep(backoff).await;
    }
}

enum Connection {
    Fatal(String),
    Lost { cause: String, was_connected: bool },
}

struct Session {
    target: Target,
    http: reqwest::Client,
    pipeline: Arc<Pipeline>,
    notes: Notes,
    last_event_id: Option<String>,
    seen: HashSet<u64>,
    seen_order: VecDeque<u64>,
    smee_warned: bool,
    raw: bool,
}

impl Session {
    async fn connect(&mut self) -> Connection {
        let mut url = self.target.url.clone();
        url.query_pairs_mut().append_pair("format", RAW_FORMAT);
        let mut request = self
            .http
            .get(url)
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .header(FORMAT_HEADER, RAW_FORMAT);
        if let Some(token) = &self.target.token {
            request = request.bearer_auth(token.expose());
        }
        if let Some(last) = &self.last_event_id {
            request = request.header("last-event-id", last.as_str());
        }
        let mut response = match request.send().await {
            Ok(response) => response,
            Err(err) => {
                return Connection::Lost {
                    cause: http_client::describe_error(&err),
                    was_connected: false,
                };
            }
        };
        let status = response.status();
        if status == reqwest::StatusCode::UNAUTHORIZED || status == reqwest::StatusCode::FORBIDDEN {
            return Connection::Fatal(format!(
                "the relay refused the token ({status}): set --relay-token or ZERNIO_RELAY_TOKEN"
            ));
        }
        if status == reqwest::StatusCode::NOT_FOUND {
            return Connection::Fatal(format!("{} is not a relay channel (404)", self.target.url));
        }
        if !status.is_success() {
            return Connection::Lost {
                cause: format!("the relay answered {status}"),
                was_connected: false,
            };
        }
        let is_stream = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/event-stream"));
        if !is_stream {
            return Connection::Fatal(format!(
                "{} did not answer with an event stream: is it a channel URL?",
                self.target.url
            ));
        }
        self.notes.say(format!(
            "{} connected to relay {}",
            self.notes.paint.green("✓"),
            self.target.url
        ));
        let mut parser = sse::Parser::new(64 * 1024 * 1024);
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => {
                    return Connection::Lost {
                        cause: "the relay closed the stream".into(),
                        was_connected: true,
                    };
                }
                Err(err) => {
                    return Connection::Lost {
                        cause: http_client::describe_error(&err),
                        was_connected: true,
                    };
                }
            };
            let events = match parser.push(&chunk) {
                Ok(events) => events,
                Err(err) => {
                    return Connection::Lost {
                        cause: err,
                        was_connected: true,
                    };
                }
            };
            for event in events {
                self.handle(event);
            }
        }
    }

    fn handle(&mut self, event: sse::Event) {
        match event.event.as_str() {
            "ready" => {
                let data: Value = serde_json::from_str(&event.data).unwrap_or_default();
                self.raw = data["relay"] == RELAY_NAME && data["format"] == "raw";
                if !self.raw && !self.smee_warned {
                    self.smee_warned = true;
                    self.notes.warn(
                        "this is a smee-compatible relay: bodies are rebuilt from parsed JSON, so byte-exact signature verification cannot be promised, and your app's answers do not reach the sender".into(),
                    );
                }
            }
            "ping" => {}
            "delivery" => {
                let Ok(delivery) = serde_json::from_str::<RawDelivery>(&event.data) else {
                    self.notes
                        .warn("the relay sent a delivery this version cannot read".into());
                    return;
                };
                self.last_event_id = Some(delivery.id.to_string());
                if !self.remember(delivery.id) {
                    return;
                }
                let pipeline = self.pipeline.clone();
                let http = self.http.clone();
                let target = self.target.clone();
                let notes = self.notes;
                tokio::spawn(async move {
                    let id = delivery.id;
                    let incoming = incoming_from_raw(delivery);
                    let reply = pipeline.handle(incoming).await;
                    let answer = RawAnswer {
                        status: reply.status,
                        headers: reply.headers,
                        body: encode_b64(&reply.body),
                    };
                    send_answer(&http, &target, id, &answer, notes).await;
                });
            }
            "message" => {
                if event.id.is_some() {
                    self.last_event_id = event.id.clone();
                }
                let Ok(data) = serde_json::from_str::<serde_json::Map<String, Value>>(&event.data)
                else {
                    self.notes
                        .warn("the relay sent a message that is not a JSON object; skipped".into());
                    return;
                };
                let pipeline = self.pipeline.clone();
                tokio::spawn(async move {
                    pipeline.handle(incoming_from_smee(data)).await;
                });
            }
            _ => {}
        }
    }

    /// False when this delivery was already handled in this session.
    fn remember(&mut self, id: u64) -> bool {
        if !self.seen.insert(id) {
            return false;
        }
        self.seen_order.push_back(id);
        if self.seen_order.len() > REMEMBERED
            && let Some(old) = self.seen_order.pop_front()
        {
            self.seen.remove(&old);
        }
        true
    }
}

async fn send_answer(
    http: &reqwest::Client,
    target: &Target,
    id: u64,
    answer: &RawAnswer,
    notes: Notes,
) {
    for attempt in 0..2 {
        let mut request = http
            .post(target.answer_url(id))
            .json(answer)
            .timeout(Duration::from_secs(10));
        if let Some(token) = &target.token {
            request = request.bearer_auth(token.expose());
        }
        match request.send().await {
            // 410: the sender stopped waiting; nothing more to do.
            Ok(response)
                if response.status().is_success()
                    || response.status() == reqwest::StatusCode::GONE =>
            {
                return;
            }
            Ok(response) if attempt == 1 => {
                notes.warn(format!(
                    "the relay refused the answer to delivery #{id}: {}",
                    response.status()
                ));
            }
            Err(err) if attempt == 1 => {
                notes.warn(format!(
                    "could not send the answer to delivery #{id}: {}",
                    http_client::describe_error(&err)
                ));
            }
            _ => {}
        }
    }
}

fn incoming_from_raw(delivery: RawDelivery) -> Incoming {
    let body = delivery.body_bytes().unwrap_or_default();
    let received_at =
        humantime::parse_rfc3339(&delivery.received_at).unwrap_or_else(|_| SystemTime::now());
    Incoming {
        received_at,
        started: Instant::now(),
        source: Source::Relay,
        remote: delivery.remote_addr,
        method: delivery.method,
        path: delivery.path,
        query: delivery.query,
        headers: delivery.headers,
        body_size: body.len() as u64,
        body: Bytes::from(body),
        body_complete: true,
        body_error: None,
    }
}

/// Rebuild a request from a smee message: every key but `body`, `query` and `timestamp` is a header.
fn incoming_from_smee(mut map: serde_json::Map<String, Value>) -> Incoming {
    let body = match map.remove("body") {
        Some(Value::String(text)) => text.into_bytes(),
        Some(value) => serde_json::to_vec(&value).unwrap_or_default(),
        None => Vec::new(),
    };
    let query = match map.remove("query") {
        Some(Value::Object(pairs)) if !pairs.is_empty() => {
            let mut url = reqwest::Url::parse("http://relay/").expect("a valid URL");
            for (key, value) in &pairs {
                let value = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_string);
                url.query_pairs_mut().append_pair(key, &value);
            }
            url.query().map(str::to_string)
        }
        _ => None,
    };
    let received_at = map
        .remove("timestamp")
        .and_then(|t| t.as_u64())
        .map_or_else(SystemTime::now, |ms| {
            SystemTime::UNIX_EPOCH + Duration::from_millis(ms)
        });
    let headers: Vec<(String, String)> = map
        .into_iter()
        .map(|(name, value)| {
            let value = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_string);
            (name.to_ascii_lowercase(), value)
        })
        .collect();
    Incoming {
        received_at,
        started: Instant::now(),
        source: Source::Relay,
        remote: None,
        method: "POST".into(),
        path: "/".into(),
        query,
        headers,
        body_size: body.len() as u64,
        body: Bytes::from(body),
        body_complete: true,
        body_error: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_urls_keep_the_prefix() {
        let target = Target {
            url: "https://relay.example.com/hooks/0123456789abcdef0123"
                .parse()
                .unwrap(),
            token: None,
        };
        assert_eq!(target.channel(), "0123456789abcdef0123");
        assert_eq!(
            target.answer_url(7).as_str(),
            "https://relay.example.com/hooks/_answer/0123456789abcdef0123/7"
        );
    }

    #[test]
    fn smee_messages_become_requests() {
        let incoming = incoming_from_smee(serde_json::json!({
            "x-zernio-event": "webhook.test", "content-type": "application/json",
            "body": {"id": "e1", "event": "webhook.test"}, "query": {"a": "1"}, "timestamp": 1_764_439_200_000u64
        }).as_object().unwrap().clone());
        assert_eq!(
            incoming.body.as_ref(),
            br#"{"id":"e1","event":"webhook.test"}"#
        );
        assert_eq!(incoming.query.as_deref(), Some("a=1"));
        assert_eq!(incoming.header("x-zernio-event"), Some("webhook.test"));
        assert!(incoming.header("timestamp").is_none());
    }
}
