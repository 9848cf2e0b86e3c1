//! Event-specific summaries: a few readable lines per payload (pure; the caller paints and prints).
//!
//! The 12 core events get a tailored summary; the other types a compact generic one.

use serde_json::Value;

use crate::output::sanitize;

/// One summary line: an optional label and its text (already sanitised).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub text: String,
}

fn line(label: &str, text: impl Into<String>) -> Line {
    Line {
        label: label.to_string(),
        text: text.into(),
    }
}

/// A string field, sanitised for the terminal.
fn s(value: &Value, path: &str) -> Option<String> {
    let mut current = value;
    for key in path.split('.') {
        current = match key.parse::<usize>() {
            Ok(index) => current.get(index)?,
            Err(_) => current.get(key)?,
        };
    }
    match current {
        Value::String(text) => Some(sanitize::line(text).into_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn quoted(text: &str, max: usize) -> String {
    format!("\"{}\"", sanitize::excerpt(text, max))
}

/// The summary lines of a payload of type `event`.
pub fn summarize(event: &str, payload: &Value) -> Vec<Line> {
    match event {
        e if e.starts_with("post.")
            && payload
                .get("post")
                .is_some_and(|p| p.get("platforms").is_some()) =>
        {
            post(payload)
        }
        "account.connected" | "account.disconnected" => account(payload),
        "message.received" | "message.sent" => message(payload),
        "comment.received" => comment(payload),
        "webhook.test" => vec![line("message", s(payload, "message").unwrap_or_default())],
        _ => generic(payload),
    }
}

fn post(payload: &Value) -> Vec<Line> {
    let mut lines = Vec::new();
    let id = s(payload, "post.id").unwrap_or_else(|| "?".into());
    let status = s(payload, "post.status").unwrap_or_else(|| "?".into());
    lines.push(line("post", format!("{id}  status {status}")));
    if let Some(content) = s(payload, "post.content") {
        lines.push(line("content", quoted(&content, 100)));
    }
    if let Some(platforms) = payload.pointer("/post/platforms").and_then(Value::as_array) {
        for platform in platforms.iter().take(12) {
            let name = s(platform, "platform").unwrap_or_else(|| "?".into());
            let status = s(platform, "status").unwrap_or_else(|| "?".into());
            let detail = s(platform, "error")
                .map(|e| format!("error: {}", sanitize::excerpt(&e, 120)))
                .or_else(|| s(platform, "publishedUrl"))
                .unwrap_or_default();
            lines.push(line(
                "platform",
                format!("{name:<12} {status:<10} {detail}")
                    .trim_end()
                    .to_string(),
            ));
        }
        if platforms.len() > 12 {
            lines.push(line(
                "platform",
                format!("… and {} more", platforms.len() - 12),
            ));
        }
    }
    lines
}

fn account(payload: &Value) -> Vec<Line> {
    let mut lines = Vec::new();
    let platform = s(payload, "account.platform").unwrap_or_else(|| "?".into());
    let username = s(payload, "account.username").unwrap_or_else(|| "?".into());
    let display = s(payload, "account.displayName")
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    lines.push(line("account", format!("{platform}  @{username}{display}")));
    if let Some(kind) = s(payload, "account.disconnectionType") {
        let reason = s(payload, "account.reason").unwrap_or_default();
        lines.push(line("disconnected", format!("{kind}: {reason}")));
    }
    if let Some(id) = s(payload, "account.accountId") {
        lines.push(line("account id", id));
    }
    lines
}

fn message(payload: &Value) -> Vec<Line> {
    let mut lines = Vec::new();
    let platform = s(payload, "message.platform").unwrap_or_else(|| "?".into());
    let sender = s(payload, "message.sender.name")
        .or_else(|| s(payload, "message.sender.username").map(|u| format!("@{u}")))
        .or_else(|| s(payload, "message.sender.id"))
        .unwrap_or_else(|| "?".into());
    let direction = s(payload, "message.direction").unwrap_or_default();
    lines.push(line(
        "message",
        format!("{platform}  {direction} from {sender}"),
    ));
    match s(payload, "message.text") {
        Some(text) => lines.push(line("text", quoted(&text, 120))),
        None => lines.push(line("text", "(none)")),
    }
    if let Some(attachments) = payload
        .pointer("/message/attachments")
        .and_then(Value::as_array)
        && !attachments.is_empty()
    {
        let kinds: Vec<String> = attachments.iter().filter_map(|a| s(a, "type")).collect();
        lines.push(line(
            "attachments",
            format!("{} ({})", attachments.len(), kinds.join(", ")),
        ));
    }
    if let Some(metadata) = payload.get("metadata").filter(|m| m.is_object()) {
        let fields = [
            ("quickReplyPayload", "quick reply"),
            ("postbackPayload", "postback"),
            ("postbackTitle", "postback title"),
            ("callbackData", "callback"),
            ("interactiveType", "interactive"),
            ("interactiveId", "interactive id"),
            ("buttonPayload", "button"),
            ("quotedMessageId", "reply to"),
        ];
        for (key, label) in fields {
            if let Some(value) = s(metadata, key) {
                lines.push(line(label, value));
            }
        }
    }
    if let Some(account) = s(payload, "account.username") {
        let conversation = s(payload, "conversation.id").unwrap_or_default();
        lines.push(line(
            "account",
            format!("@{account}  conversation {conversation}")
                .trim_end()
                .to_string(),
        ));
    }
    lines
}

fn comment(payload: &Value) -> Vec<Line> {
    let mut lines = Vec::new();
    let platform = s(payload, "comment.platform").unwrap_or_else(|| "?".into());
    let author = s(payload, "comment.author.username")
        .map(|u| format!("@{u}"))
        .or_else(|| s(payload, "comment.author.name"))
        .or_else(|| s(payload, "comment.author.id"))
        .unwrap_or_else(|| "?".into());
    let reply = if payload.pointer("/comment/isReply") == Some(&Value::Bool(true)) {
        "  (reply)"
    } else {
        ""
    };
    lines.push(line("comment", format!("{platform}  by {author}{reply}")));
    lines.push(line(
        "text",
        quoted(&s(payload, "comment.text").unwrap_or_default(), 120),
    ));
    let post = s(payload, "post.permalink")
        .or_else(|| s(payload, "post.platformPostId"))
        .unwrap_or_else(|| "?".into());
    let content = s(payload, "post.content")
        .map(|c| format!("  {}", quoted(&c, 60)))
        .unwrap_or_default();
    lines.push(line("on post", format!("{post}{content}")));
    lines
}

/// Up to six `path: value` pairs of scalar fields, skipping the envelope (id, event, timestamp).
fn generic(payload: &Value) -> Vec<Line> {
    let mut pairs = Vec::new();
    collect_scalars(payload, "", 0, &mut pairs);
    let shown: Vec<String> = pairs
        .iter()
        .filter(|(path, _)| !matches!(path.as_str(), "id" | "event" | "timestamp"))
        .take(6)
        .map(|(path, value)| format!("{path}: {}", sanitize::excerpt(value, 60)))
        .collect();
    if shown.is_empty() {
        return Vec::new();
    }
    vec![line("fields", shown.join("  "))]
}

fn collect_scalars(value: &Value, prefix: &str, depth: usize, out: &mut Vec<(String, String)>) {
    let Some(object) = value.as_object() else {
        return;
    };
    for (key, child) in object {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match child {
            Value::String(text) => out.push((path, sanitize::line(text).into_owned())),
            Value::Number(n) => out.push((path, n.to_string())),
            Value::Bool(b) => out.push((path, b.to_string())),
            Value::Object(_) if depth < 2 => collect_scalars(child, &path, depth + 1, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn post_summary_lists_platforms() {
        let payload = json!({"event": "post.partial", "post": {"id": "p1", "content": "Hello\u{1b}[2J", "status": "partial",
            "platforms": [{"platform": "twitter", "status": "published", "publishedUrl": "https://x.com/a/1"},
                          {"platform": "linkedin", "status": "failed", "error": "token expired"}]}});
        let lines = summarize("post.partial", &payload);
        assert_eq!(lines[0], line("post", "p1  status partial"));
        assert_eq!(lines[1].text, "\"Hello\\u{001b}[2J\"");
        assert!(lines[2].text.contains("https://x.com/a/1"));
        assert!(lines[3].text.contains("error: token expired"));
    }

    #[test]
    fn message_summary_shows_interactive_metadata() {
        let payload = json!({"message": {"platform": "telegram", "direction": "incoming", "text": "hi",
            "sender": {"id": "42", "name": "Ann"}, "attachments": []},
            "metadata": {"callbackData": "buy:7"}, "account": {"username": "shop"}, "conversation": {"id": "c1"}});
        let lines = summarize("message.received", &payload);
        assert_eq!(lines[0].text, "telegram  incoming from Ann");
        assert!(lines.contains(&line("callback", "buy:7")));
    }

    #[test]
    fn account_and_generic() {
        let payload = json!({"account": {"platform": "instagram", "username": "acme", "disconnectionType": "unintentional", "reason": "token revoked"}});
        let lines = summarize("account.disconnected", &payload);
        assert_eq!(lines[1].text, "unintentional: token revoked");
        let generic = summarize(
            "call.ended",
            &json!({"id": "x", "event": "call.ended", "call": {"durationSeconds": 42}}),
        );
        assert_eq!(generic[0].text, "call.durationSeconds: 42");
    }
}
