//! `zernio-hooks list`: the webhooks configured in Zernio, as a table (or the raw answer with --json).

use std::io::Write;
use std::time::SystemTime;

use crate::api::{self, Webhook};
use crate::cli::ListArgs;
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output::{self, Paint, pad, sanitize};
use crate::time;

/// Zernio disables a webhook after this many consecutive failures.
pub const DISABLED_AT: i64 = 10;
/// How many event names the events column shows before `+N`.
const EVENTS_SHOWN: usize = 2;

pub async fn run(_args: ListArgs, ctx: &Context) -> anyhow::Result<u8> {
    let client = ctx.api()?;
    let list = client.list().await.map_err(Failure::from)?;
    let mut out = std::io::stdout().lock();
    if ctx.json() {
        output::json_line(&mut out, &list.raw)?;
        return Ok(exit::OK);
    }
    if list.webhooks.is_empty() {
        ctx.info("No webhooks yet: `zernio-hooks create` makes one.");
        return Ok(exit::OK);
    }
    let url_limit = if ctx.streams.stdout_terminal {
        48
    } else {
        usize::MAX
    };
    let table = render(&list.webhooks, SystemTime::now(), ctx.out(), url_limit);
    out.write_all(table.as_bytes())?;
    out.flush()?;
    for note in notes(&list.webhooks) {
        ctx.info(note);
    }
    Ok(exit::OK)
}

/// The table: name, ID, URL, events, active, failures, last fired.
pub fn render(webhooks: &[Webhook], now: SystemTime, paint: Paint, url_limit: usize) -> String {
    let rows: Vec<[String; 7]> = webhooks
        .iter()
        .map(|w| {
            let mut name = sanitize::line(&w.name).into_owned();
            if w.is_temporary() {
                name.push_str(" (temporary)");
            }
            [
                name,
                w.id.clone(),
                sanitize::excerpt(&sanitize::line(&w.url), url_limit).into_owned(),
                events_cell(&w.events),
                if w.is_active { "yes" } else { "no" }.to_string(),
                w.failure_count.to_string(),
                w.last_fired_at
                    .as_deref()
                    .map(|at| time::parse(at).map_or_else(|| time::utc(at), |t| time::ago(t, now)))
                    .unwrap_or_else(|| "never".into()),
            ]
        })
        .collect();
    let headers = [
        "NAME",
        "ID",
        "URL",
        "EVENTS",
        "ACTIVE",
        "FAILURES",
        "LAST FIRED",
    ];
    let mut widths = headers.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let header: Vec<String> = headers
        .iter()
        .zip(widths)
        .map(|(h, w)| paint.bold(&pad(h, w)))
        .collect();
    text.push_str(header.join("  ").trim_end());
    text.push('\n');
    for (webhook, row) in webhooks.iter().zip(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(column, (cell, width))| {
                let padded = pad(cell, width);
                match column {
                    0 if webhook.is_temporary() => paint.cyan(&padded),
                    0 | 2 if !webhook.is_active => paint.dimmed(&padded),
                    4 if !webhook.is_active => paint.red(&padded),
                    4 => paint.green(&padded),
                    5 => failure_colour(paint, webhook.failure_count, &padded),
                    _ => padded,
                }
            })
            .collect();
        text.push_str(cells.join("  ").trim_end());
        text.push('\n');
    }
    text
}

/// `3  post.published, post.failed, +1`, or `48 (all)`.
fn events_cell(events: &[String]) -> String {
    let all = api::validate::subscribable();
    if !all.is_empty() && all.iter().all(|e| events.contains(e)) {
        return format!("{} (all)", events.len());
    }
    let shown: Vec<String> = events
        .iter()
        .take(EVENTS_SHOWN)
        .map(|e| sanitize::line(e).into_owned())
        .collect();
    let mut cell = format!("{}  {}", events.len(), shown.join(", "));
    if events.len() > EVENTS_SHOWN {
        cell.push_str(&format!(", +{}", events.len() - EVENTS_SHOWN));
    }
    cell
}

/// Failures rise towards Zernio's cut-off: yellow from the first, red from halfway.
fn failure_colour(paint: Paint, count: i64, text: &str) -> String {
    match count {
        ..=0 => text.to_string(),
        n if n < DISABLED_AT / 2 => paint.yellow(text),
        _ => paint.red(text),
    }
}

/// What deserves a word under the table: inactive, failing and temporary webhooks.
pub fn notes(webhooks: &[Webhook]) -> Vec<String> {
    let mut notes = Vec::new();
    for w in webhooks {
        let name = sanitize::line(&w.name);
        if !w.is_active {
            let why = if w.failure_count >= DISABLED_AT {
                format!(" (Zernio turns a webhook off after {DISABLED_AT} failures in a row)")
            } else {
                String::new()
            };
            notes.push(format!(
                "! `{name}` is inactive{why}: turn it back on with `zernio-hooks update {} --enable`",
                w.id
            ));
        } else if w.failure_count > 0 {
            notes.push(format!(
                "! `{name}` has failed {} time{} in a row; Zernio turns it off at {DISABLED_AT} (`zernio-hooks logs --webhook {} --status failed`)",
                w.failure_count,
                if w.failure_count == 1 { "" } else { "s" },
                w.id
            ));
        }
    }
    let temporary: Vec<&Webhook> = webhooks.iter().filter(|w| w.is_temporary()).collect();
    if !temporary.is_empty() {
        notes.push(format!(
            "{} temporary webhook{} made by `listen --register` (still in use, or left behind): remove leftovers with `zernio-hooks prune`",
            temporary.len(),
            if temporary.len() == 1 { "" } else { "s" },
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn table_and_notes() {
        let now = time::parse("2026-01-01T12:00:00Z").unwrap();
        let hooks: Vec<Webhook> = serde_json::from_value(json!([
            {"_id": "a".repeat(24), "name": "Prod", "url": "https://e.x/h",
             "events": ["post.published", "post.failed", "comment.received"], "isActive": true,
             "failureCount": 7, "lastFiredAt": "2026-01-01T11:00:00Z"},
            {"_id": "b".repeat(24), "name": "zernio-hooks laptop", "url": "https://t.x/h",
             "events": ["webhook.x"], "isActive": false, "failureCount": 10}
        ]))
        .unwrap();
        let table = render(&hooks, now, Paint { on: false }, usize::MAX);
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[0].starts_with("NAME"), "{table}");
        assert!(
            lines[1].contains("3  post.published, post.failed, +1"),
            "{table}"
        );
        assert!(lines[1].contains("1h ago"), "{table}");
        assert!(
            lines[2].contains("zernio-hooks laptop (temporary)"),
            "{table}"
        );
        assert!(lines[2].contains("never"), "{table}");
        let notes = notes(&hooks);
        assert!(notes[0].contains("failed 7 times in a row"), "{notes:?}");
        assert!(notes[1].contains("is inactive (Zernio turns"), "{notes:?}");
        assert!(
            notes[2].starts_with("1 temporary webhook made by `listen --register`"),
            "{notes:?}"
        );
    }
}
