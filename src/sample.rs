//! Realistic sample payloads for any event type, made from the embedded spec: its examples where it
//! has them, otherwise generated from the schema (required and common optional fields, enums,
//! formats, plausible platform names and IDs). Pure: the caller passes the time and a seed.

use std::time::SystemTime;

use serde_json::{Map, Value, json};

use crate::events::{self, EventType};

/// How deep optional object fields are filled in (required ones always are).
const OPTIONAL_DEPTH: usize = 2;

/// A small deterministic generator (xorshift64*), seeded by the caller.
#[derive(Debug, Clone)]
pub struct Generator {
    now: SystemTime,
    state: u64,
}

impl Generator {
    pub fn new(now: SystemTime, seed: u64) -> Self {
        Generator {
            now,
            state: seed | 1,
        }
    }

    /// A generator seeded from the operating system's randomness.
    pub fn fresh() -> Self {
        let mut seed = [0u8; 8];
        let _ = getrandom::fill(&mut seed);
        Generator::new(SystemTime::now(), u64::from_le_bytes(seed))
    }

    fn next(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A ULID-shaped event ID (26 Crockford base32 characters, time first), like Zernio's.
    pub fn event_id(&mut self) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let millis = self
            .now
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let mut out = String::with_capacity(26);
        for i in (0..10).rev() {
            out.push(ALPHABET[((millis >> (i * 5)) & 31) as usize] as char);
        }
        for _ in 0..16 {
            out.push(ALPHABET[(self.next() & 31) as usize] as char);
        }
        out
    }

    /// A 24-hex-character object ID.
    pub fn object_id(&mut self) -> String {
        format!("{:016x}{:08x}", self.next(), self.next() as u32)
    }

    /// The current time as Zernio writes it (RFC 3339, milliseconds, UTC).
    pub fn timestamp(&self) -> String {
        humantime::format_rfc3339_millis(self.now).to_string()
    }

    /// A payload of `event`, with a fresh `id` and `timestamp`.
    pub fn payload(&mut self, event: &EventType) -> Value {
        let mut payload = match spec_example(event) {
            Some(example) => example,
            None => self.value(events::schema(event), "", 0, true),
        };
        if let Some(object) = payload.as_object_mut() {
            object.insert("id".into(), Value::String(self.event_id()));
            object.insert("event".into(), Value::String(event.name.clone()));
            object.insert("timestamp".into(), Value::String(self.timestamp()));
        }
        self.make_realistic(&event.name, &mut payload);
        payload
    }

    fn value(&mut self, schema: &Value, name: &str, depth: usize, required: bool) -> Value {
        let schema = events::resolve(schema);
        if let Some(example) = schema.get("example") {
            return example.clone();
        }
        if let Some(constant) = schema.get("const") {
            return constant.clone();
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array)
            && let Some(first) = options.iter().find(|v| !v.is_null())
        {
            return first.clone();
        }
        match primary_type(schema) {
            "object" => self.object(schema, depth, required),
            "array" => {
                let item = schema
                    .get("items")
                    .cloned()
                    .unwrap_or(json!({"type": "string"}));
                let min = schema
                    .get("minItems")
                    .and_then(Value::as_u64)
                    .unwrap_or(1)
                    .max(1);
                Value::Array(
                    (0..min)
                        .map(|_| self.value(&item, singular(name), depth + 1, true))
                        .collect(),
                )
            }
            "integer" => json!(
                schema
                    .get("minimum")
                    .and_then(Value::as_i64)
                    .map_or_else(|| integer_for(name), |m| m.max(1))
            ),
            "number" => json!(number_for(name)),
            "boolean" => json!(boolean_for(name)),
            "null" => Value::Null,
            _ => Value::String(self.string(schema, name)),
        }
    }

    fn object(&mut self, schema: &Value, depth: usize, required_here: bool) -> Value {
        let mut out = Map::new();
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (key, property) in properties {
                let is_required = required.contains(&key.as_str());
                let resolved = events::resolve(property);
                let is_scalar = !matches!(primary_type(resolved), "object" | "array");
                let include = is_required
                    || (required_here && depth < OPTIONAL_DEPTH && (is_scalar || depth == 0));
                if include {
                    out.insert(
                        key.clone(),
                        self.value(property, key, depth + 1, is_required),
                    );
                }
            }
        }
        Value::Object(out)
    }

    fn string(&mut self, schema: &Value, name: &str) -> String {
        match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => return self.timestamp(),
            Some("uri") => return format!("https://example.com/{}", name.to_ascii_lowercase()),
            Some("email") => return "jane@example.com".into(),
            _ => {}
        }
        let lower = name.to_ascii_lowercase();
        match lower.as_str() {
            "platform" => "instagram".into(),
            "username" | "participantusername" | "whatsappusername" => "acme.studio".into(),
            "displayname" | "name" | "participantname" | "formname" | "webhookname" => {
                "Acme Studio".into()
            }
            "content" => "Launch day! Our new collection is live 🚀".into(),
            "text" | "body" | "headline" => "Hi! Is this still available?".into(),
            "message" => "Sample delivery from zernio-hooks".into(),
            "status" => "published".into(),
            "reason" | "error" | "errormessage" | "explanation" | "details" => {
                "Access token expired".into()
            }
            "phonenumber" | "from" | "to" => "+15555550123".into(),
            "country" => "US".into(),
            "currency" => "USD".into(),
            "language" => "en_US".into(),
            "emoji" => "❤️".into(),
            "title" => "Sample title".into(),
            "code" => "131051".into(),
            _ if lower.ends_with("url")
                || lower.ends_with("uri")
                || lower == "permalink"
                || lower == "picture" =>
            {
                format!("https://cdn.example.com/{lower}/{}", self.object_id())
            }
            _ if lower == "id" || lower.ends_with("id") => self.object_id(),
            _ => format!("sample {name}").trim().to_string(),
        }
    }

    /// Event-specific touches so the core events look like the real thing.
    fn make_realistic(&mut self, event: &str, payload: &mut Value) {
        let Some(post) = payload
            .get_mut("post")
            .filter(|p| p.get("platforms").is_some())
        else {
            return;
        };
        let status = event.strip_prefix("post.").unwrap_or("scheduled");
        post["status"] = json!(status);
        let published = json!({"platform": "twitter", "status": "published", "accountId": "65c8f7e2a1b3c4d5e6f7a8b9",
            "platformPostId": "1790000000000000000", "publishedUrl": "https://x.com/acme/status/1790000000000000000"});
        let failed = json!({"platform": "linkedin", "status": "failed", "accountId": "65c8f7e2a1b3c4d5e6f7a8c0",
            "error": "LinkedIn access token expired; reconnect the account"});
        let pending = |platform: &str, status: &str| json!({"platform": platform, "status": status, "accountId": "65c8f7e2a1b3c4d5e6f7a8b9"});
        post["platforms"] = match status {
            "published" => json!([published]),
            "failed" => json!([failed]),
            "partial" => json!([published, failed]),
            "cancelled" => json!([pending("instagram", "cancelled")]),
            _ => json!([pending("instagram", "pending")]),
        };
        if status == "published" || status == "partial" {
            post["publishedAt"] = json!(self.timestamp());
        }
    }
}

/// The first example the spec gives for the event's request body, if any.
fn spec_example(event: &EventType) -> Option<Value> {
    let parent = event.schema_pointer.strip_suffix("/schema")?;
    let content = events::spec().pointer(parent)?;
    content
        .get("examples")
        .and_then(Value::as_object)
        .and_then(|examples| examples.values().next())
        .and_then(|example| example.get("value"))
        .cloned()
        .or_else(|| content.get("example").cloned())
}

fn primary_type(schema: &Value) -> &str {
    match schema.get("type") {
        Some(Value::String(kind)) => kind,
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|k| *k != "null")
            .unwrap_or("null"),
        _ if schema.get("properties").is_some() => "object",
        _ => "string",
    }
}

fn singular(name: &str) -> &str {
    name.strip_suffix('s').unwrap_or(name)
}

fn integer_for(name: &str) -> i64 {
    match name.to_ascii_lowercase().as_str() {
        n if n.contains("duration") => 42,
        n if n.contains("count") => 3,
        "rating" => 5,
        "quantity" => 1,
        _ => 1,
    }
}

fn number_for(name: &str) -> f64 {
    if name.to_ascii_lowercase().contains("cost") {
        0.0123
    } else {
        19.99
    }
}

fn boolean_for(name: &str) -> bool {
    !name.to_ascii_lowercase().starts_with("is") || name == "isActive"
}

/// Set a field by dotted path (`post.platforms.0.status`); the value is parsed as JSON when it
/// parses, else taken as a string. Missing objects along the way are created.
pub fn set_path(payload: &mut Value, path: &str, raw: &str) -> Result<(), String> {
    let value =
        serde_json::from_str::<Value>(raw).unwrap_or_else(|_| Value::String(raw.to_string()));
    let segments: Vec<&str> = path.split('.').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(format!("`{path}` is not a dotted path"));
    }
    let mut current = payload;
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        current = match current {
            Value::Array(items) => {
                let index: usize = segment
                    .parse()
                    .map_err(|_| format!("`{segment}` in `{path}` must be an array index"))?;
                if index > items.len() {
                    return Err(format!(
                        "index {index} in `{path}` is past the end of an array of {}",
                        items.len()
                    ));
                }
                if index == items.len() {
                    items.push(if last {
                        Value::Null
                    } else {
                        Value::Object(Map::new())
                    });
                }
                &mut items[index]
            }
            Value::Object(map) => map.entry(segment.to_string()).or_insert_with(|| {
                if last {
                    Value::Null
                } else {
                    Value::Object(Map::new())
                }
            }),
            _ => {
                return Err(format!(
                    "`{}` in `{path}` is not an object or array",
                    segments[..i].join(".")
                ));
            }
        };
    }
    *current = value;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generator() -> Generator {
        Generator::new(
            SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_780_000_000),
            42,
        )
    }

    #[test]
    fn every_event_sample_matches_its_schema() {
        let mut generator = generator();
        for event in events::catalogue() {
            let payload = generator.payload(event);
            assert_eq!(payload["event"], event.name.as_str());
            let violations = events::validate(event, &payload);
            assert!(
                violations.is_empty(),
                "{}: {violations:?}\n{payload:#}",
                event.name
            );
        }
    }

    #[test]
    fn ids_and_timestamps_are_fresh() {
        let mut generator = generator();
        let event = events::find("post.failed").unwrap();
        let a = generator.payload(event);
        let b = generator.payload(event);
        assert_ne!(a["id"], b["id"]);
        assert_eq!(a["id"].as_str().unwrap().len(), 26);
        assert_eq!(a["timestamp"], "2026-05-28T20:26:40.000Z");
        assert_eq!(a["post"]["platforms"][0]["status"], "failed");
    }

    #[test]
    fn uses_spec_examples() {
        let mut generator = generator();
        let payload = generator.payload(events::find("ad.status_changed").unwrap());
        assert_eq!(
            payload["adObject"]["platformAdAccountId"],
            "act_2129800524463520"
        );
    }

    #[test]
    fn set_paths() {
        let mut value = json!({"post": {"platforms": [{"status": "ok"}]}});
        set_path(&mut value, "post.content", "Hello").unwrap();
        set_path(&mut value, "post.platforms.0.status", "failed").unwrap();
        set_path(&mut value, "post.count", "3").unwrap();
        set_path(&mut value, "post.platforms.1.status", "\"x\"").unwrap();
        assert_eq!(value["post"]["content"], "Hello");
        assert_eq!(value["post"]["platforms"][0]["status"], "failed");
        assert_eq!(value["post"]["count"], 3);
        assert_eq!(value["post"]["platforms"][1]["status"], "x");
        assert!(set_path(&mut value, "post.content.x", "1").is_err());
        assert!(set_path(&mut value, "post.platforms.9", "1").is_err());
    }
}
