//! `zernio-hooks events`: the catalogue of event types from the embedded OpenAPI document.

use std::io::Write;

use serde_json::json;

use crate::cli::EventsArgs;
use crate::context::Context;
use crate::events::{self, EventType};
use crate::exit::{self, Failure};
use crate::output::{self, pad, sanitize};

pub fn run(args: EventsArgs, ctx: &Context) -> anyhow::Result<u8> {
    let known = events::groups();
    for group in &args.group {
        if !known.contains(&group.as_str()) {
            return Err(Failure::usage(format!("unknown resource group `{group}`"))
                .with_hint(format!("groups are: {}", known.join(", ")))
                .into());
        }
    }
    let selected: Vec<&EventType> = events::catalogue()
        .iter()
        .filter(|e| !args.core || e.core)
        .filter(|e| args.group.is_empty() || args.group.iter().any(|g| g == e.group))
        .collect();
    let mut out = std::io::stdout().lock();
    if ctx.json() {
        for event in &selected {
            output::json_line(
                &mut out,
                &json!({
                    "type": "event",
                    "name": event.name,
                    "group": event.group,
                    "core": event.core,
                    "summary": event.summary,
                    "description": event.description,
                    "schema": event.schema_name,
                }),
            )?;
        }
        return Ok(exit::OK);
    }
    let paint = ctx.out();
    let name_width = selected
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(10)
        .max(5);
    let limit = if ctx.streams.stdout_terminal {
        70
    } else {
        usize::MAX
    };
    writeln!(
        out,
        "  {}  {}  {}",
        paint.bold(&pad("EVENT", name_width)),
        paint.bold(&pad("GROUP", 10)),
        paint.bold("DESCRIPTION")
    )?;
    for event in &selected {
        let marker = if event.core {
            paint.yellow("★")
        } else {
            " ".to_string()
        };
        let name = pad(&event.name, name_width);
        let name = if event.core { paint.bold(&name) } else { name };
        writeln!(
            out,
            "{marker} {name}  {}  {}",
            paint.cyan(&pad(event.group, 10)),
            sanitize::excerpt(&event.description, limit)
        )?;
    }
    let core = selected.iter().filter(|e| e.core).count();
    writeln!(
        out,
        "\n{} events, {} core ({})",
        selected.len(),
        core,
        paint.yellow("★")
    )?;
    Ok(exit::OK)
}
