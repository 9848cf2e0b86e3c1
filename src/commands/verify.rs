//! `zernio-hooks verify`: check a signature against a body; exit 3 and say why when it does not match.

use std::io::Write;

use serde_json::json;

use crate::cli::VerifyArgs;
use crate::commands::sign::{read_body, require_secret};
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output;
use crate::signature::{self, Check};

pub async fn run(args: VerifyArgs, ctx: &Context) -> anyhow::Result<u8> {
    let secret = require_secret(&args.secret)?;
    let body = read_body(args.file.as_deref())?;
    let body_id = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_string));
    let verdict = signature::verify(Check {
        secret: Some(secret.expose().as_bytes()),
        body: &body,
        signature: Some((&args.signature, false)),
        header_event_id: args.event_id.as_deref(),
        body_event_id: body_id.as_deref(),
    });
    let explanation = verdict.explain();
    if ctx.json() {
        let mut out = std::io::stdout().lock();
        output::json_line(
            &mut out,
            &json!({
                "type": "verify",
                "valid": verdict.is_ok(),
                "verdict": verdict.label(),
                "explanation": explanation,
            }),
        )?;
        return Ok(if verdict.is_ok() {
            exit::OK
        } else {
            exit::SIGNATURE
        });
    }
    if !verdict.is_ok() {
        return Err(Failure::new(exit::SIGNATURE, explanation).into());
    }
    if !ctx.quiet() {
        writeln!(
            std::io::stdout().lock(),
            "{}",
            ctx.out().green(&explanation)
        )?;
    }
    Ok(exit::OK)
}
