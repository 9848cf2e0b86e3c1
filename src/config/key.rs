//! Where the API key comes from, and running `api_key_cmd` when (and only when) the key is needed.

use super::{Origin, Sourced};
use crate::exit::Failure;
use crate::secret::Secret;

/// Where the API key comes from; a command is only run when the key is needed.
#[derive(Debug, Clone)]
pub enum KeySource {
    Value(Sourced<Secret>),
    Command {
        profile: String,
        command: String,
    },
    /// The selected source names something that is not there (an unset variable, say).
    Unavailable {
        origin: Origin,
        reason: String,
    },
    None,
}

impl KeySource {
    /// The key, running `api_key_cmd` if that is where it comes from.
    pub fn key(&self) -> Result<Sourced<Secret>, Failure> {
        match self {
            KeySource::Value(value) => Ok(value.clone()),
            KeySource::Command { profile, command } => {
                let key = run_key_command(command).map_err(|reason| {
                    Failure::usage(format!(
                        "api_key_cmd of profile `{profile}` failed: {reason}"
                    ))
                    .with_hint("run the command yourself to see what it prints; its stdout must be the key")
                })?;
                Ok(Sourced::new(
                    key,
                    Origin::Profile {
                        profile: profile.clone(),
                        key: "api_key_cmd",
                    },
                ))
            }
            KeySource::Unavailable { origin, reason } => Err(Failure::usage(format!(
                "no Zernio API key: {reason} ({origin})"
            ))
            .with_hint(KEY_HINT)),
            KeySource::None => Err(Failure::usage("no Zernio API key is set").with_hint(KEY_HINT)),
        }
    }
}

/// How to set the key, for errors about a missing or rejected one.
pub const KEY_HINT: &str = "pass --api-key, set ZERNIO_API_KEY, or give a profile api_key_env or api_key_cmd in the config file (`zernio-hooks config` shows what is used)";

/// Run `api_key_cmd` through the shell; stdin and stderr stay the user's (password managers prompt).
fn run_key_command(command: &str) -> Result<Secret, String> {
    let mut shell = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.arg("/C");
        c
    } else {
        let mut c = std::process::Command::new("sh");
        c.arg("-c");
        c
    };
    let output = shell
        .arg(command)
        .stdin(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|err| format!("cannot run it: {err}"))?;
    if !output.status.success() {
        return Err(format!("it exited with {}", output.status));
    }
    let text =
        String::from_utf8(output.stdout).map_err(|_| "it printed non-UTF-8 bytes".to_string())?;
    let key = text.trim();
    if key.is_empty() {
        return Err("it printed nothing".into());
    }
    Ok(Secret::new(key))
}
