//! Every way a Zernio API call can fail, each mapped to a message a user can act on and an exit code.

use std::time::Duration;

use serde_json::Value;

use crate::exit::{self, Failure};
use crate::output::sanitize;

pub use crate::http_client::NetworkKind;

/// A failed API call.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 401: the key is missing or rejected.
    #[error("the Zernio API rejected the API key from {key_origin} (401: {message})")]
    Unauthorized {
        message: String,
        key_origin: String,
        request_id: Option<String>,
    },
    /// 403: a restricted key lacks a resource group, or may not do this at all.
    #[error("{}", forbidden_message(.required_group.as_deref(), .message))]
    Forbidden {
        message: String,
        required_group: Option<String>,
        request_id: Option<String>,
    },
    /// 404: no such webhook.
    #[error("{what} does not exist in Zernio (404: {message})")]
    NotFound {
        what: String,
        message: String,
        request_id: Option<String>,
    },
    /// 400: the server refused the input.
    #[error("Zernio refused the request: {message}{}", .field.as_ref().map(|f| format!(" (field `{f}`)")).unwrap_or_default())]
    BadRequest {
        message: String,
        field: Option<String>,
        request_id: Option<String>,
    },
    /// 429 after every retry.
    #[error("{}", rate_limited_message(*.retries, *.retry_after))]
    RateLimited {
        retries: u32,
        retry_after: Option<Duration>,
        request_id: Option<String>,
    },
    /// Any other 4xx.
    #[error("the Zernio API answered {}: {message}", status_text(*.status))]
    Client {
        status: u16,
        message: String,
        request_id: Option<String>,
    },
    /// 5xx.
    #[error("the Zernio API failed ({}): {message}", status_text(*.status))]
    Server {
        status: u16,
        message: String,
        request_id: Option<String>,
    },
    /// The call never got an answer.
    #[error("cannot reach the Zernio API at {url}: {detail}")]
    Network {
        url: String,
        kind: NetworkKind,
        detail: String,
    },
    /// A 2xx answer that is not what the spec says.
    #[error("the Zernio API sent an answer this tool cannot read ({detail})")]
    InvalidResponse {
        detail: String,
        request_id: Option<String>,
    },
}

/// `502 Bad Gateway`.
fn status_text(status: u16) -> String {
    match hyper::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

fn rate_limited_message(retries: u32, retry_after: Option<Duration>) -> String {
    match (retries, retry_after) {
        (0, Some(wait)) => format!(
            "the Zernio API is rate limiting this key (429) and asks to wait {}s, longer than this tool waits",
            wait.as_secs()
        ),
        _ => {
            format!("the Zernio API is still rate limiting this key (429) after {retries} retries")
        }
    }
}

fn forbidden_message(group: Option<&str>, message: &str) -> String {
    match group {
        Some(group) => format!(
            "this API key may not do that: it lacks the `{group}` resource group (403: {message})"
        ),
        None => format!("this API key may not do that (403: {message})"),
    }
}

impl ApiError {
    /// Map a non-2xx answer. `what` names the thing a 404 is about ("webhook 66a…").
    pub fn from_answer(
        status: u16,
        body: &[u8],
        request_id: Option<String>,
        key_origin: &str,
        what: &str,
    ) -> ApiError {
        let parsed: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let message = server_message(&parsed, body);
        match status {
            400 | 422 => ApiError::BadRequest {
                field: field_of(&parsed),
                message,
                request_id,
            },
            401 => ApiError::Unauthorized {
                message,
                key_origin: key_origin.to_string(),
                request_id,
            },
            403 => ApiError::Forbidden {
                required_group: parsed
                    .get("required_group")
                    .and_then(Value::as_str)
                    .map(|g| sanitize::line(g).into_owned()),
                message,
                request_id,
            },
            404 => ApiError::NotFound {
                what: what.to_string(),
                message,
                request_id,
            },
            500..=599 => ApiError::Server {
                status,
                message,
                request_id,
            },
            _ => ApiError::Client {
                status,
                message,
                request_id,
            },
        }
    }

    /// The exit code: 4 for a 4xx answer, 5 for 5xx or no answer.
    pub fn exit_code(&self) -> u8 {
        match self {
            ApiError::Server { .. }
            | ApiError::Network { .. }
            | ApiError::InvalidResponse { .. } => exit::API_SERVER,
            _ => exit::API_CLIENT,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Unauthorized { request_id, .. }
            | ApiError::Forbidden { request_id, .. }
            | ApiError::NotFound { request_id, .. }
            | ApiError::BadRequest { request_id, .. }
            | ApiError::RateLimited { request_id, .. }
            | ApiError::Client { request_id, .. }
            | ApiError::Server { request_id, .. }
            | ApiError::InvalidResponse { request_id, .. } => request_id.as_deref(),
            ApiError::Network { .. } => None,
        }
    }

    /// What the user can do about it.
    pub fn hint(&self) -> Option<String> {
        let advice = match self {
            ApiError::Unauthorized { .. } => Some(crate::config::KEY_HINT.to_string()),
            ApiError::Forbidden {
                required_group: Some(group),
                ..
            } => Some(format!(
                "restricted (zrk_) keys only reach their resource groups: create a key with `{group}` enabled in the dashboard API keys tab, and revoke the old one"
            )),
            ApiError::Forbidden { .. } => Some(
                "use a full-access key, or check the webhook's disabledResourceGroups".to_string(),
            ),
            ApiError::NotFound { .. } => Some("`zernio-hooks list` shows the webhooks there are".to_string()),
            ApiError::RateLimited { .. } => {
                Some("wait a minute before trying again; other clients may share this key's limit".to_string())
            }
            ApiError::Server { .. } => Some("this is on Zernio's side; try again later".to_string()),
            ApiError::Network { kind, .. } => Some(match kind {
                NetworkKind::Timeout => format!(
                    "the call took longer than the timeout; raise it with {} or a profile's timeout",
                    crate::config::TIMEOUT_ENV
                ),
                NetworkKind::Tls => {
                    "check --api-url / ZERNIO_API_URL (https:// for Zernio itself) and any proxy in between".to_string()
                }
                NetworkKind::Dns | NetworkKind::Connect | NetworkKind::Other => {
                    "check the network and --api-url / ZERNIO_API_URL (`zernio-hooks config` shows which URL is used)".to_string()
                }
            }),
            ApiError::InvalidResponse { .. } => {
                Some("is --api-url the Zernio API's base URL (ending in /api)?".to_string())
            }
            ApiError::BadRequest { .. } | ApiError::Client { .. } => None,
        };
        let request = self.request_id().map(|id| {
            format!(
                "request ID {}: quote it to Zernio support",
                sanitize::line(id)
            )
        });
        match (advice, request) {
            (Some(advice), Some(request)) => Some(format!("{advice}\n  {request}")),
            (advice, request) => advice.or(request),
        }
    }

    /// The error as the single reporting point shows it.
    pub fn to_failure(&self) -> Failure {
        let failure = Failure::new(self.exit_code(), self.to_string());
        match self.hint() {
            Some(hint) => failure.with_hint(hint),
            None => failure,
        }
    }
}

impl From<ApiError> for Failure {
    fn from(err: ApiError) -> Failure {
        err.to_failure()
    }
}

/// The server's human message: `error`, `message` or the raw body, made terminal-safe.
fn server_message(parsed: &Value, body: &[u8]) -> String {
    let text = ["error", "message"]
        .iter()
        .find_map(|key| match parsed.get(*key) {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Object(inner)) => inner
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        })
        .or_else(|| {
            let raw = String::from_utf8_lossy(body).trim().to_string();
            (!raw.is_empty()).then_some(raw)
        })
        .unwrap_or_else(|| "(empty answer)".to_string());
    sanitize::excerpt(&sanitize::line(&text), 300).into_owned()
}

/// The field a 400 is about, where the server says: `field`, `param`, or the first of `details`.
fn field_of(parsed: &Value) -> Option<String> {
    let direct = ["field", "param", "path"]
        .iter()
        .find_map(|key| parsed.get(*key).and_then(Value::as_str));
    let nested = || {
        let first = parsed
            .get("details")
            .or_else(|| parsed.get("errors"))?
            .as_array()?
            .first()?;
        match first.get("field").or_else(|| first.get("path"))? {
            Value::String(field) => Some(field.clone()),
            Value::Array(parts) => Some(
                parts
                    .iter()
                    .map(|p| p.to_string().trim_matches('"').to_string())
                    .collect::<Vec<_>>()
                    .join("."),
            ),
            _ => None,
        }
    };
    direct
        .map(str::to_string)
        .or_else(nested)
        .map(|f| sanitize::line(&f).into_owned())
}

/// Classify a reqwest failure.
pub fn network(url: &str, err: &reqwest::Error) -> ApiError {
    let (kind, detail) = crate::http_client::classify(err);
    ApiError::Network {
        url: url.to_string(),
        kind,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_statuses_to_exit_codes_and_hints() {
        let forbidden = ApiError::from_answer(
            403,
            br#"{"error":"no","code":"insufficient_permissions","required_group":"webhooks"}"#,
            Some("req_1".into()),
            "$ZERNIO_API_KEY",
            "webhook x",
        );
        assert_eq!(forbidden.exit_code(), exit::API_CLIENT);
        assert!(forbidden.to_string().contains("`webhooks` resource group"));
        let hint = forbidden.hint().unwrap();
        assert!(
            hint.contains("req_1") && hint.contains("dashboard"),
            "{hint}"
        );

        let bad = ApiError::from_answer(
            400,
            br#"{"error":"Invalid URL","field":"url"}"#,
            None,
            "",
            "",
        );
        assert_eq!(
            bad.to_string(),
            "Zernio refused the request: Invalid URL (field `url`)"
        );
        let nested = ApiError::from_answer(
            400,
            br#"{"error":"bad","details":[{"path":["events",0],"message":"x"}]}"#,
            None,
            "",
            "",
        );
        assert!(
            nested.to_string().contains("(field `events.0`)"),
            "{nested}"
        );

        let server = ApiError::from_answer(503, b"upstream \x1b[31mdown", Some("r".into()), "", "");
        assert_eq!(server.exit_code(), exit::API_SERVER);
        assert!(server.to_string().contains("\\u{001b}"), "{server}");
        assert_eq!(
            ApiError::from_answer(418, b"", None, "", "").to_string(),
            "the Zernio API answered 418 I'm a teapot: (empty answer)"
        );
    }
}
