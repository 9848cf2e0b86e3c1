//! `zernio-hooks update <ID|NAME>`: change a webhook. Sends `_id` and only the fields that change,
//! then shows what changed, before and after.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{Value, json};

use crate::api::resolve::resolve;
use crate::api::{Webhook, WebhookChanges, validate};
use crate::cli::UpdateArgs;
use crate::commands::fields::{self, Checked};
use crate::context::Context;
use crate::exit::{self, Failure};
use crate::output::{self, Paint, sanitize};

pub async fn run(args: UpdateArgs, ctx: &Context) -> anyhow::Result<u8> {
    let checked = fields::check(&args.fields)?;
    let add = if args.add_events.is_empty() {
        Vec::new()
    } else {
        validate::events(&args.add_events)
            .map_err(|problem| Failure::usage(format!("invalid input: {problem}")))?
    };
    let remove: Vec<String> = args
        .remove_events
        .iter()
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty())
        .collect();
    if !asks_for_change(&args, &checked, &add, &remove) {
        return Err(Failure::usage("nothing to change: give at least one field to update")
            .with_hint("e.g. --url, --add-events comment.received, --disable, --generate-secret (see `zernio-hooks update --help`)")
            .into());
    }

    let client = ctx.api()?;
    let (current, _) = resolve(&client, &args.webhook).await?;
    for name in &remove {
        if !current.events.contains(name) {
            if validate::subscribable().contains(name) {
                ctx.warn(format!(
                    "`{name}` is not subscribed, so there is nothing to remove"
                ));
            } else {
                return Err(Failure::usage(format!(
                    "invalid input: {}",
                    validate::unknown_event(name)
                ))
                .into());
            }
        }
    }
    let secret = fields::secret(&checked.secret)?;
    let changes = changes(
        &current,
        &args,
        &checked,
        &add,
        &remove,
        secret.as_ref().map(|(s, _)| s.clone()),
    )?;
    let name = sanitize::line(&current.name).into_owned();
    if changes.is_empty() {
        if ctx.json() {
            let mut out = std::io::stdout().lock();
            output::json_line(
                &mut out,
                &json!({"type": "unchanged", "id": current.id, "name": current.name}),
            )?;
        } else {
            ctx.info(format!(
                "Nothing to change: `{name}` already has those settings."
            ));
        }
        return Ok(exit::OK);
    }
    let saved = client.update(&changes).await.map_err(Failure::from)?;
    let after = saved
        .webhook
        .clone()
        .unwrap_or_else(|| apply(&current, &changes));
    let diff = diff(&current, &after, changes.secret.is_some());
    let generated = secret.filter(|(_, generated)| *generated).map(|(s, _)| s);

    if args.fields.print_secret
        && let Some(secret) = &generated
    {
        ctx.info(format!("Updated webhook `{name}` {}", current.id));
        fields::show_generated(ctx, secret, true)?;
        return Ok(exit::OK);
    }
    let mut out = std::io::stdout().lock();
    if ctx.json() {
        let changed: serde_json::Map<String, Value> = diff
            .iter()
            .map(|change| {
                (
                    change.field.to_string(),
                    json!({"before": change.before, "after": change.after}),
                )
            })
            .collect();
        let mut line = json!({
            "type": "updated",
            "id": current.id,
            "name": after.name,
            "changes": changed,
            "webhook": saved.raw.get("webhook").cloned().unwrap_or(Value::Null),
        });
        if let Some(secret) = &generated {
            line["secret"] = json!(secret.expose());
        }
        output::json_line(&mut out, &line)?;
        return Ok(exit::OK);
    }
    let paint = ctx.out();
    writeln!(
        out,
        "{} Updated webhook `{name}` {}",
        paint.green("✓"),
        paint.dimmed(&current.id)
    )?;
    for change in &diff {
        writeln!(out, "{}", render(change, paint))?;
    }
    drop(out);
    if let Some(secret) = &generated {
        fields::show_generated(ctx, secret, false)?;
    }
    Ok(exit::OK)
}

fn asks_for_change(
    args: &UpdateArgs,
    checked: &Checked,
    add: &[String],
    remove: &[String],
) -> bool {
    checked.name.is_some()
        || checked.url.is_some()
        || checked.events.is_some()
        || !matches!(checked.secret, fields::SecretChoice::Keep)
        || !checked.headers.is_empty()
        || checked.disabled_groups.is_some()
        || !add.is_empty()
        || !remove.is_empty()
        || args.enable
        || args.disable
        || args.clear_headers
        || args.clear_disabled_groups
}

/// The fields that differ from the current webhook.
fn changes(
    current: &Webhook,
    args: &UpdateArgs,
    checked: &Checked,
    add: &[String],
    remove: &[String],
    secret: Option<crate::secret::Secret>,
) -> Result<WebhookChanges, Failure> {
    let mut changes = WebhookChanges {
        id: current.id.clone(),
        secret,
        ..WebhookChanges::default()
    };
    changes.name = checked.name.clone().filter(|n| *n != current.name);
    changes.url = checked.url.clone().filter(|u| *u != current.url);
    let events = match &checked.events {
        Some(events) => Some(events.clone()),
        None if !add.is_empty() || !remove.is_empty() => {
            let mut events: Vec<String> = current
                .events
                .iter()
                .filter(|e| !remove.contains(e))
                .cloned()
                .collect();
            for event in add {
                if !events.contains(event) {
                    events.push(event.clone());
                }
            }
            Some(events)
        }
        None => None,
    };
    if let Some(events) = events {
        if events.is_empty() {
            return Err(Failure::usage(
                "invalid input: that would leave the webhook with no events (at least one is required)",
            )
            .with_hint("to stop deliveries, use --disable"));
        }
        if !same_set(&events, &current.events) {
            changes.events = Some(events);
        }
    }
    if args.enable && !current.is_active {
        changes.is_active = Some(true);
    }
    if args.disable && current.is_active {
        changes.is_active = Some(false);
    }
    if args.clear_headers || !checked.headers.is_empty() {
        let mut headers: BTreeMap<String, String> = if args.clear_headers {
            BTreeMap::new()
        } else {
            current.custom_headers.clone()
        };
        for (name, value) in &checked.headers {
            headers.retain(|existing, _| !existing.eq_ignore_ascii_case(name));
            headers.insert(name.clone(), value.clone());
        }
        if headers != current.custom_headers {
            changes.custom_headers = Some(headers);
        }
    }
    let groups = if args.clear_disabled_groups {
        Some(Vec::new())
    } else {
        checked.disabled_groups.clone()
    };
    if let Some(groups) = groups
        && !same_set(&groups, &current.disabled_resource_groups)
    {
        changes.disabled_resource_groups = Some(groups);
    }
    Ok(changes)
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// The webhook as it will be, when the answer does not carry it.
fn apply(current: &Webhook, changes: &WebhookChanges) -> Webhook {
    let mut after = current.clone();
    if let Some(name) = &changes.name {
        after.name = name.clone();
    }
    if let Some(url) = &changes.url {
        after.url = url.clone();
    }
    if let Some(events) = &changes.events {
        after.events = events.clone();
    }
    if let Some(active) = changes.is_active {
        after.is_active = active;
    }
    if let Some(headers) = &changes.custom_headers {
        after.custom_headers = headers.clone();
    }
    if let Some(groups) = &changes.disabled_resource_groups {
        after.disabled_resource_groups = groups.clone();
    }
    after
}

/// One changed field.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub field: &'static str,
    pub before: Value,
    pub after: Value,
}

/// Every field that differs between before and after (the secret only as "changed").
pub fn diff(before: &Webhook, after: &Webhook, secret_changed: bool) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |field, b: Value, a: Value| {
        if b != a {
            changes.push(Change {
                field,
                before: b,
                after: a,
            });
        }
    };
    push("name", json!(before.name), json!(after.name));
    push("url", json!(before.url), json!(after.url));
    if !same_set(&before.events, &after.events) {
        push("events", json!(before.events), json!(after.events));
    }
    push("isActive", json!(before.is_active), json!(after.is_active));
    push(
        "customHeaders",
        json!(before.custom_headers),
        json!(after.custom_headers),
    );
    if !same_set(
        &before.disabled_resource_groups,
        &after.disabled_resource_groups,
    ) {
        push(
            "disabledResourceGroups",
            json!(before.disabled_resource_groups),
            json!(after.disabled_resource_groups),
        );
    }
    if secret_changed {
        changes.push(Change {
            field: "secret",
            before: json!("(hidden)"),
            after: json!("(changed)"),
        });
    }
    changes
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| sanitize::line(s).into_owned())
            .collect(),
        Value::Object(map) => map.keys().map(|k| sanitize::line(k).into_owned()).collect(),
        _ => Vec::new(),
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => sanitize::line(s).into_owned(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        other => other.to_string(),
    }
}

/// `  events   +comment.received  -post.failed  (now 3)`: header values are never shown.
pub fn render(change: &Change, paint: Paint) -> String {
    let label = paint.bold(&output::pad(
        match change.field {
            "isActive" => "active",
            "customHeaders" => "headers",
            "disabledResourceGroups" => "disabled groups",
            other => other,
        },
        8,
    ));
    match change.field {
        "events" | "disabledResourceGroups" | "customHeaders" => {
            let before = strings(&change.before);
            let after = strings(&change.after);
            let mut parts: Vec<String> = after
                .iter()
                .filter(|x| !before.contains(x))
                .map(|x| paint.green(&format!("+{x}")))
                .collect();
            parts.extend(
                before
                    .iter()
                    .filter(|x| !after.contains(x))
                    .map(|x| paint.red(&format!("-{x}"))),
            );
            if change.field == "customHeaders" {
                parts.extend(
                    after
                        .iter()
                        .filter(|x| {
                            before.contains(x)
                                && change.before[x.as_str()] != change.after[x.as_str()]
                        })
                        .map(|x| paint.yellow(&format!("~{x}"))),
                );
            }
            let total = if change.field == "events" {
                format!("  (now {})", after.len())
            } else if after.is_empty() {
                "  (now none)".to_string()
            } else {
                String::new()
            };
            format!("  {label}  {}{total}", parts.join("  "))
        }
        _ => format!(
            "  {label}  {} → {}",
            paint.red(&text(&change.before)),
            paint.green(&text(&change.after))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook() -> Webhook {
        serde_json::from_value(json!({
            "_id": "a".repeat(24), "name": "Prod", "url": "https://e.x/h",
            "events": ["post.published", "post.failed"], "isActive": true,
            "customHeaders": {"X-Env": "prod"}
        }))
        .unwrap()
    }

    #[test]
    fn diff_shows_each_changed_field() {
        let before = hook();
        let mut after = hook();
        after.events = vec!["post.published".into(), "comment.received".into()];
        after.is_active = false;
        after
            .custom_headers
            .insert("X-Env".into(), "staging".into());
        let changes = diff(&before, &after, true);
        let fields: Vec<&str> = changes.iter().map(|c| c.field).collect();
        assert_eq!(fields, ["events", "isActive", "customHeaders", "secret"]);
        let paint = Paint { on: false };
        assert_eq!(
            render(&changes[0], paint),
            "  events    +comment.received  -post.failed  (now 2)"
        );
        assert_eq!(render(&changes[1], paint), "  active    yes → no");
        assert_eq!(render(&changes[2], paint), "  headers   ~X-Env");
        assert!(!render(&changes[2], paint).contains("staging"));
    }
}
