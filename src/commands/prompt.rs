//! dialoguer prompts on stderr, used only when `Context::interactive` says so. Every prompt has a
//! flag, and the callers name that flag when there is no terminal to ask on.

use anyhow::Context as _;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input, MultiSelect, Select};

use crate::api::{Webhook, validate};
use crate::events;
use crate::output::sanitize;

fn theme() -> ColorfulTheme {
    ColorfulTheme::default()
}

/// A line of text, checked as it is typed.
pub fn text(prompt: &str, check: fn(&str) -> Result<String, String>) -> anyhow::Result<String> {
    let answer: String = Input::with_theme(&theme())
        .with_prompt(prompt)
        .validate_with(|value: &String| check(value).map(|_| ()))
        .interact_text()
        .context("the prompt failed")?;
    check(&answer).map_err(anyhow::Error::msg)
}

pub fn confirm(prompt: &str, default: bool) -> anyhow::Result<bool> {
    Confirm::with_theme(&theme())
        .with_prompt(prompt)
        .default(default)
        .interact()
        .context("the prompt failed")
}

enum Row {
    Group(&'static str),
    Event(&'static str),
}

/// A multi-select of the subscribable events, grouped by resource group; ticking a group's line
/// takes every event of the group.
pub fn events() -> anyhow::Result<Vec<String>> {
    let subscribable = validate::subscribable();
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    for group in events::groups() {
        let members: Vec<&'static str> = subscribable
            .iter()
            .filter(|e| events::group_of(e) == group)
            .map(String::as_str)
            .collect();
        if members.is_empty() {
            continue;
        }
        rows.push(Row::Group(group));
        labels.push(format!("── {group}: all {} events", members.len()));
        for event in members {
            let summary = events::find(event)
                .map(|e| sanitize::excerpt(&e.description, 60).into_owned())
                .unwrap_or_default();
            rows.push(Row::Event(event));
            labels.push(format!("   {event:<40} {summary}"));
        }
    }
    loop {
        let picked = MultiSelect::with_theme(&theme())
            .with_prompt("Events to subscribe to (space ticks, enter confirms)")
            .items(&labels)
            .max_length(20)
            .interact()
            .context("the prompt failed")?;
        let mut chosen: Vec<String> = Vec::new();
        for index in picked {
            let names: Vec<&str> = match rows[index] {
                Row::Group(group) => subscribable
                    .iter()
                    .filter(|e| events::group_of(e) == group)
                    .map(String::as_str)
                    .collect(),
                Row::Event(event) => vec![event],
            };
            for name in names {
                if !chosen.iter().any(|c| c == name) {
                    chosen.push(name.to_string());
                }
            }
        }
        if !chosen.is_empty() {
            return Ok(chosen);
        }
        eprintln!("Tick at least one event (space), then press enter.");
    }
}

/// Pick a webhook from a list.
pub fn webhook(prompt: &str, webhooks: &[Webhook]) -> anyhow::Result<Webhook> {
    let labels: Vec<String> = webhooks
        .iter()
        .map(|w| {
            format!(
                "{}  {}  {}{}",
                sanitize::line(&w.name),
                w.id,
                sanitize::excerpt(&sanitize::line(&w.url), 50),
                if w.is_active { "" } else { "  (inactive)" }
            )
        })
        .collect();
    let index = Select::with_theme(&theme())
        .with_prompt(prompt)
        .items(&labels)
        .default(0)
        .interact()
        .context("the prompt failed")?;
    Ok(webhooks[index].clone())
}
