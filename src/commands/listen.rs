//! `zernio-hooks listen`: receive deliveries, verify, explain, print, capture and forward them.

use std::io::{BufWriter, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc, watch};

use crate::cli::ListenArgs;
use crate::context::Context;
use crate::events;
use crate::exit::{self, Failure};
use crate::output;
use crate::output::delivery::{Printed, Render, Stats, View};
use crate::secret::Secret;
use crate::server::forward::Forwarder;
use crate::server::{Pipeline, Settings, http};

/// Rendered deliveries waiting for the printer; beyond this, receiving waits for the terminal.
const PRINT_QUEUE: usize = 1024;

/// How long deliveries in flight may take to finish once we stop.
const GRACE: Duration = Duration::from_secs(10);

/// Why listening stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Interrupted,
    ExitAfter,
    Timeout,
    OutputClosed,
}

pub async fn run(args: ListenArgs, ctx: &Context) -> anyhow::Result<u8> {
    if args.relay.is_some()
        || args.tunnel.is_some()
        || args.tunnel_cmd.is_some()
        || args.register.is_some()
    {
        return Err(Failure::usage(
            "--relay, --tunnel, --tunnel-cmd and --register are not available yet",
        )
        .into());
    }
    let settings = settings(&args)?;
    tokio::task::spawn_blocking(events::warm_up);
    let listener = bind(&args.host, args.port).await?;
    let addr = listener.local_addr()?;
    announce_ready(ctx, addr, &settings, &args)?;

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

    let stop = wait_for_stop(&pipeline, args.timeout, &output_closed).await;
    let _ = stop_tx.send(true);
    let _ = server.await;
    drop(pipeline);
    let stats = printer.join().unwrap_or_default();
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

async fn bind(host: &str, port: u16) -> anyhow::Result<TcpListener> {
    match TcpListener::bind((host, port)).await {
        Ok(listener) => Ok(listener),
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => Err(Failure::usage(format!(
            "port {port} on {host} is already in use"
        ))
        .with_hint(format!(
            "pick another with --port {}, or --port 0 for any free port",
            port.wrapping_add(1).max(1024)
        ))
        .into()),
        Err(err) => Err(
            Failure::usage(format!("cannot listen on {host}:{port}: {err}"))
                .with_hint(
                    "check --host (an address of this machine, such as 127.0.0.1 or 0.0.0.0)",
                )
                .into(),
        ),
    }
}

fn announce_ready(
    ctx: &Context,
    addr: SocketAddr,
    settings: &Settings,
    args: &ListenArgs,
) -> anyhow::Result<()> {
    let url = format!("http://{addr}");
    if ctx.json() {
        let mut out = std::io::stdout().lock();
        output::json_line(&mut out, &serde_json::json!({"type": "ready", "url": url}))?;
        out.flush()?;
    }
    let paint = ctx.err();
    let mut err = std::io::stderr().lock();
    writeln!(err, "{} {}", paint.green("Listening on"), paint.bold(&url))?;
    drop(err);
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
    Ok(())
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
    pipeline: &Pipeline,
    timeout: Option<Duration>,
    output_closed: &Notify,
) -> Stop {
    let deadline = async {
        match timeout {
            Some(limit) => tokio::time::sleep(limit).await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = interrupted() => Stop::Interrupted,
        _ = pipeline.done.notified() => Stop::ExitAfter,
        _ = deadline => Stop::Timeout,
        _ = output_closed.notified() => Stop::OutputClosed,
    }
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

fn finish(ctx: &Context, stop: Stop, stats: &Stats, exit_after: Option<u64>) -> anyhow::Result<u8> {
    let (reason, code) = match stop {
        Stop::Interrupted => ("interrupted".to_string(), exit::INTERRUPTED),
        Stop::ExitAfter => (
            format!("exit after {} deliveries", exit_after.unwrap_or(0)),
            exit::OK,
        ),
        Stop::Timeout => ("timeout".to_string(), exit::FAILURE),
        Stop::OutputClosed => return Ok(exit::OK),
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
    if stop == Stop::Timeout {
        let wanted = exit_after.unwrap_or(0);
        ctx.warn(format!(
            "timed out: {} of {wanted} expected deliveries arrived",
            stats.matched.min(wanted)
        ));
    }
    Ok(code)
}
