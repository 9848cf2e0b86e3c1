//! Webhooks are named by ID or by name: resolve a reference against the list, or explain why not.

use crate::api::{Client, Webhook};
use crate::exit::{self, Failure};
use crate::output::sanitize;

/// How many candidates an error lists.
const SHOWN: usize = 10;

/// Whether a reference looks like a Zernio webhook ID (24 hex characters).
pub fn looks_like_id(reference: &str) -> bool {
    reference.len() == 24 && reference.chars().all(|c| c.is_ascii_hexdigit())
}

/// Find the one webhook `reference` means: an exact ID, else an exact name.
pub fn pick<'a>(webhooks: &'a [Webhook], reference: &str) -> Result<&'a Webhook, Failure> {
    if let Some(found) = webhooks.iter().find(|w| w.id == reference) {
        return Ok(found);
    }
    let named: Vec<&Webhook> = webhooks.iter().filter(|w| w.name == reference).collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => Err(unknown(webhooks, reference)),
        many => Err(Failure::usage(format!(
            "{} webhooks are named `{}`; name one by its ID",
            many.len(),
            sanitize::line(reference)
        ))
        .with_hint(format!("candidates: {}", describe(many.iter().copied())))),
    }
}

fn unknown(webhooks: &[Webhook], reference: &str) -> Failure {
    let shown = sanitize::line(reference);
    let failure = Failure::new(
        exit::API_CLIENT,
        format!("no webhook has the ID or name `{shown}`"),
    );
    if webhooks.is_empty() {
        return failure.with_hint("there are no webhooks yet; `zernio-hooks create` makes one");
    }
    let mut ranked: Vec<(f64, &Webhook)> = webhooks
        .iter()
        .map(|w| {
            let score = strsim::jaro_winkler(&reference.to_lowercase(), &w.name.to_lowercase())
                .max(strsim::jaro_winkler(reference, &w.id));
            (score, w)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let close = ranked
        .first()
        .filter(|(score, _)| *score > 0.8)
        .map(|(_, w)| *w);
    let list = describe(ranked.iter().map(|(_, w)| *w));
    let hint = match close {
        Some(w) => format!(
            "did you mean `{}` ({})? candidates: {list}",
            sanitize::line(&w.name),
            w.id
        ),
        None => format!("candidates: {list}"),
    };
    failure.with_hint(hint)
}

fn describe<'a>(webhooks: impl Iterator<Item = &'a Webhook>) -> String {
    let all: Vec<&Webhook> = webhooks.collect();
    let mut text: Vec<String> = all
        .iter()
        .take(SHOWN)
        .map(|w| format!("`{}` ({})", sanitize::line(&w.name), w.id))
        .collect();
    if all.len() > SHOWN {
        text.push(format!(
            "and {} more (`zernio-hooks list`)",
            all.len() - SHOWN
        ));
    }
    text.join(", ")
}

/// Resolve a reference through `list`, returning the webhook and every webhook seen.
pub async fn resolve(client: &Client, reference: &str) -> anyhow::Result<(Webhook, Vec<Webhook>)> {
    let list = client.list().await.map_err(Failure::from)?;
    let found = pick(&list.webhooks, reference)?.clone();
    Ok((found, list.webhooks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook(id: &str, name: &str) -> Webhook {
        serde_json::from_value(serde_json::json!({"_id": id, "name": name, "url": "https://e.x/h"}))
            .unwrap()
    }

    #[test]
    fn by_id_then_by_exact_name() {
        let hooks = vec![
            hook("aaaaaaaaaaaaaaaaaaaaaaaa", "Prod"),
            hook("bbbbbbbbbbbbbbbbbbbbbbbb", "Staging"),
            hook("cccccccccccccccccccccccc", "Staging"),
        ];
        assert_eq!(pick(&hooks, "Prod").unwrap().id, "aaaaaaaaaaaaaaaaaaaaaaaa");
        assert_eq!(
            pick(&hooks, "cccccccccccccccccccccccc").unwrap().name,
            "Staging"
        );
        let ambiguous = pick(&hooks, "Staging").unwrap_err();
        assert_eq!(ambiguous.code, exit::USAGE);
        let hint = ambiguous.hint.unwrap();
        assert!(
            hint.contains("bbbbbbbbbbbbbbbbbbbbbbbb") && hint.contains("cccccccccccccccccccccccc")
        );
        let unknown = pick(&hooks, "prod").unwrap_err();
        assert_eq!(unknown.code, exit::API_CLIENT);
        assert!(unknown.hint.unwrap().starts_with("did you mean `Prod`"));
        assert!(looks_like_id("0123456789abcdefABCDEF01"));
        assert!(!looks_like_id("Prod"));
    }
}
