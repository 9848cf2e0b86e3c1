//! `zernio-hooks trigger`: a realistic payload of any event type, printed as a fixture or sent
//! with `--to` through the same code path as `replay`.

use std::io::Write;
use std::sync::Arc;

use bytes::Bytes;
use clap::parser::ValueSource;

use crate::cli::TriggerArgs;
use crate::context::Context;
use crate::events;
use crate::exit::{self, Failure};
use crate::sample::{self, Generator};
use crate::send::delivery::Origin;
use crate::send::parse::{self, Rules};
use crate::send::{self, Feed, Settings};

/// Flags that only mean something when the payload is sent (or shown with --dry-run).
const SEND_ONLY: &[(&str, &str)] = &[
    ("expect", "--expect"),
    ("tamper", "--tamper"),
    ("repeat", "--repeat"),
    ("fresh", "--fresh"),
    ("retry", "--retry"),
    ("retry_scale", "--retry-scale"),
    ("concurrency", "--concurrency"),
    ("rate", "--rate"),
    ("report", "--report"),
    ("timeout", "--timeout"),
    ("headers", "--header"),
    ("legacy_headers", "--legacy-headers"),
    ("secret", "--secret"),
    ("secret_file", "--secret-file"),
];

pub async fn run(args: TriggerArgs, ctx: &Context) -> anyhow::Result<u8> {
    let Some(event) = events::find(&args.event) else {
        let failure = Failure::usage(format!("unknown event type `{}`", args.event));
        return Err(match events::suggest(&args.event) {
            Some(close) => failure.with_hint(format!(
                "did you mean `{close}`? (`zernio-hooks events` lists them all)"
            )),
            None => failure.with_hint("`zernio-hooks events` lists every event type"),
        }
        .into());
    };
    let mut payload = Generator::fresh().payload(event);
    for (path, value) in &args.set {
        sample::set_path(&mut payload, path, value)
            .map_err(|err| Failure::usage(format!("--set {path}: {err}")))?;
    }
    if !args.set.is_empty()
        && let Some(event) = payload["event"].as_str().and_then(events::find)
    {
        let violations = events::validate(event, &payload);
        if let Some(first) = violations.first() {
            ctx.warn(format!(
                "after --set the payload no longer matches the {} schema: {}: {}",
                event.name, first.path, first.message
            ));
        }
    }

    if args.to.is_none() && !args.send.dry_run {
        refuse_send_only_flags(ctx)?;
        let mut text = if args.compact || ctx.json() {
            serde_json::to_string(&payload)?
        } else {
            serde_json::to_string_pretty(&payload)?
        };
        text.push('\n');
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(exit::OK);
    }

    // Sent as Zernio sends it: compact JSON, signed over exactly these bytes.
    let settings = Arc::new(Settings::from_args(&args.send, ctx)?);
    let origin = Origin {
        file: Arc::from("trigger"),
        line: None,
    };
    let body = Bytes::from(serde_json::to_vec(&payload)?);
    let rules = Rules {
        allow_unknown: false,
    };
    let payload = parse::payload(origin, body, rules)
        .map_err(|err| Failure::usage(format!("after --set: {err}")))?;
    let prepared = settings.prepare(payload).map_err(Failure::usage)?;
    send::run(settings, args.to, Feed::single(prepared), ctx).await
}

/// Without --to or --dry-run nothing is sent: say so rather than ignore a flag a CI job relies on.
fn refuse_send_only_flags(ctx: &Context) -> anyhow::Result<()> {
    let Some(matches) = ctx.matches.subcommand_matches("trigger") else {
        return Ok(());
    };
    for (id, flag) in SEND_ONLY {
        if matches.value_source(id) == Some(ValueSource::CommandLine) {
            return Err(Failure::usage(format!(
                "{flag} only applies when the payload is sent: add --to URL (or --dry-run)"
            ))
            .into());
        }
    }
    Ok(())
}
