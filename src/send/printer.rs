//! What a run prints: one line per delivery in input order (or a JSON Lines `result`), retry
//! notes and an indicatif bar on stderr, then the summary ([the summary module](super::summary)). Driven by the
//! sender's loop: results are reordered here, buffered, and written once per batch.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, BufWriter, Stdout, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::context::Context;
use crate::output::{Paint, millis, pad, sanitize};
use crate::send::delivery::Prepared;
use crate::send::input::{Inventory, Widths};
use crate::send::report::Junit;
use crate::send::runner::{Done, Finished, Message, Retrying, Stop};
use crate::send::summary::{self, Run, Stats};
use crate::send::{Settings, display_url};

/// How much of an answer's body a result line shows.
const EXCERPT_CHARS: usize = 200;

pub struct Printer {
    json: bool,
    quiet: bool,
    verbose: bool,
    paint: Paint,
    err_paint: Paint,
    widths: Widths,
    repeat: u32,
    run: Run,
    expected: String,
    out: BufWriter<Stdout>,
    broken: Option<io::Error>,
    bar: Option<ProgressBar>,
    stats: Stats,
    report: Option<Junit>,
    pending: BTreeMap<u64, Done>,
    next: u64,
    retrying: HashSet<u64>,
    batch: Vec<u8>,
}

/// The JSON Lines `result` object (the field order is the output's).
#[derive(Serialize)]
struct ResultLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    index: u64,
    file: &'a str,
    line: Option<u64>,
    copy: u32,
    event: &'a str,
    id: &'a str,
    status: Option<u16>,
    latency_ms: Option<f64>,
    ok: bool,
    verdict: &'a str,
    expected: &'a str,
    attempt: usize,
    max_attempts: u32,
    error: Option<&'static str>,
    response: Option<&'a str>,
}

/// One delivery as a JSON Lines `result`.
fn result_json<'a>(expected: &'a str, done: &'a Done) -> ResultLine<'a> {
    let delivery = &done.delivery;
    let outcome = &done.outcome;
    let last = outcome.last();
    let met = outcome.judgement.met;
    ResultLine {
        kind: "result",
        index: done.index + 1,
        file: &delivery.origin.file,
        line: delivery.origin.line,
        copy: done.copy,
        event: &delivery.event,
        id: &delivery.id,
        status: last.and_then(|a| a.status),
        latency_ms: last.map(|a| summary::round(a.latency.as_secs_f64() * 1000.0)),
        ok: met,
        verdict: &outcome.judgement.reason,
        expected,
        attempt: outcome.attempts.len(),
        max_attempts: outcome.max_attempts,
        error: last.and_then(|a| a.problem.as_ref()).map(|p| p.kind()),
        response: last.filter(|_| !met).map(|a| a.response.as_str()),
    }
}

/// The label of one delivery: `file[:line]`, and `#copy` when `--repeat` sends several.
fn label(delivery: &Prepared, copy: u32, repeat: u32) -> String {
    let base = delivery.origin.label();
    if repeat > 1 {
        format!("{base} #{copy}")
    } else {
        base
    }
}

impl Printer {
    pub fn new(
        ctx: &Context,
        settings: &Settings,
        url: &reqwest::Url,
        inventory: Inventory,
        planned: u64,
        report: Option<Junit>,
    ) -> Printer {
        let mut widths = inventory.widths;
        if settings.repeat > 1 {
            widths.label += 2 + settings.repeat.to_string().len();
        }
        let bar = (ctx.progress() && planned > 1).then(|| {
            let bar = ProgressBar::with_draw_target(Some(planned), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {pos}/{len} ({eta} left) {msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Printer {
            json: ctx.json(),
            quiet: ctx.quiet(),
            verbose: ctx.verbose() > 0,
            paint: ctx.out(),
            err_paint: ctx.err(),
            widths,
            repeat: settings.repeat,
            run: Run {
                url: display_url(url),
                expected: settings.expectation.describe(),
                timeout: settings.timeout,
            },
            expected: settings.expectation.describe(),
            out: BufWriter::with_capacity(64 * 1024, io::stdout()),
            broken: None,
            bar,
            stats: Stats::new(planned),
            report,
            pending: BTreeMap::new(),
            next: 0,
            retrying: HashSet::new(),
            batch: Vec::with_capacity(64 * 1024),
        }
    }

    /// How many deliveries have been printed (all of those before this index).
    pub fn printed(&self) -> u64 {
        self.next
    }

    /// Whether standard output has closed (nothing more can be shown).
    pub fn closed(&self) -> bool {
        self.broken.is_some()
    }

    /// Take in what the sender reports; finished deliveries are printed in input order.
    pub fn handle(&mut self, message: Message) {
        match message {
            Message::Retrying(retrying) => {
                self.retrying.insert(retrying.index);
                self.note(&retrying);
                self.update_bar();
            }
            Message::Done(done) => {
                self.retrying.remove(&done.index);
                self.pending.insert(done.index, done);
                while let Some(done) = self.pending.remove(&self.next) {
                    self.next += 1;
                    self.emit(done);
                }
            }
        }
    }

    /// Print what finished after a delivery that never will (the run was interrupted), in order.
    pub fn drain(&mut self) {
        for (_, done) in std::mem::take(&mut self.pending) {
            self.emit(done);
        }
    }

    fn emit(&mut self, done: Done) {
        let met = done.outcome.judgement.met;
        self.stats.record(&done.outcome);
        let label = label(&done.delivery, done.copy, self.repeat);
        if let Some(report) = &mut self.report {
            report.record(&label, &done);
        }
        if self.json {
            let value = result_json(&self.expected, &done);
            // Writing into memory cannot fail.
            let _ = serde_json::to_writer(&mut self.batch, &value);
            self.batch.push(b'\n');
        } else if !self.quiet || !met {
            let mut batch = std::mem::take(&mut self.batch);
            self.result_line(&label, &done, &mut batch);
            self.batch = batch;
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        self.update_bar();
    }

    fn result_line(&self, label: &str, done: &Done, batch: &mut Vec<u8>) {
        let paint = self.paint;
        let delivery = &done.delivery;
        let last = done.outcome.last();
        let status = match last.and_then(|a| a.status) {
            Some(status) => paint.status(status),
            None => paint.dimmed("---"),
        };
        let latency = last.map_or_else(String::new, |a| millis(a.latency.as_secs_f64() * 1000.0));
        let met = done.outcome.judgement.met;
        let verdict = sanitize::line(&done.outcome.verdict()).into_owned();
        let verdict = if met {
            format!("{} {verdict}", paint.green("✓"))
        } else {
            format!("{} {}", paint.red("✗"), paint.red(&verdict))
        };
        let _ = writeln!(
            batch,
            "{}  {}  {}  {status}  {latency:>8}  {verdict}",
            pad(&sanitize::line(label), self.widths.label),
            pad(&sanitize::line(&delivery.event), self.widths.event),
            pad(&sanitize::line(&delivery.id), self.widths.id),
        );
        let response = last.map_or("", |a| a.response.trim());
        if (!met || self.verbose) && !response.is_empty() {
            let shown = sanitize::line(response);
            let shown = sanitize::excerpt(&shown, EXCERPT_CHARS);
            let _ = writeln!(batch, "    {} {shown}", paint.dimmed("response:"));
        }
    }

    fn note(&self, retrying: &Retrying) {
        if self.quiet {
            return;
        }
        let delivery = &retrying.delivery;
        let text = format!(
            "{} {} ({} {}): {}; attempt {} of {} in {}",
            self.err_paint.yellow("retrying"),
            sanitize::line(&label(delivery, retrying.copy, self.repeat)),
            sanitize::line(&delivery.event),
            sanitize::line(&delivery.id),
            sanitize::line(&retrying.reason),
            retrying.attempt + 1,
            retrying.max_attempts,
            humantime::format_duration(round_duration(retrying.delay)),
        );
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{text}")),
            None => eprintln!("{text}"),
        }
    }

    fn update_bar(&self) {
        if let Some(bar) = &self.bar {
            let mut message = format!("✓ {} ✗ {}", self.stats.ok, self.stats.failed);
            if !self.retrying.is_empty() {
                message.push_str(&format!(" · {} waiting to retry", self.retrying.len()));
            }
            bar.set_message(message);
        }
    }

    /// Write what has been printed since the last flush (once per batch of results).
    pub fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        if self.broken.is_none() {
            let (out, batch) = (&mut self.out, &self.batch);
            let written = match &self.bar {
                Some(bar) => bar.suspend(|| write_flush(out, batch)),
                None => write_flush(out, batch),
            };
            if let Err(err) = written {
                self.broken = Some(err);
            }
        }
        self.batch.clear();
    }

    /// Print the summary and write the report; how the run ended decides the exit code.
    pub fn finish(mut self, stop: Stop, elapsed: Duration) -> anyhow::Result<Finished> {
        self.flush();
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if let Some(err) = self.broken.take() {
            return Err(err.into());
        }
        let interrupted = stop == Stop::Interrupted;
        let stats = self.stats;
        if let Some(report) = self.report.take() {
            report.write(elapsed)?;
        }
        let text = if self.json {
            let summary = stats.to_json(&self.run, elapsed, interrupted);
            serde_json::to_string(&summary).unwrap_or_default() + "\n"
        } else {
            stats.render(&self.run, self.paint, elapsed, interrupted)
        };
        write_flush(&mut self.out, &text)?;
        Ok(Finished {
            planned: stats.planned,
            done: stats.done,
            failed: stats.failed,
            interrupted,
        })
    }
}

pub(crate) fn write_flush(out: &mut impl Write, text: impl AsRef<[u8]>) -> io::Result<()> {
    out.write_all(text.as_ref())?;
    out.flush()
}

/// A delay to the microsecond, so scaled schedules read `100us` rather than `99us 999ns`.
fn round_duration(delay: Duration) -> Duration {
    let micros = (delay.as_nanos() + 500) / 1000;
    Duration::from_micros(micros.min(u128::from(u64::MAX)) as u64)
}
