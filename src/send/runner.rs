//! The sending side: one HTTP client, one attempt, the retry loop, and the dispatcher that keeps
//! up to `--concurrency` deliveries in flight (at `--rate`) while a printer thread reports them in
//! input order. Judging and scheduling are the pure functions of [`verdict`](super::verdict).

use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore, mpsc};
use tokio::task::JoinSet;

use crate::context::Context;
use crate::exit::Failure;
use crate::http_client;
use crate::send::delivery::Prepared;
use crate::send::printer::Printer;
use crate::send::report::Junit;
use crate::send::verdict::{self, Attempt, Outcome, Problem};
use crate::send::{Feed, Settings};

/// How much of each answer's body is kept for the output and the report.
const EXCERPT_BYTES: usize = 1024;

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

/// The endpoint and the client that talks to it.
#[derive(Debug)]
struct Target {
    client: reqwest::Client,
    url: reqwest::Url,
    timeout: Duration,
}

impl Target {
    fn new(url: reqwest::Url, settings: &Settings) -> anyhow::Result<Self> {
        // Zernio does not follow redirects: a 3xx is an answer, and not a 2xx.
        let client = http_client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(settings.concurrency)
            .timeout(settings.timeout)
            .build()?;
        Ok(Target {
            client,
            url,
            timeout: settings.timeout,
        })
    }

    /// One POST: the status, the time to the end of the answer, and the start of its body.
    async fn attempt(&self, delivery: &Prepared, number: u32) -> Attempt {
        let started = Instant::now();
        let mut status = None;
        let mut excerpt = Vec::new();
        let result = async {
            let mut response = self
                .client
                .post(self.url.clone())
                .headers(delivery.headers.clone())
                .body(delivery.body.clone())
                .send()
                .await?;
            status = Some(response.status().as_u16());
            while let Some(chunk) = response.chunk().await? {
                let room = EXCERPT_BYTES.saturating_sub(excerpt.len());
                excerpt.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok::<(), reqwest::Error>(())
        }
        .await;
        Attempt {
            number,
            status,
            latency: started.elapsed(),
            problem: result.err().map(|err| self.problem(&err)),
            response: String::from_utf8_lossy(&excerpt).into_owned(),
        }
    }

    fn problem(&self, err: &reqwest::Error) -> Problem {
        if err.is_timeout() {
            Problem::Timeout(self.timeout)
        } else if err.is_connect() {
            let described = http_client::describe_error(err);
            // A TLS handshake with something that does not speak TLS fails without the word.
            if self.url.scheme() == "https"
                && !described.contains("refused")
                && described.starts_with("cannot connect")
            {
                Problem::Connect(format!("TLS error: {}", http_client::root_cause(err)))
            } else {
                Problem::Connect(described)
            }
        } else {
            Problem::Other(http_client::describe_error(err))
        }
    }
}

/// Send one delivery, retrying on the schedule until it meets the expectation or runs out.
async fn deliver(
    target: Arc<Target>,
    settings: Arc<Settings>,
    delivery: Arc<Prepared>,
    index: u64,
    copy: u32,
    messages: std_mpsc::Sender<Message>,
    slot: OwnedSemaphorePermit,
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
    drop(slot);
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
    mut feed: Feed,
    ctx: &Context,
    report: Option<Junit>,
) -> anyhow::Result<Finished> {
    let target = Arc::new(Target::new(url.clone(), &settings)?);
    let planned = feed.inventory.payloads * u64::from(settings.repeat);
    // Results may finish out of order; at most this many wait to be printed.
    let window = Arc::new(Semaphore::new(settings.concurrency * 8 + 64));
    let printer = Printer::new(ctx, &settings, &url, feed.inventory, planned, report);
    let (messages, received) = std_mpsc::channel();
    let printing = {
        let window = window.clone();
        std::thread::spawn(move || printer.consume(received, &window))
    };
    let started = Instant::now();
    let stop = dispatch(&settings, &target, &mut feed.items, &window, messages).await;
    feed.items.close();
    let produced = feed.producer.await;
    let printer = tokio::task::spawn_blocking(move || printing.join())
        .await?
        .map_err(|_| anyhow::anyhow!("the output thread failed"))?;
    let finished = printer.finish(stop, started.elapsed())?;
    match produced {
        Ok(Err(problem)) if stop == Stop::Finished => Err(Failure::usage(problem).into()),
        Err(err) if err.is_panic() => Err(anyhow::anyhow!("reading the inputs failed: {err}")),
        _ => Ok(finished),
    }
}

/// Keep up to `--concurrency` deliveries in flight, in input order, until the feed ends, the
/// output closes or the user interrupts.
async fn dispatch(
    settings: &Arc<Settings>,
    target: &Arc<Target>,
    items: &mut mpsc::Receiver<Prepared>,
    window: &Semaphore,
    messages: std_mpsc::Sender<Message>,
) -> Stop {
    let flight = Arc::new(Semaphore::new(settings.concurrency));
    let mut tasks = JoinSet::new();
    let interrupt = interrupted();
    tokio::pin!(interrupt);
    let start = tokio::time::Instant::now();
    let mut index = 0u64;
    let stop = 'feed: loop {
        let delivery = tokio::select! {
            biased;
            () = &mut interrupt => break 'feed Stop::Interrupted,
            item = items.recv() => match item {
                Some(prepared) => Arc::new(prepared),
                None => break 'feed Stop::Finished,
            },
        };
        for copy in 1..=settings.repeat {
            let slot = tokio::select! {
                biased;
                () = &mut interrupt => break 'feed Stop::Interrupted,
                slot = acquire(window, &flight) => slot,
            };
            let Some(slot) = slot else {
                break 'feed Stop::OutputClosed;
            };
            if let Some(rate) = settings.rate {
                let due = start + verdict::pace(index, rate);
                tokio::select! {
                    biased;
                    () = &mut interrupt => break 'feed Stop::Interrupted,
                    () = tokio::time::sleep_until(due) => {}
                }
            }
            tasks.spawn(deliver(
                target.clone(),
                settings.clone(),
                delivery.clone(),
                index,
                copy,
                messages.clone(),
                slot,
            ));
            while tasks.try_join_next().is_some() {}
            index += 1;
        }
    };
    if stop == Stop::Finished {
        loop {
            tokio::select! {
                biased;
                () = &mut interrupt => {
                    tasks.abort_all();
                    while tasks.join_next().await.is_some() {}
                    return Stop::Interrupted;
                }
                next = tasks.join_next() => if next.is_none() { break },
            }
        }
    } else {
        tasks.abort_all();
        while tasks.join_next().await.is_some() {}
    }
    stop
}

/// A place in the output window, then a delivery slot; `None` once the output has closed.
async fn acquire(window: &Semaphore, flight: &Arc<Semaphore>) -> Option<OwnedSemaphorePermit> {
    window.acquire().await.ok()?.forget();
    flight.clone().acquire_owned().await.ok()
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
