//! Pure parsing of one input document or line into a [`Payload`]: a capture (its stored raw body
//! and headers) or a plain payload (the bytes as they are), with the checks `replay` makes before
//! sending anything: valid JSON, an object with string `event` and `id`, a known event type.

use std::borrow::Cow;

use bytes::Bytes;
use serde::Deserialize;

use base64::Engine as _;

use crate::capture::{self, Capture};
use crate::events;
use crate::send::delivery::{Origin, Payload};

/// Just the fields `replay` needs; serde skips (but still checks) the rest of the document.
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow, default)]
    format: Option<Cow<'a, str>>,
    #[serde(default)]
    event: Option<serde_json::Value>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// The fields of a capture that replaying it uses. Replay asks nothing more of a capture (its
/// sequence number or recorded answer do not matter); the capture module's own reader words a
/// refusal when this view does not fit.
#[derive(Deserialize)]
struct CaptureView<'a> {
    #[serde(borrow)]
    format: Cow<'a, str>,
    version: u64,
    #[serde(default)]
    headers: Vec<(String, String)>,
    #[serde(borrow)]
    body: Cow<'a, str>,
    body_encoding: capture::BodyEncoding,
    #[serde(default = "yes")]
    body_complete: bool,
}

fn yes() -> bool {
    true
}

/// Whether unknown event types are accepted (`--allow-unknown`).
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub allow_unknown: bool,
}

/// Parse one document (a whole file, stdin, or one NDJSON line) into a payload.
pub fn payload(origin: Origin, bytes: Bytes, rules: Rules) -> Result<Payload, String> {
    // Captures name their format first (`listen --save` writes them so): read those in one
    // pass, without the scan that would otherwise tell a capture from a payload.
    if names_capture_format_early(&bytes)
        && let Ok(view) = serde_json::from_slice::<CaptureView<'_>>(&bytes)
        && view.format == capture::FORMAT
    {
        return from_capture(origin, view, &bytes, rules);
    }
    let head = head(&bytes)?;
    if head.format.as_deref() == Some(capture::FORMAT) {
        let view =
            serde_json::from_slice::<CaptureView<'_>>(&bytes).map_err(|_| refusal(&bytes))?;
        return from_capture(origin, view, &bytes, rules);
    }
    let (event, id) = identify(head, rules)?;
    Ok(Payload {
        origin,
        body: bytes,
        event,
        id,
        headers: Vec::new(),
    })
}

/// The payload a capture holds: its raw body, sent as it was received, and its headers.
fn from_capture(
    origin: Origin,
    view: CaptureView<'_>,
    bytes: &[u8],
    rules: Rules,
) -> Result<Payload, String> {
    if view.version != u64::from(capture::VERSION) || !view.body_complete {
        return Err(refusal(bytes));
    }
    let body = match view.body_encoding {
        capture::BodyEncoding::Utf8 => Bytes::from(view.body.into_owned().into_bytes()),
        capture::BodyEncoding::Base64 => Bytes::from(
            base64::engine::general_purpose::STANDARD
                .decode(view.body.as_bytes())
                .map_err(|_| "capture: the capture's base64 body does not decode".to_string())?,
        ),
    };
    let head = head(&body).map_err(|err| format!("the captured body: {err}"))?;
    let (event, id) = identify(head, rules).map_err(|err| format!("the captured body: {err}"))?;
    Ok(Payload {
        origin,
        body,
        event,
        id,
        headers: view.headers,
    })
}

/// Why a capture cannot be replayed, in the capture module's words.
fn refusal(bytes: &[u8]) -> String {
    let value = match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(value) => value,
        Err(err) => return format!("invalid JSON: {err}"),
    };
    match Capture::from_value(value) {
        Err(err) => format!("capture: {err:#}"),
        Ok(_) => "capture: not a capture this build can replay".into(),
    }
}

/// Whether the document's first key is `format` with the capture format as its value.
fn names_capture_format_early(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(64)];
    let needle = capture::FORMAT.as_bytes();
    start.starts_with(b"{") && start.windows(needle.len()).any(|window| window == needle)
}

fn head(bytes: &[u8]) -> Result<Head<'_>, String> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => return Err("empty: no JSON payload".into()),
        Some(b'{') => {}
        Some(_) => {
            // Say "invalid JSON" for text that is not JSON at all, "not an object" otherwise.
            return Err(
                match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                    Ok(_) => {
                        "not a JSON object (a payload is an object with `event` and `id`)".into()
                    }
                    Err(err) => format!("invalid JSON: {err}"),
                },
            );
        }
    }
    serde_json::from_slice::<Head<'_>>(bytes).map_err(|err| format!("invalid JSON: {err}"))
}

fn identify(head: Head<'_>, rules: Rules) -> Result<(String, String), String> {
    let event = string_field(head.event, "event")?;
    let id = string_field(head.id, "id")?;
    if !rules.allow_unknown && events::find(&event).is_none() {
        let hint = match events::suggest(&event) {
            Some(close) => format!(" (did you mean `{close}`?)"),
            None => String::new(),
        };
        return Err(format!(
            "unknown event type `{event}`{hint}; pass --allow-unknown to send it anyway"
        ));
    }
    Ok((event, id))
}

fn string_field(value: Option<serde_json::Value>, name: &str) -> Result<String, String> {
    match value {
        None | Some(serde_json::Value::Null) => Err(format!("no `{name}` field")),
        Some(serde_json::Value::String(text)) if text.is_empty() => {
            Err(format!("the `{name}` field is empty"))
        }
        Some(serde_json::Value::String(text)) => Ok(text),
        Some(_) => Err(format!("the `{name}` field is not a string")),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    const RULES: Rules = Rules {
        allow_unknown: false,
    };

    fn origin() -> Origin {
        Origin {
            file: Arc::from("x.json"),
            line: None,
        }
    }

    fn parse(text: &str) -> Result<Payload, String> {
        payload(origin(), Bytes::from(text.to_string()), RULES)
    }

    #[test]
    fn plain_payload_keeps_its_bytes() {
        let text = "{\n  \"event\": \"post.failed\",\n  \"id\": \"evt_1\", \"extra\": [1, 2]\n}\n";
        let payload = parse(text).unwrap();
        assert_eq!(payload.body, text.as_bytes());
        assert_eq!(
            (payload.event.as_str(), payload.id.as_str()),
            ("post.failed", "evt_1")
        );
        assert!(payload.headers.is_empty());
    }

    #[test]
    fn refusals() {
        let cases = [
            ("", "empty: no JSON payload"),
            ("   \n", "empty: no JSON payload"),
            ("[1,2]", "not a JSON object"),
            ("hello", "invalid JSON: expected value at line 1 column 1"),
            (
                "{\"event\":\"post.failed\",",
                "invalid JSON: EOF while parsing",
            ),
            (
                "{\"event\":\"post.failed\",\"id\":\"1\"} x",
                "invalid JSON: trailing characters",
            ),
            ("{\"id\":\"evt\"}", "no `event` field"),
            ("{\"event\":\"post.failed\"}", "no `id` field"),
            (
                "{\"event\":\"post.failed\",\"id\":7}",
                "the `id` field is not a string",
            ),
            (
                "{\"event\":\"\",\"id\":\"7\"}",
                "the `event` field is empty",
            ),
            (
                "{\"event\":\"post.faild\",\"id\":\"7\"}",
                "unknown event type `post.faild` (did you mean `post.failed`?); pass --allow-unknown",
            ),
        ];
        for (text, expected) in cases {
            let err = parse(text).unwrap_err();
            assert!(err.starts_with(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn unknown_events_allowed_on_request() {
        let text = "{\"event\":\"brand.new\",\"id\":\"7\"}";
        let rules = Rules {
            allow_unknown: true,
        };
        let payload = payload(origin(), Bytes::from(text), rules).unwrap();
        assert_eq!(payload.event, "brand.new");
    }

    #[test]
    fn captures_give_their_raw_body_and_headers() {
        let body = "{\"id\":\"evt_9\",\"event\":\"webhook.test\",\"message\":\"hi\"}\n";
        let capture = serde_json::json!({
            "format": "zernio-hooks/capture", "version": 1, "seq": 1,
            "received_at": "2026-11-29T17:59:29.123456Z", "method": "POST", "path": "/",
            "headers": [["x-tenant", "acme"]], "body": body, "body_encoding": "utf8",
            "body_size": body.len(), "verdict": "valid",
            "answer": {"status": 200, "source": "listen", "latency_ms": 0.1}
        });
        let payload = parse(&capture.to_string()).unwrap();
        assert_eq!(payload.body, body.as_bytes());
        assert_eq!(payload.id, "evt_9");
        assert_eq!(
            payload.headers,
            [("x-tenant".to_string(), "acme".to_string())]
        );

        let mut newer = capture.clone();
        newer["version"] = 9.into();
        assert!(parse(&newer.to_string()).unwrap_err().contains("version 9"));
        let mut not_json = capture;
        not_json["body"] = "GET me".into();
        assert!(
            parse(&not_json.to_string())
                .unwrap_err()
                .starts_with("the captured body: invalid JSON")
        );
    }
}
