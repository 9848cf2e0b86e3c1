//! `zernio-hooks create`: a new webhook. Input is checked against the spec before any call; on a
//! terminal missing values are asked for, without one the error names the missing flags.

use std::io::Write;

use serde_json::json;

use crate::api::{NewWebhook, validate};
use crate::cli::CreateArgs;
use crate::commands::fields::{self, SecretChoice};
use crate::commands::prompt;
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output::{self, sanitize};

pub async fn run(args: CreateArgs, ctx: &Context) -> anyhow::Result<u8> {
    let mut checked = fields::check(&args.fields)?;
    let interactive = ctx.interactive();
    if !interactive {
        let missing: Vec<&str> = [
            (checked.name.is_none(), "--name"),
            (checked.url.is_none(), "--url"),
            (checked.events.is_none(), "--events (or --all-events)"),
        ]
        .into_iter()
        .filter_map(|(absent, flag)| absent.then_some(flag))
        .collect();
        if !missing.is_empty() {
            return Err(Failure::usage(format!(
                "missing {} (there is no terminal to ask on)",
                missing.join(", ")
            ))
            .with_hint("e.g. zernio-hooks create --name Prod --url https://example.com/webhooks/zernio --events post.published,post.failed --generate-secret")
            .into());
        }
    }
    // Settings and key first: no point asking questions that cannot be sent.
    let client = ctx.api()?;
    if checked.name.is_none() {
        checked.name = Some(prompt::text("Name (1-50 characters)", validate::name)?);
    }
    if checked.url.is_none() {
        checked.url = Some(prompt::text("Endpoint URL", validate::url)?);
    }
    if checked.events.is_none() {
        checked.events = Some(prompt::events()?);
    }
    if matches!(checked.secret, SecretChoice::Keep)
        && interactive
        && prompt::confirm(
            "Generate a signing secret? (Zernio signs each delivery with it)",
            true,
        )?
    {
        checked.secret = SecretChoice::Generate;
    }
    let secret = fields::secret(&checked.secret)?;
    if secret.is_none() {
        ctx.warn(
            "no secret: Zernio will send deliveries unsigned (add one with --generate-secret)",
        );
    }

    let request = NewWebhook {
        name: checked.name.unwrap_or_default(),
        url: checked.url.unwrap_or_default(),
        events: checked.events.unwrap_or_default(),
        secret: secret.as_ref().map(|(s, _)| s.clone()),
        is_active: !args.inactive,
        custom_headers: checked.headers,
        disabled_resource_groups: checked.disabled_groups.unwrap_or_default(),
    };
    let saved = client.create(&request).await.map_err(Failure::from)?;
    let generated = secret.filter(|(_, generated)| *generated).map(|(s, _)| s);

    if args.fields.print_secret
        && let Some(secret) = &generated
    {
        let id = saved.webhook.as_ref().map_or("", |w| w.id.as_str());
        ctx.info(format!(
            "Created webhook `{}` {id}",
            sanitize::line(&request.name)
        ));
        fields::show_generated(ctx, secret, true)?;
        return Ok(exit::OK);
    }
    let mut out = std::io::stdout().lock();
    if ctx.json() {
        let mut line = json!({ "type": "created", "webhook": saved.raw.get("webhook").cloned().unwrap_or(serde_json::Value::Null) });
        if let Some(secret) = &generated {
            line["secret"] = json!(secret.expose());
        }
        output::json_line(&mut out, &line)?;
        return Ok(exit::OK);
    }
    let paint = ctx.out();
    let id = saved
        .webhook
        .as_ref()
        .map_or_else(|| "(no ID in the answer)".to_string(), |w| w.id.clone());
    writeln!(
        out,
        "{} Created webhook `{}` {}",
        paint.green("✓"),
        sanitize::line(&request.name),
        paint.dimmed(&id)
    )?;
    let shown = saved.webhook.clone();
    let events = shown.as_ref().map_or(&request.events, |w| &w.events);
    let rows = [
        ("url", sanitize::line(&request.url).into_owned()),
        ("events", format!("{}: {}", events.len(), events.join(", "))),
        (
            "active",
            if request.is_active {
                "yes"
            } else {
                "no (--inactive)"
            }
            .to_string(),
        ),
    ];
    for (label, value) in rows {
        writeln!(out, "  {}  {value}", paint.bold(&output::pad(label, 6)))?;
    }
    if !request.custom_headers.is_empty() {
        let names: Vec<&str> = request.custom_headers.keys().map(String::as_str).collect();
        writeln!(out, "  {}  {}", paint.bold("headers"), names.join(", "))?;
    }
    if !request.disabled_resource_groups.is_empty() {
        writeln!(
            out,
            "  {}  {}",
            paint.bold("disabled groups"),
            request.disabled_resource_groups.join(", ")
        )?;
    }
    drop(out);
    match (&generated, &request.secret) {
        (Some(secret), _) => fields::show_generated(ctx, secret, false)?,
        (None, Some(secret)) => {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "  {}  {} (as given)",
                paint.bold("secret"),
                secret.masked()
            )?;
        }
        (None, None) => {}
    }
    if let Some(webhook) = &saved.webhook {
        ctx.info(format!(
            "Send it a test delivery: zernio-hooks test {}",
            webhook.id
        ));
    }
    Ok(exit::OK)
}
