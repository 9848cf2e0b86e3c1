//! listen's HTTP/1.1 server (hyper): accept connections, enforce the body limit, hand each request
//! to the [`Pipeline`], and shut down gracefully.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming as HyperBody;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use crate::exit::Failure;
use tokio::sync::watch;

use crate::server::forward::is_hop_by_hop;
use crate::server::{Incoming, Pipeline, Source};

/// Serve until `stop` flips to true, then let requests in flight finish (up to `grace`).
pub async fn serve(
    listener: TcpListener,
    pipeline: Arc<Pipeline>,
    stop: watch::Receiver<bool>,
    grace: Duration,
) {
    accept(listener, stop, grace, move |remote| {
        let pipeline = pipeline.clone();
        service_fn(move |request| handle(request, pipeline.clone(), remote))
    })
    .await;
}

/// The HTTP/1.1 accept loop shared by listen and the relay: one task per connection, each
/// served by `make(remote address)`; on `stop`, stop accepting and let what is in flight finish
/// (up to `grace`).
pub async fn accept<F, S, B>(
    listener: TcpListener,
    mut stop: watch::Receiver<bool>,
    grace: Duration,
    make: F,
) where
    F: Fn(SocketAddr) -> S,
    S: hyper::service::Service<Request<HyperBody>, Response = Response<B>> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(30))
        .keep_alive(true);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, remote) = match accepted {
                    Ok(pair) => pair,
                    Err(err) => {
                        // Out of file descriptors and the like: back off briefly, keep serving.
                        eprintln!("zernio-hooks: accept failed: {err}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let connection = http.serve_connection(TokioIo::new(stream), make(remote));
                let watched = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = watched.await;
                });
            }
            _ = stop.changed() => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(grace, graceful.shutdown()).await;
}

async fn handle(
    request: Request<HyperBody>,
    pipeline: Arc<Pipeline>,
    remote: SocketAddr,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let received_at = SystemTime::now();
    let started = Instant::now();
    let max_body = pipeline.settings().max_body;
    let (parts, body) = request.into_parts();
    let headers = header_pairs(&parts.headers);
    let declared = parts
        .headers
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let mut body_error = None;
    let (body, body_complete, body_size) = match declared {
        // Refuse without reading a byte of it.
        Some(size) if size > max_body => (Bytes::new(), false, size),
        _ => match Limited::new(body, usize::try_from(max_body).unwrap_or(usize::MAX))
            .collect()
            .await
        {
            Ok(collected) => {
                let bytes = collected.to_bytes();
                let size = bytes.len() as u64;
                (bytes, true, size)
            }
            Err(err) if err.is::<http_body_util::LengthLimitError>() => {
                (Bytes::new(), false, max_body + 1)
            }
            Err(err) => {
                // Usually the sender went away mid-body; still shown, so nothing goes unseen.
                body_error = Some(crate::http_client::root_cause(err.as_ref()));
                (Bytes::new(), false, declared.unwrap_or(0))
            }
        },
    };
    let incoming = Incoming {
        received_at,
        started,
        source: Source::Http,
        remote: Some(remote.to_string()),
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        headers,
        body,
        body_complete,
        body_error,
        body_size,
    };
    let reply = pipeline.handle(incoming).await;
    let mut response = Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        if !is_hop_by_hop(name, None) {
            response = response.header(name.as_str(), value.as_str());
        }
    }
    let response = response.body(Full::new(reply.body)).unwrap_or_else(|_| {
        let mut fallback = Response::new(Full::new(Bytes::from_static(
            b"{\"ok\":false,\"error\":\"bad answer from the app\"}",
        )));
        *fallback.status_mut() = hyper::StatusCode::BAD_GATEWAY;
        fallback
    });
    Ok(response)
}

/// Bind a listening socket, explaining a port in use.
pub async fn bind(host: &str, port: u16) -> anyhow::Result<TcpListener> {
    match TcpListener::bind((host, port)).await {
        Ok(listener) => Ok(listener),
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => Err(Failure::usage(format!(
            "port {port} on {host} is already in use"
        ))
        .with_hint(format!(
            "pick another with --port {}, or --port 0 for any free port",
            port.wrapping_add(1).max(1024)
        ))
        .into()),
        Err(err) => Err(
            Failure::usage(format!("cannot listen on {host}:{port}: {err}"))
                .with_hint(
                    "check --host (an address of this machine, such as 127.0.0.1 or 0.0.0.0)",
                )
                .into(),
        ),
    }
}

/// Resolves on Ctrl-C (or SIGTERM on Unix). The handlers are installed when this is called, so
/// call it before announcing readiness: an interrupt that comes early is then still handled (and
/// whatever must be undone on exit, is).
pub fn interrupted() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut int = signal(SignalKind::interrupt())?;
        let mut term = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// Headers as (lower-case name, value) pairs in the order hyper keeps them, repeated names kept.
pub fn header_pairs(headers: &hyper::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_string(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}
