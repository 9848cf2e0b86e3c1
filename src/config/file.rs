//! The config file on disk: where it is, reading it, and its TOML shape.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Origin, Sourced};

/// The config file as found on disk.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// `None`: the default location.
    pub origin: Option<Origin>,
    pub state: FileState,
}

#[derive(Debug, Clone)]
pub enum FileState {
    Missing,
    /// Unreadable or not valid TOML of the expected shape: ignored, with this reason.
    Broken(String),
    Loaded {
        document: Document,
        /// Readable by the group or by others (Unix permission bits).
        shared: bool,
    },
}

/// The parsed file.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Document {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileDoc>,
    #[serde(flatten)]
    pub unknown: BTreeMap<String, toml::Value>,
}

/// One `[profiles.NAME]` table.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProfileDoc {
    pub api_url: Option<String>,
    pub api_key_env: Option<String>,
    pub api_key_cmd: Option<String>,
    pub api_key: Option<String>,
    pub timeout: Option<String>,
    #[serde(flatten)]
    pub unknown: BTreeMap<String, toml::Value>,
}

/// The default config file: `<config dir>/zernio-hooks/config.toml`.
pub fn default_path() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("zernio-hooks")
        .join("config.toml")
}

/// Read the config file (the given one, or the default location).
pub fn load(given: Option<&Sourced<PathBuf>>) -> ConfigFile {
    let (path, origin) = match given {
        Some(given) => (given.value.clone(), Some(given.origin.clone())),
        None => (default_path(), None),
    };
    let state = match std::fs::read_to_string(&path) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => FileState::Missing,
        Err(err) => FileState::Broken(format!("cannot read it: {err}")),
        Ok(text) => match parse(&text) {
            Ok(document) => FileState::Loaded {
                document,
                shared: readable_by_others(&path),
            },
            Err(reason) => FileState::Broken(reason),
        },
    };
    ConfigFile {
        path,
        origin,
        state,
    }
}

/// Parse the TOML text of a config file.
pub fn parse(text: &str) -> Result<Document, String> {
    toml::from_str::<Document>(text).map_err(|err| {
        let message = err.message().trim().to_string();
        match err.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                format!("line {line}: {message}")
            }
            None => message,
        }
    })
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|meta| meta.permissions().mode() & 0o044 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> bool {
    false
}
