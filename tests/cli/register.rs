//! `listen --register` against the local API mock (create → deliveries → delete on exit; restore
//! on exit), and `prune` of leftovers.

use serde_json::{Value, json};

use crate::api::mock::{KEY, MockApi};
use crate::api::{assert_no_key, run_api};
use crate::listen::payload;
use crate::support::{Background, cmd, hmac_hex, post_signed, run};

/// `listen --port 0 <args>` pointed at the mock, waiting for the ready line.
fn listen_registered(mock: &MockApi, args: &[&str]) -> (Background, String) {
    let mut command = cmd();
    command
        .env("ZERNIO_API_URL", mock.url())
        .env("ZERNIO_API_KEY", KEY)
        .args(["listen", "--port", "0"])
        .args(args);
    crate::support::listen_with(command)
}

#[test]
fn a_temporary_webhook_lives_as_long_as_listen() {
    let mock = MockApi::start();
    let (mut bg, url) = listen_registered(
        &mock,
        &[
            "--register",
            "--public-url",
            "https://tunnel.example.test/hook",
            "--json",
        ],
    );
    bg.wait_stderr(|l| l.contains("registered temporary webhook"));
    let webhooks = mock.webhooks();
    assert_eq!(webhooks.len(), 1);
    let created = &webhooks[0];
    assert!(
        created["name"]
            .as_str()
            .unwrap()
            .starts_with("zernio-hooks "),
        "{created}"
    );
    assert_eq!(created["url"], "https://tunnel.example.test/hook");
    assert_eq!(created["isActive"], true);
    let subscribed = created["events"].as_array().unwrap().len();
    assert!(subscribed >= 48, "every event by default: {subscribed}");
    let secret = created["secret"].as_str().unwrap().to_string();
    assert_eq!(secret.len(), 64, "a fresh 32-byte hex secret");

    // Zernio signs with that secret; listen verifies with it.
    let (status, _) = post_signed(&url, &secret, &payload("post.published"));
    assert_eq!(status, 200);
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(out.code, Some(130));
    assert!(
        out.stderr.contains("deleted temporary webhook"),
        "{}",
        out.stderr
    );
    assert!(mock.webhooks().is_empty(), "deleted on exit");
    let delivery = out
        .json_lines()
        .into_iter()
        .find(|l| l["type"] == "delivery")
        .unwrap();
    assert_eq!(delivery["verdict"], "valid");
    assert!(
        !out.stdout.contains(&secret) && !out.stderr.contains(&secret),
        "the generated secret is never printed"
    );
    assert_no_key(&out);
    assert_eq!(mock.requests_to("POST", "/v1/webhooks/settings").len(), 1);
    assert_eq!(mock.requests_to("DELETE", "/v1/webhooks/settings").len(), 1);
    mock.finish();
}

#[test]
fn register_through_a_relay_with_chosen_events_and_exit_after() {
    let mock = MockApi::start();
    let mut relay_cmd = cmd();
    relay_cmd.args(["relay", "--bind", "127.0.0.1:0"]);
    let mut relay = Background::spawn(relay_cmd);
    let line = relay.wait_stderr(|l| l.contains("Relay listening on http://"));
    let relay_url = line[line.find("http://").unwrap()..].trim().to_string();
    let channel = format!("{relay_url}/0123456789abcdef0123456789abcdef");

    let (mut bg, _url) = listen_registered(
        &mock,
        &[
            "--register",
            "--relay",
            &channel,
            "--events",
            "webhook.test,post.failed",
            "--exit-after",
            "1",
        ],
    );
    bg.wait_stderr(|l| l.contains("registered temporary webhook"));
    bg.wait_stderr(|l| l.contains("connected to relay"));
    let created = mock.webhooks()[0].clone();
    assert_eq!(created["url"], channel.as_str());
    assert_eq!(
        created["events"],
        json!(["post.failed"]),
        "webhook.test cannot be subscribed to"
    );
    let secret = created["secret"].as_str().unwrap().to_string();
    let body = payload("webhook.test");
    let (status, _) = crate::support::raw_post(
        &channel,
        &[("X-Zernio-Signature", &hmac_hex(&secret, &body))],
        &body,
    );
    assert_eq!(status, 200);
    let out = bg.finish();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("✓ valid"), "{}", out.stdout);
    assert!(mock.webhooks().is_empty(), "deleted after --exit-after too");
    mock.finish();
}

#[test]
fn an_existing_webhook_is_repointed_and_restored() {
    let mock = MockApi::start();
    let id = mock.add_webhook(
        "Staging hooks",
        json!({"url": "https://staging.example.com/zernio", "isActive": false}),
    );
    let (mut bg, _url) = listen_registered(
        &mock,
        &[
            "--register",
            "Staging hooks",
            "--public-url",
            "https://laptop.example.test/",
            "--secret",
            "s",
        ],
    );
    bg.wait_stderr(|l| l.contains("pointed webhook `Staging hooks`"));
    let during = mock.webhook(&id).unwrap();
    assert_eq!(during["url"], "https://laptop.example.test/");
    assert_eq!(during["isActive"], true, "enabled while listening");
    bg.interrupt();
    let out = bg.finish();
    assert!(
        out.stderr.contains("restored webhook `Staging hooks`"),
        "{}",
        out.stderr
    );
    let after: Value = mock.webhook(&id).unwrap();
    assert_eq!(after["url"], "https://staging.example.com/zernio");
    assert_eq!(after["isActive"], false, "disabled again, as it was");
    mock.finish();
}

#[test]
fn register_needs_a_public_url_and_a_key() {
    let mock = MockApi::start();
    let out = run_api(&mock, &["listen", "--port", "0", "--register"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("--register needs a public URL"),
        "{}",
        out.stderr
    );

    let mut command = cmd();
    command.env("ZERNIO_API_URL", mock.url()).args([
        "listen",
        "--port",
        "0",
        "--register",
        "--public-url",
        "https://x.test",
    ]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("ZERNIO_API_KEY"), "{}", out.stderr);
    assert!(mock.requests().is_empty(), "nothing sent");

    let out = run_api(
        &mock,
        &[
            "listen",
            "--port",
            "0",
            "--register",
            "No such hook",
            "--public-url",
            "https://x.test",
        ],
    );
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    mock.finish();
}

#[test]
fn prune_removes_leftover_temporary_webhooks() {
    let mock = MockApi::start();
    mock.add_webhook(
        "zernio-hooks old-laptop",
        json!({"url": "https://gone.trycloudflare.com"}),
    );
    mock.add_webhook(
        "zernio-hooks ci-runner-7",
        json!({"url": "https://relay.example.com/abc"}),
    );
    let keep = mock.add_webhook("Production", json!({}));

    let out = run_api(&mock, &["list"]);
    assert!(
        out.stdout.contains("zernio-hooks old-laptop"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("prune") || out.stdout.contains("temporary"),
        "list marks leftovers: {}{}",
        out.stdout,
        out.stderr
    );

    let out = run_api(&mock, &["prune"]);
    assert_eq!(out.code, Some(2), "no terminal and no --yes");
    assert!(out.stderr.contains("pass --yes"), "{}", out.stderr);
    assert_eq!(mock.webhooks().len(), 3);

    let out = run_api(&mock, &["prune", "--dry-run"]);
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.stdout.matches("would remove").count(),
        2,
        "{}",
        out.stdout
    );
    assert_eq!(mock.webhooks().len(), 3);

    let out = run_api(&mock, &["prune", "--yes", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let pruned: Vec<Value> = out.json_lines();
    assert_eq!(pruned.len(), 2);
    assert!(pruned.iter().all(|p| p["type"] == "pruned"));
    let left = mock.webhooks();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["_id"], keep.as_str());

    let out = run_api(&mock, &["prune"]);
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.contains("No temporary webhooks"),
        "{}",
        out.stdout
    );
    mock.finish();
}
