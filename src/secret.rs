//! Secrets (webhook secrets, API keys, relay tokens) that never print in full.

use std::fmt;
use std::path::Path;

use crate::cli::SecretArgs;
use crate::exit::Failure;

/// A secret string. `Debug` and `Display` print `(redacted)`; [`Secret::masked`] shows a hint of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for signing or sending. Never print it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// A masked form safe to print: the first 4 and last 4 characters of long secrets, nothing of short ones.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

/// Mask a secret for display: `whse…f3a9` when it is long enough to keep most of it hidden.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() >= 16 {
        let head: String = chars[..4].iter().collect();
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("{head}…{tail}")
    } else {
        "*****".to_string()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(redacted)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

impl SecretArgs {
    /// The secret from `--secret`, `--secret-file` or `ZERNIO_WEBHOOK_SECRET`, if any.
    pub fn resolve(&self) -> anyhow::Result<Option<Secret>> {
        if let Some(path) = &self.secret_file {
            return read_secret_file(path).map(Some);
        }
        match &self.secret {
            Some(value) if value.is_empty() => Err(Failure::usage(
                "the webhook secret is empty (--secret or ZERNIO_WEBHOOK_SECRET)",
            )
            .into()),
            Some(value) => Ok(Some(Secret::new(value.clone()))),
            None => Ok(None),
        }
    }
}

fn read_secret_file(path: &Path) -> anyhow::Result<Secret> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Failure::usage(format!(
            "cannot read the secret file {}: {err}",
            path.display()
        ))
    })?;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Failure::usage(format!("the secret file {} is empty", path.display())).into());
    }
    Ok(Secret::new(trimmed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_in_full() {
        let secret = Secret::new("whsec_0123456789abcdef");
        assert_eq!(format!("{secret}"), "(redacted)");
        assert_eq!(format!("{secret:?}"), "Secret(redacted)");
        assert_eq!(secret.masked(), "whse…cdef");
        assert!(!Secret::new("short").masked().contains("short"));
    }
}
