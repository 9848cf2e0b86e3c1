//! `zernio-hooks relay`: run the self-hostable relay, the public end of the tunnel.

use std::time::Duration;

use tokio::sync::watch;

use crate::cli::RelayArgs;
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output;
use crate::relay::channel::Limits;
use crate::relay::server::{self, Config, Relay};
use crate::secret::Secret;
use crate::server::http;

pub async fn run(args: RelayArgs, ctx: &Context) -> anyhow::Result<u8> {
    let token = match args.token.as_deref() {
        Some("") => return Err(Failure::usage("--token is empty").into()),
        Some(token) => Some(Secret::new(token)),
        None => None,
    };
    if args.hold >= Duration::from_secs(5) {
        ctx.warn("--hold is 5 s or more: Zernio gives up on a delivery after 5 s, so answers after that never reach it");
    }
    let interrupted = http::interrupted()?;
    let listener = http::bind(&args.bind.ip().to_string(), args.bind.port()).await?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");
    let public = args.public_url.as_ref().map_or_else(
        || url.clone(),
        |u| u.as_str().trim_end_matches('/').to_string(),
    );
    if ctx.json() {
        let mut out = std::io::stdout().lock();
        output::json_line(
            &mut out,
            &serde_json::json!({"type": "ready", "url": url, "public_url": public}),
        )?;
    }
    let paint = ctx.err();
    eprintln!("{} {}", paint.green("Relay listening on"), paint.bold(&url));
    if args.public_url.is_some() {
        ctx.info(format!("  public URL: {public}"));
    }
    match &token {
        Some(token) => ctx.info(format!("  subscribing and answering need the token {}", token.masked())),
        None => ctx.warn("no --token: anyone who knows a channel URL can read its deliveries (set --token or ZERNIO_RELAY_TOKEN)"),
    }
    if let Some((name, _)) = &args.ingress_header {
        ctx.info(format!("  deliveries must carry the {name} header"));
    }
    let buffering = if args.buffer > 0 {
        format!(
            "up to {} deliveries per channel are kept while no client is connected",
            args.buffer
        )
    } else {
        "deliveries get 503 while no client is connected (--buffer N keeps them)".to_string()
    };
    ctx.info(format!("  {buffering}"));
    ctx.info(format!(
        "  new channel: {public}/new   (then: zernio-hooks listen --relay {public}/<channel>)"
    ));

    let config = Config {
        public_url: args.public_url.clone(),
        token,
        max_body: args.max_body,
        limits: Limits {
            buffer: args.buffer,
            buffer_bytes: args.buffer_bytes,
            max_streams: args.max_streams.max(1),
        },
        hold: args.hold,
        ingress: args.ingress_header.clone(),
        ping: args.ping,
        verbose: ctx.verbose() > 0,
        json: ctx.json(),
        paint,
    };
    let relay = Relay::new(config);
    let (stop_tx, stop_rx) = watch::channel(false);
    let serving = tokio::spawn(server::serve(
        listener,
        relay,
        stop_rx,
        Duration::from_secs(5),
    ));
    interrupted.await;
    let _ = stop_tx.send(true);
    let _ = serving.await;
    ctx.info("relay stopped");
    Ok(exit::INTERRUPTED)
}
