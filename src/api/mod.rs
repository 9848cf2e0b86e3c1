//! The Zernio webhook-settings API client: one reqwest client, Bearer auth, timeouts, 429 retries,
//! `-v` call traces (never the key), and every failure mapped by [`ApiError`].

pub mod error;
pub mod resolve;
pub mod retry;
pub mod types;
pub mod validate;

use std::io::Write;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use error::ApiError;
pub use types::*;

use crate::output::{self, Paint};
use crate::secret::Secret;

/// How many times a call rate limited with 429 is tried again.
pub const MAX_RETRIES: u32 = 3;
/// The longest `Retry-After` waited for; longer asks fail at once.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

/// Everything the client needs, resolved by the context.
#[derive(Debug, Clone)]
pub struct Settings {
    pub base_url: Url,
    pub key: Secret,
    /// Where the key came from, for 401 messages ("--api-key", "$ZERNIO_API_KEY", ...).
    pub key_origin: String,
    pub timeout: Duration,
    pub verbose: bool,
    pub quiet: bool,
    pub paint: Paint,
}

/// A Zernio API client.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    settings: Settings,
}

/// A 2xx-or-not answer, read in full.
struct Answer {
    status: StatusCode,
    request_id: Option<String>,
    body: bytes::Bytes,
}

impl Client {
    pub fn new(settings: Settings) -> Result<Client, ApiError> {
        let http = crate::http_client::builder()
            .timeout(settings.timeout)
            .build()
            .map_err(|err| error::network(settings.base_url.as_str(), &err))?;
        Ok(Client { http, settings })
    }

    pub fn base_url(&self) -> &Url {
        &self.settings.base_url
    }

    /// `GET /v1/webhooks/settings`.
    pub async fn list(&self) -> Result<WebhookList, ApiError> {
        let answer = self
            .call(Method::GET, "/v1/webhooks/settings", &[], None, "")
            .await?;
        let mut raw: Value = parse(&answer, "")?;
        let webhooks = raw
            .get("webhooks")
            .cloned()
            .ok_or_else(|| invalid(&answer, "no `webhooks` field"))?;
        let webhooks: Vec<Webhook> = serde_json::from_value(webhooks)
            .map_err(|err| invalid(&answer, &format!("webhooks: {err}")))?;
        mask_secrets(&mut raw);
        Ok(WebhookList { webhooks, raw })
    }

    /// `POST /v1/webhooks/settings`.
    pub async fn create(&self, webhook: &NewWebhook) -> Result<Saved, ApiError> {
        let body = serde_json::to_value(webhook).expect("requests serialise");
        let answer = self
            .call(Method::POST, "/v1/webhooks/settings", &[], Some(&body), "")
            .await?;
        saved(&answer)
    }

    /// `PUT /v1/webhooks/settings`.
    pub async fn update(&self, changes: &WebhookChanges) -> Result<Saved, ApiError> {
        let body = serde_json::to_value(changes).expect("requests serialise");
        let what = format!("webhook {}", changes.id);
        let answer = self
            .call(
                Method::PUT,
                "/v1/webhooks/settings",
                &[],
                Some(&body),
                &what,
            )
            .await?;
        saved(&answer)
    }

    /// `DELETE /v1/webhooks/settings?id=...`.
    pub async fn delete(&self, id: &str) -> Result<(), ApiError> {
        let what = format!("webhook {id}");
        let answer = self
            .call(
                Method::DELETE,
                "/v1/webhooks/settings",
                &[("id", id.to_string())],
                None,
                &what,
            )
            .await?;
        let _: Value = parse(&answer, &what)?;
        Ok(())
    }

    /// `POST /v1/webhooks/test`: a 500 with `success: false` is the test failing, not an error.
    pub async fn test(&self, id: &str) -> Result<TestOutcome, ApiError> {
        let body = serde_json::json!({ "webhookId": id });
        let what = format!("webhook {id}");
        let answer = self
            .send(Method::POST, "/v1/webhooks/test", &[], Some(&body))
            .await?;
        let parsed: Option<Value> = serde_json::from_slice(&answer.body).ok();
        let reported = parsed
            .as_ref()
            .and_then(|v| v.get("success"))
            .and_then(Value::as_bool);
        let message = parsed
            .as_ref()
            .and_then(|v| v.get("message").or_else(|| v.get("error")))
            .and_then(Value::as_str)
            .map(|m| output::sanitize::line(m).into_owned())
            .unwrap_or_default();
        match (answer.status.as_u16(), reported) {
            (200..=299, Some(success)) => Ok(TestOutcome {
                success,
                message,
                request_id: answer.request_id,
            }),
            (200..=299, None) => Err(invalid(&answer, "no `success` field")),
            (500, Some(false)) => Ok(TestOutcome {
                success: false,
                message,
                request_id: answer.request_id,
            }),
            _ => Err(self.failed(&answer, &what)),
        }
    }

    /// `GET /v1/webhooks/logs`.
    pub async fn logs(&self, query: &LogsQuery) -> Result<LogsPage, ApiError> {
        let answer = self
            .call(Method::GET, "/v1/webhooks/logs", &query.pairs(), None, "")
            .await?;
        let raw: Value = parse(&answer, "")?;
        let logs = raw
            .get("logs")
            .and_then(Value::as_array)
            .ok_or_else(|| invalid(&answer, "no `logs` list"))?;
        let logs = logs
            .iter()
            .map(|item| {
                let log: WebhookLog = serde_json::from_value(item.clone())
                    .map_err(|err| invalid(&answer, &format!("a log entry: {err}")))?;
                Ok(LogEntry {
                    log,
                    raw: item.clone(),
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        let pagination = raw
            .get("pagination")
            .cloned()
            .map(serde_json::from_value)
            .transpose()
            .map_err(|err| invalid(&answer, &format!("pagination: {err}")))?
            .unwrap_or_default();
        Ok(LogsPage { logs, pagination })
    }

    /// Send, and turn a non-2xx answer into an error.
    async fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        what: &str,
    ) -> Result<Answer, ApiError> {
        let answer = self.send(method, path, query, body).await?;
        if answer.status.is_success() {
            Ok(answer)
        } else {
            Err(self.failed(&answer, what))
        }
    }

    fn failed(&self, answer: &Answer, what: &str) -> ApiError {
        let what = if what.is_empty() { "it" } else { what };
        ApiError::from_answer(
            answer.status.as_u16(),
            &answer.body,
            answer.request_id.clone(),
            &self.settings.key_origin,
            what,
        )
    }

    /// One call, retried on 429 up to [`MAX_RETRIES`] times as `Retry-After` asks.
    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Answer, ApiError> {
        let url = self.url(path, query);
        let mut retries = 0;
        loop {
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .header(ACCEPT, "application/json")
                .header(AUTHORIZATION, self.bearer());
            if let Some(body) = body {
                request = request.json(body);
            }
            let started = Instant::now();
            let response = match request.send().await {
                Ok(response) => response,
                Err(err) => {
                    let err = error::network(url.as_str(), &err);
                    self.trace(&method, &url, &format!("failed ({err})"), started);
                    return Err(err);
                }
            };
            let status = response.status();
            let headers = response.headers().clone();
            let request_id = header(&headers, "x-request-id");
            let body = match response.bytes().await {
                Ok(body) => body,
                Err(err) => {
                    let err = error::network(url.as_str(), &err);
                    self.trace(&method, &url, &format!("failed ({err})"), started);
                    return Err(err);
                }
            };
            let mut outcome = status.to_string();
            if let Some(id) = &request_id {
                outcome.push_str(&format!(", request ID {}", output::sanitize::line(id)));
            }
            self.trace(&method, &url, &outcome, started);
            if status != StatusCode::TOO_MANY_REQUESTS {
                return Ok(Answer {
                    status,
                    request_id,
                    body,
                });
            }
            let asked = retry::retry_after(&headers, SystemTime::now());
            let wait = asked.unwrap_or_else(|| Duration::from_secs(1 << retries));
            if retries >= MAX_RETRIES || wait > MAX_RETRY_WAIT {
                return Err(ApiError::RateLimited {
                    retries,
                    retry_after: asked,
                    request_id,
                });
            }
            retries += 1;
            self.note(&format!(
                "rate limited by the Zernio API (429); retrying in {} (retry {retries} of {MAX_RETRIES}){}",
                output::millis(wait.as_secs_f64() * 1000.0),
                if asked.is_some() {
                    " as Retry-After asks"
                } else {
                    ""
                }
            ));
            tokio::time::sleep(wait).await;
        }
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> Url {
        join(&self.settings.base_url, path, query)
    }

    fn bearer(&self) -> HeaderValue {
        let mut value = HeaderValue::from_str(&format!("Bearer {}", self.settings.key.expose()))
            .unwrap_or_else(|_| HeaderValue::from_static("Bearer invalid"));
        value.set_sensitive(true);
        value
    }

    /// `-v`: method, URL, outcome and time of each call. The key is in a header, never printed.
    fn trace(&self, method: &Method, url: &Url, outcome: &str, started: Instant) {
        if self.settings.verbose {
            let line = format!(
                "api: {method} {url} → {outcome} in {}",
                output::millis(started.elapsed().as_secs_f64() * 1000.0)
            );
            let _ = writeln!(std::io::stderr(), "{}", self.settings.paint.dimmed(&line));
        }
    }

    fn note(&self, message: &str) {
        if !self.settings.quiet {
            let _ = writeln!(
                std::io::stderr(),
                "{} {message}",
                self.settings.paint.yellow("note:")
            );
        }
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

fn parse<T: DeserializeOwned>(answer: &Answer, _what: &str) -> Result<T, ApiError> {
    serde_json::from_slice(&answer.body).map_err(|err| invalid(answer, &format!("not JSON: {err}")))
}

fn saved(answer: &Answer) -> Result<Saved, ApiError> {
    let mut raw: Value = parse(answer, "")?;
    let webhook = match raw.get("webhook") {
        Some(value) => Some(
            serde_json::from_value(value.clone())
                .map_err(|err| invalid(answer, &format!("webhook: {err}")))?,
        ),
        None => None,
    };
    mask_secrets(&mut raw);
    Ok(Saved { webhook, raw })
}

fn invalid(answer: &Answer, detail: &str) -> ApiError {
    ApiError::InvalidResponse {
        detail: format!("{} {detail}", answer.status),
        request_id: answer.request_id.clone(),
    }
}

/// The base URL's path, then the operation's path, then the query.
pub fn join(base: &Url, path: &str, query: &[(&str, String)]) -> Url {
    let mut url = base.clone();
    let joined = format!("{}{path}", url.path().trim_end_matches('/'));
    url.set_path(&joined);
    url.set_query(None);
    if !query.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for (name, value) in query {
            pairs.append_pair(name, value);
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_join_the_base_path() {
        let base = Url::parse("http://127.0.0.1:1/api/").unwrap();
        assert_eq!(
            join(&base, "/v1/webhooks/logs", &[("event", "a b&c".into())]).as_str(),
            "http://127.0.0.1:1/api/v1/webhooks/logs?event=a+b%26c"
        );
        let bare = Url::parse("https://zernio.com").unwrap();
        assert_eq!(
            join(&bare, "/v1/webhooks/test", &[]).as_str(),
            "https://zernio.com/v1/webhooks/test"
        );
    }
}
