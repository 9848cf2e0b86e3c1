//! How an attempt reaches the endpoint, and what came back.
//!
//! Plain `http://` endpoints (the usual CI case: an app on localhost) are reached over hyper's
//! own HTTP/1.1 connections, kept here and reused while fresh: one per delivery in flight, no
//! redirect or retry layers, so a delivery costs little more than its bytes on the wire.
//! `https://` endpoints, and any URL when an environment proxy is configured, go through reqwest
//! (rustls with the platform's roots, proxies and NO_PROXY). Either way a redirect is an answer
//! (Zernio does not follow them) and the whole exchange must finish within `--timeout`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use reqwest::header::{HOST, HeaderValue};

use crate::http_client;
use crate::send::delivery::Prepared;
use crate::send::verdict::{Attempt, Problem};

/// How much of each answer's body is kept for the output and the report.
const EXCERPT_BYTES: usize = 1024;

/// A kept connection idle longer than this is closed rather than reused: servers close idle
/// keep-alive connections (Node after 5 s), and a request racing that close would fail.
const IDLE_LIMIT: Duration = Duration::from_secs(4);

/// Environment variables that route plain HTTP through a proxy.
const PROXY_VARIABLES: &[&str] = &["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"];

/// The endpoint and the way to it.
#[derive(Debug)]
pub struct Transport {
    timeout: Duration,
    way: Way,
}

#[derive(Debug)]
enum Way {
    Direct(Direct),
    Client {
        client: reqwest::Client,
        url: reqwest::Url,
    },
}

/// What one exchange got, before it is judged.
#[derive(Debug, Default)]
struct Exchange {
    status: Option<u16>,
    excerpt: Vec<u8>,
    problem: Option<Problem>,
}

impl Exchange {
    fn failed(problem: Problem) -> Self {
        Exchange {
            problem: Some(problem),
            ..Exchange::default()
        }
    }
}

impl Transport {
    pub fn new(url: &reqwest::Url, timeout: Duration, concurrency: usize) -> anyhow::Result<Self> {
        let proxied = PROXY_VARIABLES
            .iter()
            .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
        let way = match Direct::new(url) {
            Some(direct) if !proxied => Way::Direct(direct),
            _ => Way::Client {
                client: http_client::builder()
                    .redirect(reqwest::redirect::Policy::none())
                    .pool_max_idle_per_host(concurrency)
                    .timeout(timeout)
                    .build()?,
                url: url.clone(),
            },
        };
        Ok(Transport { timeout, way })
    }

    /// One POST of the delivery: the status, the time to the end of the answer, and the start
    /// of its body; a problem instead when there was no complete answer within the timeout.
    pub async fn attempt(&self, delivery: &Prepared, number: u32) -> Attempt {
        let started = Instant::now();
        let exchange = match &self.way {
            Way::Direct(direct) => {
                match tokio::time::timeout(self.timeout, direct.exchange(delivery)).await {
                    Ok(exchange) => exchange,
                    Err(_) => Exchange::failed(Problem::Timeout(self.timeout)),
                }
            }
            Way::Client { client, url } => self.through_client(client, url, delivery).await,
        };
        Attempt {
            number,
            status: exchange.status,
            latency: started.elapsed(),
            problem: exchange.problem,
            response: String::from_utf8_lossy(&exchange.excerpt).into_owned(),
        }
    }

    async fn through_client(
        &self,
        client: &reqwest::Client,
        url: &reqwest::Url,
        delivery: &Prepared,
    ) -> Exchange {
        let mut exchange = Exchange::default();
        let mut request = reqwest::Request::new(reqwest::Method::POST, url.clone());
        *request.headers_mut() = delivery.headers.clone();
        *request.body_mut() = Some(delivery.body.clone().into());
        let result = async {
            let mut response = client.execute(request).await?;
            exchange.status = Some(response.status().as_u16());
            while let Some(chunk) = response.chunk().await? {
                keep_excerpt(&mut exchange.excerpt, &chunk);
            }
            Ok::<(), reqwest::Error>(())
        }
        .await;
        if let Err(err) = result {
            exchange.problem = Some(self.classify(&err));
        }
        exchange
    }

    fn classify(&self, err: &reqwest::Error) -> Problem {
        match http_client::classify(err) {
            (http_client::NetworkKind::Timeout, _) => Problem::Timeout(self.timeout),
            (http_client::NetworkKind::Other, detail) => Problem::Other(detail),
            (_, detail) => Problem::Connect(detail),
        }
    }
}

fn keep_excerpt(excerpt: &mut Vec<u8>, chunk: &[u8]) {
    let room = EXCERPT_BYTES.saturating_sub(excerpt.len());
    excerpt.extend_from_slice(&chunk[..chunk.len().min(room)]);
}

/// Plain HTTP/1.1 over kept connections.
#[derive(Debug)]
struct Direct {
    host: String,
    port: u16,
    /// The Host header.
    authority: HeaderValue,
    /// The request target in origin form (`/path?query`).
    target: hyper::Uri,
    idle: Mutex<Vec<(SendRequest<Full<Bytes>>, Instant)>>,
}

impl Direct {
    /// A direct way to `url`, when it is plain HTTP.
    fn new(url: &reqwest::Url) -> Option<Direct> {
        if url.scheme() != "http" {
            return None;
        }
        let host = url
            .host_str()?
            .trim_start_matches('[')
            .trim_end_matches(']');
        let port = url.port_or_known_default()?;
        let authority = match url.port() {
            Some(port) => format!("{}:{port}", url.host_str()?),
            None => url.host_str()?.to_string(),
        };
        let target = match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        };
        Some(Direct {
            host: host.to_string(),
            port,
            authority: HeaderValue::from_str(&authority).ok()?,
            target: target.parse().ok()?,
            idle: Mutex::new(Vec::new()),
        })
    }

    async fn exchange(&self, delivery: &Prepared) -> Exchange {
        let mut request = self.request(delivery);
        loop {
            let (mut sender, reused) = match self.take_idle() {
                Some(sender) => (sender, true),
                None => match self.connect().await {
                    Ok(sender) => (sender, false),
                    Err(problem) => return Exchange::failed(problem),
                },
            };
            if reused && sender.ready().await.is_err() {
                continue;
            }
            match sender.try_send_request(request).await {
                Ok(response) => return self.read(response, sender).await,
                Err(mut err) => match err.take_message() {
                    // A kept connection closed before the request went out: use a fresh one.
                    Some(unsent) if reused => request = unsent,
                    _ => {
                        return Exchange::failed(Problem::Other(http_client::root_cause(
                            err.error(),
                        )));
                    }
                },
            }
        }
    }

    fn request(&self, delivery: &Prepared) -> hyper::Request<Full<Bytes>> {
        let mut request = hyper::Request::new(Full::new(delivery.body.clone()));
        *request.method_mut() = hyper::Method::POST;
        *request.uri_mut() = self.target.clone();
        let headers = request.headers_mut();
        headers.reserve(delivery.headers.len() + 1);
        headers.insert(HOST, self.authority.clone());
        for (name, value) in &delivery.headers {
            headers.append(name, value.clone());
        }
        request
    }

    async fn read(
        &self,
        response: hyper::Response<hyper::body::Incoming>,
        sender: SendRequest<Full<Bytes>>,
    ) -> Exchange {
        let mut exchange = Exchange {
            status: Some(response.status().as_u16()),
            ..Exchange::default()
        };
        let mut body = response.into_body();
        while let Some(frame) = body.frame().await {
            match frame {
                Ok(frame) => {
                    if let Some(data) = frame.data_ref() {
                        keep_excerpt(&mut exchange.excerpt, data);
                    }
                }
                Err(err) => {
                    exchange.problem = Some(Problem::Other(http_client::root_cause(&err)));
                    return exchange;
                }
            }
        }
        if !sender.is_closed() {
            self.idle
                .lock()
                .expect("the idle list")
                .push((sender, Instant::now()));
        }
        exchange
    }

    fn take_idle(&self) -> Option<SendRequest<Full<Bytes>>> {
        let mut idle = self.idle.lock().expect("the idle list");
        while let Some((sender, since)) = idle.pop() {
            if !sender.is_closed() && since.elapsed() < IDLE_LIMIT {
                return Some(sender);
            }
        }
        None
    }

    async fn connect(&self) -> Result<SendRequest<Full<Bytes>>, Problem> {
        let addresses = tokio::net::lookup_host((self.host.as_str(), self.port))
            .await
            .map_err(|err| Problem::Connect(format!("DNS lookup failed: {err}")))?;
        let mut last = None;
        for address in addresses {
            match tokio::net::TcpStream::connect(address).await {
                Ok(stream) => {
                    let _ = stream.set_nodelay(true);
                    let (sender, connection) =
                        hyper::client::conn::http1::handshake(TokioIo::new(stream))
                            .await
                            .map_err(|err| {
                                Problem::Connect(format!(
                                    "cannot connect: {}",
                                    http_client::root_cause(&err)
                                ))
                            })?;
                    tokio::spawn(async move {
                        let _ = connection.await;
                    });
                    return Ok(sender);
                }
                Err(err) => last = Some(err),
            }
        }
        Err(Problem::Connect(match last {
            Some(err) => format!("cannot connect: {err}"),
            None => format!("DNS lookup failed: no address for {}", self.host),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_only_for_plain_http() {
        let direct = |url: &str| Direct::new(&reqwest::Url::parse(url).unwrap());
        let plain = direct("http://127.0.0.1:3000/webhooks/zernio?tenant=acme").unwrap();
        assert_eq!(plain.authority, "127.0.0.1:3000");
        assert_eq!(plain.target, "/webhooks/zernio?tenant=acme");
        assert_eq!((plain.host.as_str(), plain.port), ("127.0.0.1", 3000));
        let default_port = direct("http://[::1]/").unwrap();
        assert_eq!(default_port.authority, "[::1]");
        assert_eq!((default_port.host.as_str(), default_port.port), ("::1", 80));
        assert!(direct("https://example.com/hook").is_none());
    }

    #[test]
    fn excerpts_are_bounded() {
        let mut excerpt = Vec::new();
        keep_excerpt(&mut excerpt, &[b'a'; 1000]);
        keep_excerpt(&mut excerpt, &[b'b'; 1000]);
        assert_eq!(excerpt.len(), EXCERPT_BYTES);
        assert_eq!(excerpt[EXCERPT_BYTES - 1], b'b');
    }
}
