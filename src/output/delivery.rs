//! How a handled delivery is shown: the pretty block for people, the JSON Lines object for
//! scripts, and the end-of-run summary. Pure functions of a [`Delivery`]; the caller prints.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::output::summary::summarize;
use crate::output::{Paint, millis, pad, sanitize};
use crate::server::{Delivery, Rejection, ZERNIO_DEADLINE};
use crate::signature::Verdict;

/// What to include besides the headline and summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct View {
    pub print_json: bool,
    pub headers: bool,
    pub verbose: bool,
}

fn clock(delivery: &Delivery) -> String {
    crate::time::clock(delivery.incoming.received_at)
}

fn title(delivery: &Delivery) -> String {
    match &delivery.event {
        Some(event) => sanitize::line(event).into_owned(),
        None => format!(
            "{} {}",
            delivery.incoming.method,
            sanitize::line(&delivery.incoming.path)
        ),
    }
}

fn verdict_badge(delivery: &Delivery, paint: Paint) -> String {
    let Some(verdict) = &delivery.verdict else {
        return String::new();
    };
    match verdict {
        Verdict::Valid { legacy: false } => paint.green("✓ valid"),
        Verdict::Valid { legacy: true } => paint.green("✓ valid (legacy header)"),
        Verdict::Unchecked => paint.dimmed("• unchecked"),
        other if delivery.accepted => paint.yellow(&format!("✗ {} (accepted)", other.label())),
        other => paint.red(&format!("✗ {}", other.label())),
    }
}

/// The pretty block for one delivery (ends with a newline).
pub fn render(delivery: &Delivery, view: View, paint: Paint) -> String {
    let mut out = String::new();
    let id = delivery
        .event_id
        .as_deref()
        .map_or_else(|| "-".to_string(), |id| sanitize::line(id).into_owned());
    let latency = millis(delivery.elapsed.as_secs_f64() * 1000.0);
    if delivery.filtered && delivery.accepted {
        let line = format!(
            "#{} {} {} {} {} → {} {}",
            delivery.seq,
            clock(delivery),
            title(delivery),
            id,
            delivery.verdict_label(),
            delivery.status,
            latency
        );
        let _ = writeln!(out, "{}", paint.dimmed(&line));
        return out;
    }
    let mut headline = format!(
        "{} {}  {}  {}  {}  → {}  {}",
        paint.bold(&format!("#{}", delivery.seq)),
        paint.dimmed(&clock(delivery)),
        paint.bold(&title(delivery)),
        paint.dimmed(&id),
        verdict_badge(delivery, paint),
        paint.status(delivery.status),
        paint.dimmed(&latency)
    );
    if let Some(first) = delivery.duplicate_of {
        let _ = write!(
            headline,
            "  {}",
            paint.magenta(&format!("↻ duplicate of #{first}"))
        );
    }
    let _ = writeln!(out, "{headline}");

    let note = |out: &mut String, text: String| {
        let _ = writeln!(out, "    {text}");
    };
    match &delivery.rejection {
        Some(Rejection::Signature) => {
            let explanation = delivery
                .verdict
                .as_ref()
                .map(Verdict::explain)
                .unwrap_or_default();
            note(&mut out, paint.red(&format!("✗ {explanation}")));
        }
        Some(Rejection::NotPost) => note(
            &mut out,
            paint.red(&format!(
                "✗ {} is not POST: answered 405",
                delivery.incoming.method
            )),
        ),
        Some(Rejection::TooLarge) => note(
            &mut out,
            paint.red(&format!(
                "✗ body of {} bytes is over --max-body: answered 413 without reading it",
                delivery.incoming.body_size
            )),
        ),
        Some(Rejection::Unreadable(err)) => note(
            &mut out,
            paint.red(&format!(
                "✗ the body could not be read: {}",
                sanitize::line(err)
            )),
        ),
        Some(Rejection::NotJson(err)) => note(
            &mut out,
            paint.red(&format!("✗ the body is not JSON: {}", sanitize::line(err))),
        ),
        None => {
            if let Some(verdict) = delivery.verdict.as_ref().filter(|v| !v.is_ok()) {
                note(
                    &mut out,
                    paint.yellow(&format!(
                        "⚠ {} (accepted: --accept-invalid)",
                        verdict.explain()
                    )),
                );
            }
        }
    }
    if let Some(event) = &delivery.event {
        if !delivery.known_event && delivery.payload.is_some() {
            note(
                &mut out,
                paint.yellow(&format!(
                    "⚠ unknown event type `{}`: not in the catalogue",
                    sanitize::line(event)
                )),
            );
        }
    } else if delivery.payload.is_some() {
        note(&mut out, paint.yellow("⚠ the payload has no `event` field"));
    }
    for violation in &delivery.violations {
        note(
            &mut out,
            paint.yellow(&format!(
                "⚠ schema: {}: {}",
                sanitize::line(&violation.path),
                sanitize::line(&violation.message)
            )),
        );
    }
    if delivery.elapsed > ZERNIO_DEADLINE {
        note(
            &mut out,
            paint.red(&format!(
                "⚠ answered in {}: over Zernio's 5 s deadline, so Zernio counts it as failed and retries",
                latency
            )),
        );
    }
    if let Some(forwarded) = &delivery.forwarded {
        let took = millis(forwarded.latency.as_secs_f64() * 1000.0);
        match (&forwarded.error, forwarded.status) {
            (Some(error), _) => note(
                &mut out,
                paint.red(&format!(
                    "✗ forward: {} (answered {})",
                    sanitize::line(error),
                    delivery.status
                )),
            ),
            (None, Some(status)) => note(
                &mut out,
                format!(
                    "{} {} answered {} in {took}",
                    paint.dimmed("→ app"),
                    sanitize::line(&forwarded.url),
                    paint.status(status)
                ),
            ),
            (None, None) => {}
        }
    }
    if let Some(error) = &delivery.capture_error {
        note(
            &mut out,
            paint.red(&format!("✗ {error}: answered 500 so the sender retries")),
        );
    } else if let (Some(path), true) = (&delivery.capture_path, view.verbose) {
        note(&mut out, paint.dimmed(&format!("saved {}", path.display())));
    }
    if let (Some(event), Some(payload)) = (&delivery.event, &delivery.payload) {
        for line in summarize(event, payload) {
            note(
                &mut out,
                format!("{} {}", paint.dimmed(&pad(&line.label, 12)), line.text),
            );
        }
    }
    if view.headers {
        note(&mut out, paint.dimmed("headers:"));
        for (name, value) in &delivery.incoming.headers {
            note(
                &mut out,
                format!(
                    "  {}: {}",
                    paint.cyan(&sanitize::line(name)),
                    sanitize::line(value)
                ),
            );
        }
    }
    if view.print_json {
        match &delivery.payload {
            Some(payload) => {
                let mut pretty = String::new();
                colour_json(payload, paint, 0, &mut pretty);
                for line in pretty.lines() {
                    note(&mut out, line.to_string());
                }
            }
            None if !delivery.incoming.body.is_empty() => {
                let text = String::from_utf8_lossy(&delivery.incoming.body);
                for line in sanitize::excerpt(&text, 2000).lines() {
                    note(&mut out, sanitize::line(line).into_owned());
                }
            }
            None => {}
        }
    }
    out
}

/// Pretty JSON with colours (keys blue, strings green, numbers cyan, literals magenta), every
/// string sanitised.
fn colour_json(value: &Value, paint: Paint, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent + 1);
    let close = "  ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, child)) in map.iter().enumerate() {
                let key = serde_json::to_string(key).unwrap_or_default();
                let _ = write!(out, "{pad}{}: ", paint.blue(&sanitize::line(&key)));
                colour_json(child, paint, indent + 1, out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{close}}}");
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, child) in items.iter().enumerate() {
                out.push_str(&pad);
                colour_json(child, paint, indent + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{close}]");
        }
        Value::String(_) => {
            let text = serde_json::to_string(value).unwrap_or_default();
            out.push_str(&paint.green(&sanitize::line(&text)));
        }
        Value::Number(n) => out.push_str(&paint.cyan(&n.to_string())),
        other => out.push_str(&paint.magenta(&other.to_string())),
    }
}

/// The JSON Lines object of a delivery (`type: delivery`).
pub fn to_json(delivery: &Delivery) -> Value {
    let incoming = &delivery.incoming;
    json!({
        "type": "delivery",
        "seq": delivery.seq,
        "received_at": humantime::format_rfc3339_micros(incoming.received_at).to_string(),
        "source": incoming.source.as_str(),
        "remote_addr": incoming.remote,
        "method": incoming.method,
        "path": incoming.path,
        "query": incoming.query,
        "event": delivery.event,
        "event_id": delivery.event_id,
        "known_event": delivery.known_event,
        "verdict": delivery.verdict_label(),
        "explanation": delivery.verdict.as_ref().map(Verdict::explain),
        "accepted": delivery.accepted,
        "rejection": delivery.rejection.as_ref().map(rejection_label),
        "duplicate_of": delivery.duplicate_of,
        "schema_violations": delivery.violations,
        "filtered": delivery.filtered,
        "status": delivery.status,
        "answered_by": delivery.answer_source.as_str(),
        "latency_ms": round(delivery.elapsed.as_secs_f64() * 1000.0),
        "slow": delivery.slow(),
        "forward": delivery.forwarded.as_ref().map(|f| json!({
            "url": f.url,
            "status": f.status,
            "latency_ms": round(f.latency.as_secs_f64() * 1000.0),
            "error": f.error,
        })),
        "capture": delivery.capture_path.as_ref().map(|p| p.display().to_string()),
        "capture_error": delivery.capture_error,
        "body_size": incoming.body_size,
        "headers": incoming.headers,
        "payload": delivery.payload,
    })
}

fn rejection_label(rejection: &Rejection) -> &'static str {
    match rejection {
        Rejection::NotPost => "method",
        Rejection::TooLarge => "too-large",
        Rejection::Unreadable(_) => "unreadable",
        Rejection::NotJson(_) => "not-json",
        Rejection::Signature => "signature",
    }
}

fn round(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

/// How deliveries are printed: JSON Lines or pretty blocks.
#[derive(Debug, Clone, Copy)]
pub struct Render {
    pub json: bool,
    pub view: View,
    pub paint: Paint,
}

impl Render {
    /// Render a delivery into what the printer writes, plus what the summary counts.
    pub fn print(&self, delivery: &Delivery) -> Printed {
        let text = if self.json {
            let mut line = to_json(delivery).to_string();
            line.push('\n');
            line
        } else {
            render(delivery, self.view, self.paint)
        };
        Printed {
            text,
            outcome: Outcome::of(delivery),
        }
    }
}

/// A rendered delivery on its way to the printer.
#[derive(Debug, Clone)]
pub struct Printed {
    pub text: String,
    pub outcome: Outcome,
}

/// The little the summary needs to know about a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub event: Option<String>,
    pub verdict: &'static str,
    pub status: u16,
    pub accepted: bool,
    pub filtered: bool,
    pub duplicate: bool,
    pub slow: bool,
    pub capture_failed: bool,
}

impl Outcome {
    pub fn of(delivery: &Delivery) -> Self {
        Outcome {
            event: delivery.event.clone(),
            verdict: delivery.verdict_label(),
            status: delivery.status,
            accepted: delivery.accepted,
            filtered: delivery.filtered,
            duplicate: delivery.duplicate_of.is_some(),
            slow: delivery.slow(),
            capture_failed: delivery.capture_error.is_some(),
        }
    }
}

/// Counts over a whole run, for the summary.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub total: u64,
    pub accepted: u64,
    /// Accepted and of the `--events` types (what `--exit-after` counts).
    pub matched: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub slow: u64,
    pub capture_errors: u64,
    pub by_event: BTreeMap<String, u64>,
    pub by_verdict: BTreeMap<String, u64>,
    pub by_status: BTreeMap<u16, u64>,
}

impl Stats {
    pub fn record(&mut self, outcome: &Outcome) {
        self.total += 1;
        self.matched += u64::from(outcome.accepted && !outcome.filtered);
        if outcome.accepted {
            self.accepted += 1;
        } else {
            self.rejected += 1;
        }
        self.duplicates += u64::from(outcome.duplicate);
        self.slow += u64::from(outcome.slow);
        self.capture_errors += u64::from(outcome.capture_failed);
        let event = outcome.event.as_deref().unwrap_or("(none)");
        match self.by_event.get_mut(event) {
            Some(count) => *count += 1,
            None => {
                self.by_event.insert(event.to_string(), 1);
            }
        }
        *self
            .by_verdict
            .entry(outcome.verdict.to_string())
            .or_default() += 1;
        *self.by_status.entry(outcome.status).or_default() += 1;
    }

    /// The human summary (ends with a newline).
    pub fn render(&self, reason: &str, paint: Paint) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n{} {} deliveries ({} accepted, {} refused, {} duplicates) — {reason}",
            paint.bold("Summary:"),
            self.total,
            self.accepted,
            self.rejected,
            self.duplicates
        );
        if !self.by_event.is_empty() {
            let width = self
                .by_event
                .keys()
                .map(|k| k.chars().count())
                .max()
                .unwrap_or(0);
            let _ = writeln!(out, "  {}", paint.dimmed("by event"));
            for (event, count) in &self.by_event {
                let _ = writeln!(out, "    {}  {count}", pad(&sanitize::line(event), width));
            }
            let _ = writeln!(out, "  {}", paint.dimmed("by verdict"));
            for (verdict, count) in &self.by_verdict {
                let _ = writeln!(out, "    {}  {count}", pad(verdict, width));
            }
        }
        if self.slow > 0 {
            let _ = writeln!(
                out,
                "  {}",
                paint.red(&format!(
                    "{} answered after Zernio's 5 s deadline",
                    self.slow
                ))
            );
        }
        if self.capture_errors > 0 {
            let _ = writeln!(
                out,
                "  {}",
                paint.red(&format!(
                    "{} captures could not be written",
                    self.capture_errors
                ))
            );
        }
        out
    }

    pub fn to_json(&self, reason: &str) -> Value {
        json!({
            "type": "summary",
            "reason": reason,
            "deliveries": self.total,
            "accepted": self.accepted,
            "refused": self.rejected,
            "duplicates": self.duplicates,
            "slow": self.slow,
            "capture_errors": self.capture_errors,
            "by_event": self.by_event,
            "by_verdict": self.by_verdict,
            "by_status": self.by_status.iter().map(|(k, v)| (k.to_string(), *v)).collect::<BTreeMap<_, _>>(),
        })
    }
}
