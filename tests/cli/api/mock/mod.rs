//! A local stand-in for Zernio's webhook-settings API on 127.0.0.1:0 that checks every request
//! against the embedded OpenAPI subset (operation, query parameters and their bounds, JSON body
//! against the operation's request schema, Bearer header, user agent) and every answer it gives
//! against the declared response schema. Violations are recorded, and [`MockApi::finish`] (or
//! dropping the mock) fails the test if there were any.
//!
//! It behaves like Zernio (an in-memory store of webhooks and delivery logs, pagination, test
//! deliveries that get logged) and can be scripted: canned answers (errors, 429 with Retry-After,
//! delays) and log entries that appear only after some polls (for `--follow` and `test --wait`).

mod behaviour;
mod spec;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};

/// The API key the mock accepts.
pub const KEY: &str = "sk_live_mockKEY_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

/// A canned answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: body.to_string(),
            headers: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

/// What a `POST /v1/webhooks/test` does.
#[derive(Debug, Clone)]
pub struct TestPlan {
    /// Whether the endpoint "answered" 2xx.
    pub success: bool,
    /// The status code the endpoint "answered".
    pub status_code: u16,
    /// Log the delivery, visible to the (n+1)th log read after the test; `None`: never logged.
    pub log_after_polls: Option<usize>,
}

impl Default for TestPlan {
    fn default() -> Self {
        TestPlan {
            success: true,
            status_code: 200,
            log_after_polls: Some(0),
        }
    }
}

/// A request as the mock received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub body: Option<Value>,
    pub headers: Vec<(String, String)>,
}

impl Recorded {
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct State {
    webhooks: Vec<Value>,
    /// Newest first, as the API answers.
    logs: Vec<Value>,
    /// Entries that join `logs` once the given number of further log reads have happened.
    pending: Vec<(usize, Value)>,
    scripted: Vec<(String, String, Reply)>,
    test_plan: TestPlan,
    requests: Vec<Recorded>,
    violations: Vec<String>,
    next_id: u64,
}

/// The mock server.
pub struct MockApi {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    checked: bool,
    _runtime: tokio::runtime::Runtime,
}

impl MockApi {
    pub fn start() -> MockApi {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            next_id: 1,
            ..State::default()
        }));
        let shared = state.clone();
        runtime.spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let state = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| handle(state.clone(), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        MockApi {
            addr,
            state,
            checked: false,
            _runtime: runtime,
        }
    }

    /// The base URL to give `--api-url`.
    pub fn url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    /// Store a webhook; `fields` may override anything. Returns its ID.
    pub fn add_webhook(&self, name: &str, fields: Value) -> String {
        let mut state = self.state.lock().unwrap();
        let id = format!("{:024x}", 0x66a0_0000_0000_u64 + state.next_id);
        state.next_id += 1;
        let mut webhook = json!({
            "_id": id,
            "name": name,
            "url": format!("https://app.example.com/hooks/{}", state.next_id),
            "events": ["post.published", "post.failed"],
            "isActive": true,
            "failureCount": 0,
        });
        if let (Some(target), Value::Object(extra)) = (webhook.as_object_mut(), fields) {
            target.extend(extra);
        }
        state.webhooks.push(webhook);
        id
    }

    /// The stored webhook (with its secret, which the API never returns).
    pub fn webhook(&self, id: &str) -> Option<Value> {
        let state = self.state.lock().unwrap();
        state.webhooks.iter().find(|w| w["_id"] == id).cloned()
    }

    pub fn webhooks(&self) -> Vec<Value> {
        self.state.lock().unwrap().webhooks.clone()
    }

    /// Add a log entry as the newest.
    pub fn add_log(&self, entry: Value) {
        self.state.lock().unwrap().logs.insert(0, entry);
    }

    /// Add a log entry that the (polls+1)th log read from now is the first to see.
    pub fn add_log_later(&self, entry: Value, polls: usize) {
        self.state.lock().unwrap().pending.push((polls, entry));
    }

    /// Answer the next `method path` request with `reply` (queued in order).
    pub fn script(&self, method: &str, path: &str, reply: Reply) {
        self.state
            .lock()
            .unwrap()
            .scripted
            .push((method.into(), path.into(), reply));
    }

    pub fn test_plan(&self, plan: TestPlan) {
        self.state.lock().unwrap().test_plan = plan;
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Requests other than the given method and path are left out.
    pub fn requests_to(&self, method: &str, path: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == method && r.path == path)
            .collect()
    }

    /// The violations recorded so far, cleared (for testing the mock itself).
    pub fn take_violations(&self) -> Vec<String> {
        std::mem::take(&mut self.state.lock().unwrap().violations)
    }

    /// Fail the test if any request or answer broke the spec.
    pub fn finish(mut self) {
        self.checked = true;
        let violations = self.state.lock().unwrap().violations.clone();
        assert!(violations.is_empty(), "spec violations: {violations:#?}");
    }
}

impl Drop for MockApi {
    fn drop(&mut self) {
        if !self.checked && !std::thread::panicking() {
            let violations = self.state.lock().unwrap().violations.clone();
            assert!(violations.is_empty(), "spec violations: {violations:#?}");
        }
    }
}

/// A realistic, schema-valid log entry.
pub fn log_entry(
    webhook_id: &str,
    webhook_name: &str,
    event: &str,
    status: &str,
    ago: Duration,
) -> Value {
    let kind = zernio_hooks::events::find(event).expect("a known event");
    let mut payload = zernio_hooks::sample::Generator::fresh().payload(kind);
    let created = humantime::format_rfc3339_millis(SystemTime::now() - ago).to_string();
    // The event is built just before its first delivery; retries keep its timestamp.
    payload["timestamp"] = json!(created);
    let ok = status == "success";
    let mut entry = json!({
        "userId": "6650aa00bb11cc22dd33ee44",
        "webhookId": webhook_id,
        "webhookName": webhook_name,
        "eventId": payload["id"],
        "event": event,
        "url": "https://app.example.com/hooks/zernio",
        "status": status,
        "statusCode": if ok { 200 } else { 503 },
        "requestPayload": payload,
        "responseBody": if ok { "{\"received\":true}" } else { "upstream unavailable" },
        "attemptNumber": 1,
        "responseTime": if ok { 87 } else { 5001 },
        "createdAt": created,
    });
    if !ok {
        entry["errorMessage"] = json!("HTTP 503 Service Unavailable");
    }
    entry
}

async fn handle(
    state: Arc<Mutex<State>>,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = req.into_parts();
    let body = body
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let method = parts.method.as_str().to_ascii_lowercase();
    let full_path = parts.uri.path().to_string();
    let query: Vec<(String, String)> =
        reqwest::Url::parse(&format!("http://x/?{}", parts.uri.query().unwrap_or("")))
            .unwrap()
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };

    let mut violations = Vec::new();
    let path = full_path.strip_prefix("/api").unwrap_or_else(|| {
        violations.push(format!("{full_path}: not under the /api base path"));
        &full_path
    });
    let parsed_body: Option<Value> = if body.is_empty() {
        None
    } else {
        match serde_json::from_slice(&body) {
            Ok(value) => Some(value),
            Err(err) => {
                violations.push(format!("{method} {path}: body is not JSON: {err}"));
                None
            }
        }
    };
    let operation = spec::spec()["paths"][path][&method].clone();
    let authorised = header("authorization") == Some(format!("Bearer {KEY}"));
    if operation.is_null() {
        violations.push(format!("{method} {path}: no such operation in the spec"));
    } else {
        spec::check_request(
            &method,
            path,
            &operation,
            &query,
            parsed_body.as_ref(),
            &header,
            &mut violations,
        );
    }

    let reply = {
        let mut state = state.lock().unwrap();
        if method == "get" && path == "/v1/webhooks/logs" {
            // Entries scripted to appear later come closer with every read.
            let mut arrived = Vec::new();
            state.pending.retain_mut(|(polls, entry)| {
                if *polls == 0 {
                    arrived.push(entry.clone());
                    false
                } else {
                    *polls -= 1;
                    true
                }
            });
            for entry in arrived {
                state.logs.insert(0, entry);
            }
        }
        let scripted = state
            .scripted
            .iter()
            .position(|(m, p, _)| m.eq_ignore_ascii_case(&method) && p == path)
            .map(|index| state.scripted.remove(index).2);
        let reply = match scripted {
            Some(reply) => reply,
            None if operation.is_null() => Reply::json(404, json!({"error": "Not found"})),
            None if !authorised => Reply::json(401, json!({"error": "Unauthorized"})),
            None => behaviour::behave(&mut state, &method, path, &query, parsed_body.as_ref()),
        };
        state.requests.push(Recorded {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            query: query.clone(),
            body: parsed_body.clone(),
            headers: headers.clone(),
        });
        reply
    };
    if !operation.is_null()
        && let Ok(answer) = serde_json::from_str::<Value>(&reply.body)
    {
        spec::check_response(
            &method,
            path,
            &operation,
            reply.status,
            &answer,
            &mut violations,
        );
    }
    if !violations.is_empty() {
        state.lock().unwrap().violations.extend(violations);
    }
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    let mut response = hyper::Response::builder()
        .status(reply.status)
        .header("content-type", "application/json");
    if !reply
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("x-request-id"))
    {
        response = response.header("x-request-id", format!("req_{:08x}", rand_id()));
    }
    response = response
        .header("x-ratelimit-limit", "600")
        .header("x-ratelimit-remaining", "599")
        .header("x-ratelimit-reset", "60");
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    Ok(response.body(Full::new(Bytes::from(reply.body))).unwrap())
}

fn rand_id() -> u32 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0x1000);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
}
