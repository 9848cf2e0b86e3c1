//! The tunnel's relay: a self-hostable public endpoint ([`server`]) that holds Zernio's deliveries
//! for subscribed `listen --relay` clients ([`client`]), and the wire format they share.
//!
//! Wire format (the "raw" SSE format, asked for with `?format=raw` or `X-Relay-Format: raw`):
//! each delivery is an SSE event `delivery` whose `id` is the channel's sequence number and whose
//! data is a [`RawDelivery`] JSON object carrying the exact body bytes in base64. The client
//! answers with a [`RawAnswer`] POSTed to `<prefix>/_answer/<channel>/<id>`; the relay passes that
//! answer back to the sender. The default format is smee.io's, so the stock `smee-client` works.

pub mod channel;
pub mod client;
pub mod server;
pub mod sse;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// Query value / header value that selects the raw format.
pub const RAW_FORMAT: &str = "raw";
/// Header a client may use instead of `?format=raw`.
pub const FORMAT_HEADER: &str = "x-relay-format";
/// Path segment of the answer endpoint.
pub const ANSWER_SEGMENT: &str = "_answer";
/// Name the relay gives itself in its `ready` event.
pub const RELAY_NAME: &str = "zernio-hooks";

/// One delivery as the relay received it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDelivery {
    pub id: u64,
    pub channel: String,
    pub method: String,
    /// The path below the channel (`/` when the delivery was posted to the channel URL itself).
    pub path: String,
    pub query: Option<String>,
    /// Lower-cased names in arrival order, repeated names kept.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes, base64.
    pub body: String,
    pub received_at: String,
    pub remote_addr: Option<String>,
}

impl RawDelivery {
    pub fn body_bytes(&self) -> Result<Vec<u8>, base64::DecodeError> {
        decode_b64(&self.body)
    }
}

/// The local app's answer, passed back to the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawAnswer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Body bytes, base64.
    pub body: String,
}

pub fn encode_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

pub fn decode_b64(text: &str) -> Result<Vec<u8>, base64::DecodeError> {
    base64::engine::general_purpose::STANDARD.decode(text)
}

/// A fresh channel ID: 128 random bits as 32 lowercase hex characters.
pub fn new_channel_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    hex::encode(bytes)
}

/// Channel IDs are 16 to 64 URL-safe characters, and never start with `_` (reserved paths).
pub fn is_channel_id(candidate: &str) -> bool {
    (16..=64).contains(&candidate.len())
        && !candidate.starts_with('_')
        && candidate
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_ids() {
        let id = new_channel_id();
        assert_eq!(id.len(), 32);
        assert!(is_channel_id(&id));
        assert_ne!(id, new_channel_id());
        assert!(!is_channel_id("short"));
        assert!(!is_channel_id("_answer0123456789abcdef"));
        assert!(!is_channel_id("has/slash0123456789abcdef"));
    }
}
