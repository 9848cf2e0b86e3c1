//! `update`, `delete`, and naming webhooks by ID or name.

use serde_json::json;

use super::mock::MockApi;
use super::{is_hex, run_api};

#[test]
fn api_update_sends_only_what_changes_and_shows_the_diff() {
    let mock = MockApi::start();
    let id = mock.add_webhook(
        "Prod",
        json!({"events": ["post.published", "post.failed"], "customHeaders": {"X-Env": "prod", "X-Old": "1"},
               "disabledResourceGroups": ["messages"]}),
    );
    let out = run_api(
        &mock,
        &[
            "update",
            "Prod",
            "--add-events",
            "comment.received",
            "--remove-events",
            "post.failed",
            "--disable",
            "--header",
            "X-Env:staging",
            "--name",
            "Prod",
            "--url",
            "https://app.example.com/hooks/2",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let puts = mock.requests_to("PUT", "/v1/webhooks/settings");
    assert_eq!(puts.len(), 1);
    assert_eq!(
        puts[0].body.as_ref().unwrap(),
        &json!({
            "_id": id,
            "events": ["post.published", "comment.received"],
            "isActive": false,
            "customHeaders": {"X-Env": "staging", "X-Old": "1"},
        }),
        "unchanged name and url are not sent"
    );
    assert_eq!(
        out.stdout,
        format!(
            "✓ Updated webhook `Prod` {id}\n  events    +comment.received  -post.failed  (now 2)\n  active    yes → no\n  headers   ~X-Env\n"
        )
    );

    let out = run_api(
        &mock,
        &[
            "update",
            &id,
            "--clear-headers",
            "--clear-disabled-groups",
            "--enable",
            "--events",
            "post.failed",
            "--name",
            "Production",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let puts = mock.requests_to("PUT", "/v1/webhooks/settings");
    assert_eq!(
        puts[1].body.as_ref().unwrap(),
        &json!({"_id": id, "name": "Production", "events": ["post.failed"], "isActive": true,
                "customHeaders": {}, "disabledResourceGroups": []})
    );
    assert!(
        out.stdout.contains("name      Prod → Production"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("headers   -X-Env  -X-Old  (now none)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("disabled groups  -messages  (now none)"),
        "{}",
        out.stdout
    );
    mock.finish();
}

#[test]
fn api_update_secret_json_and_nothing_to_change() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Prod", json!({}));
    let out = run_api(&mock, &["update", "Prod", "--generate-secret", "--json"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let line = &out.json_lines()[0];
    let secret = mock.webhook(&id).unwrap()["secret"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(is_hex(&secret, 64));
    assert_eq!(line["type"], "updated");
    assert_eq!(line["secret"], secret.as_str());
    assert_eq!(
        line["changes"]["secret"],
        json!({"before": "(hidden)", "after": "(changed)"})
    );

    let out = run_api(
        &mock,
        &["update", "Prod", "--secret", "rotated-by-hand-0123456"],
    );
    assert!(
        out.stdout.contains("secret    (hidden) → (changed)"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("rotated-by-hand"));
    assert_eq!(
        mock.webhook(&id).unwrap()["secret"],
        "rotated-by-hand-0123456"
    );

    let out = run_api(
        &mock,
        &["update", "Prod", "--generate-secret", "--print-secret"],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let rotated = mock.webhook(&id).unwrap()["secret"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(is_hex(&rotated, 64) && rotated != secret);
    assert_eq!(out.stdout, format!("{rotated}\n"), "the secret alone");
    assert!(
        out.stderr.contains(&format!("Updated webhook `Prod` {id}")),
        "{}",
        out.stderr
    );

    let before = mock.requests_to("PUT", "/v1/webhooks/settings").len();
    let out = run_api(
        &mock,
        &[
            "update",
            "Prod",
            "--enable",
            "--events",
            "post.failed,post.published",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("Nothing to change: `Prod` already has those settings."),
        "{}",
        out.stderr
    );
    assert_eq!(
        mock.requests_to("PUT", "/v1/webhooks/settings").len(),
        before,
        "no PUT"
    );

    let out = run_api(&mock, &["update", "Prod"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("nothing to change: give at least one field"),
        "{}",
        out.stderr
    );

    let out = run_api(
        &mock,
        &[
            "update",
            "Prod",
            "--remove-events",
            "post.published,post.failed",
        ],
    );
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("would leave the webhook with no events"),
        "{}",
        out.stderr
    );
    let out = run_api(
        &mock,
        &["update", "Prod", "--remove-events", "post.publishd"],
    );
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("did you mean `post.published`"),
        "{}",
        out.stderr
    );
    let out = run_api(
        &mock,
        &[
            "update",
            "Prod",
            "--add-events",
            "post.failed",
            "--remove-events",
            "comment.received",
        ],
    );
    assert_eq!(out.code, Some(0));
    assert!(
        out.stderr.contains("`comment.received` is not subscribed"),
        "{}",
        out.stderr
    );
    assert_eq!(
        mock.requests_to("PUT", "/v1/webhooks/settings").len(),
        before
    );
    mock.finish();
}

#[test]
fn api_names_resolve_or_list_the_candidates() {
    let mock = MockApi::start();
    let a = mock.add_webhook("Staging", json!({}));
    let b = mock.add_webhook("Staging", json!({}));
    let c = mock.add_webhook("Production", json!({}));

    let out = run_api(&mock, &["update", "Staging", "--disable"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("2 webhooks are named `Staging`; name one by its ID"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&a) && out.stderr.contains(&b),
        "{}",
        out.stderr
    );

    let out = run_api(&mock, &["delete", "Productoin", "--yes"]);
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("no webhook has the ID or name `Productoin`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains(&format!("did you mean `Production` ({c})?")),
        "{}",
        out.stderr
    );

    let out = run_api(&mock, &["update", &b, "--disable"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(mock.webhook(&b).unwrap()["isActive"], false);
    assert_eq!(mock.webhook(&a).unwrap()["isActive"], true);
    assert!(
        mock.requests_to("DELETE", "/v1/webhooks/settings")
            .is_empty()
    );
    mock.finish();
}

#[test]
fn api_delete_needs_yes_without_a_terminal() {
    let mock = MockApi::start();
    let id = mock.add_webhook("Old hook", json!({}));
    let out = run_api(&mock, &["delete", "Old hook"]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains(&format!(
            "refusing to delete `Old hook` ({id}) without confirmation: pass --yes"
        )),
        "{}",
        out.stderr
    );
    assert!(mock.webhook(&id).is_some());

    let out = run_api(&mock, &["delete", "Old hook", "--yes"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stdout, format!("✓ Deleted webhook `Old hook` {id}\n"));
    let deletes = mock.requests_to("DELETE", "/v1/webhooks/settings");
    assert_eq!(deletes.len(), 1);
    assert_eq!(deletes[0].query("id"), Some(id.as_str()));
    assert!(mock.webhook(&id).is_none());

    let other = mock.add_webhook("Other", json!({}));
    let out = run_api(&mock, &["delete", &other, "-y", "--json"]);
    assert_eq!(
        out.json_lines(),
        vec![json!({"type": "deleted", "id": other, "name": "Other"})]
    );
    mock.finish();
}
