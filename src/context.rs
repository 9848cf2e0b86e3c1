//! Resolves the global flags once: output mode, colour per stream, interactivity, verbosity, and
//! (for the API commands) the API settings from flags, environment and config file.

use std::io::Write;

use clap::ArgMatches;
use clap::parser::ValueSource;

use crate::api;
use crate::cli::GlobalArgs;
use crate::config::{self, Origin, Sourced};
use crate::exit::Failure;
use crate::output::{Paint, Streams};

/// What every command needs to know about how it was run.
#[derive(Debug)]
pub struct Context {
    pub global: GlobalArgs,
    pub matches: ArgMatches,
    pub streams: Streams,
}

impl Context {
    pub fn new(global: GlobalArgs, matches: ArgMatches) -> Self {
        let streams = Streams::detect(global.color, global.json);
        Context {
            global,
            matches,
            streams,
        }
    }

    pub fn json(&self) -> bool {
        self.global.json
    }

    pub fn quiet(&self) -> bool {
        self.global.quiet
    }

    pub fn verbose(&self) -> u8 {
        self.global.verbose
    }

    /// Colours for stdout (none in JSON mode).
    pub fn out(&self) -> Paint {
        self.streams.stdout
    }

    /// Colours for stderr.
    pub fn err(&self) -> Paint {
        self.streams.stderr
    }

    /// Prompts are allowed: stdin and stderr are terminals, and neither --yes nor --json is set.
    pub fn interactive(&self) -> bool {
        self.streams.stdin_terminal
            && self.streams.stderr_terminal
            && !self.global.yes
            && !self.global.json
    }

    /// Progress bars are allowed: stderr is a terminal and neither --quiet nor --json is set.
    pub fn progress(&self) -> bool {
        self.streams.stderr_terminal && !self.global.quiet && !self.global.json
    }

    /// A warning on stderr (shown even with --quiet).
    pub fn warn(&self, message: impl AsRef<str>) {
        let paint = self.err();
        let _ = writeln!(
            std::io::stderr(),
            "{} {}",
            paint.yellow("warning:"),
            message.as_ref()
        );
    }

    /// A note on stderr for people (hidden by --quiet).
    pub fn info(&self, message: impl AsRef<str>) {
        if !self.global.quiet {
            let _ = writeln!(std::io::stderr(), "{}", message.as_ref());
        }
    }

    /// A line for -v on stderr.
    pub fn debug(&self, message: impl AsRef<str>) {
        if self.global.verbose > 0 {
            let paint = self.err();
            let _ = writeln!(std::io::stderr(), "{}", paint.dimmed(message.as_ref()));
        }
    }

    /// Where a global flag's value came from: the flag itself or its environment variable.
    fn sourced<T: Clone>(
        &self,
        id: &str,
        flag: &'static str,
        env: &str,
        value: &Option<T>,
    ) -> Option<Sourced<T>> {
        let value = value.clone()?;
        let origin = match self.matches.value_source(id) {
            Some(ValueSource::EnvVariable) => Origin::Env(env.to_string()),
            _ => Origin::Flag(flag),
        };
        Some(Sourced::new(value, origin))
    }

    /// What the command line and environment say about the API settings.
    pub fn config_inputs(&self) -> config::Inputs {
        let g = &self.global;
        config::Inputs {
            api_key: self.sourced("api_key", "--api-key", "ZERNIO_API_KEY", &g.api_key),
            api_url: self.sourced("api_url", "--api-url", "ZERNIO_API_URL", &g.api_url),
            profile: self.sourced("profile", "--profile", "ZERNIO_PROFILE", &g.profile),
            config: self.sourced("config", "--config", "ZERNIO_HOOKS_CONFIG", &g.config),
            timeout: std::env::var(config::TIMEOUT_ENV)
                .ok()
                .filter(|t| !t.trim().is_empty()),
        }
    }

    /// The API settings resolved against the config file (warnings are the caller's to show).
    pub fn resolve_config(&self) -> config::Resolved {
        let inputs = self.config_inputs();
        let file = config::load(inputs.config.as_ref());
        config::resolve(&inputs, file, &|name| std::env::var(name).ok())
    }

    /// An API client: settings resolved (warnings shown), the key required.
    pub fn api(&self) -> anyhow::Result<api::Client> {
        let resolved = self.resolve_config();
        for warning in &resolved.warnings {
            self.warn(warning);
        }
        resolved.check_profile()?;
        let base_url = crate::cli::parse_http_url(&resolved.api_url.value).map_err(|err| {
            Failure::usage(format!(
                "the API URL ({}) is not usable: {err}",
                resolved.api_url.origin
            ))
        })?;
        let key = resolved.api_key.key()?;
        let client = api::Client::new(api::Settings {
            base_url,
            key_origin: key.origin.to_string(),
            key: key.value,
            timeout: resolved.timeout.value,
            verbose: self.verbose() > 0,
            quiet: self.quiet(),
            paint: self.err(),
        })
        .map_err(Failure::from)?;
        Ok(client)
    }
}
