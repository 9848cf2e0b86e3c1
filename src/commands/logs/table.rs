//! The delivery-log table: fixed column widths, so rows can stream (`--follow`) under one header.

use crate::api::LogEntry;
use crate::output::{Paint, millis, pad, sanitize};
use crate::time;

const TIME: usize = 19;
const EVENT: usize = 26;
const STATUS: usize = 7;
const HTTP: usize = 4;
const ATTEMPT: usize = 7;
const RESPONSE: usize = 8;
const WEBHOOK: usize = 20;
const EVENT_ID: usize = 26;
const URL: usize = 40;

/// The header line.
pub fn header(wide: bool, paint: Paint) -> String {
    let mut cells = vec![
        pad("TIME (UTC)", TIME),
        pad("EVENT", EVENT),
        pad("STATUS", STATUS),
        pad("HTTP", HTTP),
        pad("ATTEMPT", ATTEMPT),
        pad("RESPONSE", RESPONSE),
        pad("WEBHOOK", WEBHOOK),
    ];
    if wide {
        cells.push(pad("EVENT ID", EVENT_ID));
        cells.push(pad("URL", URL));
        cells.push("ERROR".into());
    } else {
        cells.push("EVENT ID".into());
    }
    paint.bold(cells.join("  ").trim_end())
}

/// One row; every field from the API is made terminal-safe.
pub fn row(entry: &LogEntry, wide: bool, paint: Paint) -> String {
    let log = &entry.log;
    let text = |value: Option<&str>| sanitize::line(value.unwrap_or("-")).into_owned();
    let status = text(log.status.as_deref());
    let status = match log.status.as_deref() {
        Some("success") => paint.green(&pad(&status, STATUS)),
        _ => paint.red(&pad(&status, STATUS)),
    };
    let http = match log.status_code.and_then(|c| u16::try_from(c).ok()) {
        Some(code) => format!(
            "{}{}",
            paint.status(code),
            " ".repeat(HTTP.saturating_sub(code.to_string().len()))
        ),
        None => pad("-", HTTP),
    };
    let webhook = log
        .webhook_name
        .as_deref()
        .or(log.webhook_id.as_deref())
        .unwrap_or("-");
    let mut cells = vec![
        pad(
            &log.created_at
                .as_deref()
                .map_or_else(|| "-".to_string(), time::utc),
            TIME,
        ),
        pad(&text(log.event.as_deref()), EVENT),
        status,
        http,
        pad(
            &log.attempt_number
                .map_or_else(|| "-".into(), |a| a.to_string()),
            ATTEMPT,
        ),
        pad(
            &log.response_time.map_or_else(|| "-".into(), millis),
            RESPONSE,
        ),
        pad(
            &sanitize::excerpt(&sanitize::line(webhook), WEBHOOK),
            WEBHOOK,
        ),
    ];
    let event_id = text(log.event_id.as_deref());
    if wide {
        cells.push(pad(&event_id, EVENT_ID));
        cells.push(pad(&sanitize::excerpt(&text(log.url.as_deref()), URL), URL));
        let error = log.error_message.as_deref().filter(|e| !e.is_empty());
        cells.push(match error {
            Some(error) => paint.red(&sanitize::line(error)),
            None => "-".into(),
        });
    } else {
        cells.push(event_id);
    }
    cells.join("  ").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_line_up_and_escape() {
        let raw = json!({"createdAt": "2026-01-02T03:04:05.678Z", "event": "post.failed", "status": "failed",
            "statusCode": 503, "attemptNumber": 2, "responseTime": 1520, "webhookName": "Prod\u{1b}[2J",
            "eventId": "01JABC", "url": "https://e.x/h", "errorMessage": "HTTP 503"});
        let entry = LogEntry {
            log: serde_json::from_value(raw.clone()).unwrap(),
            raw,
        };
        let paint = Paint { on: false };
        let line = row(&entry, false, paint);
        assert_eq!(
            line,
            "2026-01-02 03:04:05  post.failed                 failed   503   2        1.52 s    Prod\\u{001b}[2J       01JABC"
        );
        assert_eq!(header(false, paint).find("EVENT ID"), line.find("01JABC"));
        let wide = row(&entry, true, paint);
        assert!(
            wide.ends_with("https://e.x/h                             HTTP 503"),
            "{wide}"
        );
    }
}
