//! Sending deliveries exactly as Zernio would, and checking the answers: shared by `replay` and
//! `trigger --to` (one code path, so both sign, send, judge and report alike).
//!
//! - [`sources`], [`input`] and [`parse`]: what is sent (captures, payload files, NDJSON,
//!   folders, stdin), checked in full before anything leaves.
//! - [`delivery`] and [`fresh`]: how it is sent (headers, signature, `--tamper`, `--fresh`).
//! - [`verdict`]: whether the answer met the expectation, and Zernio's retry schedule.
//! - [`runner`] and [`transport`]: retries, concurrency and rate; the connections.
//! - [`printer`], [`summary`], [`report`] and [`dry_run`]: result lines, JSON Lines, the
//!   summary, the JUnit XML report, and what `--dry-run` shows.

pub mod delivery;
pub mod dry_run;
pub mod feed;
pub mod fresh;
pub mod input;
pub mod parse;
pub mod printer;
pub mod reading;
pub mod report;
pub mod runner;
pub mod sources;
pub mod summary;
pub mod transport;
pub mod verdict;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};

use crate::cli::SendArgs;
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::sample::Generator;
use crate::send::delivery::{HeaderPlan, Payload, Prepared};
use crate::send::verdict::{Expectation, Schedule};

pub use crate::send::feed::Feed;

/// The send flags, resolved and checked once.
#[derive(Debug, Clone)]
pub struct Settings {
    pub plan: HeaderPlan,
    pub expectation: Expectation,
    pub schedule: Schedule,
    pub timeout: Duration,
    pub repeat: u32,
    pub fresh: bool,
    pub concurrency: usize,
    pub rate: Option<f64>,
    pub dry_run: bool,
    pub report: Option<PathBuf>,
}

impl Settings {
    /// Resolve the secret and custom headers; refuse combinations that cannot work. Warns once
    /// when there is no secret (deliveries then carry no signature, as Zernio's do without one).
    pub fn from_args(args: &SendArgs, ctx: &Context) -> anyhow::Result<Settings> {
        let secret = args.secret.resolve()?;
        let mut custom = Vec::with_capacity(args.headers.len());
        for (name, value) in &args.headers {
            let lower = name.to_ascii_lowercase();
            if delivery::COMPUTED.contains(&lower.as_str()) {
                return Err(Failure::usage(format!(
                    "--header {name}: zernio-hooks computes this header itself"
                ))
                .with_hint("use --tamper to send a wrong signature, --legacy-headers for the X-Late-* names")
                .into());
            }
            let name = HeaderName::from_bytes(lower.as_bytes())
                .map_err(|_| Failure::usage(format!("--header: `{name}` is not a header name")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| Failure::usage(format!("--header {name}: the value is not valid")))?;
            custom.push((name, value));
        }
        if args.tamper && secret.is_none() {
            return Err(Failure::usage(
                "--tamper needs the webhook secret, so the signature it sends is sure to be wrong",
            )
            .with_hint("pass --secret, --secret-file or set ZERNIO_WEBHOOK_SECRET")
            .into());
        }
        match &secret {
            Some(secret) => ctx.debug(format!("signing with secret {}", secret.masked())),
            None => ctx.warn(
                "no secret given: deliveries are sent without X-Zernio-Signature (pass --secret, --secret-file or set ZERNIO_WEBHOOK_SECRET)",
            ),
        }
        Ok(Settings {
            plan: HeaderPlan {
                secret,
                tamper: args.tamper,
                legacy: args.legacy_headers,
                custom,
            },
            expectation: Expectation::new(args.expect, args.tamper),
            schedule: Schedule::new(args.retry, args.retry_scale),
            timeout: args.timeout,
            repeat: args.repeat,
            fresh: args.fresh,
            concurrency: args.concurrency as usize,
            rate: args.rate,
            dry_run: args.dry_run,
            report: args.report.clone(),
        })
    }

    /// Turn a payload into a delivery: a new id and timestamp first with `--fresh`, then headers
    /// and signature over the exact bytes.
    pub fn prepare(&self, mut payload: Payload) -> Result<Prepared, String> {
        if self.fresh {
            let label = payload.origin.label();
            let (body, id) = fresh::refresh(&payload.body, &mut Generator::fresh())
                .map_err(|err| format!("{label}: --fresh: {err}"))?;
            payload.body = body;
            payload.id = id;
        }
        delivery::prepare(&self.plan, payload)
    }
}

/// The URL as shown: a password in it is masked.
pub fn display_url(url: &reqwest::Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("****"));
    }
    shown.to_string()
}

/// Send (or with `--dry-run`, show) every delivery of the feed; the exit code says whether all
/// met the expectation.
pub async fn run(
    settings: Arc<Settings>,
    url: Option<reqwest::Url>,
    feed: Feed,
    ctx: &Context,
) -> anyhow::Result<u8> {
    if settings.dry_run {
        return dry_run::dry_run(ctx, &settings, url.as_ref(), feed).await;
    }
    let url = url.ok_or_else(|| Failure::usage("--to is required to send (or pass --dry-run)"))?;
    let report = match &settings.report {
        Some(path) => Some(report::Junit::create(path, &url, &settings)?),
        None => None,
    };
    let outcome = runner::run(settings.clone(), url, feed, ctx, report).await?;
    Ok(if outcome.interrupted {
        exit::INTERRUPTED
    } else if outcome.all_met() {
        exit::OK
    } else {
        exit::FAILURE
    })
}
