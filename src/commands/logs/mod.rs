//! `zernio-hooks logs`: Zernio's delivery logs. One page, every page (`--all`, `--since`) within the
//! API's skip bound, or `--follow`; a table, `--json` JSON Lines (the entries as sent), and
//! `--save DIR` payload files for `replay`.

mod save;
mod table;

use std::collections::HashSet;
use std::io::Write;
use std::time::{Duration, SystemTime};

use clap::parser::ValueSource;

use crate::api::resolve::{looks_like_id, resolve};
use crate::api::{ApiError, Client, LogEntry, LogsQuery};
use crate::cli::{LogsArgs, usage_error};
use crate::context::Context;
use crate::events;
use crate::exit::{self, Failure};
use crate::output::{self, sanitize};
use crate::time;

/// The API serves entries up to this offset.
pub const MAX_SKIP: u32 = 10_000;
/// Page size for `--all` and `--since` when `--limit` is not given.
const BIG_PAGE: u32 = 100;
/// The shortest `--interval`.
const MIN_INTERVAL: Duration = Duration::from_millis(100);

pub async fn run(args: LogsArgs, ctx: &Context) -> anyhow::Result<u8> {
    check(&args)?;
    if let Some(event) = &args.event {
        check_event(ctx, event);
    }
    let client = ctx.api()?;
    let webhook_id = match &args.webhook {
        None => None,
        // Logs outlive deleted webhooks (30 days), so an ID is used as is.
        Some(reference) if looks_like_id(reference) => Some(reference.clone()),
        Some(reference) => Some(resolve(&client, reference).await?.0.id),
    };
    let limit_given = ctx
        .matches
        .subcommand_matches("logs")
        .and_then(|m| m.value_source("limit"))
        == Some(ValueSource::CommandLine);
    let paging = args.all || args.since.is_some() || args.follow;
    // Big pages when reading back through history; --follow starts from the usual page.
    let history = args.all || args.since.is_some();
    let query = LogsQuery {
        limit: if history && !limit_given {
            BIG_PAGE
        } else {
            args.limit
        },
        skip: args.skip,
        status: args.status.map(|s| s.as_str().to_string()),
        event: args.event.clone(),
        webhook_id,
        event_id: args.event_id.clone(),
    };
    let cutoff = args.since.map(|since| SystemTime::now() - since);
    let mut sink = Sink::new(ctx, &args)?;
    let code = if args.follow {
        follow(&client, ctx, &args, query, cutoff, &mut sink).await?
    } else if paging {
        let mut seen = HashSet::new();
        every_page(&client, ctx, query, cutoff, &mut seen, |entry| {
            sink.emit(entry)
        })
        .await?;
        exit::OK
    } else {
        one_page(&client, ctx, &query, &mut sink).await?;
        exit::OK
    };
    sink.finish(ctx);
    Ok(code)
}

fn check(args: &LogsArgs) -> anyhow::Result<()> {
    if args.follow && args.skip > 0 {
        return Err(usage_error(
            "--skip cannot be used with --follow (it follows the newest entries)",
        )
        .into());
    }
    if args.follow && args.interval < MIN_INTERVAL {
        return Err(usage_error("--interval must be at least 100ms").into());
    }
    for (flag, value, max) in [
        ("--event", &args.event, 100),
        ("--event-id", &args.event_id, 200),
        ("--webhook", &args.webhook, 100),
    ] {
        if let Some(value) = value
            && (value.is_empty() || value.chars().count() > max)
        {
            return Err(Failure::usage(format!("{flag} must be 1-{max} characters")).into());
        }
    }
    Ok(())
}

/// Prints (table or JSON Lines) and saves each entry.
struct Sink {
    json: bool,
    wide: bool,
    paint: output::Paint,
    header_done: bool,
    shown: usize,
    saver: Option<save::Saver>,
}

impl Sink {
    fn new(ctx: &Context, args: &LogsArgs) -> anyhow::Result<Sink> {
        Ok(Sink {
            json: ctx.json(),
            wide: args.wide,
            paint: ctx.out(),
            header_done: false,
            shown: 0,
            saver: args.save.as_deref().map(save::Saver::new).transpose()?,
        })
    }

    fn header(&mut self) -> std::io::Result<()> {
        if !self.json && !self.header_done {
            self.header_done = true;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", table::header(self.wide, self.paint))?;
            out.flush()?;
        }
        Ok(())
    }

    fn emit(&mut self, entry: &LogEntry) -> anyhow::Result<()> {
        self.header()?;
        let mut out = std::io::stdout().lock();
        if self.json {
            output::json_line(&mut out, &entry.raw)?;
        } else {
            writeln!(out, "{}", table::row(entry, self.wide, self.paint))?;
        }
        out.flush()?;
        self.shown += 1;
        if let Some(saver) = &mut self.saver {
            saver.save(entry)?;
        }
        Ok(())
    }

    fn finish(&self, ctx: &Context) {
        if self.shown == 0 && !self.header_done {
            ctx.info("No delivery logs match (Zernio keeps them 30 days).");
        }
        if let Some(saver) = &self.saver {
            ctx.info(format!(
                "Saved {} payload file{} to {} (send them again with `zernio-hooks replay {} --to URL`)",
                saver.saved,
                if saver.saved == 1 { "" } else { "s" },
                saver.dir().display(),
                saver.dir().display()
            ));
            if saver.without_payload > 0 {
                ctx.warn(format!(
                    "{} entr{} had no requestPayload to save",
                    saver.without_payload,
                    if saver.without_payload == 1 {
                        "y"
                    } else {
                        "ies"
                    }
                ));
            }
        }
    }
}

fn newer_than(entry: &LogEntry, cutoff: Option<SystemTime>) -> bool {
    match (
        cutoff,
        entry.log.created_at.as_deref().and_then(time::parse),
    ) {
        (Some(cutoff), Some(at)) => at >= cutoff,
        _ => true,
    }
}

async fn one_page(
    client: &Client,
    ctx: &Context,
    query: &LogsQuery,
    sink: &mut Sink,
) -> anyhow::Result<()> {
    let page = client.logs(query).await.map_err(Failure::from)?;
    for entry in &page.logs {
        sink.emit(entry)?;
    }
    if page.has_more(query.limit) {
        let next = query.skip as usize + page.logs.len();
        let of = page
            .pagination
            .total
            .map(|t| format!(" of {t}"))
            .unwrap_or_default();
        ctx.info(format!(
            "Showing entries {}-{next}{of}, newest first: --all for every page, --skip {next} for the next.",
            query.skip as usize + 1
        ));
    }
    Ok(())
}

/// Follow pagination from `query.skip` until the end, the `cutoff`, or the skip bound; entries
/// already in `seen` (pages shift as new entries arrive) are passed over.
async fn every_page(
    client: &Client,
    ctx: &Context,
    mut query: LogsQuery,
    cutoff: Option<SystemTime>,
    seen: &mut HashSet<String>,
    mut emit: impl FnMut(&LogEntry) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let bar = progress(ctx);
    let start = u64::from(query.skip);
    loop {
        let page = client.logs(&query).await.map_err(Failure::from)?;
        if let Some(total) = page.pagination.total {
            let reachable = total.min(u64::from(MAX_SKIP + query.limit));
            bar.set_length(reachable.saturating_sub(start));
        }
        let count = page.logs.len();
        let mut reached_cutoff = false;
        for entry in &page.logs {
            if !newer_than(entry, cutoff) {
                reached_cutoff = true;
                continue;
            }
            if seen.insert(entry.log.key()) {
                emit(entry)?;
            }
        }
        bar.inc(count as u64);
        if reached_cutoff || count == 0 || !page.has_more(query.limit) {
            break;
        }
        let next = query.skip + u32::try_from(count).unwrap_or(u32::MAX);
        if next > MAX_SKIP {
            bar.finish_and_clear();
            let left = page
                .pagination
                .total
                .map(|t| format!(" ({} older entries)", t.saturating_sub(u64::from(next))))
                .unwrap_or_default();
            ctx.warn(format!(
                "stopped at the API's skip bound of {MAX_SKIP}: older entries{left} cannot be paged to; narrow the query with --since, --status, --event or --webhook"
            ));
            return Ok(());
        }
        query.skip = next;
    }
    bar.finish_and_clear();
    Ok(())
}

fn progress(ctx: &Context) -> indicatif::ProgressBar {
    if !ctx.progress() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} log entries {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}

/// Print the latest entries oldest first, then every new entry as it appears, until Ctrl-C.
async fn follow(
    client: &Client,
    ctx: &Context,
    args: &LogsArgs,
    query: LogsQuery,
    cutoff: Option<SystemTime>,
    sink: &mut Sink,
) -> anyhow::Result<u8> {
    // Listen for Ctrl-C before anything is printed, so an early one is not missed.
    let interrupted = crate::server::http::interrupted()?;
    tokio::pin!(interrupted);
    let mut seen = HashSet::new();
    let work = async {
        let mut backlog = Vec::new();
        if cutoff.is_some() {
            every_page(client, ctx, query.clone(), cutoff, &mut seen, |entry| {
                backlog.push(entry.clone());
                Ok(())
            })
            .await?;
        } else {
            let page = client.logs(&query).await.map_err(Failure::from)?;
            for entry in page.logs {
                if seen.insert(entry.log.key()) {
                    backlog.push(entry);
                }
            }
        }
        sink.header()?;
        for entry in backlog.iter().rev() {
            sink.emit(entry)?;
        }
        ctx.info(format!(
            "Following new deliveries every {} (Ctrl-C to stop)…",
            humantime::format_duration(args.interval)
        ));
        let mut failing = false;
        loop {
            tokio::time::sleep(args.interval).await;
            match fresh(client, &query, &mut seen).await {
                Ok(new) => {
                    if failing {
                        ctx.info("The delivery logs answer again.");
                        failing = false;
                    }
                    for entry in new.iter().rev() {
                        sink.emit(entry)?;
                    }
                }
                // Keep following through outages; give up on what retrying cannot fix.
                Err(
                    err @ (ApiError::Server { .. }
                    | ApiError::Network { .. }
                    | ApiError::RateLimited { .. }),
                ) => {
                    if !failing {
                        ctx.warn(format!(
                            "{err}; still trying every {}",
                            humantime::format_duration(args.interval)
                        ));
                        failing = true;
                    }
                }
                Err(err) => return Err(anyhow::Error::from(Failure::from(err))),
            }
        }
    };
    tokio::select! {
        result = work => result.map(|()| exit::OK),
        () = &mut interrupted => Ok(exit::INTERRUPTED),
    }
}

/// Entries not seen yet, newest first: pages from the top until one holds a seen entry.
async fn fresh(
    client: &Client,
    query: &LogsQuery,
    seen: &mut HashSet<String>,
) -> Result<Vec<LogEntry>, ApiError> {
    let mut query = query.clone();
    query.skip = 0;
    let mut new = Vec::new();
    loop {
        let page = client.logs(&query).await?;
        let count = page.logs.len();
        let mut overlap = false;
        for entry in page.logs {
            if seen.insert(entry.log.key()) {
                new.push(entry);
            } else {
                overlap = true;
            }
        }
        let next = query.skip + u32::try_from(count).unwrap_or(u32::MAX);
        if overlap || count == 0 || !page.pagination.has_more.unwrap_or(false) || next > MAX_SKIP {
            return Ok(new);
        }
        query.skip = next;
    }
}

/// A warning when `--event` names no known event type (the API would just match nothing).
fn check_event(ctx: &Context, event: &str) {
    if events::find(event).is_none() {
        let hint = events::suggest(event)
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        ctx.warn(format!(
            "`{}` is not a known event type{hint}; asking anyway",
            sanitize::line(event)
        ));
    }
}
