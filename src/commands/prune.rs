//! `zernio-hooks prune`: remove the temporary webhooks `listen --register` left behind (after a
//! kill -9, a crash, a lost network). Confirms on a terminal; `--yes` is required otherwise.

use std::io::Write;

use serde_json::json;

use crate::api::Webhook;
use crate::cli::PruneArgs;
use crate::commands::prompt;
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output::{self, sanitize};

pub async fn run(args: PruneArgs, ctx: &Context) -> anyhow::Result<u8> {
    let client = ctx.api()?;
    let list = client.list().await.map_err(Failure::from)?;
    let leftovers: Vec<&Webhook> = list.webhooks.iter().filter(|w| w.is_temporary()).collect();
    let paint = ctx.out();
    let mut out = std::io::stdout().lock();
    if leftovers.is_empty() {
        if !ctx.json() {
            writeln!(out, "No temporary webhooks to remove.")?;
        }
        return Ok(exit::OK);
    }
    let describe = |w: &Webhook| {
        format!(
            "`{}` {} → {}",
            sanitize::line(&w.name),
            w.id,
            sanitize::line(&w.url)
        )
    };
    if args.dry_run {
        for webhook in &leftovers {
            if ctx.json() {
                output::json_line(
                    &mut out,
                    &json!({"type": "would-prune", "id": webhook.id, "name": webhook.name, "url": webhook.url}),
                )?;
            } else {
                writeln!(out, "would remove {}", describe(webhook))?;
            }
        }
        return Ok(exit::OK);
    }
    if !ctx.global.yes {
        if !ctx.interactive() {
            return Err(Failure::usage(format!(
                "refusing to remove {} temporary webhooks without confirmation: pass --yes",
                leftovers.len()
            ))
            .with_hint("`zernio-hooks prune --dry-run` lists them")
            .into());
        }
        let names: Vec<String> = leftovers
            .iter()
            .map(|w| format!("  {}", describe(w)))
            .collect();
        let question = format!(
            "Remove {} temporary webhooks?\n{}\n",
            leftovers.len(),
            names.join("\n")
        );
        if !prompt::confirm(&question, false)? {
            ctx.info("Nothing removed.");
            return Ok(exit::FAILURE);
        }
    }
    for webhook in leftovers {
        client.delete(&webhook.id).await.map_err(Failure::from)?;
        if ctx.json() {
            output::json_line(
                &mut out,
                &json!({"type": "pruned", "id": webhook.id, "name": webhook.name, "url": webhook.url}),
            )?;
        } else {
            writeln!(out, "{} removed {}", paint.green("✓"), describe(webhook))?;
        }
    }
    Ok(exit::OK)
}
