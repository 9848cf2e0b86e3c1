//! `listen --forward-to`: send an accepted delivery on to the developer's app, re-signed, and turn
//! the app's answer (or its absence) into the answer for the sender.

use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::http_client;
use crate::secret::Secret;
use crate::server::{Forwarded, Incoming, Reply};
use crate::signature;

/// Headers that belong to one connection and are never passed on (RFC 9110 §7.6.1), plus the
/// ones the client recomputes.
pub const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
];

/// Every token of a request's `Connection` headers, joined: the extra names that header marks as
/// hop-by-hop (see [`is_hop_by_hop`]).
pub fn connection_tokens(headers: &[(String, String)]) -> String {
    headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("connection"))
        .map(|(_, value)| value.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Whether a header must not be passed on, given the request's own `Connection` header.
pub fn is_hop_by_hop(name: &str, connection: Option<&str>) -> bool {
    HOP_BY_HOP.contains(&name)
        || connection.is_some_and(|listed| {
            listed
                .split(',')
                .any(|token| token.trim().eq_ignore_ascii_case(name))
        })
}

#[derive(Debug, Clone)]
pub struct Forwarder {
    pub url: reqwest::Url,
    pub timeout: Duration,
    client: reqwest::Client,
}

impl Forwarder {
    pub fn new(url: reqwest::Url, timeout: Duration) -> anyhow::Result<Self> {
        // The app is local: never route it through a proxy from the environment.
        let client = http_client::builder()
            .no_proxy()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(64)
            .build()?;
        Ok(Forwarder {
            url,
            timeout,
            client,
        })
    }

    /// Forward `incoming` with the same method and raw body, the Zernio and custom headers, and a
    /// signature made with `secret` (or the original signature headers when there is no secret).
    pub async fn send(&self, incoming: &Incoming, secret: Option<&Secret>) -> (Reply, Forwarded) {
        let started = Instant::now();
        let method = reqwest::Method::from_bytes(incoming.method.as_bytes())
            .unwrap_or(reqwest::Method::POST);
        let mut request = self.client.request(method, self.url.clone());
        let connection = connection_tokens(&incoming.headers);
        let connection = Some(connection.as_str());
        let had_legacy = incoming
            .header(signature::LEGACY_SIGNATURE_HEADER)
            .is_some();
        let had_current = incoming.header(signature::SIGNATURE_HEADER).is_some();
        for (name, value) in &incoming.headers {
            if is_hop_by_hop(name, connection) {
                continue;
            }
            let is_signature =
                name == signature::SIGNATURE_HEADER || name == signature::LEGACY_SIGNATURE_HEADER;
            if is_signature && secret.is_some() {
                continue;
            }
            request = request.header(name.as_str(), value.as_str());
        }
        if let Some(secret) = secret {
            let value = signature::sign(secret.expose().as_bytes(), &incoming.body);
            if had_current || !had_legacy {
                request = request.header(signature::SIGNATURE_HEADER, value.as_str());
            }
            if had_legacy {
                request = request.header(signature::LEGACY_SIGNATURE_HEADER, value.as_str());
            }
        }
        let result = async {
            let response = request.body(incoming.body.clone()).send().await?;
            let status = response.status().as_u16();
            let headers: Vec<(String, String)> = response
                .headers()
                .iter()
                .filter(|(name, _)| !is_hop_by_hop(name.as_str(), None))
                .map(|(name, value)| {
                    (
                        name.as_str().to_string(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>(Reply {
                status,
                headers,
                body,
            })
        }
        .await;
        let latency = started.elapsed();
        let url = self.url.to_string();
        match result {
            Ok(reply) => {
                let forwarded = Forwarded {
                    url,
                    status: Some(reply.status),
                    latency,
                    error: None,
                };
                (reply, forwarded)
            }
            Err(err) => {
                let (status, error) = if err.is_timeout() {
                    (
                        504,
                        format!(
                            "the app did not answer within {}",
                            humantime::format_duration(self.timeout)
                        ),
                    )
                } else {
                    (
                        502,
                        format!(
                            "the app is unreachable: {}",
                            http_client::describe_error(&err)
                        ),
                    )
                };
                let body = serde_json::json!({"ok": false, "error": error});
                let reply = Reply {
                    status,
                    headers: vec![("content-type".into(), "application/json".into())],
                    body: Bytes::from(body.to_string()),
                };
                (
                    reply,
                    Forwarded {
                        url,
                        status: None,
                        latency,
                        error: Some(error),
                    },
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hop_by_hop_headers() {
        assert!(is_hop_by_hop("transfer-encoding", None));
        assert!(is_hop_by_hop("x-debug", Some("keep-alive, X-Debug")));
        assert!(!is_hop_by_hop("x-zernio-event", Some("keep-alive")));
    }
}
