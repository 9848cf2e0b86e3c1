//! zernio-hooks: receive, verify, replay and tunnel Zernio webhook deliveries.
//!
//! The binary is a thin wrapper around [`run`]; each subcommand lives in [`commands`].

pub mod api;
pub mod capture;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod events;
pub mod exit;
pub mod http_client;
pub mod output;
pub mod relay;
pub mod sample;
pub mod secret;
pub mod send;
pub mod server;
pub mod signature;
pub mod time;
pub mod tunnel;

use std::io::Write;
use std::process::ExitCode;

use clap::ArgMatches;

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::exit::Failure;

/// Run a parsed command line and report any error once, on stderr.
pub async fn run(cli: Cli, matches: ArgMatches) -> ExitCode {
    install_crypto_provider();
    let ctx = Context::new(cli.global, matches);
    let result = match cli.command {
        Command::Listen(args) => commands::listen::run(*args, &ctx).await,
        Command::Replay(args) => commands::replay::run(*args, &ctx).await,
        Command::Trigger(args) => commands::trigger::run(*args, &ctx).await,
        Command::Events(args) => commands::events::run(args, &ctx),
        Command::Sign(args) => commands::sign::run(args, &ctx).await,
        Command::Verify(args) => commands::verify::run(args, &ctx).await,
        Command::Completions(args) => commands::completions::run(args),
        Command::Relay(args) => commands::relay::run(*args, &ctx).await,
        Command::Prune(args) => commands::prune::run(args, &ctx).await,
        Command::List(args) => commands::list::run(args, &ctx).await,
        Command::Create(args) => commands::create::run(*args, &ctx).await,
        Command::Update(args) => commands::update::run(*args, &ctx).await,
        Command::Delete(args) => commands::delete::run(args, &ctx).await,
        Command::Test(args) => commands::test::run(args, &ctx).await,
        Command::Logs(args) => commands::logs::run(*args, &ctx).await,
        Command::Config(args) => commands::config::run(args, &ctx),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => report(&ctx, &err),
    }
}

/// The single reporting point: `zernio-hooks: error: ...`, a hint line, and the exit code.
fn report(ctx: &Context, err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::SUCCESS;
    }
    if let Some(clap_err) = err.downcast_ref::<clap::Error>() {
        let _ = clap_err.print();
        return ExitCode::from(exit::USAGE);
    }
    let failure = err
        .chain()
        .find_map(|cause| cause.downcast_ref::<Failure>());
    let paint = ctx.err();
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "zernio-hooks: {} {err:#}", paint.error("error:"));
    if let Some(hint) = failure.and_then(|f| f.hint.as_deref()) {
        let _ = writeln!(stderr, "  {} {hint}", paint.cyan("hint:"));
    }
    ExitCode::from(failure.map_or(exit::FAILURE, |f| f.code))
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// rustls needs one process-wide crypto provider; we ship ring (lean, no cmake).
fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
