//! The webhook fields `create` and `update` share: checked against the spec before any call, and
//! the one-time display of a generated secret.

use std::collections::BTreeMap;
use std::io::Write;

use crate::api::validate;
use crate::cli::WebhookFields;
use crate::context::Context;
use crate::exit::Failure;
use crate::secret::Secret;

/// Where the secret comes from.
#[derive(Debug, Clone)]
pub enum SecretChoice {
    Keep,
    Given(Secret),
    Generate,
}

/// The flags, checked.
#[derive(Debug, Clone)]
pub struct Checked {
    pub name: Option<String>,
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub secret: SecretChoice,
    pub headers: BTreeMap<String, String>,
    pub disabled_groups: Option<Vec<String>>,
}

/// Check every given field, reporting all problems at once (exit 2).
pub fn check(fields: &WebhookFields) -> Result<Checked, Failure> {
    let mut problems = Vec::new();
    let mut keep = |result: Result<String, String>| match result {
        Ok(value) => Some(value),
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let name = fields.name.as_deref().and_then(|n| keep(validate::name(n)));
    let url = fields.url.as_deref().and_then(|u| keep(validate::url(u)));
    let events = if fields.all_events {
        Some(validate::subscribable().to_vec())
    } else if fields.events.is_empty() {
        None
    } else {
        match validate::events(&fields.events) {
            Ok(events) => Some(events),
            Err(problem) => {
                problems.push(problem);
                None
            }
        }
    };
    let secret = match (&fields.secret, fields.generate_secret) {
        (Some(given), _) => match validate::secret(given) {
            Ok(secret) => SecretChoice::Given(secret),
            Err(problem) => {
                problems.push(problem);
                SecretChoice::Keep
            }
        },
        (None, true) => SecretChoice::Generate,
        (None, false) => SecretChoice::Keep,
    };
    let headers = validate::headers(&fields.headers).unwrap_or_else(|problem| {
        problems.push(problem);
        BTreeMap::new()
    });
    let disabled_groups = if fields.disable_group.is_empty() {
        None
    } else {
        match validate::groups(&fields.disable_group) {
            Ok(groups) => Some(groups),
            Err(problem) => {
                problems.push(problem);
                None
            }
        }
    };
    if !problems.is_empty() {
        return Err(Failure::usage(format!(
            "invalid input: {}",
            problems.join("; ")
        )));
    }
    Ok(Checked {
        name,
        url,
        events,
        secret,
        headers,
        disabled_groups,
    })
}

/// Make the secret the choice asks for.
pub fn secret(choice: &SecretChoice) -> anyhow::Result<Option<(Secret, bool)>> {
    match choice {
        SecretChoice::Keep => Ok(None),
        SecretChoice::Given(secret) => Ok(Some((secret.clone(), false))),
        SecretChoice::Generate => {
            let secret = validate::generate_secret().map_err(anyhow::Error::msg)?;
            Ok(Some((secret, true)))
        }
    }
}

/// Show a just-generated secret once, clearly, with a hint to store it (the only time a secret
/// is printed in full). With `--print-secret` stdout gets the secret alone.
pub fn show_generated(ctx: &Context, secret: &Secret, print_secret: bool) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if print_secret {
        writeln!(out, "{}", secret.expose())?;
        return out.flush();
    }
    let paint = ctx.out();
    writeln!(out)?;
    writeln!(
        out,
        "  {}  {}",
        paint.bold("secret"),
        paint.yellow(secret.expose())
    )?;
    writeln!(
        out,
        "          shown only this once: store it now, e.g. as ZERNIO_WEBHOOK_SECRET for `zernio-hooks listen`"
    )?;
    out.flush()
}
