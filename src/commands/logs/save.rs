//! `logs --save DIR`: each entry's `requestPayload` as a plain JSON payload file, the form `replay`
//! sends byte for byte. Compact JSON (as Zernio sends it), no trailing newline, named
//! `<event timestamp>-<event ID>-<event>.json` so that name order is event order; retries of an
//! event carry the same payload and the same name, so each event is written once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::Value;

use crate::api::LogEntry;
use crate::time;

/// Writes payload files into one folder.
#[derive(Debug)]
pub struct Saver {
    dir: PathBuf,
    written: HashSet<String>,
    pub saved: usize,
    pub without_payload: usize,
}

impl Saver {
    pub fn new(dir: &Path) -> anyhow::Result<Saver> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        Ok(Saver {
            dir: dir.to_path_buf(),
            written: HashSet::new(),
            saved: 0,
            without_payload: 0,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write the entry's payload, unless this event was written already. Returns the new file.
    pub fn save(&mut self, entry: &LogEntry) -> anyhow::Result<Option<PathBuf>> {
        let Some(payload) = entry.log.request_payload.as_ref().filter(|p| p.is_object()) else {
            self.without_payload += 1;
            return Ok(None);
        };
        let name = file_name(entry, payload);
        if !self.written.insert(name.clone()) {
            return Ok(None);
        }
        let bytes = serde_json::to_vec(payload).context("cannot encode the payload")?;
        let path = self.dir.join(&name);
        let temp = self.dir.join(format!(".{name}.tmp"));
        std::fs::write(&temp, &bytes)
            .with_context(|| format!("cannot write {}", temp.display()))?;
        std::fs::rename(&temp, &path).with_context(|| {
            let _ = std::fs::remove_file(&temp);
            format!("cannot rename {} to {}", temp.display(), path.display())
        })?;
        self.saved += 1;
        Ok(Some(path))
    }
}

/// `<time>-<event ID>-<event>.json`: the payload's own `timestamp` (kept on retries), else the
/// log entry's `createdAt`, in a form whose text order is time order.
pub fn file_name(entry: &LogEntry, payload: &Value) -> String {
    let stamp = payload
        .get("timestamp")
        .and_then(Value::as_str)
        .and_then(time::parse)
        .or_else(|| entry.log.created_at.as_deref().and_then(time::parse))
        .map_or_else(|| "00000000T000000.000Z".to_string(), time::compact);
    let id = entry
        .log
        .event_id
        .as_deref()
        .or_else(|| payload.get("id").and_then(Value::as_str))
        .unwrap_or("no-id");
    let event = entry
        .log
        .event
        .as_deref()
        .or_else(|| payload.get("event").and_then(Value::as_str))
        .unwrap_or("event");
    format!("{stamp}-{}-{}.json", safe(id), safe(event))
}

/// Letters, digits, `.`, `_` and `-`; anything else becomes `_` (no path tricks from the API).
fn safe(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    match cleaned.trim_matches('.') {
        "" => "_".to_string(),
        _ => cleaned,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(raw: Value) -> LogEntry {
        LogEntry {
            log: serde_json::from_value(raw.clone()).unwrap(),
            raw,
        }
    }

    #[test]
    fn names_sort_in_event_order_and_are_safe() {
        let payload = json!({"id": "01J/../x", "event": "post.published", "timestamp": "2026-01-02T03:04:05Z"});
        let e = entry(
            json!({"eventId": "01J/../x", "event": "post.published", "createdAt": "2026-01-02T03:04:09.5Z", "requestPayload": payload}),
        );
        assert_eq!(
            file_name(&e, &payload),
            "20260102T030405.000Z-01J_.._x-post.published.json"
        );
        let bare = json!({"a": 1});
        let e = entry(json!({"createdAt": "2026-01-02T03:04:09.5Z", "event": ".."}));
        assert_eq!(file_name(&e, &bare), "20260102T030409.500Z-no-id-_.json");
    }

    #[test]
    fn writes_compact_json_once_per_event() {
        let dir = tempfile::tempdir().unwrap();
        let mut saver = Saver::new(&dir.path().join("fixtures")).unwrap();
        let payload = json!({"id": "e1", "event": "webhook.test", "message": "hé", "timestamp": "2026-01-02T03:04:05Z"});
        let first = entry(
            json!({"eventId": "e1", "event": "webhook.test", "attemptNumber": 1, "requestPayload": payload}),
        );
        let retry = entry(
            json!({"eventId": "e1", "event": "webhook.test", "attemptNumber": 2, "requestPayload": payload}),
        );
        let path = saver.save(&first).unwrap().unwrap();
        assert!(saver.save(&retry).unwrap().is_none());
        assert!(
            saver
                .save(&entry(json!({"eventId": "e2"})))
                .unwrap()
                .is_none()
        );
        assert_eq!(saver.saved, 1);
        assert_eq!(saver.without_payload, 1);
        assert_eq!(
            std::fs::read(path).unwrap(),
            serde_json::to_vec(&payload).unwrap()
        );
    }
}
