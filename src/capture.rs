//! The on-disk capture format: one JSON file per request, written by `listen --save`, read by `replay`.
//!
//! Format `zernio-hooks/capture`, version 1 (documented in the README):
//!
//! ```json
//! {
//!   "format": "zernio-hooks/capture",
//!   "version": 1,
//!   "seq": 1,
//!   "received_at": "2026-11-29T17:59:29.123456Z",
//!   "source": "http",
//!   "remote_addr": "127.0.0.1:50312",
//!   "method": "POST",
//!   "path": "/webhooks/zernio",
//!   "query": "tenant=acme",
//!   "headers": [["content-type", "application/json"], ["x-zernio-signature", "…"]],
//!   "body": "{\"id\":\"…\"}",
//!   "body_encoding": "utf8",
//!   "body_size": 123,
//!   "body_complete": true,
//!   "event": "post.published",
//!   "event_id": "…",
//!   "verdict": "valid",
//!   "explanation": "signature valid",
//!   "answer": { "status": 200, "source": "listen", "latency_ms": 0.42 }
//! }
//! ```
//!
//! `body` holds the exact raw bytes: as text when they are UTF-8 (`body_encoding: "utf8"`),
//! otherwise base64 (`"base64"`). Header names are lower-cased (HTTP/1.1 names are
//! case-insensitive); values keep their order, repeated names included. `body_complete` is false
//! when the body was refused as too large and not read. Readers must ignore unknown fields and
//! refuse a `version` they do not know. Files are named `<UTC time>-<seq>-<event>.json` so that
//! name order is arrival order, and written atomically (a temporary file, then a rename).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "zernio-hooks/capture";
pub const VERSION: u32 = 1;

/// One captured request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Capture {
    pub format: String,
    pub version: u32,
    pub seq: u64,
    pub received_at: String,
    /// `http` (received by listen's own server) or `relay` (received through a relay channel).
    #[serde(default = "default_source")]
    pub source: String,
    #[serde(default)]
    pub remote_addr: Option<String>,
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub body_encoding: BodyEncoding,
    pub body_size: u64,
    #[serde(default = "default_true")]
    pub body_complete: bool,
    #[serde(default)]
    pub event: Option<String>,
    #[serde(default)]
    pub event_id: Option<String>,
    pub verdict: String,
    #[serde(default)]
    pub explanation: String,
    pub answer: Answer,
}

fn default_source() -> String {
    "http".into()
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyEncoding {
    Utf8,
    Base64,
}

/// How the request was answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub status: u16,
    /// `listen` (answered by zernio-hooks), `app` (the forwarded app's answer) or `error`.
    pub source: String,
    pub latency_ms: f64,
}

/// Encode raw bytes for the `body` field.
pub fn encode_body(bytes: &[u8]) -> (String, BodyEncoding) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), BodyEncoding::Utf8),
        Err(_) => (
            base64::engine::general_purpose::STANDARD.encode(bytes),
            BodyEncoding::Base64,
        ),
    }
}

impl Capture {
    /// The exact raw body bytes.
    pub fn raw_body(&self) -> anyhow::Result<Vec<u8>> {
        match self.body_encoding {
            BodyEncoding::Utf8 => Ok(self.body.clone().into_bytes()),
            BodyEncoding::Base64 => base64::engine::general_purpose::STANDARD
                .decode(&self.body)
                .context("the capture's base64 body does not decode"),
        }
    }

    /// Whether a parsed JSON document is a capture (rather than a plain payload).
    pub fn looks_like(value: &serde_json::Value) -> bool {
        value.get("format").and_then(|f| f.as_str()) == Some(FORMAT)
    }

    /// Parse a capture document, refusing versions this build does not know.
    pub fn from_value(value: serde_json::Value) -> anyhow::Result<Capture> {
        let version = value.get("version").and_then(|v| v.as_u64());
        if version != Some(u64::from(VERSION)) {
            bail!(
                "capture format version {} is not supported (this zernio-hooks reads version {VERSION})",
                version.map_or_else(|| "(missing)".to_string(), |v| v.to_string())
            );
        }
        let capture: Capture = serde_json::from_value(value).context("not a valid capture file")?;
        if !capture.body_complete {
            bail!("the body was not captured (it was refused as too large)");
        }
        Ok(capture)
    }

    /// The file name: UTC time, then sequence number, then event, so name order is arrival order.
    pub fn file_name(&self) -> String {
        let stamp = crate::time::compact_text(&self.received_at);
        let label = self.event.as_deref().unwrap_or(&self.method);
        let label: String = label
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .take(64)
            .collect();
        format!("{stamp}-{:06}-{label}.json", self.seq)
    }

    /// Write into `dir` atomically (temporary file + rename); returns the final path.
    pub fn write_into(&self, dir: &Path) -> anyhow::Result<PathBuf> {
        let name = self.file_name();
        let path = dir.join(&name);
        let temp = dir.join(format!(".{name}.tmp"));
        let mut json = serde_json::to_vec_pretty(self)?;
        json.push(b'\n');
        std::fs::write(&temp, &json).with_context(|| format!("cannot write {}", temp.display()))?;
        std::fs::rename(&temp, &path).with_context(|| {
            let _ = std::fs::remove_file(&temp);
            format!("cannot rename {} to {}", temp.display(), path.display())
        })?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(body: &[u8]) -> Capture {
        let (text, encoding) = encode_body(body);
        Capture {
            format: FORMAT.into(),
            version: VERSION,
            seq: 7,
            received_at: "2026-11-29T17:59:29.123456Z".into(),
            source: "http".into(),
            remote_addr: Some("127.0.0.1:5000".into()),
            method: "POST".into(),
            path: "/hook".into(),
            query: None,
            headers: vec![("x-a".into(), "1".into()), ("x-a".into(), "2".into())],
            body: text,
            body_encoding: encoding,
            body_size: body.len() as u64,
            body_complete: true,
            event: Some("post.published".into()),
            event_id: Some("evt".into()),
            verdict: "valid".into(),
            explanation: "signature valid".into(),
            answer: Answer {
                status: 200,
                source: "listen".into(),
                latency_ms: 0.5,
            },
        }
    }

    #[test]
    fn round_trips_text_and_binary_bodies() {
        for body in [b"{\"a\":1}\n".to_vec(), vec![0xff, 0x00, 0xfe, b'{']] {
            let capture = sample(&body);
            let json = serde_json::to_value(&capture).unwrap();
            assert!(Capture::looks_like(&json));
            let back = Capture::from_value(json).unwrap();
            assert_eq!(back.raw_body().unwrap(), body);
            assert_eq!(back, capture);
        }
        assert_eq!(sample(&[0xff]).body_encoding, BodyEncoding::Base64);
    }

    #[test]
    fn names_sort_by_arrival() {
        let mut first = sample(b"{}");
        first.seq = 9;
        let mut second = sample(b"{}");
        second.seq = 10;
        second.received_at = "2026-11-29T17:59:29.123457Z".into();
        assert_eq!(
            first.file_name(),
            "20261129T175929.123456Z-000009-post.published.json"
        );
        assert!(first.file_name() < second.file_name());
    }

    #[test]
    fn refuses_unknown_versions() {
        let mut json = serde_json::to_value(sample(b"{}")).unwrap();
        json["version"] = 2.into();
        assert!(
            Capture::from_value(json)
                .unwrap_err()
                .to_string()
                .contains("version 2")
        );
    }
}
