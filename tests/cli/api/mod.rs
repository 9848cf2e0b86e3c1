//! The webhook-settings commands (`list`, `create`, `update`, `delete`, `test`, `logs`, `config`)
//! against a local mock of the Zernio API that checks every request against the embedded spec.

pub mod mock;

mod config;
mod errors;
mod list_create;
mod logs;
#[cfg(target_os = "linux")]
mod prompts;
mod test_cmd;
mod update_delete;

use std::process::Command;

use crate::support::{Outcome, cmd, run};
use mock::{KEY, MockApi};

/// A hermetic command pointed at the mock, with its key in ZERNIO_API_KEY.
pub fn api(mock: &MockApi, args: &[&str]) -> Command {
    let mut command = cmd();
    command
        .env("ZERNIO_API_URL", mock.url())
        .env("ZERNIO_API_KEY", KEY)
        .args(args);
    command
}

/// Run a command against the mock; the key must appear nowhere in what it prints.
pub fn run_api(mock: &MockApi, args: &[&str]) -> Outcome {
    let out = run(api(mock, args), b"");
    assert_no_key(&out);
    out
}

/// `len` hex digits.
pub fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// The API key never shows, in part or in full beyond its masked form.
pub fn assert_no_key(out: &Outcome) {
    for (name, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(!text.contains(KEY), "the API key leaked on {name}:\n{text}");
        assert!(
            !text.contains(&KEY[8..24]),
            "part of the API key leaked on {name}:\n{text}"
        );
    }
}

/// The mock must catch what breaks the spec, or the other tests prove nothing.
#[test]
fn api_mock_flags_requests_that_break_the_spec() {
    use crate::support::raw_request;
    let mock = MockApi::start();
    let auth = format!("Bearer {KEY}");
    let ua = ("User-Agent", "zernio-hooks/0.0.0");
    let base = mock.url();
    type Case<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, &'a [u8], &'a str);
    let cases: [Case; 7] = [
        (
            "GET",
            format!("{base}/v1/webhooks/logs?limit=500"),
            vec![("Authorization", &auth), ua],
            b"",
            "limit=500",
        ),
        (
            "GET",
            format!("{base}/v1/webhooks/logs?page=2"),
            vec![("Authorization", &auth), ua],
            b"",
            "unknown query parameter `page`",
        ),
        (
            "GET",
            format!("{base}/v1/webhooks/settings"),
            vec![ua],
            b"",
            "no Bearer Authorization header",
        ),
        (
            "GET",
            format!("{base}/v1/webhooks/settings"),
            vec![("Authorization", &auth)],
            b"",
            "user agent",
        ),
        (
            "DELETE",
            format!("{base}/v1/webhooks/settings?id=not-an-id"),
            vec![("Authorization", &auth), ua],
            b"",
            "query `id=not-an-id`",
        ),
        (
            "POST",
            format!("{base}/v1/webhooks/settings"),
            vec![
                ("Authorization", &auth),
                ua,
                ("Content-Type", "application/json"),
            ],
            br#"{"name":"","url":"https://e.x/h","events":["webhook.test"]}"#,
            "body:",
        ),
        (
            "PATCH",
            format!("{base}/v1/webhooks/settings"),
            vec![("Authorization", &auth), ua],
            b"",
            "no such operation",
        ),
    ];
    for (method, url, headers, body, expected) in cases {
        raw_request(&url, method, &headers, body);
        let violations = mock.take_violations();
        assert!(
            violations.iter().any(|v| v.contains(expected)),
            "{method} {url}: expected a violation with {expected:?}, got {violations:#?}"
        );
    }
    // Answers are checked too.
    mock.script(
        "GET",
        "/v1/webhooks/settings",
        mock::Reply::json(200, serde_json::json!({"webhooks": [{"_id": 1}]})),
    );
    raw_request(
        &format!("{base}/v1/webhooks/settings"),
        "GET",
        &[("Authorization", &auth), ua],
        b"",
    );
    let violations = mock.take_violations();
    assert!(
        violations
            .iter()
            .any(|v| v.starts_with("answer 200 to get /v1/webhooks/settings")),
        "{violations:#?}"
    );
    // A request that follows the spec passes.
    raw_request(
        &format!("{base}/v1/webhooks/logs?limit=100&skip=10000&status=failed"),
        "GET",
        &[("Authorization", &auth), ua],
        b"",
    );
    assert_eq!(mock.take_violations(), Vec::<String>::new());
    mock.finish();
}
