//! Making a local listener reachable from the internet: an external tunnel program
//! (`--tunnel`, `--tunnel-cmd`), a relay channel (`--relay`), or a URL the user already has
//! (`--public-url`).

use std::sync::Arc;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::cli::ListenArgs;
use crate::context::Context;
use crate::output;
use crate::relay::client::{self, Notes, Target};
use crate::secret::Secret;
use crate::server::Pipeline;
use crate::tunnel::{Spec, Tunnel};

/// How the listener is reached from outside, and what must be undone on exit.
#[derive(Debug, Default)]
pub struct Exposure {
    pub public_url: Option<String>,
    tunnel: Option<Tunnel>,
}

/// A running relay subscription.
#[derive(Debug)]
pub struct RelayConnection {
    pub task: JoinHandle<()>,
    gave_up: watch::Receiver<Option<String>>,
}

impl RelayConnection {
    /// Resolves with the reason once the client gives up on the relay.
    pub async fn gave_up(&self) -> String {
        let mut rx = self.gave_up.clone();
        loop {
            if let Some(reason) = rx.borrow().clone() {
                return reason;
            }
            if rx.changed().await.is_err() {
                return std::future::pending().await;
            }
        }
    }
}

impl Exposure {
    /// Start the tunnel program, if any, and work out the public URL; prints it.
    pub async fn open(args: &ListenArgs, ctx: &Context, port: u16) -> anyhow::Result<Exposure> {
        let spec = match (&args.tunnel, &args.tunnel_cmd) {
            (Some(provider), _) => Some(Spec::preset(*provider, port)),
            (None, Some(command)) => Some(Spec::custom(
                command,
                args.tunnel_url_pattern.as_deref(),
                port,
            )?),
            (None, None) => None,
        };
        let mut exposure = Exposure::default();
        if let Some(spec) = spec {
            ctx.info(format!("  starting tunnel: {}", spec.label));
            let tunnel = Tunnel::start(spec, args.tunnel_timeout, ctx.verbose() > 0).await?;
            exposure.public_url = Some(tunnel.url.clone());
            exposure.tunnel = Some(tunnel);
        }
        if let Some(url) = &args.relay {
            exposure.public_url = Some(url.to_string());
        }
        if let Some(url) = &args.public_url {
            exposure.public_url = Some(url.to_string());
        }
        if let Some(url) = &exposure.public_url {
            let via = if args.relay.is_some() {
                "relay"
            } else if exposure.tunnel.is_some() {
                "tunnel"
            } else {
                "public-url"
            };
            if ctx.json() {
                let mut out = std::io::stdout().lock();
                output::json_line(
                    &mut out,
                    &serde_json::json!({"type": "public", "url": url, "via": via}),
                )?;
            }
            let paint = ctx.err();
            eprintln!(
                "{} {} (via {via})",
                paint.green("Public URL:"),
                paint.bold(url)
            );
        }
        Ok(exposure)
    }

    /// Subscribe to the relay channel with `--relay`, feeding the pipeline.
    pub fn connect_relay(
        &self,
        args: &ListenArgs,
        ctx: &Context,
        pipeline: &Arc<Pipeline>,
    ) -> Option<RelayConnection> {
        let url = args.relay.clone()?;
        let token = args
            .relay_token
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(Secret::new);
        let notes = Notes {
            paint: ctx.err(),
            quiet: ctx.quiet(),
        };
        let (tx, rx) = watch::channel(None);
        let pipeline = pipeline.clone();
        let task = tokio::spawn(async move {
            let reason = client::run(Target { url, token }, pipeline, notes).await;
            let _ = tx.send(Some(reason));
        });
        Some(RelayConnection { task, gave_up: rx })
    }

    /// Stop the tunnel program.
    pub async fn close(self) {
        if let Some(tunnel) = self.tunnel {
            tunnel.stop().await;
        }
    }
}
