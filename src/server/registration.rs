//! `listen --register [ID|NAME]`: point a Zernio webhook at the public URL while listening, and
//! undo it on exit: a temporary webhook is deleted, an existing one restored.

use std::collections::BTreeMap;

use crate::api::resolve::resolve;
use crate::api::types::TEMPORARY_PREFIX;
use crate::api::{self, NewWebhook, Webhook, WebhookChanges};
use crate::context::Context;
use crate::exit::Failure;
use crate::output::sanitize;
use crate::secret::Secret;

/// The longest webhook name Zernio accepts.
const NAME_LIMIT: usize = 50;

/// A webhook pointed at this listener, and how to undo it.
#[derive(Debug)]
pub enum Registration {
    /// Created for this session; deleted on exit.
    Temporary {
        client: api::Client,
        id: String,
        name: String,
    },
    /// An existing webhook repointed for this session; its URL and active flag restored on exit.
    Existing {
        client: api::Client,
        before: Webhook,
    },
}

/// The temporary webhook's name: `zernio-hooks <hostname>`, within Zernio's 50 characters.
pub fn temporary_name(host: &str) -> String {
    let name = format!("{TEMPORARY_PREFIX}{host}");
    name.chars().take(NAME_LIMIT).collect()
}

/// This machine's name, for the temporary webhook (so `list` shows whose it is).
pub fn hostname() -> String {
    let from_kernel = std::fs::read_to_string("/proc/sys/kernel/hostname").ok();
    let from_env = || {
        std::env::var("HOSTNAME")
            .or_else(|_| std::env::var("COMPUTERNAME"))
            .ok()
    };
    from_kernel
        .or_else(from_env)
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

impl Registration {
    /// Register `public_url`. `reference` empty: create a temporary webhook subscribed to `events`
    /// (or every event) with a fresh secret, returned so listen verifies with it. Otherwise repoint
    /// that webhook (its secret is Zernio's to keep: listen verifies with `--secret`).
    pub async fn open(
        client: api::Client,
        reference: &str,
        public_url: &str,
        events: &[String],
        ctx: &Context,
    ) -> anyhow::Result<(Registration, Option<Secret>)> {
        if reference.is_empty() {
            let secret = api::validate::generate_secret().map_err(Failure::usage)?;
            let name = temporary_name(&hostname());
            let subscribable = api::validate::subscribable();
            let events: Vec<String> = if events.is_empty() {
                subscribable.to_vec()
            } else {
                let (kept, skipped): (Vec<String>, Vec<String>) = events
                    .iter()
                    .cloned()
                    .partition(|e| subscribable.contains(e));
                if !skipped.is_empty() {
                    ctx.info(format!(
                        "  not subscribing to {} (Zernio sends it only on request: `zernio-hooks test`)",
                        skipped.join(", ")
                    ));
                }
                if kept.is_empty() {
                    return Err(Failure::usage("none of the --events can be subscribed to, so there is nothing to register").into());
                }
                kept
            };
            let count = events.len();
            let webhook = NewWebhook {
                name: name.clone(),
                url: public_url.to_string(),
                events,
                secret: Some(secret.clone()),
                is_active: true,
                custom_headers: BTreeMap::new(),
                disabled_resource_groups: Vec::new(),
            };
            let saved = client.create(&webhook).await.map_err(Failure::from)?;
            let id = match saved.webhook {
                Some(created) => created.id,
                // Not echoed back: find it by name and URL.
                None => {
                    let list = client.list().await.map_err(Failure::from)?;
                    list.webhooks
                        .into_iter()
                        .find(|w| w.name == name && w.url == public_url)
                        .map(|w| w.id)
                        .ok_or_else(|| {
                            Failure::new(
                                crate::exit::API_CLIENT,
                                "Zernio did not return the webhook it created",
                            )
                        })?
                }
            };
            ctx.info(format!(
                "{} registered temporary webhook `{}` ({id}) for {count} event types → {public_url}",
                ctx.err().green("✓"),
                sanitize::line(&name)
            ));
            ctx.info(
                "  verifying with the fresh secret it was given; it is deleted when listen stops",
            );
            return Ok((Registration::Temporary { client, id, name }, Some(secret)));
        }
        let (before, _) = resolve(&client, reference).await?;
        let changes = WebhookChanges {
            id: before.id.clone(),
            url: Some(public_url.to_string()),
            is_active: (!before.is_active).then_some(true),
            ..WebhookChanges::default()
        };
        client.update(&changes).await.map_err(Failure::from)?;
        ctx.info(format!(
            "{} pointed webhook `{}` ({}) at {public_url}{}; it goes back to {} when listen stops",
            ctx.err().green("✓"),
            sanitize::line(&before.name),
            before.id,
            if before.is_active {
                ""
            } else {
                " and enabled it"
            },
            sanitize::line(&before.url)
        ));
        Ok((Registration::Existing { client, before }, None))
    }

    /// Undo the registration and say what was done (or what the user must do by hand).
    pub async fn close(self, ctx: &Context) {
        match self {
            Registration::Temporary { client, id, name } => match client.delete(&id).await {
                Ok(()) => ctx.info(format!(
                    "{} deleted temporary webhook `{}` ({id})",
                    ctx.err().green("✓"),
                    sanitize::line(&name)
                )),
                Err(err) => ctx.warn(format!(
                    "could not delete temporary webhook `{}` ({id}): {err}; remove it with `zernio-hooks prune`",
                    sanitize::line(&name)
                )),
            },
            Registration::Existing { client, before } => {
                let changes = WebhookChanges {
                    id: before.id.clone(),
                    url: Some(before.url.clone()),
                    is_active: (!before.is_active).then_some(false),
                    ..WebhookChanges::default()
                };
                match client.update(&changes).await {
                    Ok(_) => ctx.info(format!(
                        "{} restored webhook `{}` ({}) to {}{}",
                        ctx.err().green("✓"),
                        sanitize::line(&before.name),
                        before.id,
                        sanitize::line(&before.url),
                        if before.is_active { "" } else { " (disabled again)" }
                    )),
                    Err(err) => ctx.warn(format!(
                        "could not restore webhook `{}` ({}): {err}; set it back with `zernio-hooks update {} --url {}{}`",
                        sanitize::line(&before.name),
                        before.id,
                        before.id,
                        sanitize::line(&before.url),
                        if before.is_active { "" } else { " --disable" }
                    )),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_fit_zernios_limit() {
        assert_eq!(temporary_name("laptop"), "zernio-hooks laptop");
        let long = temporary_name(&"h".repeat(80));
        assert_eq!(long.chars().count(), 50);
        assert!(long.starts_with(TEMPORARY_PREFIX));
        assert!(!hostname().is_empty());
    }
}
