//! The outgoing HTTP client settings every command shares (reqwest with rustls).

use std::time::Duration;

/// `zernio-hooks/<version>`, sent on every request this tool makes.
pub const USER_AGENT: &str = concat!("zernio-hooks/", env!("CARGO_PKG_VERSION"));

/// A client builder with our user agent, rustls, and a connect timeout.
pub fn builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
}

/// The innermost cause of an error, which is usually the one a person can act on
/// ("Connection refused (os error 111)" rather than "error sending request").
pub fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

/// Describe a failed request in one line: timeout, connection refused, DNS, TLS, or other.
pub fn describe_error(err: &reqwest::Error) -> String {
    let cause = root_cause(err);
    if err.is_timeout() {
        "timed out".to_string()
    } else if err.is_connect() {
        let lower = cause.to_ascii_lowercase();
        if lower.contains("dns")
            || lower.contains("failed to lookup")
            || lower.contains("name or service")
        {
            format!("DNS lookup failed: {cause}")
        } else if lower.contains("certificate")
            || lower.contains("tls")
            || lower.contains("handshake")
        {
            format!("TLS error: {cause}")
        } else {
            format!("cannot connect: {cause}")
        }
    } else {
        cause
    }
}
