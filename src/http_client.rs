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

/// What kind of network failure stopped a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkKind {
    Timeout,
    Tls,
    Dns,
    Connect,
    Other,
}

/// Classify a failed request, with a one-line detail a person can act on: `timed out`,
/// `TLS error: …`, `DNS lookup failed: …`, `cannot connect: Connection refused …`, or the cause.
pub fn classify(err: &reqwest::Error) -> (NetworkKind, String) {
    let cause = root_cause(err);
    if err.is_timeout() {
        return (NetworkKind::Timeout, "timed out".to_string());
    }
    if let Some(tls) = find_rustls(err) {
        return (NetworkKind::Tls, format!("TLS error: {tls}"));
    }
    if !err.is_connect() {
        return (NetworkKind::Other, cause);
    }
    let lower = cause.to_ascii_lowercase();
    if lower.contains("dns") || lower.contains("lookup") || lower.contains("name or service") {
        (NetworkKind::Dns, format!("DNS lookup failed: {cause}"))
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        (NetworkKind::Tls, format!("TLS error: {cause}"))
    } else {
        (NetworkKind::Connect, format!("cannot connect: {cause}"))
    }
}

/// Describe a failed request in one line (the detail of [`classify`]).
pub fn describe_error(err: &reqwest::Error) -> String {
    classify(err).1
}

/// The rustls error somewhere in the chain, if the failure was the TLS layer's.
fn find_rustls(err: &reqwest::Error) -> Option<String> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = current {
        if let Some(tls) = cause.downcast_ref::<rustls::Error>() {
            return Some(tls.to_string());
        }
        // `io::Error::source` skips the error it wraps, so look inside (possibly several deep).
        let mut io = cause.downcast_ref::<std::io::Error>();
        while let Some(inner) = io.and_then(std::io::Error::get_ref) {
            if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
                return Some(tls.to_string());
            }
            io = inner.downcast_ref::<std::io::Error>();
        }
        current = cause.source();
    }
    None
}
