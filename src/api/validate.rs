//! Client-side checks of create and update input, mirroring the spec's request schema, so a bad
//! value is refused (exit 2) before any call. Limits and enums are read from the embedded spec.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::events;
use crate::secret::Secret;

/// The create request's schema in the embedded spec.
fn create_schema() -> &'static Value {
    &events::spec()["paths"]["/v1/webhooks/settings"]["post"]["requestBody"]["content"]["application/json"]
        ["schema"]
}

/// The event types a webhook can subscribe to (the request enum: every event but `webhook.test`).
pub fn subscribable() -> &'static [String] {
    static EVENTS: OnceLock<Vec<String>> = OnceLock::new();
    EVENTS.get_or_init(|| {
        create_schema()["properties"]["events"]["items"]["enum"]
            .as_array()
            .map(|values| {
                values
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The name's length bounds (1-50).
pub fn name_bounds() -> (usize, usize) {
    let name = &create_schema()["properties"]["name"];
    let bound = |key: &str, fallback| {
        name[key]
            .as_u64()
            .map_or(fallback, |n| usize::try_from(n).unwrap_or(fallback))
    };
    (bound("minLength", 1), bound("maxLength", 50))
}

pub fn name(value: &str) -> Result<String, String> {
    let (min, max) = name_bounds();
    let length = value.chars().count();
    if value.trim().is_empty() {
        Err("the name is empty".into())
    } else if length < min || length > max {
        Err(format!(
            "the name is {length} characters long; it must be {min}-{max}"
        ))
    } else {
        Ok(value.to_string())
    }
}

/// A valid http(s) URL, whitespace trimmed (as Zernio does before validating).
pub fn url(value: &str) -> Result<String, String> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err("the URL is empty".into());
    }
    crate::cli::parse_http_url(trimmed)?;
    Ok(trimmed.to_string())
}

/// Known, subscribable event names, without duplicates, in the order given.
pub fn events(names: &[String]) -> Result<Vec<String>, String> {
    let mut chosen: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if subscribable().iter().any(|known| known == name) {
            if !chosen.iter().any(|c| c == name) {
                chosen.push(name.to_string());
            }
        } else {
            problems.push(unknown_event(name));
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    if chosen.is_empty() {
        return Err("at least one event is required".into());
    }
    Ok(chosen)
}

/// Why an event name cannot be subscribed to, with a "did you mean" where one is close.
pub fn unknown_event(name: &str) -> String {
    if events::find(name).is_some() {
        return format!(
            "`{name}` cannot be subscribed to (Zernio sends it only for `zernio-hooks test`)"
        );
    }
    let shown = crate::output::sanitize::line(name);
    match suggest_event(name) {
        Some(close) => format!("unknown event `{shown}` (did you mean `{close}`?)"),
        None => format!("unknown event `{shown}` (`zernio-hooks events` lists them)"),
    }
}

fn suggest_event(name: &str) -> Option<&'static str> {
    subscribable()
        .iter()
        .map(|known| (strsim::jaro_winkler(name, known), known.as_str()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, known)| known)
}

/// Known resource groups, without duplicates.
pub fn groups(names: &[String]) -> Result<Vec<String>, String> {
    let known = events::groups();
    let mut chosen: Vec<String> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !known.contains(&name) {
            return Err(format!(
                "unknown resource group `{}` (groups: {})",
                crate::output::sanitize::line(name),
                known.join(", ")
            ));
        }
        if !chosen.iter().any(|c| c == name) {
            chosen.push(name.to_string());
        }
    }
    Ok(chosen)
}

/// `--header NAME:VALUE` pairs as customHeaders; a name given twice is an error.
pub fn headers(pairs: &[(String, String)]) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for (name, value) in pairs {
        if map.keys().any(|k: &String| k.eq_ignore_ascii_case(name)) {
            return Err(format!("the header `{name}` is given twice"));
        }
        map.insert(name.clone(), value.clone());
    }
    Ok(map)
}

pub fn secret(value: &str) -> Result<Secret, String> {
    if value.is_empty() {
        Err("the secret is empty".into())
    } else {
        Ok(Secret::new(value))
    }
}

/// A new webhook secret: 32 random bytes from the OS, as 64 hex characters.
pub fn generate_secret() -> Result<Secret, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| format!("cannot get random bytes: {err}"))?;
    Ok(Secret::new(hex::encode(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_limits_from_the_spec() {
        assert_eq!(name_bounds(), (1, 50));
        assert_eq!(subscribable().len(), 48);
        assert!(!subscribable().iter().any(|e| e == "webhook.test"));
    }

    #[test]
    fn names_urls_events() {
        assert!(name("x").is_ok());
        assert!(name(&"n".repeat(50)).is_ok());
        assert!(name(&"n".repeat(51)).unwrap_err().contains("51 characters"));
        assert!(name("   ").is_err());
        assert_eq!(
            url("  https://example.com/hook \n").unwrap(),
            "https://example.com/hook"
        );
        assert!(url("example.com/hook").is_err());
        assert!(url("ftp://example.com").is_err());
        assert_eq!(
            events(&[
                "post.failed".into(),
                "post.failed".into(),
                "comment.received".into()
            ])
            .unwrap(),
            ["post.failed", "comment.received"]
        );
        assert!(
            events(&["post.publishd".into()])
                .unwrap_err()
                .contains("did you mean `post.published`")
        );
        assert!(
            events(&["webhook.test".into()])
                .unwrap_err()
                .contains("cannot be subscribed")
        );
        assert!(events(&[]).is_err());
    }

    #[test]
    fn groups_headers_and_secrets() {
        assert_eq!(
            groups(&["messages".into(), "messages".into()]).unwrap(),
            ["messages"]
        );
        assert!(groups(&["nope".into()]).is_err());
        assert!(headers(&[("X-A".into(), "1".into()), ("x-a".into(), "2".into())]).is_err());
        let one = generate_secret().unwrap();
        let two = generate_secret().unwrap();
        assert_eq!(one.expose().len(), 64);
        assert!(one.expose().chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(one, two);
    }
}
