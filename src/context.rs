//! Resolves the global flags once: output mode, colour per stream, interactivity, verbosity.

use std::io::Write;

use clap::ArgMatches;

use crate::cli::GlobalArgs;
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
}
