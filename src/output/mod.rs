//! Terminal output: the colour decision, painting, JSON Lines, and the printers of each command.

pub mod delivery;
pub mod sanitize;
pub mod summary;

use std::io::{IsTerminal, Write};

use colored::Colorize;

use crate::cli::ColorChoice;

/// Whether a stream gets colour: `--color` wins; `auto` needs NO_COLOR unset or empty, TERM not
/// `dumb`, and the stream to be a terminal.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
            is_terminal && !no_color && !dumb
        }
    }
}

/// Colours for one stream; a no-op when that stream gets no colour.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

macro_rules! paint_methods {
    ($($name:ident),*) => {
        $(
            pub fn $name(&self, text: &str) -> String {
                if self.on { text.$name().to_string() } else { text.to_string() }
            }
        )*
    };
}

impl Paint {
    paint_methods!(red, green, yellow, blue, magenta, cyan, bold, dimmed);

    pub fn error(&self, text: &str) -> String {
        if self.on {
            text.red().bold().to_string()
        } else {
            text.to_string()
        }
    }

    /// Colour an HTTP status: 2xx green, 3xx cyan, 4xx yellow, 5xx red.
    pub fn status(&self, status: u16) -> String {
        let text = status.to_string();
        match status {
            200..=299 => self.green(&text),
            300..=399 => self.cyan(&text),
            400..=499 => self.yellow(&text),
            _ => self.red(&text),
        }
    }
}

/// Where standard output and standard error point, decided once.
#[derive(Debug, Clone, Copy)]
pub struct Streams {
    pub stdout: Paint,
    pub stderr: Paint,
    pub stdout_terminal: bool,
    pub stderr_terminal: bool,
    pub stdin_terminal: bool,
}

impl Streams {
    pub fn detect(choice: ColorChoice, json: bool) -> Self {
        let stdout_terminal = std::io::stdout().is_terminal();
        let stderr_terminal = std::io::stderr().is_terminal();
        let stdout = Paint {
            on: !json && use_color(choice, stdout_terminal),
        };
        let stderr = Paint {
            on: use_color(choice, stderr_terminal),
        };
        // We decide per stream; tell `colored` to always honour our decision.
        colored::control::set_override(true);
        Streams {
            stdout,
            stderr,
            stdout_terminal,
            stderr_terminal,
            stdin_terminal: std::io::stdin().is_terminal(),
        }
    }
}

/// Write one JSON value as a line.
pub fn json_line(out: &mut impl Write, value: &serde_json::Value) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Format a duration in milliseconds for people: 0.8 ms, 12 ms, 1.42 s.
pub fn millis(ms: f64) -> String {
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// Pad `text` to `width` display columns (counted in characters).
pub fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    if len >= width {
        text.to_string()
    } else {
        format!("{text}{}", " ".repeat(width - len))
    }
}
