//! Times as this tool reads and shows them: the API's timestamps (`createdAt`, `lastFiredAt`)
//! parsed leniently, shown in UTC or relative to a `now` the caller passes in; clock times for
//! output lines; and compact stamps that sort in time order inside file names.

use std::time::{Duration, SystemTime};

/// Parse an RFC 3339 timestamp: `Z` or `+00:00`, with or without fractional seconds.
pub fn parse(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let normalised = text
        .strip_suffix("+00:00")
        .map(|base| format!("{base}Z"))
        .unwrap_or_else(|| text.to_string());
    humantime::parse_rfc3339_weak(&normalised).ok()
}

/// `2026-11-29 17:59:29` (UTC), or the text as given when it does not parse.
pub fn utc(text: &str) -> String {
    match parse(text) {
        Some(time) => humantime::format_rfc3339_seconds(time)
            .to_string()
            .replace('T', " ")
            .trim_end_matches('Z')
            .to_string(),
        None => crate::output::sanitize::line(text).into_owned(),
    }
}

/// `20261129T175929.123Z`: sorts in time order as text, safe in a file name.
pub fn compact(time: SystemTime) -> String {
    compact_text(&humantime::format_rfc3339_millis(time).to_string())
}

/// An RFC 3339 UTC timestamp without its `-` and `:` (any precision it has is kept).
pub fn compact_text(rfc3339: &str) -> String {
    rfc3339
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect()
}

/// `17:59:29.123Z`: the UTC time of day, for output lines.
pub fn clock(time: SystemTime) -> String {
    let stamp = humantime::format_rfc3339_millis(time).to_string();
    stamp.get(11..).unwrap_or(&stamp).to_string()
}

/// `just now`, `42s ago`, `5m ago`, `3h ago`, `12d ago`.
pub fn ago(then: SystemTime, now: SystemTime) -> String {
    let elapsed = now.duration_since(then).unwrap_or(Duration::ZERO).as_secs();
    match elapsed {
        0..=4 => "just now".into(),
        5..=59 => format!("{elapsed}s ago"),
        60..=3599 => format!("{}m ago", elapsed / 60),
        3600..=86_399 => format!("{}h ago", elapsed / 3600),
        _ => format!("{}d ago", elapsed / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_shows() {
        let t = parse("2026-11-29T17:59:29.123Z").unwrap();
        assert_eq!(parse("2026-11-29T17:59:29.123+00:00"), Some(t));
        assert_eq!(utc("2026-11-29T17:59:29.123Z"), "2026-11-29 17:59:29");
        assert_eq!(utc("yesterday"), "yesterday");
        assert_eq!(compact(t), "20261129T175929.123Z");
        assert_eq!(
            compact(parse("2026-11-29T17:59:29Z").unwrap()),
            "20261129T175929.000Z"
        );
        assert_eq!(ago(t, t + Duration::from_secs(3 * 3600 + 5)), "3h ago");
        assert_eq!(ago(t, t), "just now");
        assert_eq!(clock(t), "17:59:29.123Z");
        assert_eq!(
            compact_text("2026-11-29T17:59:29.123456Z"),
            "20261129T175929.123456Z"
        );
        assert_eq!(ago(t + Duration::from_secs(9), t), "just now");
    }
}
