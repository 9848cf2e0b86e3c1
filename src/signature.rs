//! Pure signing and verification of Zernio deliveries, and the one-line explanation of a failure.
//!
//! Zernio signs the raw request body with HMAC-SHA256 keyed with the webhook secret's UTF-8 bytes
//! and sends the lowercase hex digest in `X-Zernio-Signature` (legacy: `X-Late-Signature`), with no
//! prefix and no timestamp. Nothing here touches the network, the clock or the terminal.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Header names, lower-cased as HTTP/1.1 servers see them.
pub const SIGNATURE_HEADER: &str = "x-zernio-signature";
pub const EVENT_HEADER: &str = "x-zernio-event";
pub const EVENT_ID_HEADER: &str = "x-zernio-event-id";
pub const LEGACY_SIGNATURE_HEADER: &str = "x-late-signature";
pub const LEGACY_EVENT_HEADER: &str = "x-late-event";
pub const LEGACY_EVENT_ID_HEADER: &str = "x-late-event-id";

/// The `X-Zernio-Signature` value for `body`: lowercase hex HMAC-SHA256 keyed with `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = mac(secret);
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// A signature guaranteed to be wrong for `body` (for `replay --tamper`): the real one with its
/// last hex digit changed, so it is well-formed but fails a correct check.
pub fn tampered(secret: &[u8], body: &[u8]) -> String {
    let mut signature = sign(secret, body);
    let last = signature.pop().unwrap_or('0');
    signature.push(if last == '0' { '1' } else { '0' });
    signature
}

fn mac(secret: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail.
    <HmacSha256 as KeyInit>::new_from_slice(secret).expect("HMAC accepts keys of any length")
}

/// Compare two secrets (tokens, header values) in constant time: their MACs under a fixed key
/// are compared with `verify_slice`, so neither length nor content leaks through timing.
pub fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    let mut reference = mac(b"zernio-hooks constant-time comparison");
    reference.update(expected);
    let tag = reference.finalize().into_bytes();
    tag_matches(b"zernio-hooks constant-time comparison", given, &tag)
}

/// Constant-time check of a decoded 32-byte tag.
fn tag_matches(secret: &[u8], body: &[u8], tag: &[u8]) -> bool {
    let mut mac = mac(secret);
    mac.update(body);
    mac.verify_slice(tag).is_ok()
}

/// What a delivery's signature check concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It matches. `legacy` when it came in `X-Late-Signature`.
    Valid { legacy: bool },
    /// No secret configured here, so nothing was checked.
    Unchecked,
    /// A secret is configured but the delivery has no signature header.
    Missing,
    /// The header is not 64 lowercase hex characters.
    Malformed(Malformed),
    /// Well-formed, but it does not match the body.
    Mismatch(Cause),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// `sha256=<hex>`, as GitHub sends; `would_match` tells whether the hex after it matches.
    Prefixed { prefix: String, would_match: bool },
    /// Uppercase hex; `would_match` tells whether it matches case-insensitively.
    Uppercase { would_match: bool },
    /// Not 64 characters long.
    Length(usize),
    /// Characters that are not hex digits.
    NotHex,
}

/// The likely reason for a mismatch, where it can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// Matches when a trailing newline is added back: something stripped it.
    NewlineStripped,
    /// Matches when the trailing newline is removed: something added it.
    NewlineAdded,
    /// Matches a compact (or 2-space pretty) re-serialisation: the JSON was re-encoded.
    Reencoded,
    /// Matches with the secret trimmed: the configured secret has stray whitespace.
    SecretWhitespace,
    /// The event ID header and the body's `id` disagree: the body belongs to another delivery.
    EventIdMismatch { header: String, body: String },
    /// Nothing more specific could be told.
    WrongSecretOrAlteredBody,
}

impl Verdict {
    /// Short machine label: valid, unchecked, missing, malformed or invalid.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Valid { .. } => "valid",
            Verdict::Unchecked => "unchecked",
            Verdict::Missing => "missing",
            Verdict::Malformed(_) => "malformed",
            Verdict::Mismatch(_) => "invalid",
        }
    }

    /// Whether the delivery may be accepted (valid, or nothing to check against).
    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Valid { .. } | Verdict::Unchecked)
    }

    /// One line for a person: what happened and, for failures, the likely cause.
    pub fn explain(&self) -> String {
        match self {
            Verdict::Valid { legacy: false } => "signature valid".into(),
            Verdict::Valid { legacy: true } => "signature valid (legacy X-Late-Signature header)".into(),
            Verdict::Unchecked => "signature not checked (no secret given)".into(),
            Verdict::Missing => "no X-Zernio-Signature header: does the webhook have a secret configured in Zernio?".into(),
            Verdict::Malformed(Malformed::Prefixed { prefix, would_match }) => format!(
                "malformed X-Zernio-Signature: it has a `{prefix}` prefix, but Zernio sends bare lowercase hex{}",
                if *would_match { " (the hex after the prefix does match)" } else { "" }
            ),
            Verdict::Malformed(Malformed::Uppercase { would_match }) => format!(
                "malformed X-Zernio-Signature: uppercase hex, but Zernio sends lowercase{}",
                if *would_match { " (it does match ignoring case)" } else { "" }
            ),
            Verdict::Malformed(Malformed::Length(len)) => {
                format!("malformed X-Zernio-Signature: expected 64 hex characters, got {len}")
            }
            Verdict::Malformed(Malformed::NotHex) => {
                "malformed X-Zernio-Signature: not hexadecimal (expected 64 lowercase hex characters)".into()
            }
            Verdict::Mismatch(cause) => format!("signature mismatch: {}", cause.explain()),
        }
    }
}

impl Cause {
    pub fn explain(&self) -> String {
        match self {
            Cause::NewlineStripped => "the body matches once a trailing newline is added back: something between Zernio and here stripped it".into(),
            Cause::NewlineAdded => "the body matches without its trailing newline: something added one after it was signed".into(),
            Cause::Reencoded => "the body matches after compact re-serialisation: a relay or framework re-encoded the JSON; verify the raw bytes as received".into(),
            Cause::SecretWhitespace => "it matches once the secret's surrounding whitespace is removed: check the secret for a stray space or newline".into(),
            Cause::EventIdMismatch { header, body } => format!(
                "the X-Zernio-Event-Id header ({header}) and the body's id ({body}) disagree: the body belongs to another delivery"
            ),
            Cause::WrongSecretOrAlteredBody => "wrong secret or altered body".into(),
        }
    }
}

/// Everything needed to check one delivery.
#[derive(Debug, Clone, Copy)]
pub struct Check<'a> {
    pub secret: Option<&'a [u8]>,
    pub body: &'a [u8],
    /// The signature header value and whether it came from the legacy header.
    pub signature: Option<(&'a str, bool)>,
    pub header_event_id: Option<&'a str>,
    pub body_event_id: Option<&'a str>,
}

/// Verify a delivery and, when it fails, work out why.
pub fn verify(check: Check<'_>) -> Verdict {
    let Some(secret) = check.secret else {
        return Verdict::Unchecked;
    };
    let Some((raw, legacy)) = check.signature else {
        return Verdict::Missing;
    };
    let value = raw.trim();
    if let Some((prefix, hex_part)) = value.split_once('=') {
        let would_match = decode(hex_part).is_some_and(|tag| tag_matches(secret, check.body, &tag));
        return Verdict::Malformed(Malformed::Prefixed {
            prefix: format!("{prefix}="),
            would_match,
        });
    }
    if value.len() != 64 {
        return Verdict::Malformed(Malformed::Length(value.len()));
    }
    let Some(tag) = decode(value) else {
        return Verdict::Malformed(Malformed::NotHex);
    };
    if value.bytes().any(|b| b.is_ascii_uppercase()) {
        return Verdict::Malformed(Malformed::Uppercase {
            would_match: tag_matches(secret, check.body, &tag),
        });
    }
    if tag_matches(secret, check.body, &tag) {
        return Verdict::Valid { legacy };
    }
    Verdict::Mismatch(diagnose(secret, &check, &tag))
}

fn decode(value: &str) -> Option<[u8; 32]> {
    let mut tag = [0u8; 32];
    hex::decode_to_slice(value.trim(), &mut tag).ok()?;
    Some(tag)
}

fn diagnose(secret: &[u8], check: &Check<'_>, tag: &[u8]) -> Cause {
    let body = check.body;
    let mut with_newline = body.to_vec();
    with_newline.push(b'\n');
    if tag_matches(secret, &with_newline, tag) {
        return Cause::NewlineStripped;
    }
    let trimmed = body
        .strip_suffix(b"\r\n")
        .or_else(|| body.strip_suffix(b"\n"));
    if let Some(trimmed) = trimmed
        && tag_matches(secret, trimmed, tag)
    {
        return Cause::NewlineAdded;
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        let compact = serde_json::to_vec(&value).unwrap_or_default();
        let pretty = serde_json::to_vec_pretty(&value).unwrap_or_default();
        if (compact != body && tag_matches(secret, &compact, tag))
            || (pretty != body && tag_matches(secret, &pretty, tag))
        {
            return Cause::Reencoded;
        }
    }
    if let Ok(text) = std::str::from_utf8(secret) {
        let trimmed = text.trim();
        if trimmed.len() != text.len() && tag_matches(trimmed.as_bytes(), body, tag) {
            return Cause::SecretWhitespace;
        }
    }
    if let (Some(header), Some(body_id)) = (check.header_event_id, check.body_event_id)
        && header != body_id
    {
        return Cause::EventIdMismatch {
            header: header.to_string(),
            body: body_id.to_string(),
        };
    }
    Cause::WrongSecretOrAlteredBody
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"whsec_test_secret";
    const BODY: &[u8] = br#"{"id":"evt_1","event":"webhook.test","message":"hi","timestamp":"2026-01-01T00:00:00.000Z"}"#;

    fn check<'a>(body: &'a [u8], signature: &'a str) -> Check<'a> {
        Check {
            secret: Some(SECRET),
            body,
            signature: Some((signature, false)),
            header_event_id: None,
            body_event_id: None,
        }
    }

    #[test]
    fn rfc4231_known_answer() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn valid_and_legacy() {
        let sig = sign(SECRET, BODY);
        assert_eq!(verify(check(BODY, &sig)), Verdict::Valid { legacy: false });
        let mut legacy = check(BODY, &sig);
        legacy.signature = Some((&sig, true));
        assert_eq!(verify(legacy), Verdict::Valid { legacy: true });
    }

    #[test]
    fn unchecked_and_missing() {
        let mut c = check(BODY, "");
        c.secret = None;
        assert_eq!(verify(c), Verdict::Unchecked);
        let mut c = check(BODY, "");
        c.signature = None;
        assert_eq!(verify(c), Verdict::Missing);
        assert!(Verdict::Missing.explain().contains("secret configured"));
    }

    #[test]
    fn malformed_headers() {
        let sig = sign(SECRET, BODY);
        let prefixed = format!("sha256={sig}");
        assert_eq!(
            verify(check(BODY, &prefixed)),
            Verdict::Malformed(Malformed::Prefixed {
                prefix: "sha256=".into(),
                would_match: true
            })
        );
        assert_eq!(
            verify(check(BODY, "abc")),
            Verdict::Malformed(Malformed::Length(3))
        );
        let not_hex = "z".repeat(64);
        assert_eq!(
            verify(check(BODY, &not_hex)),
            Verdict::Malformed(Malformed::NotHex)
        );
        let upper = sig.to_uppercase();
        assert_eq!(
            verify(check(BODY, &upper)),
            Verdict::Malformed(Malformed::Uppercase { would_match: true })
        );
    }

    #[test]
    fn explains_newlines() {
        let sig = sign(SECRET, BODY);
        let mut with_newline = BODY.to_vec();
        with_newline.push(b'\n');
        assert_eq!(
            verify(check(&with_newline, &sig)),
            Verdict::Mismatch(Cause::NewlineAdded)
        );
        let signed_with_newline = sign(SECRET, &with_newline);
        assert_eq!(
            verify(check(BODY, &signed_with_newline)),
            Verdict::Mismatch(Cause::NewlineStripped)
        );
    }

    #[test]
    fn explains_reencoding() {
        let sig = sign(SECRET, BODY);
        let value: serde_json::Value = serde_json::from_slice(BODY).unwrap();
        let pretty = serde_json::to_vec_pretty(&value).unwrap();
        assert_eq!(
            verify(check(&pretty, &sig)),
            Verdict::Mismatch(Cause::Reencoded)
        );
    }

    #[test]
    fn explains_event_id_and_secret() {
        let other = sign(b"another secret", BODY);
        let mut c = check(BODY, &other);
        c.header_event_id = Some("evt_2");
        c.body_event_id = Some("evt_1");
        assert_eq!(
            verify(c),
            Verdict::Mismatch(Cause::EventIdMismatch {
                header: "evt_2".into(),
                body: "evt_1".into()
            })
        );
        assert_eq!(
            verify(check(BODY, &other)),
            Verdict::Mismatch(Cause::WrongSecretOrAlteredBody)
        );
        let spaced = sign(b"whsec_test_secret", BODY);
        let mut c = check(BODY, &spaced);
        c.secret = Some(b"whsec_test_secret\n");
        assert_eq!(verify(c), Verdict::Mismatch(Cause::SecretWhitespace));
    }

    #[test]
    fn tampered_is_wellformed_and_wrong() {
        let bad = tampered(SECRET, BODY);
        assert_eq!(bad.len(), 64);
        assert!(matches!(verify(check(BODY, &bad)), Verdict::Mismatch(_)));
    }
}
