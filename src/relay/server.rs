//! The relay's HTTP server: channels (`GET /new`), deliveries (`POST /<channel>/...`), event
//! streams (`GET /<channel>` with `Accept: text/event-stream`) and answers (`POST /_answer/...`).

use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Frame, Incoming as HyperBody};
use hyper::header::{HeaderMap, HeaderValue};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

use crate::output::{Paint, sanitize};
use crate::relay::channel::{Channel, Hub, Limits, Offer};
use crate::relay::{
    ANSWER_SEGMENT, FORMAT_HEADER, RAW_FORMAT, RawAnswer, RawDelivery, decode_b64, encode_b64,
    is_channel_id, new_channel_id, sse,
};
use crate::secret::Secret;
use crate::server::forward::is_hop_by_hop;
use crate::server::http;

type Body = UnsyncBoxBody<Bytes, Infallible>;

/// The relay's settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub public_url: Option<reqwest::Url>,
    pub token: Option<Secret>,
    pub max_body: u64,
    pub limits: Limits,
    pub hold: Duration,
    pub ingress: Option<(String, String)>,
    pub ping: Duration,
    /// Log bodies too (-v).
    pub verbose: bool,
    /// Log as JSON Lines on stdout instead of text on stderr.
    pub json: bool,
    pub paint: Paint,
}

/// Shared state of a running relay.
#[derive(Debug)]
pub struct Relay {
    pub config: Config,
    pub hub: Hub,
}

impl Relay {
    pub fn new(config: Config) -> Arc<Self> {
        Arc::new(Relay {
            config,
            hub: Hub::default(),
        })
    }

    /// One log line: text on stderr, or a JSON object on stdout with `--json`.
    fn log(&self, text: String, record: serde_json::Value) {
        if self.config.json {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{record}");
        } else {
            let clock = crate::time::clock(SystemTime::now());
            let _ = writeln!(
                std::io::stderr().lock(),
                "{} {text}",
                self.config.paint.dimmed(&clock)
            );
        }
    }
}

/// Serve until `stop` flips, then finish streams and held deliveries (up to `grace`).
pub async fn serve(
    listener: TcpListener,
    relay: Arc<Relay>,
    stop: watch::Receiver<bool>,
    grace: Duration,
) {
    let sweeper = {
        let relay = relay.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                relay.hub.sweep();
            }
        })
    };
    http::accept(listener, stop, grace, move |remote| {
        let relay = relay.clone();
        service_fn(move |request| route(request, relay.clone(), remote))
    })
    .await;
    sweeper.abort();
}

fn full(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Body> {
    let mut response = Response::new(Full::new(body.into()).boxed_unsync());
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, value);
    }
    response
}

fn json_response(status: StatusCode, body: serde_json::Value) -> Response<Body> {
    full(status, "application/json", body.to_string())
}

fn error(status: StatusCode, message: impl Into<String>) -> Response<Body> {
    json_response(status, json!({"ok": false, "error": message.into()}))
}

async fn route(
    request: Request<HyperBody>,
    relay: Arc<Relay>,
    remote: SocketAddr,
) -> Result<Response<Body>, Infallible> {
    let path = request.uri().path().to_string();
    let segments: Vec<&str> = path.trim_start_matches('/').splitn(2, '/').collect();
    let first = segments.first().copied().unwrap_or_default();
    let response = match (request.method(), first) {
        (&Method::GET, "") => full(
            StatusCode::OK,
            "text/plain; charset=utf-8",
            "zernio-hooks relay\n\nGET /new creates a channel. Point a Zernio webhook at the channel URL and run\n  zernio-hooks listen --relay <channel URL>\n",
        ),
        (&Method::GET, "healthz") => full(StatusCode::OK, "text/plain", "ok\n"),
        (&Method::GET | &Method::HEAD, "new") => new_channel(&request, &relay),
        (&Method::POST, ANSWER_SEGMENT) => {
            answer(
                request,
                &relay,
                segments.get(1).copied().unwrap_or_default(),
            )
            .await
        }
        (_, channel) if is_channel_id(channel) => {
            let rest = segments
                .get(1)
                .map(|r| format!("/{r}"))
                .unwrap_or_else(|| "/".into());
            match *request.method() {
                Method::GET | Method::HEAD if wants_events(request.headers()) => {
                    subscribe(&request, &relay, channel)
                }
                Method::GET | Method::HEAD => full(
                    StatusCode::OK,
                    "text/plain; charset=utf-8",
                    format!(
                        "zernio-hooks relay channel {channel}\n\nDeliveries POSTed here reach `zernio-hooks listen --relay <this URL>`.\n"
                    ),
                ),
                Method::POST => deliver(request, &relay, channel.to_string(), rest, remote).await,
                _ => {
                    let mut response =
                        error(StatusCode::METHOD_NOT_ALLOWED, "deliveries are POSTed");
                    response
                        .headers_mut()
                        .insert(hyper::header::ALLOW, HeaderValue::from_static("POST, GET"));
                    response
                }
            }
        }
        _ => error(
            StatusCode::NOT_FOUND,
            "no such channel (GET /new creates one)",
        ),
    };
    Ok(response)
}

fn wants_events(headers: &HeaderMap) -> bool {
    headers
        .get(hyper::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/event-stream"))
}

/// The URL clients see: `--public-url`, else the Host the request came to.
fn base_url(request: &Request<HyperBody>, relay: &Relay) -> String {
    if let Some(url) = &relay.config.public_url {
        return url.as_str().trim_end_matches('/').to_string();
    }
    let host = request
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    format!("http://{host}")
}

fn new_channel(request: &Request<HyperBody>, relay: &Relay) -> Response<Body> {
    let location = format!("{}/{}", base_url(request, relay), new_channel_id());
    let mut response = full(StatusCode::FOUND, "text/plain", format!("{location}\n"));
    if let Ok(value) = HeaderValue::from_str(&location) {
        response
            .headers_mut()
            .insert(hyper::header::LOCATION, value);
    }
    response
}

/// `Authorization: Bearer <token>`, compared in constant time; None means allowed.
fn unauthorized(headers: &HeaderMap, relay: &Relay) -> Option<Response<Body>> {
    let token = relay.config.token.as_ref()?;
    let given = headers
        .get(hyper::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if crate::signature::constant_time_eq(given.as_bytes(), token.expose().as_bytes()) {
        return None;
    }
    let mut response = error(
        StatusCode::UNAUTHORIZED,
        if given.is_empty() {
            "this relay needs a token: Authorization: Bearer <token>"
        } else {
            "wrong relay token"
        },
    );
    response.headers_mut().insert(
        hyper::header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer"),
    );
    Some(response)
}

/// The SSE body: frames from the channel, plus a ping now and then; unsubscribes when dropped.
struct EventStream {
    rx: mpsc::Receiver<Bytes>,
    ping: tokio::time::Interval,
    channel: Arc<Channel>,
    key: u64,
    relay: Arc<Relay>,
}

impl hyper::body::Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if let Poll::Ready(frame) = self.rx.poll_recv(cx) {
            return Poll::Ready(frame.map(|bytes| Ok(Frame::data(bytes))));
        }
        if self.ping.poll_tick(cx).is_ready() {
            return Poll::Ready(Some(Ok(Frame::data(sse::encode(Some("ping"), None, "{}")))));
        }
        Poll::Pending
    }
}

impl Drop for EventStream {
    fn drop(&mut self) {
        self.channel.unsubscribe(self.key);
        let streams = self.channel.streams();
        self.relay.log(
            format!(
                "[{}] client disconnected ({streams} open)",
                short(&self.channel.id)
            ),
            json!({"type": "unsubscribe", "channel": self.channel.id, "streams": streams}),
        );
    }
}

fn subscribe(request: &Request<HyperBody>, relay: &Arc<Relay>, channel_id: &str) -> Response<Body> {
    if let Some(refused) = unauthorized(request.headers(), relay) {
        return refused;
    }
    let raw = request
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|pair| pair == "format=raw"))
        || request
            .headers()
            .get(FORMAT_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case(RAW_FORMAT));
    let last_event_id = request
        .headers()
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let Some(channel) = relay.hub.channel(channel_id) else {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the relay has too many channels",
        );
    };
    let (key, rx) = match channel.subscribe(raw, last_event_id, relay.config.limits.max_streams) {
        Ok(pair) => pair,
        Err(too_many) => {
            return error(
                StatusCode::TOO_MANY_REQUESTS,
                format!("this channel already has {} open streams", too_many.0),
            );
        }
    };
    let streams = channel.streams();
    relay.log(
        format!("[{}] client connected ({} format, {streams} open)", short(channel_id), if raw { "raw" } else { "smee" }),
        json!({"type": "subscribe", "channel": channel_id, "format": if raw { "raw" } else { "smee" }, "streams": streams}),
    );
    let ping = relay.config.ping;
    let stream = EventStream {
        rx,
        ping: tokio::time::interval_at(tokio::time::Instant::now() + ping, ping),
        channel,
        key,
        relay: relay.clone(),
    };
    let mut response = Response::new(stream.boxed_unsync());
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(
        hyper::header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    headers.insert(
        hyper::header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

async fn answer(request: Request<HyperBody>, relay: &Relay, rest: &str) -> Response<Body> {
    if let Some(refused) = unauthorized(request.headers(), relay) {
        return refused;
    }
    let Some((channel_id, id)) = rest.split_once('/') else {
        return error(
            StatusCode::NOT_FOUND,
            "answer to /_answer/<channel>/<delivery>",
        );
    };
    let Ok(id) = id.parse::<u64>() else {
        return error(StatusCode::BAD_REQUEST, "the delivery ID is a number");
    };
    let limit = usize::try_from(
        relay
            .config
            .max_body
            .saturating_mul(2)
            .saturating_add(64 * 1024),
    )
    .unwrap_or(usize::MAX);
    let body = match Limited::new(request.into_body(), limit).collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => return error(StatusCode::PAYLOAD_TOO_LARGE, "the answer is too large"),
    };
    let Ok(answer) = serde_json::from_slice::<RawAnswer>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "the answer is not {status, headers, body}",
        );
    };
    match relay.hub.existing(channel_id) {
        Some(channel) if channel.answer(id, answer) => Response::builder()
            .status(StatusCode::NO_CONTENT)
            .body(Full::new(Bytes::new()).boxed_unsync())
            .unwrap_or_else(|_| error(StatusCode::NO_CONTENT, "")),
        _ => error(
            StatusCode::GONE,
            "no such delivery waiting (answered already, or the sender gave up)",
        ),
    }
}

async fn deliver(
    request: Request<HyperBody>,
    relay: &Relay,
    channel_id: String,
    path: String,
    remote: SocketAddr,
) -> Response<Body> {
    let started = Instant::now();
    let config = &relay.config;
    if let Some((name, value)) = &config.ingress {
        let given = request
            .headers()
            .get(name.as_str())
            .and_then(|v| v.to_str().ok());
        if !given
            .is_some_and(|g| crate::signature::constant_time_eq(g.as_bytes(), value.as_bytes()))
        {
            relay.log(
                format!("[{}] refused a delivery without the ingress header → 403", short(&channel_id)),
                json!({"type": "delivery", "channel": channel_id, "status": 403, "outcome": "ingress-header"}),
            );
            return error(
                StatusCode::FORBIDDEN,
                format!("this relay requires the {name} header"),
            );
        }
    }
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|size| size > config.max_body) {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the body is over the relay's {} byte limit",
                config.max_body
            ),
        );
    }
    let body = match Limited::new(body, usize::try_from(config.max_body).unwrap_or(usize::MAX))
        .collect()
        .await
    {
        Ok(body) => body.to_bytes(),
        Err(_) => {
            return error(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "the body is over the relay's {} byte limit",
                    config.max_body
                ),
            );
        }
    };
    let Some(channel) = relay.hub.channel(&channel_id) else {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the relay has too many channels",
        );
    };
    let headers = http::header_pairs(&parts.headers);
    let size = body.len();
    let body_text = config
        .verbose
        .then(|| String::from_utf8_lossy(&body).into_owned());
    let offer = channel.offer(config.limits, |id| RawDelivery {
        id,
        channel: channel_id.clone(),
        method: parts.method.to_string(),
        path: path.clone(),
        query: parts.uri.query().map(str::to_string),
        headers,
        body: encode_b64(&body),
        received_at: humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
        remote_addr: Some(remote.to_string()),
    });
    let (response, id, outcome) = match offer {
        Offer::Held { id, answer } => match tokio::time::timeout(config.hold, answer).await {
            Ok(Ok(answer)) => (answered(answer), Some(id), "answered"),
            _ => {
                channel.expire(id);
                let hold = humantime::format_duration(config.hold).to_string();
                (
                    error(
                        StatusCode::GATEWAY_TIMEOUT,
                        format!("the local app did not answer within {hold}"),
                    ),
                    Some(id),
                    "timeout",
                )
            }
        },
        Offer::Broadcast { id, clients } => (
            json_response(StatusCode::OK, json!({"ok": true, "relayed_to": clients})),
            Some(id),
            "broadcast",
        ),
        Offer::Buffered { id, dropped } => {
            for old in dropped {
                relay.log(
                    format!(
                        "{} [{}] buffer full: dropped delivery #{old}",
                        config.paint.yellow("warning:"),
                        short(&channel_id)
                    ),
                    json!({"type": "dropped", "channel": channel_id, "id": old}),
                );
            }
            (
                json_response(
                    StatusCode::ACCEPTED,
                    json!({"ok": true, "buffered": true, "id": id}),
                ),
                Some(id),
                "buffered",
            )
        }
        Offer::NoClient => {
            let mut response = error(
                StatusCode::SERVICE_UNAVAILABLE,
                "no client is connected to this channel; retry later",
            );
            response
                .headers_mut()
                .insert(hyper::header::RETRY_AFTER, HeaderValue::from_static("10"));
            (response, None, "no-client")
        }
    };
    let status = response.status().as_u16();
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    let mut text = format!(
        "[{}] #{} {} {} {size} B → {status} ({outcome}, {})",
        short(&channel_id),
        id.map_or_else(|| "-".to_string(), |id| id.to_string()),
        parts.method,
        sanitize::line(&path),
        crate::output::millis(millis)
    );
    if let Some(body) = &body_text {
        text.push_str(&format!(
            "\n    {}",
            sanitize::line(&sanitize::excerpt(body, 2000))
        ));
    }
    relay.log(
        text,
        json!({"type": "delivery", "channel": channel_id, "id": id, "path": path, "bytes": size, "status": status, "outcome": outcome, "latency_ms": millis, "body": body_text}),
    );
    response
}

fn answered(answer: RawAnswer) -> Response<Body> {
    let body = decode_b64(&answer.body).unwrap_or_default();
    let mut response = full(
        StatusCode::from_u16(answer.status).unwrap_or(StatusCode::BAD_GATEWAY),
        "application/octet-stream",
        body,
    );
    response.headers_mut().remove(hyper::header::CONTENT_TYPE);
    for (name, value) in answer.headers {
        if is_hop_by_hop(&name, None) {
            continue;
        }
        if let (Ok(name), Ok(value)) = (
            hyper::header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

/// The first 8 characters of a channel ID, for logs.
fn short(channel: &str) -> String {
    format!("{}…", channel.get(..8).unwrap_or(channel))
}
