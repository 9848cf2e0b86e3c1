//! The checks against the embedded OpenAPI subset: each request (operation, query parameters and
//! their bounds, body schema, Bearer header, user agent) and each answer the mock gives.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Value, json};

const SPEC_URI: &str = "urn:zernio-hooks-tests:openapi";

pub(super) fn spec() -> &'static Value {
    zernio_hooks::events::spec()
}

fn registry() -> &'static jsonschema::Registry<'static> {
    static REGISTRY: OnceLock<jsonschema::Registry<'static>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        jsonschema::Registry::new()
            .add(SPEC_URI, spec().clone())
            .and_then(|registry| registry.prepare())
            .expect("the spec is a schema resource")
    })
}

/// Validate `value` against the schema at `pointer` in the spec.
fn validate(pointer: &str, value: &Value) -> Vec<String> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let validator = {
        let mut cache = cache.lock().unwrap();
        cache
            .entry(pointer.to_string())
            .or_insert_with(|| {
                let root = json!({ "$ref": format!("{SPEC_URI}#{pointer}") });
                Arc::new(
                    jsonschema::options()
                        .with_draft(jsonschema::Draft::Draft202012)
                        .with_registry(registry())
                        .should_validate_formats(true)
                        .build(&root)
                        .unwrap_or_else(|e| panic!("schema at {pointer} compiles: {e}")),
                )
            })
            .clone()
    };
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[allow(clippy::too_many_arguments)]
pub(super) fn check_request(
    method: &str,
    path: &str,
    operation: &Value,
    query: &[(String, String)],
    body: Option<&Value>,
    header: &dyn Fn(&str) -> Option<String>,
    violations: &mut Vec<String>,
) {
    let op = format!("{} {path}", method.to_ascii_uppercase());
    let pointer = format!("/paths/{}/{method}", escape(path));
    match header("authorization") {
        Some(value) if value.starts_with("Bearer ") && value.len() > 7 => {}
        other => violations.push(format!("{op}: no Bearer Authorization header ({other:?})")),
    }
    if !header("user-agent").is_some_and(|ua| ua.starts_with("zernio-hooks/")) {
        violations.push(format!("{op}: user agent is not zernio-hooks/<version>"));
    }
    let params: Vec<&Value> = operation["parameters"]
        .as_array()
        .map(|p| p.iter().filter(|p| p["in"] == "query").collect())
        .unwrap_or_default();
    for (name, _) in query {
        if query.iter().filter(|(n, _)| n == name).count() > 1 {
            violations.push(format!("{op}: query parameter `{name}` repeated"));
        }
        if !params.iter().any(|p| p["name"] == name.as_str()) {
            violations.push(format!("{op}: unknown query parameter `{name}`"));
        }
    }
    for (index, param) in operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        if param["in"] != "query" {
            continue;
        }
        let name = param["name"].as_str().unwrap();
        let Some((_, raw)) = query.iter().find(|(n, _)| n == name) else {
            if param["required"] == true {
                violations.push(format!("{op}: required query parameter `{name}` missing"));
            }
            continue;
        };
        let value = if param["schema"]["type"] == "integer" {
            match raw.parse::<i64>() {
                Ok(n) => json!(n),
                Err(_) => {
                    violations.push(format!("{op}: `{name}={raw}` is not an integer"));
                    continue;
                }
            }
        } else {
            json!(raw)
        };
        for problem in validate(&format!("{pointer}/parameters/{index}/schema"), &value) {
            violations.push(format!("{op}: query `{name}={raw}`: {problem}"));
        }
    }
    let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
    match (schema.is_null(), body) {
        (true, Some(_)) => violations.push(format!("{op}: a body where the spec has none")),
        (false, None) => violations.push(format!("{op}: no JSON body")),
        (false, Some(body)) => {
            if !header("content-type").is_some_and(|ct| ct.starts_with("application/json")) {
                violations.push(format!("{op}: body is not sent as application/json"));
            }
            for problem in validate(
                &format!("{pointer}/requestBody/content/application~1json/schema"),
                body,
            ) {
                violations.push(format!("{op}: body: {problem}"));
            }
        }
        (true, None) => {}
    }
}

pub(super) fn check_response(
    method: &str,
    path: &str,
    operation: &Value,
    status: u16,
    answer: &Value,
    violations: &mut Vec<String>,
) {
    let mut response = &operation["responses"][status.to_string()];
    let mut pointer = format!("/paths/{}/{method}/responses/{status}", escape(path));
    if let Some(reference) = response["$ref"].as_str() {
        pointer = reference.trim_start_matches('#').to_string();
        response = spec().pointer(&pointer).unwrap_or(&Value::Null);
    }
    if response["content"]["application/json"]["schema"].is_null() {
        return; // Undeclared (429, most 5xx) or without a schema: nothing to check against.
    }
    for problem in validate(
        &format!("{pointer}/content/application~1json/schema"),
        answer,
    ) {
        violations.push(format!("answer {status} to {method} {path}: {problem}"));
    }
}
