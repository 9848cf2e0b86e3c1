//! Building one delivery exactly as Zernio would send it: the headers, the signature over the exact
//! bytes (or a deliberately wrong one), the legacy names, custom headers, a capture's own headers,
//! and `--fresh` re-serialisation. Pure: the secret, the payload and the ID generator are passed in.

use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::http_client::USER_AGENT;
use crate::secret::Secret;
use crate::server::forward::{connection_tokens, is_hop_by_hop};
use crate::signature;

/// Where a payload came from, for output and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file as given or as found in a folder; `-` for stdin.
    pub file: Arc<str>,
    /// The 1-based line, for NDJSON inputs.
    pub line: Option<u64>,
}

impl Origin {
    /// `file` or `file:line` (stdin shows as `stdin`); not sanitised.
    pub fn label(&self) -> String {
        let file = if &*self.file == "-" {
            "stdin"
        } else {
            &self.file
        };
        match self.line {
            Some(line) => format!("{file}:{line}"),
            None => file.to_string(),
        }
    }
}

/// One payload read from an input: the exact bytes to send and what identifies them.
#[derive(Debug, Clone)]
pub struct Payload {
    pub origin: Origin,
    pub body: Bytes,
    pub event: String,
    pub id: String,
    /// A capture's own headers (lower-case names, as captured); empty for plain payloads.
    pub headers: Vec<(String, String)>,
}

/// A delivery ready to send: body, headers and the signature they carry.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub origin: Origin,
    pub event: String,
    pub id: String,
    pub body: Bytes,
    pub headers: HeaderMap,
    /// The X-Zernio-Signature value sent (wrong on purpose with `--tamper`); none without a secret.
    pub signature: Option<String>,
}

/// How every delivery of a run is signed and which headers it carries.
#[derive(Debug, Clone)]
pub struct HeaderPlan {
    pub secret: Option<Secret>,
    pub tamper: bool,
    pub legacy: bool,
    /// `--header` values, in order; they replace headers of the same name.
    pub custom: Vec<(HeaderName, HeaderValue)>,
}

// The Zernio header names, parsed once (the same names as in `signature`, checked by a test).
const EVENT: HeaderName = HeaderName::from_static("x-zernio-event");
const EVENT_ID: HeaderName = HeaderName::from_static("x-zernio-event-id");
const SIGNATURE: HeaderName = HeaderName::from_static("x-zernio-signature");
const LEGACY_EVENT: HeaderName = HeaderName::from_static("x-late-event");
const LEGACY_EVENT_ID: HeaderName = HeaderName::from_static("x-late-event-id");
const LEGACY_SIGNATURE: HeaderName = HeaderName::from_static("x-late-signature");

/// Headers zernio-hooks computes for every delivery; `--header` may not set them.
pub const COMPUTED: &[&str] = &[
    signature::SIGNATURE_HEADER,
    signature::EVENT_HEADER,
    signature::EVENT_ID_HEADER,
    signature::LEGACY_SIGNATURE_HEADER,
    signature::LEGACY_EVENT_HEADER,
    signature::LEGACY_EVENT_ID_HEADER,
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
];

/// Whether a captured header is passed on when the capture is replayed: not hop-by-hop, not one
/// we compute or set ourselves (signatures, event headers, content type, user agent), and not one
/// a proxy or tunnel added on the way in (it would describe a path the replay does not take).
pub fn keeps_captured(name: &str, connection: Option<&str>) -> bool {
    const OURS: &[&str] = &["content-type", "user-agent", "expect"];
    const PATH: &[&str] = &[
        "forwarded",
        "via",
        "x-real-ip",
        "true-client-ip",
        "cdn-loop",
    ];
    !(is_hop_by_hop(name, connection)
        || COMPUTED.contains(&name)
        || OURS.contains(&name)
        || PATH.contains(&name)
        || name.starts_with("x-forwarded-")
        || name.starts_with("cf-"))
}

/// Check that a payload can be sent (its ID, event and captured headers fit in headers), without
/// signing it: what `replay` asks of every input before the first delivery leaves.
pub fn check(plan: &HeaderPlan, payload: Payload) -> Result<(), String> {
    build(plan, payload, false).map(drop)
}

/// Build a delivery: Content-Type, User-Agent, Accept, the Zernio headers and signature (and the legacy
/// names with `legacy`), a capture's own headers, then `--header` values replacing same-named ones.
pub fn prepare(plan: &HeaderPlan, payload: Payload) -> Result<Prepared, String> {
    build(plan, payload, true)
}

fn build(plan: &HeaderPlan, payload: Payload, sign: bool) -> Result<Prepared, String> {
    let mut headers = HeaderMap::with_capacity(8 + payload.headers.len() + plan.custom.len());
    let value = |text: &str, what: &str| {
        HeaderValue::from_str(text).map_err(|_| format!("the {what} cannot be sent in a header"))
    };
    headers.insert(
        reqwest::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        reqwest::header::USER_AGENT,
        HeaderValue::from_static(USER_AGENT),
    );
    // The HTTP client adds `Accept: */*` unless one is given; add it here so --dry-run shows it.
    let has_accept = payload
        .headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        || plan
            .custom
            .iter()
            .any(|(name, _)| name == reqwest::header::ACCEPT);
    if !has_accept {
        headers.insert(reqwest::header::ACCEPT, HeaderValue::from_static("*/*"));
    }
    let event = value(&payload.event, "event type")?;
    let id = value(&payload.id, "event id")?;
    let signature = plan.secret.as_ref().filter(|_| sign).map(|secret| {
        let key = secret.expose().as_bytes();
        if plan.tamper {
            signature::tampered(key, &payload.body)
        } else {
            signature::sign(key, &payload.body)
        }
    });
    let signature_value = signature
        .as_deref()
        .map(|s| HeaderValue::from_str(s).expect("hex is a valid header value"));
    headers.insert(EVENT, event.clone());
    headers.insert(EVENT_ID, id.clone());
    if let Some(sig) = &signature_value {
        headers.insert(SIGNATURE, sig.clone());
    }
    if plan.legacy {
        headers.insert(LEGACY_EVENT, event);
        headers.insert(LEGACY_EVENT_ID, id);
        if let Some(sig) = signature_value {
            headers.insert(LEGACY_SIGNATURE, sig);
        }
    }
    let connection = connection_tokens(&payload.headers);
    for (name, text) in &payload.headers {
        let lower = name.to_ascii_lowercase();
        if !keeps_captured(&lower, Some(&connection))
            || plan
                .custom
                .iter()
                .any(|(custom, _)| custom == lower.as_str())
        {
            continue;
        }
        let name = HeaderName::from_bytes(lower.as_bytes())
            .map_err(|_| format!("the captured header name `{name}` is not valid"))?;
        let text = value(text, &format!("value of the captured header `{name}`"))?;
        headers.append(name, text);
    }
    let mut replaced: Vec<&HeaderName> = Vec::new();
    for (name, text) in &plan.custom {
        if replaced.contains(&name) {
            headers.append(name.clone(), text.clone());
        } else {
            headers.insert(name.clone(), text.clone());
            replaced.push(name);
        }
    }
    Ok(Prepared {
        origin: payload.origin,
        event: payload.event,
        id: payload.id,
        body: payload.body,
        headers,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"id":"evt_1","event":"post.failed","timestamp":"2026-01-01T00:00:00.000Z","post":{"id":"p"}}"#;
    const SECRET: &str = "whsec_prepare_0123456789";

    fn payload(headers: Vec<(&str, &str)>) -> Payload {
        Payload {
            origin: Origin {
                file: Arc::from("fixtures/a.json"),
                line: None,
            },
            body: Bytes::from_static(BODY),
            event: "post.failed".into(),
            id: "evt_1".into(),
            headers: headers
                .into_iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn plan() -> HeaderPlan {
        HeaderPlan {
            secret: Some(Secret::new(SECRET)),
            tamper: false,
            legacy: false,
            custom: Vec::new(),
        }
    }

    fn names(prepared: &Prepared) -> Vec<String> {
        prepared
            .headers
            .iter()
            .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap()))
            .collect()
    }

    #[test]
    fn header_names_match_the_signature_module() {
        assert_eq!(EVENT, signature::EVENT_HEADER);
        assert_eq!(EVENT_ID, signature::EVENT_ID_HEADER);
        assert_eq!(SIGNATURE, signature::SIGNATURE_HEADER);
        assert_eq!(LEGACY_EVENT, signature::LEGACY_EVENT_HEADER);
        assert_eq!(LEGACY_EVENT_ID, signature::LEGACY_EVENT_ID_HEADER);
        assert_eq!(LEGACY_SIGNATURE, signature::LEGACY_SIGNATURE_HEADER);
    }

    #[test]
    fn zernio_headers_in_order() {
        let prepared = prepare(&plan(), payload(vec![])).unwrap();
        let sig = signature::sign(SECRET.as_bytes(), BODY);
        assert_eq!(prepared.signature.as_deref(), Some(sig.as_str()));
        assert_eq!(
            names(&prepared),
            [
                "content-type: application/json".to_string(),
                format!("user-agent: {USER_AGENT}"),
                "accept: */*".into(),
                "x-zernio-event: post.failed".into(),
                "x-zernio-event-id: evt_1".into(),
                format!("x-zernio-signature: {sig}"),
            ]
        );
    }

    #[test]
    fn no_secret_no_signature_and_legacy_names() {
        let mut plan = plan();
        plan.secret = None;
        plan.legacy = true;
        let prepared = prepare(&plan, payload(vec![])).unwrap();
        assert_eq!(prepared.signature, None);
        assert!(!prepared.headers.contains_key("x-zernio-signature"));
        assert!(!prepared.headers.contains_key("x-late-signature"));
        assert_eq!(prepared.headers["x-late-event"], "post.failed");
        assert_eq!(prepared.headers["x-late-event-id"], "evt_1");
    }

    #[test]
    fn tampered_signature_is_wrong_in_both_names() {
        let mut plan = plan();
        plan.tamper = true;
        plan.legacy = true;
        let prepared = prepare(&plan, payload(vec![])).unwrap();
        let real = signature::sign(SECRET.as_bytes(), BODY);
        let sent = prepared.signature.clone().unwrap();
        assert_ne!(sent, real);
        assert_eq!(sent.len(), 64);
        assert_eq!(prepared.headers["x-zernio-signature"], sent.as_str());
        assert_eq!(prepared.headers["x-late-signature"], sent.as_str());
    }

    #[test]
    fn capture_headers_are_filtered_and_custom_ones_win() {
        let mut plan = plan();
        plan.custom = vec![
            (
                HeaderName::from_static("x-env"),
                HeaderValue::from_static("ci"),
            ),
            (
                HeaderName::from_static("x-multi"),
                HeaderValue::from_static("1"),
            ),
            (
                HeaderName::from_static("x-multi"),
                HeaderValue::from_static("2"),
            ),
        ];
        let captured = vec![
            ("host", "old.example"),
            ("content-length", "91"),
            ("connection", "keep-alive, x-hop"),
            ("x-hop", "dropped"),
            ("x-zernio-signature", "old"),
            ("x-late-signature", "old"),
            ("x-zernio-event-id", "old"),
            ("user-agent", "Zernio-Webhooks/1.0"),
            ("content-type", "application/json; charset=utf-8"),
            ("x-forwarded-for", "203.0.113.9"),
            ("cf-ray", "abc"),
            ("x-tenant", "acme"),
            ("x-tenant", "second"),
            ("x-env", "captured"),
            ("accept", "*/*"),
        ];
        let prepared = prepare(&plan, payload(captured)).unwrap();
        let all = names(&prepared);
        let kept: Vec<&str> = all[5..].iter().map(String::as_str).collect();
        assert_eq!(
            kept,
            [
                "x-tenant: acme",
                "x-tenant: second",
                "accept: */*",
                "x-env: ci",
                "x-multi: 1",
                "x-multi: 2"
            ]
        );
        assert_eq!(prepared.headers["user-agent"], USER_AGENT);
        assert_eq!(
            prepared
                .headers
                .get_all("x-zernio-signature")
                .iter()
                .count(),
            1
        );
    }

    #[test]
    fn custom_header_may_replace_content_type() {
        let mut plan = plan();
        plan.custom = vec![(
            HeaderName::from_static("content-type"),
            HeaderValue::from_static("application/json; charset=utf-8"),
        )];
        let prepared = prepare(&plan, payload(vec![])).unwrap();
        assert_eq!(
            prepared.headers["content-type"],
            "application/json; charset=utf-8"
        );
        assert_eq!(prepared.headers.get_all("content-type").iter().count(), 1);
    }

    #[test]
    fn ids_that_cannot_be_headers_are_refused() {
        let mut bad = payload(vec![]);
        bad.id = "evt\n1".into();
        assert_eq!(
            prepare(&plan(), bad).unwrap_err(),
            "the event id cannot be sent in a header"
        );
    }

    #[test]
    fn labels() {
        let mut origin = Origin {
            file: Arc::from("-"),
            line: Some(3),
        };
        assert_eq!(origin.label(), "stdin:3");
        origin.file = Arc::from("a.ndjson");
        origin.line = None;
        assert_eq!(origin.label(), "a.ndjson");
    }
}
