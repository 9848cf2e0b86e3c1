//! `zernio-hooks replay`: send saved payloads to an endpoint exactly as Zernio would, signed, and
//! check the answers. Every input is read and checked before the first delivery leaves.

use std::sync::Arc;

use crate::cli::ReplayArgs;
use crate::context::Context;
use crate::exit::Failure;
use crate::send::input::{self, Inputs};
use crate::send::parse::Rules;
use crate::send::{self, Feed, Settings};

pub async fn run(args: ReplayArgs, ctx: &Context) -> anyhow::Result<u8> {
    let settings = Arc::new(Settings::from_args(&args.send, ctx)?);
    let rules = Rules {
        allow_unknown: args.allow_unknown,
    };
    let paths = args.paths;
    let plan = settings.plan.clone();
    // Reading stdin, walking folders and checking every payload block: keep them off the runtime.
    let checked = tokio::task::spawn_blocking(move || {
        let inputs = Inputs::open(&paths, rules)?;
        let inventory = inputs.check(&plan, input::reader_threads())?;
        Ok((inputs, inventory))
    })
    .await?;
    let (inputs, inventory) = checked.map_err(|bad: input::BadInputs| {
        Failure::usage(bad.message()).with_hint(
            "fix or remove these inputs (`--allow-unknown` accepts event types outside the catalogue)",
        )
    })?;
    ctx.debug(format!(
        "checked {} payloads; sending {} deliveries",
        inventory.payloads,
        inventory.payloads * u64::from(settings.repeat)
    ));
    let feed = Feed::from_inputs(inputs, inventory, settings.clone());
    send::run(settings, args.to, feed, ctx).await
}
