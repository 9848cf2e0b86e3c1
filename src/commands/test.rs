//! `zernio-hooks test [ID|NAME]`: ask Zernio to send a `webhook.test` delivery. The exit code tells
//! the truth (this is the staging health check): 0 when Zernio reports success and, with `--wait`,
//! the logged delivery succeeded; 1 when either says it failed or the log entry never appeared.

use std::collections::HashSet;
use std::io::Write;
use std::time::Duration;

use serde_json::{Value, json};

use crate::api::resolve::resolve;
use crate::api::{Client, LogEntry, LogsQuery, TestOutcome, Webhook};
use crate::cli::TestArgs;
use crate::commands::prompt;
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output::{self, Paint, sanitize};
use crate::time;

const TEST_EVENT: &str = "webhook.test";
/// How many recent test deliveries are looked at per poll.
const PAGE: u32 = 20;

pub async fn run(args: TestArgs, ctx: &Context) -> anyhow::Result<u8> {
    if args.wait && args.wait_interval.is_zero() {
        return Err(Failure::usage("--wait-interval must be more than zero").into());
    }
    let client = ctx.api()?;
    let webhook = match &args.webhook {
        Some(reference) => resolve(&client, reference).await?.0,
        None => pick(&client, ctx).await?,
    };
    let query = LogsQuery {
        limit: PAGE,
        skip: 0,
        event: Some(TEST_EVENT.into()),
        webhook_id: Some(webhook.id.clone()),
        ..LogsQuery::default()
    };
    // What was logged before, so the new delivery is told apart without trusting clocks: a new
    // entry of a new event (a late retry of an earlier test is not this test).
    let seen: Option<HashSet<String>> = if args.wait {
        let page = client.logs(&query).await.map_err(Failure::from)?;
        Some(
            page.logs
                .iter()
                .flat_map(|e| [Some(e.log.key()), e.log.event_id.as_deref().map(event_key)])
                .flatten()
                .collect(),
        )
    } else {
        None
    };
    let outcome = client.test(&webhook.id).await.map_err(Failure::from)?;
    if !ctx.json() {
        report_outcome(ctx, &webhook, &outcome)?;
    }
    let mut delivery = None;
    if let Some(seen) = seen {
        delivery = wait_for_log(&client, ctx, &query, &seen, &args).await?;
        if !ctx.json() {
            report_log(ctx, delivery.as_ref(), args.wait_timeout)?;
        }
    }
    let logged_ok = delivery.as_ref().is_some_and(|d| !d.log.failed());
    let passed = outcome.success && (!args.wait || logged_ok);
    if ctx.json() {
        let mut out = std::io::stdout().lock();
        output::json_line(
            &mut out,
            &json!({
                "type": "test",
                "id": webhook.id,
                "name": webhook.name,
                "url": webhook.url,
                "success": outcome.success,
                "message": outcome.message,
                "waited": args.wait,
                "delivery": delivery.as_ref().map_or(Value::Null, |d| d.raw.clone()),
                "passed": passed,
            }),
        )?;
    }
    Ok(if passed { exit::OK } else { exit::FAILURE })
}

/// No argument: pick from a list on a terminal, otherwise say which argument is missing.
async fn pick(client: &Client, ctx: &Context) -> anyhow::Result<Webhook> {
    if !ctx.interactive() {
        return Err(Failure::usage("which webhook? pass its ID or name")
            .with_hint("there is no terminal to pick from a list; `zernio-hooks list` shows them")
            .into());
    }
    let list = client.list().await.map_err(Failure::from)?;
    if list.webhooks.is_empty() {
        return Err(Failure::usage("there are no webhooks to test")
            .with_hint("`zernio-hooks create` makes one")
            .into());
    }
    prompt::webhook("Webhook to send a test delivery to", &list.webhooks)
}

fn report_outcome(ctx: &Context, webhook: &Webhook, outcome: &TestOutcome) -> std::io::Result<()> {
    let paint = ctx.out();
    let mut out = std::io::stdout().lock();
    let target = format!(
        "`{}` ({})",
        sanitize::line(&webhook.name),
        sanitize::line(&webhook.url)
    );
    let message = if outcome.message.is_empty() {
        String::new()
    } else {
        format!(": {}", outcome.message)
    };
    if outcome.success {
        writeln!(
            out,
            "{} Zernio delivered a test event to {target}{message}",
            paint.green("✓")
        )?;
    } else {
        writeln!(
            out,
            "{} Zernio's test delivery to {target} failed{message}",
            paint.red("✗")
        )?;
    }
    out.flush()
}

fn event_key(id: &str) -> String {
    format!("event:{id}")
}

/// Poll the logs until a `webhook.test` entry not seen before appears, or the time is up.
async fn wait_for_log(
    client: &Client,
    ctx: &Context,
    query: &LogsQuery,
    seen: &HashSet<String>,
    args: &TestArgs,
) -> anyhow::Result<Option<LogEntry>> {
    let spinner = if ctx.progress() {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(format!(
            "waiting for the delivery log (up to {})",
            humantime::format_duration(args.wait_timeout)
        ));
        bar.enable_steady_tick(Duration::from_millis(120));
        Some(bar)
    } else {
        None
    };
    let deadline = tokio::time::Instant::now() + args.wait_timeout;
    let found = loop {
        let page = client.logs(query).await.map_err(Failure::from)?;
        // Newest first: the last new entry is the one closest to our request.
        if let Some(entry) = page.logs.into_iter().rev().find(|e| {
            !seen.contains(&e.log.key())
                && e.log
                    .event_id
                    .as_deref()
                    .is_none_or(|id| !seen.contains(&event_key(id)))
        }) {
            break Some(entry);
        }
        let now = tokio::time::Instant::now();
        if now >= deadline {
            break None;
        }
        tokio::time::sleep(args.wait_interval.min(deadline - now)).await;
    };
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    Ok(found)
}

fn report_log(
    ctx: &Context,
    delivery: Option<&LogEntry>,
    timeout: Duration,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let paint = ctx.out();
    match delivery {
        None => writeln!(
            out,
            "{} the test delivery did not appear in the delivery logs within {}",
            paint.red("✗"),
            humantime::format_duration(timeout)
        )?,
        Some(entry) => out.write_all(describe(entry, paint).as_bytes())?,
    }
    out.flush()
}

/// `✓ logged: 200 in 87 ms, attempt 1 at 2026-…` and the response excerpt.
pub fn describe(entry: &LogEntry, paint: Paint) -> String {
    let log = &entry.log;
    let mark = if log.failed() {
        paint.red("✗")
    } else {
        paint.green("✓")
    };
    let status = log
        .status_code
        .and_then(|c| u16::try_from(c).ok())
        .map_or_else(|| "no HTTP status".to_string(), |c| paint.status(c));
    let mut text = format!(
        "{mark} logged delivery: {} {status}",
        sanitize::line(log.status.as_deref().unwrap_or("unknown"))
    );
    if let Some(ms) = log.response_time {
        text.push_str(&format!(" in {}", output::millis(ms)));
    }
    if let Some(attempt) = log.attempt_number {
        text.push_str(&format!(", attempt {attempt}"));
    }
    if let Some(at) = &log.created_at {
        text.push_str(&format!(", at {}", time::utc(at)));
    }
    text.push('\n');
    if let Some(error) = log.error_message.as_deref().filter(|e| !e.is_empty()) {
        text.push_str(&format!(
            "  error:    {}\n",
            sanitize::excerpt(&sanitize::line(error), 200)
        ));
    }
    if let Some(body) = log.response_body.as_deref().filter(|b| !b.is_empty()) {
        text.push_str(&format!(
            "  response: {}\n",
            sanitize::excerpt(&sanitize::line(body), 200)
        ));
    }
    text
}
