//! The sending side: the retry loop of one delivery, and the loop that keeps up to
//! `--concurrency` deliveries in flight (at `--rate`) and prints results in input order.
//!
//! Sending runs on a single-threaded runtime of its own thread: one thread drives every
//! connection, every delivery and the printer, so a delivery costs no cross-thread wake-up
//! (reading and signing happen on the reader threads of the [feed module](super::feed), a batch
//! at a time). Connections belong to the [transport module](super::transport); judging and
//! scheduling are the pure functions of the [verdict module](super::verdict).

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;

use crate::context::Context;
use crate::exit::Failure;
use crate::send::delivery::Prepared;
use crate::send::printer::Printer;
use crate::send::report::Junit;
use crate::send::transport::Transport;
use crate::send::verdict::{self, Outcome};
use crate::send::{Feed, Settings};

/// One finished delivery.
#[derive(Debug)]
pub struct Done {
    /// 0-based position in the run (input order, repeats included).
    pub index: u64,
    /// Which of the `--repeat` copies (1-based).
    pub copy: u32,
    pub delivery: Arc<Prepared>,
    pub outcome: Outcome,
}

/// A failed attempt that will be tried again.
#[derive(Debug)]
pub struct Retrying {
    pub index: u64,
    pub copy: u32,
    pub delivery: Arc<Prepared>,
    pub attempt: u32,
    pub max_attempts: u32,
    pub reason: String,
    pub delay: Duration,
}

/// What the sender tells the printer.
#[derive(Debug)]
pub enum Message {
    Retrying(Retrying),
    Done(Done),
}

/// Why dispatching stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Every delivery was sent and answered (or gave up).
    Finished,
    /// Ctrl-C or SIGTERM.
    Interrupted,
    /// Standard output was closed (`| head`).
    OutputClosed,
}

/// How a run ended, for the exit code.
#[derive(Debug, Clone, Copy, Default)]
pub struct Finished {
    pub planned: u64,
    pub done: u64,
    pub failed: u64,
    pub interrupted: bool,
}

impl Finished {
    pub fn all_met(&self) -> bool {
        !self.interrupted && self.failed == 0 && self.done == self.planned
    }
}

/// Send one delivery, retrying on the schedule until it meets the expectation or runs out.
async fn deliver(
    target: Arc<Transport>,
    settings: Arc<Settings>,
    delivery: Arc<Prepared>,
    index: u64,
    copy: u32,
    messages: mpsc::UnboundedSender<Message>,
) {
    let max_attempts = settings.schedule.max_attempts();
    let mut attempts = Vec::with_capacity(1);
    let mut number = 1;
    let judgement = loop {
        let attempt = target.attempt(&delivery, number).await;
        let judgement = verdict::judge(settings.expectation, &attempt);
        attempts.push(attempt);
        if judgement.met || number >= max_attempts {
            break judgement;
        }
        let delay = settings.schedule.delay_before(number + 1);
        let _ = messages.send(Message::Retrying(Retrying {
            index,
            copy,
            delivery: delivery.clone(),
            attempt: number,
            max_attempts,
            reason: judgement.reason,
            delay,
        }));
        number += 1;
        tokio::time::sleep(delay).await;
    };
    let _ = messages.send(Message::Done(Done {
        index,
        copy,
        delivery,
        outcome: Outcome {
            attempts,
            judgement,
            max_attempts,
        },
    }));
}

/// Send every delivery of the feed and report each in input order; returns how it ended.
pub async fn run(
    settings: Arc<Settings>,
    url: reqwest::Url,
    feed: Feed,
    ctx: &Context,
    report: Option<Junit>,
) -> anyhow::Result<Finished> {
    let target = Arc::new(Transport::new(
        &url,
        settings.timeout,
        settings.concurrency,
    )?);
    let planned = feed.inventory.payloads * u64::from(settings.repeat);
    let printer = Printer::new(ctx, &settings, &url, feed.inventory, planned, report);
    let (finished_tx, finished_rx) = oneshot::channel();
    std::thread::Builder::new()
        .name("zernio-hooks-send".into())
        .spawn(move || {
            let ended = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map(|runtime| runtime.block_on(send_all(settings, target, feed, printer)));
            let _ = finished_tx.send(ended);
        })?;
    let (printer, stop, elapsed, mut feed) = finished_rx
        .await
        .map_err(|_| anyhow::anyhow!("the sending thread failed"))??;
    feed.close();
    let produced = feed.finish().await;
    let finished = printer.finish(stop, elapsed)?;
    match produced {
        Err(problem) if stop == Stop::Finished => Err(Failure::usage(problem).into()),
        _ => Ok(finished),
    }
}

/// The sending loop: start deliveries while fewer than `--concurrency` are in flight (and the
/// output is not too far behind), at `--rate`, and print each result as it comes back.
async fn send_all(
    settings: Arc<Settings>,
    target: Arc<Transport>,
    mut feed: Feed,
    mut printer: Printer,
) -> (Printer, Stop, Duration, Feed) {
    // Results may finish out of order; at most this many wait to be printed.
    let window = settings.concurrency as u64 * 8 + 64;
    let (messages, mut results) = mpsc::unbounded_channel();
    let mut tasks = JoinSet::new();
    let interrupt = interrupted();
    tokio::pin!(interrupt);
    let started = Instant::now();
    let start = tokio::time::Instant::now();
    let mut queue: VecDeque<Prepared> = VecDeque::new();
    let mut current: Option<(Arc<Prepared>, u32)> = None;
    let mut feed_open = true;
    let mut index = 0u64;
    let mut in_flight = 0usize;
    let stop = loop {
        if current.is_none() {
            current = queue.pop_front().map(|next| (Arc::new(next), 1));
        }
        if printer.closed() {
            break Stop::OutputClosed;
        }
        if current.is_none() && !feed_open && in_flight == 0 {
            break Stop::Finished;
        }
        let can_start = current.is_some()
            && in_flight < settings.concurrency
            && index - printer.printed() < window;
        let paced = async {
            if let Some(rate) = settings.rate {
                tokio::time::sleep_until(start + verdict::pace(index, rate)).await;
            }
        };
        tokio::select! {
            biased;
            () = &mut interrupt => break Stop::Interrupted,
            Some(message) = results.recv() => {
                let mut next = Some(message);
                while let Some(message) = next {
                    if matches!(message, Message::Done(_)) {
                        in_flight -= 1;
                    }
                    printer.handle(message);
                    next = results.try_recv().ok();
                }
                printer.flush();
                while tasks.try_join_next().is_some() {}
            }
            () = paced, if can_start => {
                // Start as many as the limits allow now, without waiting in between.
                loop {
                    let Some((delivery, copy)) = current.take() else { break };
                    tasks.spawn(deliver(
                        target.clone(),
                        settings.clone(),
                        delivery.clone(),
                        index,
                        copy,
                        messages.clone(),
                    ));
                    index += 1;
                    in_flight += 1;
                    current = if copy < settings.repeat {
                        Some((delivery, copy + 1))
                    } else {
                        queue.pop_front().map(|next| (Arc::new(next), 1))
                    };
                    let more = in_flight < settings.concurrency
                        && index - printer.printed() < window
                        && settings.rate.is_none();
                    if !more {
                        break;
                    }
                }
            }
            batch = feed.next_batch(), if feed_open && queue.is_empty() => match batch {
                Some(batch) => queue.extend(batch),
                None => feed_open = false,
            },
        }
    };
    if stop != Stop::Finished {
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
        while let Ok(message) = results.try_recv() {
            printer.handle(message);
        }
        printer.drain();
        printer.flush();
    }
    (printer, stop, started.elapsed(), feed)
}

/// Ctrl-C, or SIGTERM on Unix.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
