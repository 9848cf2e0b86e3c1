//! `--fresh`: a payload with a new `id` and `timestamp`, re-serialised, so handlers that dedupe
//! on the event ID do not drop a rerun. Pure: the ID generator (and its clock) is passed in.

use bytes::Bytes;
use serde_json::Value;

use crate::sample::Generator;

/// `--fresh`: the payload with a new `id` and `timestamp`, re-serialised compactly (key order
/// kept). Returns the new bytes and the new ID.
pub fn refresh(body: &[u8], generator: &mut Generator) -> Result<(Bytes, String), String> {
    let mut value: Value =
        serde_json::from_slice(body).map_err(|err| format!("invalid JSON: {err}"))?;
    let object = value
        .as_object_mut()
        .ok_or_else(|| "the payload is not a JSON object".to_string())?;
    let id = generator.event_id();
    object.insert("id".into(), Value::String(id.clone()));
    object.insert("timestamp".into(), Value::String(generator.timestamp()));
    let bytes = serde_json::to_vec(&value).map_err(|err| err.to_string())?;
    Ok((Bytes::from(bytes), id))
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    const BODY: &[u8] = br#"{"id":"evt_1","event":"post.failed","timestamp":"2026-01-01T00:00:00.000Z","post":{"id":"p"}}"#;

    #[test]
    fn refresh_replaces_id_and_timestamp_only() {
        let mut generator = Generator::new(
            SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_780_000_000),
            7,
        );
        let (bytes, id) = refresh(BODY, &mut generator).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        assert_eq!(
            text,
            format!(
                r#"{{"id":"{id}","event":"post.failed","timestamp":"2026-05-28T20:26:40.000Z","post":{{"id":"p"}}}}"#
            )
        );
        assert_ne!(id, "evt_1");
        assert!(refresh(b"[1]", &mut generator).is_err());
    }
}
