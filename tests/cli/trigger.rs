//! `zernio-hooks trigger` end to end: samples for every event type, `--set`, and `--to` sending
//! through replay's code path to a local receiver that checks signatures itself.

use serde_json::Value;

use crate::support::{Behaviour, Outcome, TestServer, cmd, hmac_hex, run};

const SECRET: &str = "whsec_trigger_test_0123456789";

fn trigger(args: &[&str]) -> Outcome {
    let mut command = cmd();
    command.arg("trigger").args(args);
    run(command, b"")
}

#[test]
fn every_event_type_makes_a_sample_that_matches_its_schema() {
    let catalogue = zernio_hooks::events::catalogue();
    assert_eq!(catalogue.len(), 49);
    for event in catalogue {
        let out = trigger(&[&event.name, "--compact"]);
        assert_eq!(out.code, Some(0), "{}: {}", event.name, out.stderr);
        assert_eq!(out.stdout.lines().count(), 1, "{}: one line", event.name);
        let payload: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(payload["event"], event.name.as_str());
        assert!(payload["id"].as_str().is_some_and(|id| !id.is_empty()));
        let violations = zernio_hooks::events::validate(event, &payload);
        assert!(
            violations.is_empty(),
            "{}: {violations:?}\n{payload:#}",
            event.name
        );
    }
}

#[test]
fn pretty_by_default_with_a_fresh_id_and_timestamp_each_time() {
    let first = trigger(&["post.failed"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    assert!(first.stdout.starts_with("{\n  \""), "{}", first.stdout);
    assert!(first.stdout.ends_with("}\n"));
    let a: Value = serde_json::from_str(&first.stdout).unwrap();
    let b: Value = serde_json::from_str(&trigger(&["post.failed"]).stdout).unwrap();
    assert_ne!(a["id"], b["id"]);
    assert!(
        humantime::parse_rfc3339(a["timestamp"].as_str().unwrap()).is_ok(),
        "{}",
        a["timestamp"]
    );
    assert_eq!(a["post"]["platforms"][0]["status"], "failed");
    let json = trigger(&["post.failed", "--json"]);
    assert_eq!(json.stdout.lines().count(), 1, "--json prints one line");
}

#[test]
fn set_overrides_fields_by_dotted_path() {
    let out = trigger(&[
        "post.failed",
        "--set",
        "post.content=Hello",
        "--set",
        "post.platforms.0.status=failed",
        "--set",
        "post.platforms.0.error=\"token expired\"",
        "--set",
        "attempt=3",
        "--set",
        "flag=true",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let payload: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(payload["post"]["content"], "Hello");
    assert_eq!(payload["post"]["platforms"][0]["status"], "failed");
    assert_eq!(payload["post"]["platforms"][0]["error"], "token expired");
    assert_eq!(payload["attempt"], 3, "values parse as JSON when they can");
    assert_eq!(payload["flag"], true);

    let bad = trigger(&["post.failed", "--set", "post.platforms.9.status=x"]);
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stderr.contains("--set post.platforms.9.status:"),
        "{}",
        bad.stderr
    );

    let off_schema = trigger(&["post.failed", "--set", "post=1"]);
    assert_eq!(off_schema.code, Some(0));
    assert!(
        off_schema
            .stderr
            .contains("no longer matches the post.failed schema"),
        "{}",
        off_schema.stderr
    );
}

#[test]
fn unknown_events_exit_2_with_a_suggestion() {
    let out = trigger(&["post.faild"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("unknown event type `post.faild`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `post.failed`?"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn send_only_flags_need_to() {
    let out = trigger(&["post.failed", "--expect", "2xx"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("--expect only applies when the payload is sent"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    let mut command = cmd();
    command
        .args(["trigger", "post.failed"])
        .env("ZERNIO_WEBHOOK_SECRET", SECRET);
    assert_eq!(
        run(command, b"").code,
        Some(0),
        "a secret from the environment is fine"
    );
}

#[test]
fn to_sends_it_exactly_like_replay() {
    let server = TestServer::start(Some(SECRET), Behaviour::default());
    let url = server.url("/webhooks/zernio");
    let out = trigger(&["post.published", "--to", &url, "--secret", SECRET, "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let got = server.requests();
    assert_eq!(got.len(), 1);
    let request = &got[0];
    assert_eq!(request.signature_ok, Some(true));
    assert_eq!(
        request.header("x-zernio-signature"),
        Some(hmac_hex(SECRET, &request.body).as_str())
    );
    assert_eq!(request.header("x-zernio-event"), Some("post.published"));
    let payload: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(request.header("x-zernio-event-id"), payload["id"].as_str());
    assert_eq!(
        request.body,
        serde_json::to_vec(&payload).unwrap(),
        "sent compact"
    );
    let event = zernio_hooks::events::find("post.published").unwrap();
    assert!(zernio_hooks::events::validate(event, &payload).is_empty());

    // The same output as replay: compare the shape with a replay of the same body.
    let lines = out.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["type"], "result");
    assert_eq!(lines[0]["file"], "trigger");
    assert_eq!(lines[0]["id"], payload["id"]);
    assert_eq!(lines[1]["type"], "summary");
    let dir = tempfile::tempdir().unwrap();
    let file = crate::support::write_file(dir.path(), "p.json", &request.body);
    let mut command = cmd();
    command.args([
        "replay",
        file.to_str().unwrap(),
        "--to",
        &url,
        "--secret",
        SECRET,
        "--json",
    ]);
    let replayed = run(command, b"").json_lines();
    let keys = crate::support::keys;
    assert_eq!(keys(&lines[0]), keys(&replayed[0]));
    assert_eq!(keys(&lines[1]), keys(&replayed[1]));
}

#[test]
fn to_honours_expectations_tamper_and_failures() {
    let strict = TestServer::start(
        Some(SECRET),
        Behaviour {
            enforce_signature: true,
            ..Behaviour::default()
        },
    );
    let out = trigger(&[
        "comment.received",
        "--to",
        &strict.url("/"),
        "--secret",
        SECRET,
        "--tamper",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stdout);
    assert_eq!(strict.requests()[0].signature_ok, Some(false));

    let failing = TestServer::start(
        None,
        Behaviour {
            status: 500,
            ..Behaviour::default()
        },
    );
    let out = trigger(&[
        "comment.received",
        "--to",
        &failing.url("/"),
        "--repeat",
        "2",
    ]);
    assert_eq!(out.code, Some(1));
    assert_eq!(failing.requests().len(), 2);
    assert!(
        out.stdout.contains("✗ expected 2xx, got 500"),
        "{}",
        out.stdout
    );
}

#[test]
fn dry_run_shows_the_generated_body_and_its_signature() {
    let out = trigger(&["webhook.test", "--dry-run", "--secret", SECRET]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let body_line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("{\"id\""))
        .unwrap_or_else(|| panic!("no body in {}", out.stdout));
    let signature = hmac_hex(SECRET, body_line.as_bytes());
    assert!(
        out.stdout
            .contains(&format!("x-zernio-signature: {signature}")),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(SECRET));
}
