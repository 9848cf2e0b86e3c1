//! What the mock does for each operation, like Zernio: an in-memory store, pagination, logged
//! test deliveries.

use std::time::Duration;

use serde_json::{Value, json};

use super::{Reply, State, log_entry};

/// Zernio's behaviour for each operation.
pub(super) fn behave(
    state: &mut State,
    method: &str,
    path: &str,
    query: &[(String, String)],
    body: Option<&Value>,
) -> Reply {
    let public = |w: &Value| {
        let mut w = w.clone();
        if let Some(map) = w.as_object_mut() {
            map.remove("secret");
        }
        w
    };
    let param = |name: &str| {
        query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let not_found = || Reply::json(404, json!({"error": "Webhook not found"}));
    match (method, path) {
        ("get", "/v1/webhooks/settings") => Reply::json(
            200,
            json!({"webhooks": state.webhooks.iter().map(public).collect::<Vec<_>>()}),
        ),
        ("post", "/v1/webhooks/settings") => {
            let Some(body) = body else {
                return Reply::json(400, json!({"error": "Body required"}));
            };
            if state.webhooks.len() >= 50 {
                return Reply::json(400, json!({"error": "Maximum of 50 webhooks reached"}));
            }
            let id = format!("{:024x}", 0x66b0_0000_0000_u64 + state.next_id);
            state.next_id += 1;
            let mut webhook = json!({"_id": id, "isActive": true, "failureCount": 0});
            for (key, value) in body.as_object().unwrap() {
                let value = if key == "url" {
                    json!(value.as_str().unwrap_or("").trim())
                } else {
                    value.clone()
                };
                webhook[key] = value;
            }
            state.webhooks.push(webhook.clone());
            Reply::json(200, json!({"success": true, "webhook": public(&webhook)}))
        }
        ("put", "/v1/webhooks/settings") => {
            let Some(body) = body else {
                return Reply::json(400, json!({"error": "Body required"}));
            };
            let Some(webhook) = state.webhooks.iter_mut().find(|w| w["_id"] == body["_id"]) else {
                return not_found();
            };
            for (key, value) in body.as_object().unwrap() {
                if key != "_id" {
                    webhook[key] = value.clone();
                }
            }
            Reply::json(200, json!({"success": true, "webhook": public(webhook)}))
        }
        ("delete", "/v1/webhooks/settings") => {
            let id = param("id").unwrap_or_default();
            let before = state.webhooks.len();
            state.webhooks.retain(|w| w["_id"] != id.as_str());
            if state.webhooks.len() == before {
                return not_found();
            }
            Reply::json(200, json!({"success": true}))
        }
        ("post", "/v1/webhooks/test") => {
            let id = body
                .and_then(|b| b["webhookId"].as_str())
                .unwrap_or_default()
                .to_string();
            let Some(webhook) = state
                .webhooks
                .iter()
                .find(|w| w["_id"] == id.as_str())
                .cloned()
            else {
                return not_found();
            };
            let plan = state.test_plan.clone();
            if let Some(polls) = plan.log_after_polls {
                let mut entry = log_entry(
                    &id,
                    webhook["name"].as_str().unwrap_or(""),
                    "webhook.test",
                    if plan.success { "success" } else { "failed" },
                    Duration::ZERO,
                );
                entry["statusCode"] = json!(plan.status_code);
                entry["url"] = webhook["url"].clone();
                if !plan.success {
                    entry["errorMessage"] = json!(format!("HTTP {}", plan.status_code));
                }
                state.pending.push((polls, entry));
            }
            if plan.success {
                Reply::json(
                    200,
                    json!({"success": true, "message": "Test webhook sent successfully"}),
                )
            } else {
                Reply::json(
                    500,
                    json!({"success": false, "message": format!("Test webhook failed: endpoint answered {}", plan.status_code)}),
                )
            }
        }
        ("get", "/v1/webhooks/logs") => {
            let limit: usize = param("limit").and_then(|l| l.parse().ok()).unwrap_or(50);
            let skip: usize = param("skip").and_then(|s| s.parse().ok()).unwrap_or(0);
            let filters = [
                ("status", "status"),
                ("event", "event"),
                ("webhookId", "webhookId"),
                ("eventId", "eventId"),
            ];
            let matching: Vec<&Value> = state
                .logs
                .iter()
                .filter(|entry| {
                    filters.iter().all(|(name, field)| match param(name) {
                        Some(wanted) => entry[*field] == wanted.as_str(),
                        None => true,
                    })
                })
                .collect();
            let total = matching.len();
            let page: Vec<Value> = matching
                .into_iter()
                .skip(skip)
                .take(limit)
                .cloned()
                .collect();
            Reply::json(
                200,
                json!({
                    "logs": page,
                    "pagination": {
                        "total": total,
                        "limit": limit,
                        "skip": skip,
                        "pages": total.div_ceil(limit.max(1)),
                        "hasMore": skip + page.len() < total,
                    }
                }),
            )
        }
        _ => Reply::json(404, json!({"error": "Not found"})),
    }
}
