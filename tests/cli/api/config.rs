//! The config file and `config`: flag > env > profile > default, where each value came from, the
//! key masked, and profiles that really drive the API calls.

use std::path::Path;

use serde_json::{Value, json};

use super::assert_no_key;
use super::mock::{KEY, MockApi};
use crate::support::{Outcome, cmd, run, write_file};

const STAGING_KEY: &str = "sk_test_stagingKEY_0a1b2c3d4e5f60718293";

/// `zernio-hooks config --json` with the given config file and extra environment.
fn config_json(file: Option<&Path>, args: &[&str], env: &[(&str, &str)]) -> (Value, Outcome) {
    let mut command = cmd();
    command
        .env_remove("ZERNIO_API_URL")
        .arg("config")
        .arg("--json")
        .args(args);
    if let Some(file) = file {
        command.env("ZERNIO_HOOKS_CONFIG", file);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let out = run(command, b"");
    assert_no_key(&out);
    assert!(!out.stdout.contains(STAGING_KEY), "{}", out.stdout);
    let lines = out.json_lines();
    assert_eq!(lines.len(), 1, "{}", out.stdout);
    (lines[0].clone(), out)
}

fn staging_file(dir: &Path, api_url: &str) -> std::path::PathBuf {
    let path = write_file(
        dir,
        "config.toml",
        format!(
            "default_profile = \"staging\"\n\n[profiles.staging]\napi_url = \"{api_url}\"\napi_key_env = \"ZERNIO_STAGING_KEY\"\ntimeout = \"12s\"\n\n[profiles.prod]\napi_key_cmd = \"printf %s {KEY}\"\n"
        )
        .as_bytes(),
    );
    restrict(&path);
    path
}

fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

#[test]
fn api_config_shows_defaults_without_a_file() {
    let (line, out) = config_json(None, &[], &[]);
    assert_eq!(out.code, Some(0));
    assert_eq!(line["type"], "config");
    assert_eq!(line["config_file"]["state"], "not found");
    assert_eq!(line["config_file"]["from"], "default location");
    assert!(
        line["config_file"]["path"]
            .as_str()
            .unwrap()
            .ends_with("zernio-hooks/config.toml")
    );
    assert_eq!(
        line["api_url"],
        json!({"value": "https://zernio.com/api", "source": "default", "from": "default"})
    );
    assert_eq!(line["api_key"]["error"], "not set");
    assert_eq!(line["profile"], Value::Null);
    assert_eq!(line["timeout"]["value"], 30.0);
    assert!(
        out.stderr.is_empty(),
        "a missing file is silent: {}",
        out.stderr
    );

    let mut command = cmd();
    command.env_remove("ZERNIO_API_URL").arg("config");
    let out = run(command, b"");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[0].starts_with("config file  ")
            && lines[0].ends_with("(not found; default location)"),
        "{}",
        out.stdout
    );
    assert_eq!(lines[1], "profile      (none)");
    assert_eq!(lines[2], "api url      https://zernio.com/api (default)");
    assert_eq!(lines[3], "api key      (not set)");
    assert_eq!(lines[4], "timeout      30s (default)");
    assert!(
        out.stderr
            .contains("hint: pass --api-key, set ZERNIO_API_KEY"),
        "{}",
        out.stderr
    );
}

#[test]
fn api_config_precedence_is_flag_env_profile_default() {
    let dir = tempfile::tempdir().unwrap();
    let file = staging_file(dir.path(), "https://staging.example.com/api");
    let staging = [("ZERNIO_STAGING_KEY", STAGING_KEY)];

    let (line, out) = config_json(Some(&file), &[], &staging);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(line["config_file"]["from"], "$ZERNIO_HOOKS_CONFIG");
    assert_eq!(line["config_file"]["profiles"], json!(["prod", "staging"]));
    assert_eq!(line["profile"]["value"], "staging");
    assert_eq!(line["profile"]["source"], "config");
    assert_eq!(
        line["api_url"],
        json!({"value": "https://staging.example.com/api", "source": "profile", "from": "profile `staging`, api_url"})
    );
    assert_eq!(
        line["api_key"],
        json!({"value": "sk_t…8293", "source": "profile", "from": "profile `staging`, api_key_env"})
    );
    assert_eq!(line["timeout"]["value"], 12.0);

    let env = [
        ("ZERNIO_STAGING_KEY", STAGING_KEY),
        ("ZERNIO_API_URL", "http://env.example/api"),
        ("ZERNIO_API_KEY", KEY),
        ("ZERNIO_API_TIMEOUT", "3s"),
    ];
    let (line, _) = config_json(Some(&file), &[], &env);
    assert_eq!(line["api_url"]["value"], "http://env.example/api");
    assert_eq!(line["api_url"]["from"], "$ZERNIO_API_URL");
    assert_eq!(line["api_key"]["from"], "$ZERNIO_API_KEY");
    assert_eq!(line["api_key"]["value"], "sk_l…b1a0");
    assert_eq!(
        line["timeout"],
        json!({"value": 3.0, "source": "env", "from": "$ZERNIO_API_TIMEOUT"})
    );

    let (line, _) = config_json(
        Some(&file),
        &[
            "--api-url",
            "http://flag.example/api",
            "--api-key",
            "sk_flag_value_00000000000000",
        ],
        &env,
    );
    assert_eq!(
        line["api_url"],
        json!({"value": "http://flag.example/api", "source": "flag", "from": "--api-url"})
    );
    assert_eq!(line["api_key"]["from"], "--api-key");

    // --profile beats ZERNIO_PROFILE beats default_profile; api_key_cmd runs.
    let (line, _) = config_json(
        Some(&file),
        &["--profile", "prod"],
        &[("ZERNIO_PROFILE", "staging")],
    );
    assert_eq!(
        line["profile"],
        json!({"value": "prod", "source": "flag", "from": "--profile", "found": true})
    );
    assert_eq!(
        line["api_key"],
        json!({"value": "sk_l…b1a0", "source": "profile", "from": "profile `prod`, api_key_cmd"})
    );
    assert_eq!(line["api_url"]["source"], "default");
    let (line, _) = config_json(Some(&file), &[], &[("ZERNIO_PROFILE", "prod")]);
    assert_eq!(line["profile"]["from"], "$ZERNIO_PROFILE");

    let (line, out) = config_json(Some(&file), &["--profile", "qa"], &[]);
    assert_eq!(out.code, Some(2));
    assert_eq!(line["profile"]["found"], false);
    assert!(
        out.stderr
            .contains("error: profile `qa` (--profile) is not in the config file"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("prod, staging"), "{}", out.stderr);
}

#[test]
fn api_profiles_drive_the_real_calls() {
    let mock = MockApi::start();
    mock.add_webhook("Prod", json!({}));
    let dir = tempfile::tempdir().unwrap();
    let file = staging_file(dir.path(), &mock.url());

    // The staging profile: its URL (the mock), its key from ZERNIO_STAGING_KEY (rejected: 401).
    let mut command = cmd();
    command
        .env_remove("ZERNIO_API_URL")
        .env("ZERNIO_HOOKS_CONFIG", &file)
        .env("ZERNIO_STAGING_KEY", STAGING_KEY)
        .arg("list");
    let out = run(command, b"");
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("rejected the API key from profile `staging`, api_key_env"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(STAGING_KEY));

    // The prod profile's key comes from api_key_cmd; the URL from the flag.
    let mut command = cmd();
    command
        .env_remove("ZERNIO_API_URL")
        .args(["list", "--json", "--profile", "prod", "--config"])
        .arg(&file)
        .args(["--api-url", &mock.url()]);
    let out = run(command, b"");
    assert_no_key(&out);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.json_lines()[0]["webhooks"][0]["name"], "Prod");

    // A profile whose variable is unset: say so, send nothing.
    let mut command = cmd();
    command
        .env_remove("ZERNIO_API_URL")
        .env("ZERNIO_HOOKS_CONFIG", &file)
        .arg("list");
    let out = run(command, b"");
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("error: no Zernio API key: the environment variable ZERNIO_STAGING_KEY is not set (profile `staging`, api_key_env)"),
        "{}",
        out.stderr
    );
    assert_eq!(mock.requests().len(), 2);
    mock.finish();
}

#[test]
fn api_config_file_in_the_default_location() {
    let home = tempfile::tempdir().unwrap();
    let config_home = home.path().join("xdg");
    write_file(
        &config_home.join("zernio-hooks"),
        "config.toml",
        b"[profiles.default]\napi_url = \"https://eu.zernio.example/api\"\n",
    );
    let mut command = cmd();
    command
        .env_remove("ZERNIO_API_URL")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", &config_home)
        .args(["config", "--json"]);
    let out = run(command, b"");
    let line = &out.json_lines()[0];
    assert_eq!(line["config_file"]["state"], "loaded");
    assert_eq!(line["config_file"]["from"], "default location");
    assert_eq!(
        line["profile"]["value"], "default",
        "a profile named default is used when none is picked"
    );
    assert_eq!(line["api_url"]["value"], "https://eu.zernio.example/api");
}

#[test]
fn api_broken_or_careless_config_files_warn() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write_file(
        dir.path(),
        "broken.toml",
        b"[profiles.staging\napi_url = 1\n",
    );
    let (line, out) = config_json(Some(&broken), &[], &[]);
    assert_eq!(out.code, Some(0));
    assert_eq!(line["config_file"]["state"], "broken, ignored");
    assert!(
        out.stderr.contains("warning: ignoring the config file"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("line 1"), "{}", out.stderr);

    let typo = write_file(
        dir.path(),
        "typo.toml",
        b"[profiles.default]\napi-url = \"x\"\n",
    );
    let (_, out) = config_json(Some(&typo), &[], &[]);
    assert!(
        out.stderr
            .contains("unknown key `api-url` in [profiles.default]"),
        "{}",
        out.stderr
    );

    let missing = dir.path().join("nope.toml");
    let (_, out) = config_json(Some(&missing), &[], &[]);
    assert!(
        out.stderr
            .contains("nope.toml ($ZERNIO_HOOKS_CONFIG) does not exist"),
        "{}",
        out.stderr
    );

    let inline = write_file(
        dir.path(),
        "inline.toml",
        format!("[profiles.default]\napi_key = \"{STAGING_KEY}\"\n").as_bytes(),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&inline, std::fs::Permissions::from_mode(0o644)).unwrap();
        let (line, out) = config_json(Some(&inline), &[], &[]);
        assert!(
            out.stderr
                .contains("holds an api_key and other users can read it: run `chmod 600"),
            "{}",
            out.stderr
        );
        assert_eq!(line["api_key"]["from"], "profile `default`, api_key");
        restrict(&inline);
        let (_, out) = config_json(Some(&inline), &[], &[]);
        assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    }
}
