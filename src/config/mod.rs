//! The config file and the resolution of the API settings: flag > env > profile > default.
//!
//! ```toml
//! default_profile = "staging"          # used when neither --profile nor ZERNIO_PROFILE is given
//!
//! [profiles.staging]
//! api_url = "https://staging.zernio.com/api"
//! api_key_env = "ZERNIO_STAGING_KEY"   # or api_key_cmd = "op read op://dev/zernio/key"
//! timeout = "20s"
//! ```
//!
//! A missing file at the default location is silent; a broken one is a warning and is ignored.
//! Resolution is pure ([`resolve`] takes the file and an environment lookup), so it is unit tested
//! exactly; only [`load`] and [`KeySource::key`] touch the disk or run a command.

mod file;
mod key;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

pub use file::{ConfigFile, Document, FileState, ProfileDoc, default_path, load, parse};
pub use key::{KEY_HINT, KeySource};

use crate::exit::Failure;
use crate::secret::Secret;

/// The Zernio API base URL when nothing else is configured.
pub const DEFAULT_API_URL: &str = "https://zernio.com/api";
/// How long one API call may take when nothing else is configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The environment variable that sets the API timeout.
pub const TIMEOUT_ENV: &str = "ZERNIO_API_TIMEOUT";

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A command-line flag, e.g. `--api-url`.
    Flag(&'static str),
    /// An environment variable, e.g. `ZERNIO_API_URL`.
    Env(String),
    /// A key of a profile in the config file.
    Profile { profile: String, key: &'static str },
    /// `default_profile` in the config file.
    FileDefault,
    /// The built-in default.
    Default,
}

impl Origin {
    /// A short machine-readable tag for `config --json`.
    pub fn kind(&self) -> &'static str {
        match self {
            Origin::Flag(_) => "flag",
            Origin::Env(_) => "env",
            Origin::Profile { .. } => "profile",
            Origin::FileDefault => "config",
            Origin::Default => "default",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => f.write_str(flag),
            Origin::Env(name) => write!(f, "${name}"),
            Origin::Profile { profile, key } => write!(f, "profile `{profile}`, {key}"),
            Origin::FileDefault => f.write_str("default_profile in the config file"),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    pub fn new(value: T, origin: Origin) -> Self {
        Sourced { value, origin }
    }
}

/// What the command line and the environment said, before the config file is consulted.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub api_key: Option<Sourced<String>>,
    pub api_url: Option<Sourced<String>>,
    pub profile: Option<Sourced<String>>,
    pub config: Option<Sourced<PathBuf>>,
    /// `ZERNIO_API_TIMEOUT`.
    pub timeout: Option<String>,
}

/// The selected profile.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub origin: Origin,
    /// Whether the config file has it.
    pub found: bool,
}

/// Every API setting, resolved, with where each came from.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub file: ConfigFile,
    pub profile: Option<Profile>,
    pub api_url: Sourced<String>,
    pub api_key: KeySource,
    pub timeout: Sourced<Duration>,
    /// Warnings for the user (broken file, unknown keys, a key in a shared file, ...).
    pub warnings: Vec<String>,
}

impl Resolved {
    /// The profile names the file defines.
    pub fn profile_names(&self) -> Vec<String> {
        match &self.file.state {
            FileState::Loaded { document, .. } => document.profiles.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// Fail when the selected profile is not in the file.
    pub fn check_profile(&self) -> Result<(), Failure> {
        match &self.profile {
            Some(profile) if !profile.found => {
                let names = self.profile_names();
                let hint = if names.is_empty() {
                    format!(
                        "{} defines no profiles; add a [profiles.{}] table",
                        self.file.path.display(),
                        profile.name
                    )
                } else {
                    format!(
                        "profiles in {}: {}",
                        self.file.path.display(),
                        names.join(", ")
                    )
                };
                Err(Failure::usage(format!(
                    "profile `{}` ({}) is not in the config file",
                    profile.name, profile.origin
                ))
                .with_hint(hint))
            }
            _ => Ok(()),
        }
    }
}

/// Combine the inputs, the file and the environment: flag > env > profile > default.
pub fn resolve(
    inputs: &Inputs,
    file: ConfigFile,
    env: &dyn Fn(&str) -> Option<String>,
) -> Resolved {
    let mut warnings = Vec::new();
    let empty = Document::default();
    let (document, shared) = match &file.state {
        FileState::Loaded { document, shared } => (document, *shared),
        FileState::Broken(reason) => {
            warnings.push(format!(
                "ignoring the config file {}: {reason}",
                file.path.display()
            ));
            (&empty, false)
        }
        FileState::Missing => {
            if let Some(origin) = &file.origin {
                warnings.push(format!(
                    "the config file {} ({origin}) does not exist",
                    file.path.display()
                ));
            }
            (&empty, false)
        }
    };
    for key in document.unknown.keys() {
        warnings.push(format!(
            "{}: unknown key `{key}` (known: default_profile, [profiles.NAME])",
            file.path.display()
        ));
    }
    for (name, profile) in &document.profiles {
        for key in profile.unknown.keys() {
            warnings.push(format!(
                "{}: unknown key `{key}` in [profiles.{name}] (known: api_url, api_key_env, api_key_cmd, api_key, timeout)",
                file.path.display()
            ));
        }
    }
    if shared && document.profiles.values().any(|p| p.api_key.is_some()) {
        warnings.push(format!(
            "{} holds an api_key and other users can read it: run `chmod 600 {}`, or use api_key_env / api_key_cmd instead",
            file.path.display(),
            file.path.display()
        ));
    }

    let profile = match (&inputs.profile, &document.default_profile) {
        (Some(given), _) => Some((given.value.clone(), given.origin.clone())),
        (None, Some(name)) => Some((name.clone(), Origin::FileDefault)),
        (None, None) if document.profiles.contains_key("default") => {
            Some(("default".to_string(), Origin::FileDefault))
        }
        (None, None) => None,
    };
    let profile = profile.map(|(name, origin)| Profile {
        found: document.profiles.contains_key(&name),
        name,
        origin,
    });
    let selected = profile.as_ref().and_then(|p| {
        document
            .profiles
            .get(&p.name)
            .map(|doc| (p.name.clone(), doc))
    });

    let api_url = inputs
        .api_url
        .clone()
        .filter(|url| !url.value.trim().is_empty())
        .or_else(|| {
            let (name, doc) = selected.as_ref()?;
            let url = doc.api_url.clone()?;
            Some(Sourced::new(
                url,
                Origin::Profile {
                    profile: name.clone(),
                    key: "api_url",
                },
            ))
        })
        .unwrap_or_else(|| Sourced::new(DEFAULT_API_URL.to_string(), Origin::Default));

    let api_key = match inputs
        .api_key
        .clone()
        .filter(|k| !k.value.trim().is_empty())
    {
        Some(key) => KeySource::Value(Sourced::new(Secret::new(key.value.trim()), key.origin)),
        None => match &selected {
            Some((name, doc)) => profile_key(name, doc, env, &mut warnings),
            None => KeySource::None,
        },
    };

    let timeout = resolve_timeout(inputs, selected.as_ref(), &mut warnings);

    Resolved {
        file,
        profile,
        api_url,
        api_key,
        timeout,
        warnings,
    }
}

fn profile_key(
    name: &str,
    doc: &ProfileDoc,
    env: &dyn Fn(&str) -> Option<String>,
    warnings: &mut Vec<String>,
) -> KeySource {
    let given = [
        doc.api_key_env.is_some(),
        doc.api_key_cmd.is_some(),
        doc.api_key.is_some(),
    ];
    if given.iter().filter(|g| **g).count() > 1 {
        warnings.push(format!(
            "profile `{name}` sets more than one of api_key_env, api_key_cmd and api_key; using the first of them in that order"
        ));
    }
    let origin = |key| Origin::Profile {
        profile: name.to_string(),
        key,
    };
    if let Some(var) = &doc.api_key_env {
        return match env(var).filter(|v| !v.trim().is_empty()) {
            Some(value) => KeySource::Value(Sourced::new(
                Secret::new(value.trim()),
                origin("api_key_env"),
            )),
            None => KeySource::Unavailable {
                origin: origin("api_key_env"),
                reason: format!("the environment variable {var} is not set"),
            },
        };
    }
    if let Some(command) = &doc.api_key_cmd {
        return KeySource::Command {
            profile: name.to_string(),
            command: command.clone(),
        };
    }
    if let Some(key) = doc.api_key.as_deref().filter(|k| !k.trim().is_empty()) {
        return KeySource::Value(Sourced::new(Secret::new(key.trim()), origin("api_key")));
    }
    KeySource::None
}

fn resolve_timeout(
    inputs: &Inputs,
    selected: Option<&(String, &ProfileDoc)>,
    warnings: &mut Vec<String>,
) -> Sourced<Duration> {
    let mut candidates = Vec::new();
    if let Some(value) = &inputs.timeout {
        candidates.push((value.clone(), Origin::Env(TIMEOUT_ENV.to_string())));
    }
    if let Some((name, doc)) = selected
        && let Some(value) = &doc.timeout
    {
        candidates.push((
            value.clone(),
            Origin::Profile {
                profile: name.clone(),
                key: "timeout",
            },
        ));
    }
    for (value, origin) in candidates {
        match crate::cli::parse_duration(&value) {
            Ok(duration) if !duration.is_zero() => return Sourced::new(duration, origin),
            Ok(_) => warnings.push(format!("ignoring a zero timeout ({origin})")),
            Err(err) => warnings.push(format!("ignoring the timeout ({origin}): {err}")),
        }
    }
    Sourced::new(DEFAULT_TIMEOUT, Origin::Default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> ConfigFile {
        ConfigFile {
            path: PathBuf::from("/cfg/config.toml"),
            origin: None,
            state: match parse(text) {
                Ok(document) => FileState::Loaded {
                    document,
                    shared: false,
                },
                Err(reason) => FileState::Broken(reason),
            },
        }
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    const STAGING: &str = r#"
        [profiles.staging]
        api_url = "https://staging.example/api"
        api_key_env = "STAGING_KEY"
        timeout = "5s"
    "#;

    #[test]
    fn defaults_without_anything() {
        let resolved = resolve(&Inputs::default(), file(""), &no_env);
        assert_eq!(resolved.api_url.value, DEFAULT_API_URL);
        assert_eq!(resolved.api_url.origin, Origin::Default);
        assert!(matches!(resolved.api_key, KeySource::None));
        assert!(resolved.profile.is_none());
        assert_eq!(resolved.timeout.value, DEFAULT_TIMEOUT);
        assert!(resolved.warnings.is_empty());
    }

    #[test]
    fn flag_beats_env_beats_profile() {
        let env = |name: &str| (name == "STAGING_KEY").then(|| "sk_from_profile_env".to_string());
        let mut inputs = Inputs {
            profile: Some(Sourced::new("staging".into(), Origin::Flag("--profile"))),
            ..Inputs::default()
        };
        let resolved = resolve(&inputs, file(STAGING), &env);
        assert_eq!(resolved.api_url.value, "https://staging.example/api");
        let key = resolved.api_key.key().unwrap();
        assert_eq!(key.value.expose(), "sk_from_profile_env");
        assert_eq!(
            key.origin,
            Origin::Profile {
                profile: "staging".into(),
                key: "api_key_env"
            }
        );
        assert_eq!(resolved.timeout.value, Duration::from_secs(5));

        inputs.api_url = Some(Sourced::new(
            "http://env.example/api".into(),
            Origin::Env("ZERNIO_API_URL".into()),
        ));
        inputs.api_key = Some(Sourced::new("sk_flag".into(), Origin::Flag("--api-key")));
        inputs.timeout = Some("2s".into());
        let resolved = resolve(&inputs, file(STAGING), &env);
        assert_eq!(resolved.api_url.value, "http://env.example/api");
        assert_eq!(resolved.api_key.key().unwrap().value.expose(), "sk_flag");
        assert_eq!(resolved.timeout.value, Duration::from_secs(2));
    }

    #[test]
    fn default_profile_and_missing_profile() {
        let text = format!("default_profile = \"staging\"\n{STAGING}");
        let resolved = resolve(&Inputs::default(), file(&text), &no_env);
        let profile = resolved.profile.as_ref().unwrap();
        assert_eq!(profile.name, "staging");
        assert_eq!(profile.origin, Origin::FileDefault);
        let err = resolved.api_key.key().unwrap_err();
        assert!(err.message.contains("STAGING_KEY is not set"), "{err}");

        let inputs = Inputs {
            profile: Some(Sourced::new(
                "prod".into(),
                Origin::Env("ZERNIO_PROFILE".into()),
            )),
            ..Inputs::default()
        };
        let resolved = resolve(&inputs, file(STAGING), &no_env);
        let err = resolved.check_profile().unwrap_err();
        assert!(err.message.contains("profile `prod`"), "{err}");
        assert!(err.hint.unwrap().contains("staging"));
    }

    #[test]
    fn broken_and_unknown_keys_warn() {
        let resolved = resolve(
            &Inputs::default(),
            file("[profiles.x\napi_url = 1"),
            &no_env,
        );
        assert!(resolved.warnings[0].starts_with("ignoring the config file"));
        assert_eq!(resolved.api_url.origin, Origin::Default);

        let resolved = resolve(
            &Inputs::default(),
            file("colour = 1\n[profiles.default]\napi-url = \"x\"\n"),
            &no_env,
        );
        assert_eq!(resolved.warnings.len(), 2, "{:?}", resolved.warnings);
        assert_eq!(resolved.profile.unwrap().name, "default");
    }

    #[test]
    fn api_key_in_a_shared_file_warns_and_commands_run_lazily() {
        let mut config = file("[profiles.default]\napi_key = \"sk_inline_value\"\n");
        if let FileState::Loaded { shared, .. } = &mut config.state {
            *shared = true;
        }
        let resolved = resolve(&Inputs::default(), config, &no_env);
        assert!(resolved.warnings[0].contains("chmod 600"));
        assert!(!resolved.warnings[0].contains("sk_inline_value"));
        assert_eq!(
            resolved.api_key.key().unwrap().value.expose(),
            "sk_inline_value"
        );

        let resolved = resolve(
            &Inputs::default(),
            file("[profiles.default]\napi_key_cmd = \"exit 3\"\n"),
            &no_env,
        );
        assert!(matches!(resolved.api_key, KeySource::Command { .. }));
        if cfg!(unix) {
            let err = resolved.api_key.key().unwrap_err();
            assert!(err.message.contains("api_key_cmd"), "{err}");
        }
    }
}
