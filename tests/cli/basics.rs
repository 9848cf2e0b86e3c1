//! `events`, `sign`, `verify`, `completions`, and the behaviour every command shares.

use std::path::{Path, PathBuf};

use crate::support::{cmd, run};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn vectors() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(fixtures().join("signatures/vectors.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn events_lists_all_49_with_12_core() {
    let mut command = cmd();
    command.args(["events", "--json"]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let lines = out.json_lines();
    assert_eq!(lines.len(), 49);
    assert!(lines.iter().all(|l| l["type"] == "event"));
    let core: Vec<&str> = lines
        .iter()
        .filter(|l| l["core"] == true)
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(core.len(), 12);
    assert!(core.contains(&"webhook.test") && core.contains(&"comment.received"));
    let post = lines
        .iter()
        .find(|l| l["name"] == "post.published")
        .unwrap();
    assert_eq!(post["group"], "publishing");
    assert_eq!(post["schema"], "WebhookPayloadPost");
    assert_eq!(
        post["description"],
        "Fired when a post is successfully published."
    );
}

#[test]
fn events_human_table_marks_core_and_filters() {
    let mut command = cmd();
    command.args(["events", "--group", "telephony"]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.contains("call.ended"));
    assert!(!out.stdout.contains("post.published"));
    assert!(
        !out.stdout.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );

    let mut command = cmd();
    command.args(["events", "--core"]);
    let out = run(command, b"");
    assert!(
        out.stdout.lines().filter(|l| l.starts_with('★')).count() == 12,
        "{}",
        out.stdout
    );

    let mut command = cmd();
    command.args(["events", "--group", "nope"]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("unknown resource group `nope`"),
        "{}",
        out.stderr
    );
}

#[test]
fn sign_matches_openssl_vectors_for_files_and_stdin() {
    for vector in vectors() {
        let file = fixtures()
            .join("signatures")
            .join(vector["body"].as_str().unwrap());
        let secret = vector["secret"].as_str().unwrap();
        let expected = vector["signature"].as_str().unwrap();

        let mut command = cmd();
        command.arg("sign").arg("--secret").arg(secret).arg(&file);
        let out = run(command, b"");
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(out.stdout, format!("{expected}\n"), "{}", file.display());

        let mut command = cmd();
        command
            .args(["sign", "-"])
            .env("ZERNIO_WEBHOOK_SECRET", secret);
        let out = run(command, &std::fs::read(&file).unwrap());
        assert_eq!(out.stdout.trim(), expected, "stdin for {}", file.display());
    }
}

#[test]
fn verify_accepts_vectors_and_explains_failures() {
    for vector in vectors() {
        let file = fixtures()
            .join("signatures")
            .join(vector["body"].as_str().unwrap());
        let mut command = cmd();
        command
            .arg("verify")
            .arg("--secret")
            .arg(vector["secret"].as_str().unwrap())
            .arg("--signature")
            .arg(vector["signature"].as_str().unwrap())
            .arg(&file);
        let out = run(command, b"");
        assert_eq!(out.code, Some(0), "{}: {}", file.display(), out.stderr);
    }
    let vector = &vectors()[0];
    let body = std::fs::read(fixtures().join("signatures/compact.json")).unwrap();
    let signature = vector["signature"].as_str().unwrap();

    // A trailing newline added after signing.
    let mut with_newline = body.clone();
    with_newline.push(b'\n');
    let mut command = cmd();
    command.args([
        "verify",
        "--secret",
        "whsec_2d1f0c9a7b",
        "--signature",
        signature,
    ]);
    let out = run(command, &with_newline);
    assert_eq!(out.code, Some(3));
    assert!(
        out.stderr.contains("matches without its trailing newline"),
        "{}",
        out.stderr
    );

    // The wrong secret.
    let mut command = cmd();
    command.args([
        "verify",
        "--secret",
        "not-it",
        "--signature",
        signature,
        "-",
    ]);
    let out = run(command, &body);
    assert_eq!(out.code, Some(3));
    assert!(
        out.stderr.contains("wrong secret or altered body"),
        "{}",
        out.stderr
    );

    // A GitHub-style prefix.
    let mut command = cmd();
    command.args([
        "verify",
        "--secret",
        "whsec_2d1f0c9a7b",
        "--signature",
        &format!("sha256={signature}"),
        "--json",
    ]);
    let out = run(command, &body);
    assert_eq!(out.code, Some(3));
    let line = &out.json_lines()[0];
    assert_eq!(line["verdict"], "malformed");
    assert!(
        line["explanation"]
            .as_str()
            .unwrap()
            .contains("`sha256=` prefix"),
        "{line}"
    );
}

#[test]
fn sign_without_a_secret_is_a_usage_error() {
    let mut command = cmd();
    command.arg("sign");
    let out = run(command, b"{}");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("a webhook secret is required"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("ZERNIO_WEBHOOK_SECRET"),
        "{}",
        out.stderr
    );

    let mut command = cmd();
    command.args(["sign", "--secret-file", "/nonexistent/secret"]);
    let out = run(command, b"{}");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr
            .contains("cannot read the secret file /nonexistent/secret"),
        "{}",
        out.stderr
    );

    let mut command = cmd();
    command.args(["sign", "--secret", "s", "/nonexistent/body.json"]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("cannot read /nonexistent/body.json"),
        "{}",
        out.stderr
    );
}

#[test]
fn secret_file_is_trimmed_and_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("secret");
    std::fs::write(&path, "whsec_2d1f0c9a7b\n").unwrap();
    let mut command = cmd();
    command
        .arg("sign")
        .arg("--secret-file")
        .arg(&path)
        .arg(fixtures().join("signatures/compact.json"));
    let out = run(command, b"");
    assert_eq!(
        out.stdout.trim(),
        vectors()[0]["signature"].as_str().unwrap()
    );
    assert!(!out.stderr.contains("whsec_2d1f0c9a7b"));
}

#[test]
fn committed_completions_are_current() {
    for (shell, file) in [
        ("bash", "zernio-hooks.bash"),
        ("zsh", "_zernio-hooks"),
        ("fish", "zernio-hooks.fish"),
        ("powershell", "_zernio-hooks.ps1"),
        ("elvish", "zernio-hooks.elv"),
    ] {
        let mut command = cmd();
        command.args(["completions", shell]);
        let out = run(command, b"");
        assert_eq!(out.code, Some(0));
        assert!(
            out.stdout.contains("listen"),
            "{shell} completion mentions listen"
        );
        let committed = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("completions")
                .join(file),
        )
        .unwrap_or_default();
        assert!(
            committed == out.stdout,
            "completions/{file} is stale: regenerate with `zernio-hooks completions {shell} > completions/{file}`"
        );
    }
}

#[test]
fn usage_errors_exit_2_and_broken_pipes_exit_0() {
    let mut command = cmd();
    command.args(["listen", "--port", "notaport"]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(2));

    let mut command = cmd();
    command.args(["listen", "--forward-to", "ftp://x"]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("not an http:// or https:// URL"),
        "{}",
        out.stderr
    );

    // `events | head -0`: the reader is gone before the first write; we exit 0 without an error.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = cmd();
    command
        .args(["events", "--json"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped());
    let output = command.spawn().unwrap().wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
