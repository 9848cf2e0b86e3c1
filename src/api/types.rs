//! The requests and answers of the webhook-settings API (schemas `Webhook`, `WebhookLog` and the
//! operation bodies of the embedded OpenAPI subset).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::secret::Secret;

/// A configured webhook (schema `Webhook`). `secret` is write-only in practice and never kept.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub events: Vec<String>,
    /// Absent means active (the API's default).
    #[serde(default = "default_true")]
    pub is_active: bool,
    #[serde(default)]
    pub last_fired_at: Option<String>,
    #[serde(default)]
    pub failure_count: i64,
    #[serde(default)]
    pub custom_headers: BTreeMap<String, String>,
    #[serde(default)]
    pub disabled_resource_groups: Vec<String>,
}

fn default_true() -> bool {
    true
}

/// Webhooks whose name starts with this were made by `listen --register` and are temporary.
pub const TEMPORARY_PREFIX: &str = "zernio-hooks ";

impl Webhook {
    /// Left behind by `listen --register` (named `zernio-hooks <hostname>`).
    pub fn is_temporary(&self) -> bool {
        self.name.starts_with(TEMPORARY_PREFIX)
    }
}

/// `GET /v1/webhooks/settings`: the typed list and the answer as sent.
#[derive(Debug, Clone)]
pub struct WebhookList {
    pub webhooks: Vec<Webhook>,
    /// The answer body, with any `secret` values masked.
    pub raw: Value,
}

/// The answer of create and update: the webhook as stored, when the server sends it.
#[derive(Debug, Clone)]
pub struct Saved {
    pub webhook: Option<Webhook>,
    pub raw: Value,
}

/// `POST /v1/webhooks/settings`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewWebhook {
    pub name: String,
    pub url: String,
    pub events: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose")]
    pub secret: Option<Secret>,
    pub is_active: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disabled_resource_groups: Vec<String>,
}

/// `PUT /v1/webhooks/settings`: `_id` and only the fields that change.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookChanges {
    #[serde(rename = "_id")]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose")]
    pub secret: Option<Secret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_headers: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled_resource_groups: Option<Vec<String>>,
}

impl WebhookChanges {
    /// Whether anything besides `_id` would be sent.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.url.is_none()
            && self.secret.is_none()
            && self.events.is_none()
            && self.is_active.is_none()
            && self.custom_headers.is_none()
            && self.disabled_resource_groups.is_none()
    }
}

fn expose<S: Serializer>(secret: &Option<Secret>, serializer: S) -> Result<S::Ok, S::Error> {
    match secret {
        Some(secret) => serializer.serialize_str(secret.expose()),
        None => serializer.serialize_none(),
    }
}

/// What `POST /v1/webhooks/test` reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    pub success: bool,
    pub message: String,
    pub request_id: Option<String>,
}

/// The filters and page of `GET /v1/webhooks/logs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogsQuery {
    pub limit: u32,
    pub skip: u32,
    pub status: Option<String>,
    pub event: Option<String>,
    pub webhook_id: Option<String>,
    pub event_id: Option<String>,
}

impl LogsQuery {
    /// The query pairs, in the spec's order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("limit", self.limit.to_string()),
            ("skip", self.skip.to_string()),
        ];
        let optional = [
            ("status", &self.status),
            ("event", &self.event),
            ("webhookId", &self.webhook_id),
            ("eventId", &self.event_id),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                pairs.push((name, value.clone()));
            }
        }
        pairs
    }
}

/// One delivery attempt (schema `WebhookLog`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookLog {
    pub webhook_id: Option<String>,
    pub webhook_name: Option<String>,
    pub event_id: Option<String>,
    pub event: Option<String>,
    pub url: Option<String>,
    pub status: Option<String>,
    pub status_code: Option<i64>,
    pub request_payload: Option<Value>,
    pub response_body: Option<String>,
    pub error_message: Option<String>,
    pub attempt_number: Option<i64>,
    pub response_time: Option<f64>,
    pub created_at: Option<String>,
}

impl WebhookLog {
    pub fn failed(&self) -> bool {
        self.status.as_deref() != Some("success")
    }

    /// What tells two entries apart (the schema has no ID of its own).
    pub fn key(&self) -> String {
        serde_json::json!([
            self.webhook_id,
            self.event_id,
            self.event,
            self.attempt_number,
            self.created_at,
            self.status,
        ])
        .to_string()
    }
}

/// A log entry, typed and as sent.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub log: WebhookLog,
    pub raw: Value,
}

/// `pagination` of the logs answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    pub total: Option<u64>,
    pub limit: Option<u64>,
    pub skip: Option<u64>,
    pub pages: Option<u64>,
    pub has_more: Option<bool>,
}

/// One page of logs.
#[derive(Debug, Clone)]
pub struct LogsPage {
    pub logs: Vec<LogEntry>,
    pub pagination: Pagination,
}

impl LogsPage {
    /// Whether another page follows this one (from `hasMore`, or a full page when it is absent).
    pub fn has_more(&self, limit: u32) -> bool {
        self.pagination
            .has_more
            .unwrap_or(self.logs.len() >= limit as usize)
    }
}

/// Replace every `secret` string in an answer with its masked form.
pub fn mask_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if key == "secret"
                    && let Value::String(text) = inner
                {
                    *text = crate::secret::mask(text);
                } else {
                    mask_secrets(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_secrets),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requests_serialise_only_what_is_set() {
        let changes = WebhookChanges {
            id: "a".repeat(24),
            is_active: Some(false),
            secret: Some(Secret::new("s3cret")),
            ..WebhookChanges::default()
        };
        assert_eq!(
            serde_json::to_value(&changes).unwrap(),
            json!({"_id": "a".repeat(24), "secret": "s3cret", "isActive": false})
        );
        assert!(!format!("{changes:?}").contains("s3cret"));
        assert!(WebhookChanges::default().is_empty());
    }

    #[test]
    fn masks_secrets_anywhere() {
        let mut value = json!({"webhooks": [{"secret": "whsec_0123456789abcdef", "name": "x"}]});
        mask_secrets(&mut value);
        assert_eq!(value["webhooks"][0]["secret"], "whse…cdef");
        assert_eq!(value["webhooks"][0]["name"], "x");
    }

    #[test]
    fn query_pairs_follow_the_spec_names() {
        let query = LogsQuery {
            limit: 10,
            skip: 20,
            webhook_id: Some("w".into()),
            ..LogsQuery::default()
        };
        assert_eq!(
            query.pairs(),
            vec![
                ("limit", "10".to_string()),
                ("skip", "20".to_string()),
                ("webhookId", "w".to_string())
            ]
        );
    }
}
