//! `zernio-hooks listen`: receive deliveries, verify, explain, print, capture and forward them.

use std::io::{BufWriter, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, mpsc, watch};

use crate::cli::ListenArgs;
use crate::context::Context;
use crate::events;
use crate::exit::{self, Failure};
use crate::output;
use crate::output::delivery::{Printed, Render, Stats, View};
use crate::secret::Secret;
use crate::server::exposure::{Exposure, RelayConnection};
use crate::server::forward::Forwarder;
use crate::server::registration::Registration;
use crate::server::{Pipeline, Settings, http};

/// Rendered deliveries waiting for the printer; beyond this, receiving waits for the terminal.
const PRINT_QUEUE: usize = 1024;

/// How long deliveries in flight may take to finish once we stop.
const GRACE: Duration = Duration::from_secs(10);

/// Why listening stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stop {
    Interrupted,
    ExitAfter,
    Timeout,
    OutputClosed,
    RelayGaveUp(String),
}

pub async fn run(args: ListenArgs, ctx: &Context) -> anyhow::Result<u8> {
    let interrupted = http::interrupted()?;
    let mut settings = settings(&args)?;
    // --register needs a public URL and the API: check both before anything starts.
    let api = match &args.register {
        Some(_)
            if args.relay.is_none()
                && args.tunnel.is_none()
                && args.tunnel_cmd.is_none()
                && args.public_url.is_none() =>
        {
            return Err(
                Failure::usage("--register needs a public URL for Zernio to deliver to")
                    .with_hint(
                        "add --relay URL, --tunnel PROVIDER, --tunnel-cmd CMD or --public-url URL",
                    )
                    .into(),
            );
        }
        Some(_) => Some(ctx.api()?),
        None => None,
    };
    tokio::task::spawn_blocking(events::warm_up);
    let listener = http::bind(&args.host, args.port).await?;
    let addr = listener.local_addr()?;
    announce_ready(ctx, addr)?;
    let exposure = Exposure::open(&args, ctx, addr.port()).await?;
    let registration = match (api, &args.register, &exposure.public_url) {
        (Some(client), Some(reference), Some(public_url)) => {
            let opened = Registration::open(client, reference, public_url, &args.events, ctx).await;
            let (registration, secret) = match opened {
                Ok(opened) => opened,
                Err(err) => {
                    exposure.close().await;
                    return Err(err);
                }
            };
            if let Some(secret) = secret {
                if settings.secret.is_some() {
                    ctx.warn("--secret is not used: the temporary webhook signs with the fresh secret it was given");
                }
                settings.secret = Some(secret);
            }
            Some(registration)
        }
        _ => None,
    };
    describe(ctx, &settings, &args);

    let (sink, printed) = mpsc::channel::<Printed>(PRINT_QUEUE);
    let output_closed = Arc::new(Notify::new());
    let printer = spawn_printer(printed, output_closed.clone());
    let render = Render {
        json: ctx.json(),
        view: View {
            print_json: args.print_json,
            headers: args.headers,
            verbose: ctx.verbose() > 0,
        },
        paint: ctx.out(),
    };
    let pipeline = Pipeline::new(settings, render, sink);
    let (stop_tx, stop_rx) = watch::channel(false);
    let server = tokio::spawn(http::serve(listener, pipeline.clone(), stop_rx, GRACE));
    let relay = exposure.connect_relay(&args, ctx, &pipeline);

    let stop = wait_for_stop(
        interrupted,
        &pipeline,
        args.timeout,
        &output_closed,
        relay.as_ref(),
    )
    .await;
    if let Some(relay) = relay {
        relay.task.abort();
    }
    let _ = stop_tx.send(true);
    let _ = server.await;
    drop(pipeline);
    let stats = printer.join().unwrap_or_default();
    if let Some(registration) = registration {
        registration.close(ctx).await;
    }
    exposure.close().await;
    finish(ctx, stop, &stats, args.exit_after)
}

/// Turn flags into pipeline settings, validating each.
fn settings(args: &ListenArgs) -> anyhow::Result<Settings> {
    for event in &args.events {
        if events::find(event).is_none() {
            let mut failure = Failure::usage(format!("--events: unknown event type `{event}`"));
            failure = match events::suggest(event) {
                Some(close) => failure.with_hint(format!(
                    "did you mean `{close}`? (`zernio-hooks events` lists them all)"
                )),
                None => failure.with_hint("`zernio-hooks events` lists every event type"),
            };
            return Err(failure.into());
        }
    }
    if let Some(dir) = &args.save {
        prepare_save_dir(dir)?;
    }
    let forward = match &args.forward_to {
        Some(url) => Some(Forwarder::new(url.clone(), args.forward_timeout)?),
        None => None,
    };
    let forward_secret = match &args.forward_secret {
        Some(value) if value.is_empty() => {
            return Err(Failure::usage("--forward-secret is empty").into());
        }
        Some(value) => Some(Secret::new(value.clone())),
        None => None,
    };
    Ok(Settings {
        secret: args.secret.resolve()?,
        forward_secret,
        status: args.status,
        accept_invalid: args.accept_invalid,
        max_body: args.max_body,
        events: args.events.clone(),
        save: args.save.clone(),
        forward,
        exit_after: args.exit_after,
    })
}

/// Create the capture folder and prove it is writable before the first delivery depends on it.
fn prepare_save_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|err| Failure::usage(format!("--save: cannot create {}: {err}", dir.display())))?;
    let probe = dir.join(".zernio-hooks-write-test");
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|err| {
            Failure::usage(format!(
                "--save: cannot write into {}: {err}",
                dir.display()
            ))
        })?;
    Ok(())
}

/// The ready line: stderr always, and first on stdout with --json.
fn announce_ready(ctx: &Context, addr: SocketAddr) -> anyhow::Result<()> {
    let url = format!("http://{addr}");
    if ctx.json() {
        let mut out = std::io::stdout().lock();
        output::json_line(&mut out, &serde_json::json!({"type": "ready", "url": url}))?;
        out.flush()?;
    }
    let paint = ctx.err();
    let mut err = std::io::stderr().lock();
    writeln!(err, "{} {}", paint.green("Listening on"), paint.bold(&url))?;
    Ok(())
}

/// What this listener does, for the person starting it (the secret warning shows even with -q).
fn describe(ctx: &Context, settings: &Settings, args: &ListenArgs) {
    match &settings.secret {
        Some(secret) => ctx.info(format!("  verifying X-Zernio-Signature with secret {}", secret.masked())),
        None => ctx.warn("no secret given: signatures are not checked and deliveries are marked `unchecked` (pass --secret or set ZERNIO_WEBHOOK_SECRET)"),
    }
    if let Some(url) = &args.forward_to {
        let how = if settings.forward_secret.is_some() || settings.secret.is_some() {
            "re-signed"
        } else {
            "signature headers passed through"
        };
        ctx.info(format!("  forwarding to {url} ({how})"));
    }
    if let Some(dir) = &args.save {
        ctx.info(format!("  saving captures to {}", dir.display()));
    }
    if !args.events.is_empty() {
        ctx.info(format!("  printing in full: {}", args.events.join(", ")));
    }
    if let Some(n) = args.exit_after {
        let within = args
            .timeout
            .map(|t| format!(" within {}", humantime::format_duration(t)))
            .unwrap_or_default();
        ctx.info(format!("  exiting after {n} accepted deliveries{within}"));
    }
    ctx.info("  press Ctrl-C to stop");
}

/// Write rendered deliveries on a thread of its own, flushing when the queue runs dry; returns
/// the run's counts. A closed stdout stops the writing (and listening), never the counting.
fn spawn_printer(
    mut printed: mpsc::Receiver<Printed>,
    output_closed: Arc<Notify>,
) -> std::thread::JoinHandle<Stats> {
    std::thread::spawn(move || {
        let mut stats = Stats::default();
        let mut out = BufWriter::with_capacity(64 * 1024, std::io::stdout());
        let mut broken = false;
        while let Some(first) = printed.blocking_recv() {
            let mut next = Some(first);
            while let Some(item) = next {
                stats.record(&item.outcome);
                if !broken && out.write_all(item.text.as_bytes()).is_err() {
                    broken = true;
                    output_closed.notify_one();
                }
                next = printed.try_recv().ok();
            }
            if !broken && out.flush().is_err() {
                broken = true;
                output_closed.notify_one();
            }
        }
        stats
    })
}

async fn wait_for_stop(
    interrupted: impl std::future::Future<Output = ()>,
    pipeline: &Pipeline,
    timeout: Option<Duration>,
    output_closed: &Notify,
    relay: Option<&RelayConnection>,
) -> Stop {
    let deadline = async {
        match timeout {
            Some(limit) => tokio::time::sleep(limit).await,
            None => std::future::pending().await,
        }
    };
    let relay_gave_up = async {
        match relay {
            Some(relay) => relay.gave_up().await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = interrupted => Stop::Interrupted,
        _ = pipeline.done.notified() => Stop::ExitAfter,
        _ = deadline => Stop::Timeout,
        _ = output_closed.notified() => Stop::OutputClosed,
        reason = relay_gave_up => Stop::RelayGaveUp(reason),
    }
}

fn finish(ctx: &Context, stop: Stop, stats: &Stats, exit_after: Option<u64>) -> anyhow::Result<u8> {
    let (reason, code) = match stop {
        Stop::Interrupted => ("interrupted".to_string(), exit::INTERRUPTED),
        Stop::ExitAfter => (
            format!("exit after {} deliveries", exit_after.unwrap_or(0)),
            exit::OK,
        ),
        Stop::Timeout => ("timeout".to_string(), exit::FAILURE),
        Stop::OutputClosed => return Ok(exit::OK),
        Stop::RelayGaveUp(_) => ("relay gave up".to_string(), exit::FAILURE),
    };
    let mut out = std::io::stdout().lock();
    let written = if ctx.json() {
        output::json_line(
            &mut out,
            &stats.to_json(reason.split(' ').next().unwrap_or("stopped")),
        )
    } else {
        out.write_all(stats.render(&reason, ctx.out()).as_bytes())
    };
    let _ = written.and_then(|()| out.flush());
    if let Stop::RelayGaveUp(reason) = &stop {
        return Err(Failure::new(
            exit::FAILURE,
            format!("the relay connection gave up: {reason}"),
        )
        .into());
    }
    if stop == Stop::Timeout {
        let wanted = exit_after.unwrap_or(0);
        ctx.warn(format!(
            "timed out: {} of {wanted} expected deliveries arrived",
            stats.matched.min(wanted)
        ));
    }
    Ok(code)
}
