//! Exit codes, and the error type that carries one to the single reporting point in `lib.rs`.

use std::fmt;

/// Everything went as expected.
pub const OK: u8 = 0;
/// A delivery, replay expectation or API test failed, or `listen --timeout` ran out.
pub const FAILURE: u8 = 1;
/// Usage error or bad input (flags, files, payloads).
pub const USAGE: u8 = 2;
/// `verify`: the signature does not match.
pub const SIGNATURE: u8 = 3;
/// The Zernio API answered 4xx.
pub const API_CLIENT: u8 = 4;
/// The Zernio API answered 5xx, or could not be reached.
pub const API_SERVER: u8 = 5;
/// Interrupted (Ctrl-C).
pub const INTERRUPTED: u8 = 130;

/// The exit-code table as printed in the README and `--help`.
pub const TABLE: &[(u8, &str)] = &[
    (OK, "success"),
    (
        FAILURE,
        "a delivery, expectation or API test failed; listen --timeout ran out",
    ),
    (USAGE, "usage error or bad input"),
    (SIGNATURE, "verify: signature mismatch"),
    (API_CLIENT, "the Zernio API answered 4xx"),
    (
        API_SERVER,
        "the Zernio API answered 5xx or could not be reached",
    ),
    (INTERRUPTED, "interrupted (Ctrl-C)"),
];

/// An error that knows its exit code and, where it helps, a hint for the user.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
            hint: None,
        }
    }

    /// Bad input or usage: exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::new(USAGE, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}
