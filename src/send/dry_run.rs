//! `--dry-run`: for each input, the request line, the exact headers (credentials masked) and the
//! signature; the body too when it was generated here (`trigger`), since it exists nowhere else.
//! Nothing is sent.

use std::io::{self, BufWriter};

use reqwest::header::HeaderValue;
use serde_json::json;

use crate::context::Context;
use crate::exit;
use crate::output::sanitize;
use crate::secret;
use crate::send::delivery::Prepared;
use crate::send::printer::write_flush;
use crate::send::summary::plural;
use crate::send::{Feed, Settings, display_url};

/// Show every delivery of the feed; exit 0 unless an input changed since it was checked.
pub async fn dry_run(
    ctx: &Context,
    settings: &Settings,
    url: Option<&reqwest::Url>,
    mut feed: Feed,
) -> anyhow::Result<u8> {
    let mut out = BufWriter::new(io::stdout());
    let shown_url = url.map(display_url);
    let paint = ctx.out();
    let mut payloads = 0u64;
    while let Some(batch) = feed.next_batch().await {
        for prepared in batch {
            payloads += 1;
            let headers = shown_headers(&prepared, url);
            let text = if ctx.json() {
                let value = json!({
                    "type": "dry_run",
                    "file": &*prepared.origin.file,
                    "line": prepared.origin.line,
                    "event": prepared.event,
                    "id": prepared.id,
                    "method": "POST",
                    "url": shown_url,
                    "headers": headers,
                    "signature": prepared.signature,
                    "bytes": prepared.body.len(),
                    "repeat": settings.repeat,
                    "body": feed.generated.then(|| String::from_utf8_lossy(&prepared.body)),
                });
                serde_json::to_string(&value).unwrap_or_default() + "\n"
            } else {
                let mut text = format!(
                    "{}  {}  {}\n  {} {}\n",
                    paint.bold(&sanitize::line(&prepared.origin.label())),
                    sanitize::line(&prepared.event),
                    sanitize::line(&prepared.id),
                    paint.cyan("POST"),
                    shown_url.as_deref().unwrap_or("(no --to given)"),
                );
                for (name, value) in &headers {
                    text.push_str(&format!(
                        "  {}: {}\n",
                        paint.dimmed(name),
                        sanitize::line(value)
                    ));
                }
                if settings.repeat > 1 {
                    text.push_str(&format!("  (sent {} times)\n", settings.repeat));
                }
                if feed.generated || ctx.verbose() > 0 {
                    let body = String::from_utf8_lossy(&prepared.body);
                    text.push_str(&format!("\n{}\n", sanitize::block(&body)));
                }
                text.push('\n');
                text
            };
            write_flush(&mut out, &text)?;
        }
    }
    if let Err(problem) = feed.finish().await {
        return Err(exit::Failure::usage(problem).into());
    }
    let deliveries = payloads * u64::from(settings.repeat);
    let secret = settings.plan.secret.as_ref().map(|s| s.masked());
    let text = if ctx.json() {
        let value = json!({
            "type": "summary",
            "dry_run": true,
            "url": shown_url,
            "payloads": payloads,
            "deliveries": deliveries,
            "signed": secret.is_some(),
            "tampered": settings.plan.tamper,
        });
        serde_json::to_string(&value).unwrap_or_default() + "\n"
    } else {
        let signed = match (&secret, settings.plan.tamper) {
            (Some(masked), false) => format!("signed with secret {masked}"),
            (Some(masked), true) => format!("signatures deliberately wrong for secret {masked}"),
            (None, _) => "unsigned (no secret)".to_string(),
        };
        format!(
            "{} {} ({}, {signed}) would be sent to {}; nothing was sent\n",
            paint.bold("Dry run:"),
            plural(deliveries, "delivery", "deliveries"),
            plural(payloads, "payload", "payloads"),
            shown_url.as_deref().unwrap_or("(no --to given)"),
        )
    };
    write_flush(&mut out, &text)?;
    Ok(exit::OK)
}

/// The headers as they would go on the wire: Host first, Content-Length last.
fn shown_headers(prepared: &Prepared, url: Option<&reqwest::Url>) -> Vec<(String, String)> {
    let mut shown = Vec::with_capacity(prepared.headers.len() + 2);
    if let Some(url) = url {
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            (None, _) => String::new(),
        };
        shown.push(("host".to_string(), host));
    }
    for (name, value) in &prepared.headers {
        shown.push((
            name.as_str().to_string(),
            display_value(name.as_str(), value),
        ));
    }
    shown.push(("content-length".into(), prepared.body.len().to_string()));
    shown
}

/// A header value as shown: values of headers that usually carry credentials (Authorization,
/// cookies, tokens, keys, passwords) are masked; signatures are shown.
pub fn display_value(name: &str, value: &HeaderValue) -> String {
    let text = String::from_utf8_lossy(value.as_bytes());
    let lower = name.to_ascii_lowercase();
    let sensitive = !lower.ends_with("signature")
        && (matches!(
            lower.as_str(),
            "authorization" | "proxy-authorization" | "cookie"
        ) || ["token", "secret", "key", "password", "auth", "session"]
            .iter()
            .any(|word| lower.contains(word)));
    if sensitive {
        secret::mask(&text)
    } else {
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_credentials_not_signatures() {
        let token = HeaderValue::from_static("Bearer abcdefghijklmnopqrstuvwxyz");
        assert_eq!(display_value("Authorization", &token), "Bear…wxyz");
        assert_eq!(display_value("x-api-key", &token), "Bear…wxyz");
        assert_eq!(
            display_value("x-zernio-signature", &token),
            "Bearer abcdefghijklmnopqrstuvwxyz"
        );
        assert_eq!(display_value("x-env", &token), token.to_str().unwrap());
    }
}
