//! `zernio-hooks delete <ID|NAME>`: confirm on a terminal; without one, `--yes` is required.

use std::io::Write;

use serde_json::json;

use crate::api::resolve::resolve;
use crate::cli::DeleteArgs;
use crate::commands::prompt;
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output::{self, sanitize};

pub async fn run(args: DeleteArgs, ctx: &Context) -> anyhow::Result<u8> {
    let client = ctx.api()?;
    let (webhook, _) = resolve(&client, &args.webhook).await?;
    let name = sanitize::line(&webhook.name).into_owned();
    if !ctx.global.yes {
        if !ctx.interactive() {
            return Err(Failure::usage(format!(
                "refusing to delete `{name}` ({}) without confirmation: pass --yes",
                webhook.id
            ))
            .with_hint("there is no terminal to ask on (or --json is set)")
            .into());
        }
        let question = format!(
            "Delete webhook `{name}` ({}) → {}? Zernio stops delivering to it at once",
            webhook.id,
            sanitize::line(&webhook.url)
        );
        if !prompt::confirm(&question, false)? {
            ctx.info("Nothing deleted.");
            return Ok(exit::FAILURE);
        }
    }
    client.delete(&webhook.id).await.map_err(Failure::from)?;
    let mut out = std::io::stdout().lock();
    if ctx.json() {
        output::json_line(
            &mut out,
            &json!({"type": "deleted", "id": webhook.id, "name": webhook.name}),
        )?;
    } else {
        let paint = ctx.out();
        writeln!(
            out,
            "{} Deleted webhook `{name}` {}",
            paint.green("✓"),
            paint.dimmed(&webhook.id)
        )?;
    }
    Ok(exit::OK)
}
