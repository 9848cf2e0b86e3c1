//! `zernio-hooks sign`: the X-Zernio-Signature value for the exact bytes of a file or stdin.

use std::io::{Read, Write};
use std::path::Path;

use serde_json::json;

use crate::cli::{SecretArgs, SignArgs};
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output;
use crate::secret::Secret;
use crate::signature;

pub async fn run(args: SignArgs, ctx: &Context) -> anyhow::Result<u8> {
    let secret = require_secret(&args.secret)?;
    let body = read_body(args.file.as_deref())?;
    let value = signature::sign(secret.expose().as_bytes(), &body);
    let mut out = std::io::stdout().lock();
    if ctx.json() {
        output::json_line(
            &mut out,
            &json!({"type": "signature", "signature": value, "bytes": body.len()}),
        )?;
    } else {
        writeln!(out, "{value}")?;
    }
    Ok(exit::OK)
}

/// The secret, or a usage error naming every way to give one.
pub(crate) fn require_secret(args: &SecretArgs) -> anyhow::Result<Secret> {
    args.resolve()?.ok_or_else(|| {
        Failure::usage("a webhook secret is required")
            .with_hint("pass --secret, --secret-file or set ZERNIO_WEBHOOK_SECRET")
            .into()
    })
}

/// Read a body byte for byte from a file, or from stdin for `-` or no path.
pub(crate) fn read_body(path: Option<&Path>) -> anyhow::Result<Vec<u8>> {
    match path {
        Some(path) if path != Path::new("-") => std::fs::read(path)
            .map_err(|err| Failure::usage(format!("cannot read {}: {err}", path.display())).into()),
        _ => {
            let mut body = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut body)
                .map_err(|err| Failure::usage(format!("cannot read stdin: {err}")))?;
            Ok(body)
        }
    }
}
