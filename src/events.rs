//! The event catalogue and payload schemas, read from the embedded OpenAPI subset.
//!
//! `spec/zernio-webhooks.openapi.json` is a verbatim copy of Zernio's published webhooks subset; the
//! 49 event types, their descriptions and their schemas all come from it at run time, never re-typed.

use std::sync::OnceLock;

use serde_json::Value;

/// The embedded OpenAPI document, byte for byte as published.
pub const SPEC_JSON: &str = include_str!("../spec/zernio-webhooks.openapi.json");

/// The base URI the spec is registered under for `$ref` resolution.
const SPEC_URI: &str = "urn:zernio-hooks:openapi";

/// The 12 core events every Zernio integration meets first (ZERNIO-WEBHOOKS.md).
pub const CORE: [&str; 12] = [
    "post.published",
    "post.failed",
    "post.partial",
    "post.cancelled",
    "post.scheduled",
    "post.recycled",
    "account.connected",
    "account.disconnected",
    "message.received",
    "message.sent",
    "comment.received",
    "webhook.test",
];

/// One event type of the catalogue.
#[derive(Debug, Clone)]
pub struct EventType {
    /// Position in the catalogue (the spec's order).
    pub index: usize,
    pub name: String,
    /// The Zernio resource group the event belongs to (see [`group_of`]).
    pub group: &'static str,
    /// The spec's summary, e.g. "Post published event".
    pub summary: String,
    /// The first sentence of the spec's description.
    pub description: String,
    pub core: bool,
    /// The component schema name when the payload schema is a `$ref` (e.g. `WebhookPayloadPost`).
    pub schema_name: Option<String>,
    /// JSON pointer of the payload schema inside the spec.
    pub schema_pointer: String,
}

/// The parsed spec.
pub fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        serde_json::from_str(SPEC_JSON).expect("the embedded OpenAPI document is valid JSON")
    })
}

/// Every event type, in the spec's order.
pub fn catalogue() -> &'static [EventType] {
    static CATALOGUE: OnceLock<Vec<EventType>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let webhooks = spec()["webhooks"]
            .as_object()
            .expect("the spec has a webhooks map");
        webhooks
            .iter()
            .enumerate()
            .map(|(index, (name, item))| {
                let op = &item["post"];
                let schema = &op["requestBody"]["content"]["application/json"]["schema"];
                let schema_name = schema["$ref"]
                    .as_str()
                    .and_then(|r| r.rsplit('/').next())
                    .map(str::to_string);
                EventType {
                    index,
                    name: name.clone(),
                    group: group_of(name),
                    summary: op["summary"].as_str().unwrap_or_default().to_string(),
                    description: first_sentence(op["description"].as_str().unwrap_or_default()),
                    core: CORE.contains(&name.as_str()),
                    schema_name,
                    schema_pointer: format!(
                        "/webhooks/{}/post/requestBody/content/application~1json/schema",
                        escape_pointer(name)
                    ),
                }
            })
            .collect()
    })
}

/// Look an event type up by name.
pub fn find(name: &str) -> Option<&'static EventType> {
    catalogue().iter().find(|event| event.name == name)
}

/// The closest known event name, for "did you mean" hints.
pub fn suggest(name: &str) -> Option<&'static str> {
    catalogue()
        .iter()
        .map(|event| (strsim::jaro_winkler(name, &event.name), event.name.as_str()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// The resource groups of the webhook settings API (`disabledResourceGroups`), from the spec.
pub fn groups() -> Vec<&'static str> {
    spec()["components"]["schemas"]["Webhook"]["properties"]["disabledResourceGroups"]["items"]["enum"]
        .as_array()
        .map(|values| values.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The resource group an event belongs to.
///
/// The spec names the groups but does not map events to them (except `webhook.test`, documented
/// as `webhooks`); this mapping follows Zernio's documentation of restricted keys: publishing
/// covers posts, messages the inbox, engagement comments and reviews, ads the ad platforms,
/// telephony calls and phone numbers, accounts connections and verification.
pub fn group_of(name: &str) -> &'static str {
    let prefix = name.split('.').next().unwrap_or_default();
    match prefix {
        "post" => "publishing",
        "account" if name.starts_with("account.ads.") => "ads",
        "account" => "accounts",
        "message" | "conversation" | "reaction" | "referral" => "messages",
        "comment" | "review" => "engagement",
        "lead" => "contacts",
        "ad" => "ads",
        "call" => "telephony",
        "whatsapp" if name.starts_with("whatsapp.number.") => "telephony",
        "whatsapp" => "messages",
        "verification" => "accounts",
        "webhook" => "webhooks",
        _ => "other",
    }
}

/// The payload schema of an event, with a top-level `$ref` followed.
pub fn schema(event: &EventType) -> &'static Value {
    resolve(
        spec()
            .pointer(&event.schema_pointer)
            .unwrap_or(&Value::Null),
    )
}

/// Follow a local `$ref` (`#/components/...`) inside the spec, if `schema` is one.
pub fn resolve(schema: &Value) -> &Value {
    let mut current = schema;
    for _ in 0..8 {
        match current.get("$ref").and_then(Value::as_str) {
            Some(reference) => match reference.strip_prefix('#').and_then(|p| spec().pointer(p)) {
                Some(target) => current = target,
                None => break,
            },
            None => break,
        }
    }
    current
}

/// A schema violation: where in the payload, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// JSON path of the offending value, e.g. `$.post.platforms[0].status`.
    pub path: String,
    pub message: String,
}

/// Validate a payload against its event's schema. Unknown extra fields are fine (the schemas allow them).
pub fn validate(event: &EventType, payload: &Value) -> Vec<Violation> {
    let validator = validator(event);
    validator
        .iter_errors(payload)
        .take(20)
        .map(|error| Violation {
            path: json_path(&error.instance_path().to_string()),
            message: shorten(&error.to_string(), 160),
        })
        .collect()
}

/// Compile every event's validator ahead of time (listen does this in the background at start,
/// so the first delivery of each type is not slowed by schema compilation).
pub fn warm_up() {
    for event in catalogue() {
        validator(event);
    }
}

/// The event's compiled validator, built on first use; lock-free afterwards (deliveries are
/// validated on every worker thread).
fn validator(event: &EventType) -> &'static jsonschema::Validator {
    static REGISTRY: OnceLock<jsonschema::Registry<'static>> = OnceLock::new();
    static VALIDATORS: OnceLock<Vec<OnceLock<jsonschema::Validator>>> = OnceLock::new();
    let slots = VALIDATORS.get_or_init(|| catalogue().iter().map(|_| OnceLock::new()).collect());
    slots[event.index].get_or_init(|| {
        let registry = REGISTRY.get_or_init(|| {
            jsonschema::Registry::new()
                .add(SPEC_URI, spec().clone())
                .and_then(|registry| registry.prepare())
                .expect("the embedded OpenAPI document is a valid schema resource")
        });
        let root = serde_json::json!({ "$ref": format!("{SPEC_URI}#{}", event.schema_pointer) });
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .with_registry(registry)
            .should_validate_formats(true)
            .build(&root)
            .expect("every event schema in the embedded spec compiles")
    })
}

/// `/post/platforms/0/status` → `$.post.platforms[0].status`.
fn json_path(pointer: &str) -> String {
    let mut path = String::from("$");
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.parse::<usize>().is_ok() {
            path.push_str(&format!("[{segment}]"));
        } else {
            path.push('.');
            path.push_str(&segment);
        }
    }
    path
}

fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn first_sentence(text: &str) -> String {
    let unwrapped = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = unwrapped
        .match_indices(". ")
        .map(|(at, _)| at + 1)
        .next()
        .unwrap_or(unwrapped.len());
    unwrapped[..end].to_string()
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn catalogue_has_all_49_events_and_12_core() {
        assert_eq!(catalogue().len(), 49);
        assert_eq!(catalogue().iter().filter(|e| e.core).count(), 12);
        for event in catalogue() {
            assert!(
                !event.description.is_empty(),
                "{} has a description",
                event.name
            );
            assert_ne!(event.group, "other", "{} has a group", event.name);
            assert!(
                groups().contains(&event.group),
                "{} group {} is a real group",
                event.name,
                event.group
            );
        }
    }

    #[test]
    fn validates_against_the_schema() {
        let test = find("webhook.test").unwrap();
        let ok = json!({"id": "e1", "event": "webhook.test", "message": "hi", "timestamp": "2026-01-01T00:00:00Z", "extra": 1});
        assert!(validate(test, &ok).is_empty());
        let bad = json!({"id": "e1", "event": "webhook.test", "timestamp": 5});
        let violations = validate(test, &bad);
        assert!(
            violations.iter().any(|v| v.path == "$.timestamp"),
            "{violations:?}"
        );
        assert!(
            violations.iter().any(|v| v.message.contains("message")),
            "{violations:?}"
        );
    }

    #[test]
    fn paths_and_suggestions() {
        assert_eq!(
            json_path("/post/platforms/0/status"),
            "$.post.platforms[0].status"
        );
        assert_eq!(json_path(""), "$");
        assert_eq!(suggest("post.publish"), Some("post.published"));
        assert_eq!(suggest("zzz"), None);
        assert_eq!(
            first_sentence("Fired when\na thing happens. More."),
            "Fired when a thing happens."
        );
    }
}
