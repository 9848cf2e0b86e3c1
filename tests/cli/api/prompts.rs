//! The prompts, on a real terminal: the binary runs under util-linux `script`, which gives it a
//! pseudo-terminal and feeds it our keystrokes.

use std::process::Command;

use serde_json::json;

use super::mock::{KEY, MockApi};
use crate::support::{Outcome, bin_path, run};

/// Run `zernio-hooks <args>` on a pseudo-terminal, typing `keys`.
fn on_terminal(mock: &MockApi, args: &[&str], keys: &[u8]) -> Outcome {
    let home = tempfile::tempdir().unwrap();
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let mut line = quote(&bin_path().display().to_string());
    for arg in args {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    let mut command = Command::new("script");
    command
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("ZERNIO_API_URL", mock.url())
        .env("ZERNIO_API_KEY", KEY);
    let out = run(command, keys);
    assert!(!out.stdout.contains(KEY), "{}", out.stdout);
    out
}

#[test]
fn api_delete_on_a_terminal_asks_first() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Old", json!({}));
    let out = on_terminal(&mock, &["delete", "Old"], b"n");
    assert_eq!(out.code, Some(1), "{}", out.stdout);
    assert!(
        out.stdout.contains("Delete webhook `Old` ("),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Nothing deleted."), "{}", out.stdout);
    assert!(mock.webhook(&id).is_some());

    let out = on_terminal(&mock, &["delete", "Old"], b"y");
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert!(
        out.stdout.contains(&format!("Deleted webhook `Old` {id}")),
        "{}",
        out.stdout
    );
    assert!(mock.webhook(&id).is_none());
    mock.finish();
}

#[test]
fn api_test_on_a_terminal_picks_from_a_list() {
    let mock = MockApi::start();
    mock.add_webhook("First", json!({}));
    let second = mock.add_webhook("Second", json!({}));
    // Arrow down, then enter.
    let out = on_terminal(&mock, &["test"], b"\x1b[B\r");
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert!(
        out.stdout.contains("Webhook to send a test delivery to"),
        "{}",
        out.stdout
    );
    let tests = mock.requests_to("POST", "/v1/webhooks/test");
    assert_eq!(tests.len(), 1);
    assert_eq!(tests[0].body, Some(json!({"webhookId": second})));
    mock.finish();
}

#[test]
fn api_create_on_a_terminal_asks_for_what_is_missing() {
    let mock = MockApi::start();
    // Name; URL (a bad one is refused and asked again); events: tick the first group's line
    // (every publishing event) and, wrapping up to the last line, one more; then accept generating
    // a secret.
    let keys = b"Prompted\rnot a url\r  https://e.x/prompted \r \x1b[A \ry";
    let out = on_terminal(&mock, &["create"], keys);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    for expected in [
        "Name (1-50 characters)",
        "Endpoint URL",
        "`not a url` is not a URL",
        "Events to subscribe to",
        "── publishing: all",
        "Generate a signing secret?",
    ] {
        assert!(out.stdout.contains(expected), "{expected}: {}", out.stdout);
    }
    let posts = mock.requests_to("POST", "/v1/webhooks/settings");
    assert_eq!(posts.len(), 1, "{}", out.stdout);
    let body = posts[0].body.as_ref().unwrap();
    assert_eq!(body["name"], "Prompted");
    assert_eq!(body["url"], "https://e.x/prompted");
    let events: Vec<&str> = body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    let publishing: Vec<&str> = zernio_hooks::api::validate::subscribable()
        .iter()
        .map(String::as_str)
        .filter(|e| zernio_hooks::events::group_of(e) == "publishing")
        .collect();
    assert!(publishing.iter().all(|e| events.contains(e)), "{events:?}");
    assert_eq!(
        events.len(),
        publishing.len() + 1,
        "the group and one more event: {events:?}"
    );
    assert_eq!(events.last(), Some(&"verification.failed"), "{events:?}");
    let secret = body["secret"].as_str().unwrap();
    assert_eq!(secret.len(), 64);
    assert!(
        out.stdout.contains(secret),
        "the generated secret is shown once"
    );
    mock.finish();
}
