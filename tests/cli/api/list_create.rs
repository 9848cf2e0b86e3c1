//! `list` and `create`.

use serde_json::{Value, json};

use super::mock::{MockApi, Reply};
use super::{is_hex, run_api};

#[test]
fn api_list_table_marks_inactive_failing_and_temporary_webhooks() {
    let mock = MockApi::start();
    let fired = humantime::format_rfc3339(
        std::time::SystemTime::now() - std::time::Duration::from_secs(7200),
    );
    let prod = mock.add_webhook(
        "Prod",
        json!({"events": ["post.published", "post.failed", "comment.received"], "failureCount": 3,
               "lastFiredAt": fired.to_string()}),
    );
    let off = mock.add_webhook("Old", json!({"isActive": false, "failureCount": 10}));
    let temp = mock.add_webhook(
        "zernio-hooks laptop",
        json!({"url": "https://relay.example/c/abc"}),
    );

    let out = run_api(&mock, &["list"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", out.stdout);
    assert!(
        lines[0].starts_with("NAME") && lines[0].contains("LAST FIRED"),
        "{}",
        lines[0]
    );
    let row = |id: &str| *lines.iter().find(|l| l.contains(id)).unwrap();
    let prod_row = row(&prod);
    assert!(
        prod_row.contains("3  post.published, post.failed, +1"),
        "{prod_row}"
    );
    assert!(
        prod_row.contains("yes") && prod_row.contains(" 3 "),
        "{prod_row}"
    );
    assert!(prod_row.contains("2h ago"), "{prod_row}");
    let off_row = row(&off);
    assert!(
        off_row.contains(" no ") && off_row.contains("never"),
        "{off_row}"
    );
    assert!(row(&temp).starts_with("zernio-hooks laptop (temporary)"));
    assert!(!out.stdout.contains('\u{1b}'), "no colour in a pipe");

    assert!(
        out.stderr.contains("`Prod` has failed 3 times in a row"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!("`Old` is inactive (Zernio turns a webhook off after 10 failures in a row): turn it back on with `zernio-hooks update {off} --enable`")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("1 temporary webhook made by `listen --register` (still in use, or left behind): remove leftovers with `zernio-hooks prune`"),
        "{}",
        out.stderr
    );

    let out = run_api(&mock, &["list", "--color", "always"]);
    assert!(
        out.stdout.contains("\u{1b}[31m10"),
        "failures near the cut-off are red: {:?}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\u{1b}[33m3 "),
        "rising failures are yellow: {:?}",
        out.stdout
    );
    mock.finish();
}

#[test]
fn api_list_json_is_the_raw_answer_with_secrets_masked() {
    let mock = MockApi::start();
    mock.add_webhook("zernio-hooks ci-runner", json!({}));
    let out = run_api(&mock, &["list", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let lines = out.json_lines();
    assert_eq!(lines.len(), 1);
    let expected: Vec<Value> = mock.webhooks();
    assert_eq!(
        lines[0],
        json!({"webhooks": expected}),
        "raw, nothing added"
    );
    assert!(!out.stdout.contains("temporary"));
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    // Should Zernio ever send a secret back, it is masked.
    let answer = json!({"webhooks": [{"_id": "66a000000000000000000001", "name": "x", "url": "https://e.x/h",
        "secret": "whsec_supersecretvalue_123456", "events": ["post.failed"]}]});
    mock.script("GET", "/v1/webhooks/settings", Reply::json(200, answer));
    let out = run_api(&mock, &["list", "--json"]);
    assert!(!out.stdout.contains("supersecretvalue"), "{}", out.stdout);
    assert_eq!(out.json_lines()[0]["webhooks"][0]["secret"], "whse…3456");
    mock.finish();
}

#[test]
fn api_list_empty_says_how_to_create_one() {
    let mock = MockApi::start();
    let out = run_api(&mock, &["list"]);
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("No webhooks yet: `zernio-hooks create` makes one."),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_create_sends_exactly_the_given_fields() {
    let mock = MockApi::start();
    let out = run_api(
        &mock,
        &[
            "create",
            "--name",
            "Prod",
            "--url",
            "  https://app.example.com/webhooks/zernio \n",
            "--events",
            "post.published,post.failed",
            "--events",
            "comment.received,post.failed",
            "--header",
            "X-Env: prod",
            "-H",
            "X-Team:growth",
            "--disable-group",
            "messages",
            "--inactive",
            "--secret",
            "my-own-secret-value-0123",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let posts = mock.requests_to("POST", "/v1/webhooks/settings");
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].body.as_ref().unwrap(),
        &json!({
            "name": "Prod",
            "url": "https://app.example.com/webhooks/zernio",
            "events": ["post.published", "post.failed", "comment.received"],
            "secret": "my-own-secret-value-0123",
            "isActive": false,
            "customHeaders": {"X-Env": "prod", "X-Team": "growth"},
            "disabledResourceGroups": ["messages"],
        })
    );
    let id = mock.webhooks()[0]["_id"].as_str().unwrap().to_string();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], format!("✓ Created webhook `Prod` {id}"));
    assert!(
        out.stdout
            .contains("events  3: post.published, post.failed, comment.received"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("active  no (--inactive)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("headers  X-Env, X-Team"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("growth"),
        "header values are not shown"
    );
    assert!(
        out.stdout.contains("secret  my-o…0123 (as given)"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("my-own-secret-value-0123")
            && !out.stderr.contains("my-own-secret-value-0123")
    );
    assert!(
        out.stderr.contains(&format!("zernio-hooks test {id}")),
        "{}",
        out.stderr
    );
    mock.finish();
}

#[test]
fn api_create_generates_a_secret_and_shows_it_once() {
    let mock = MockApi::start();
    let out = run_api(
        &mock,
        &[
            "create",
            "--name",
            "Gen",
            "--url",
            "https://e.x/h",
            "--all-events",
            "--generate-secret",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let stored = &mock.webhooks()[0];
    let secret = stored["secret"].as_str().unwrap();
    assert!(is_hex(secret, 64), "{secret}");
    assert_eq!(
        out.stdout.matches(secret).count(),
        1,
        "printed once: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains("shown only this once: store it now"),
        "{}",
        out.stdout
    );
    let events = stored["events"].as_array().unwrap();
    assert_eq!(events.len(), 48, "every subscribable event");
    assert!(!events.contains(&json!("webhook.test")));
    assert!(
        out.stdout.contains("events  48: post.scheduled"),
        "{}",
        out.stdout
    );

    // --print-secret: stdout is the secret alone.
    let out = run_api(
        &mock,
        &[
            "create",
            "--name",
            "Gen2",
            "--url",
            "https://e.x/h2",
            "--events",
            "post.failed",
            "--generate-secret",
            "--print-secret",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let secret = mock.webhooks()[1]["secret"].as_str().unwrap().to_string();
    assert_eq!(out.stdout, format!("{secret}\n"));
    assert!(
        out.stderr.contains("Created webhook `Gen2`"),
        "{}",
        out.stderr
    );

    // --json: one line with the webhook and the new secret.
    let out = run_api(
        &mock,
        &[
            "create",
            "--name",
            "Gen3",
            "--url",
            "https://e.x/h3",
            "--events",
            "post.failed",
            "--generate-secret",
            "--json",
        ],
    );
    let line = &out.json_lines()[0];
    assert_eq!(line["type"], "created");
    assert_eq!(line["webhook"]["name"], "Gen3");
    assert_eq!(line["secret"], mock.webhooks()[2]["secret"]);
    assert_ne!(mock.webhooks()[1]["secret"], mock.webhooks()[2]["secret"]);
    mock.finish();
}

#[test]
fn api_create_without_a_secret_warns() {
    let mock = MockApi::start();
    let out = run_api(
        &mock,
        &[
            "create",
            "--name",
            "Plain",
            "--url",
            "https://e.x/h",
            "--events",
            "post.failed",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: no secret: Zernio will send deliveries unsigned"),
        "{}",
        out.stderr
    );
    assert!(mock.webhooks()[0].get("secret").is_none());
    mock.finish();
}

#[test]
fn api_create_checks_input_before_any_call() {
    let mock = MockApi::start();
    let long = "n".repeat(51);
    let out = run_api(
        &mock,
        &[
            "create",
            "--name",
            &long,
            "--url",
            "example.com/hook",
            "--events",
            "post.publishd,webhook.test",
            "--disable-group",
            "inbox",
        ],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    for expected in [
        "the name is 51 characters long; it must be 1-50",
        "`example.com/hook` is not a URL",
        "unknown event `post.publishd` (did you mean `post.published`?)",
        "`webhook.test` cannot be subscribed to",
        "unknown resource group `inbox`",
    ] {
        assert!(out.stderr.contains(expected), "{expected}: {}", out.stderr);
    }
    let out = run_api(
        &mock,
        &[
            "create",
            "--name",
            "x",
            "--url",
            "ftp://e.x/h",
            "--events",
            "post.failed",
        ],
    );
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("not an http:// or https:// URL"),
        "{}",
        out.stderr
    );
    assert!(mock.requests().is_empty(), "nothing was sent");
    mock.finish();
}

#[test]
fn api_create_without_a_terminal_names_the_missing_flags() {
    let mock = MockApi::start();
    let out = run_api(&mock, &["create", "--generate-secret"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains(
            "missing --name, --url, --events (or --all-events) (there is no terminal to ask on)"
        ),
        "{}",
        out.stderr
    );
    let out = run_api(&mock, &["create", "--name", "x", "--events", "post.failed"]);
    assert!(
        out.stderr
            .contains("error: missing --url (there is no terminal"),
        "{}",
        out.stderr
    );
    assert!(mock.requests().is_empty());
    mock.finish();
}
