//! Test support: a hermetic command builder for the real binary, a way to run it in the background
//! and wait for lines (never sleeps), and a local HTTP receiver that records what it gets and checks
//! signatures with its own HMAC code path.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver as LineReceiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

/// Generous deadline for anything to happen in a test (CI machines can be slow).
pub const DEADLINE: Duration = Duration::from_secs(30);

/// Path of the binary under test.
pub fn bin_path() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_zernio-hooks"))
}

/// A hermetic command: no ZERNIO_* or colour variables from the outside, HOME and the config
/// directory pointed at an empty temporary folder, and the API URL at a closed local port.
pub fn cmd() -> Command {
    let mut command = Command::new(bin_path());
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().to_string();
        if key.starts_with("ZERNIO_")
            || matches!(
                key.as_str(),
                "NO_COLOR"
                    | "CLICOLOR"
                    | "CLICOLOR_FORCE"
                    | "TERM"
                    | "HTTP_PROXY"
                    | "HTTPS_PROXY"
                    | "ALL_PROXY"
                    | "http_proxy"
                    | "https_proxy"
                    | "all_proxy"
            )
        {
            command.env_remove(&key);
        }
    }
    let home = home_dir();
    command
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("ZERNIO_API_URL", "http://127.0.0.1:9/api")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .stdin(Stdio::null());
    command
}

/// One empty HOME for the whole test binary.
fn home_dir() -> PathBuf {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("temp home"))
        .path()
        .to_path_buf()
}

/// The outcome of a finished command.
#[derive(Debug)]
pub struct Outcome {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    pub fn from_output(output: std::process::Output) -> Self {
        Outcome {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Stdout parsed as JSON Lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
            .collect()
    }
}

/// Run a command to completion (with stdin bytes) and collect its output.
pub fn run(mut command: Command, stdin: &[u8]) -> Outcome {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("spawn zernio-hooks");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        let _ = input.write_all(stdin);
    }
    Outcome::from_output(child.wait_with_output().expect("wait"))
}

/// A command running in the background, its stdout and stderr read line by line.
pub struct Background {
    pub child: Child,
    stdout: LineReceiver<String>,
    stderr: LineReceiver<String>,
    pub stdout_seen: Vec<String>,
    pub stderr_seen: Vec<String>,
}

fn pump(stream: impl Read + Send + 'static) -> LineReceiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

impl Background {
    pub fn spawn(mut command: Command) -> Self {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("spawn zernio-hooks");
        let stdout = pump(child.stdout.take().expect("stdout"));
        let stderr = pump(child.stderr.take().expect("stderr"));
        Background {
            child,
            stdout,
            stderr,
            stdout_seen: Vec::new(),
            stderr_seen: Vec::new(),
        }
    }

    /// Wait (up to the deadline) for a stderr line matching `pred`; panics with all output otherwise.
    pub fn wait_stderr(&mut self, pred: impl Fn(&str) -> bool) -> String {
        wait_line(&self.stderr, &mut self.stderr_seen, pred, "stderr")
    }

    /// Wait (up to the deadline) for a stdout line matching `pred`.
    pub fn wait_stdout(&mut self, pred: impl Fn(&str) -> bool) -> String {
        wait_line(&self.stdout, &mut self.stdout_seen, pred, "stdout")
    }

    /// Send SIGINT, as Ctrl-C does.
    pub fn interrupt(&self) {
        signal(&self.child, "INT");
    }

    /// Wait for exit (up to the deadline) and collect the rest of the output.
    pub fn finish(mut self) -> Outcome {
        let start = Instant::now();
        let status: ExitStatus = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!(
                    "process did not exit in time; stderr so far: {:?}",
                    self.stderr_seen
                );
            }
            // Poll the child while draining its pipes (a short wait on the pipes, not a sleep).
            drain(
                &self.stdout,
                &mut self.stdout_seen,
                Duration::from_millis(20),
            );
            drain(
                &self.stderr,
                &mut self.stderr_seen,
                Duration::from_millis(1),
            );
        };
        drain_all(&self.stdout, &mut self.stdout_seen);
        drain_all(&self.stderr, &mut self.stderr_seen);
        Outcome {
            code: status.code(),
            stdout: self.stdout_seen.iter().map(|l| format!("{l}\n")).collect(),
            stderr: self.stderr_seen.iter().map(|l| format!("{l}\n")).collect(),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Send a signal with kill(1), so the tests need no unsafe code.
pub fn signal(child: &Child, sig: &str) {
    let status = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(child.id().to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{sig} failed");
}

fn wait_line(
    rx: &LineReceiver<String>,
    seen: &mut Vec<String>,
    pred: impl Fn(&str) -> bool,
    name: &str,
) -> String {
    let start = Instant::now();
    loop {
        let left = DEADLINE.saturating_sub(start.elapsed());
        match rx.recv_timeout(left) {
            Ok(line) => {
                seen.push(line.clone());
                if pred(&line) {
                    return line;
                }
            }
            Err(RecvTimeoutError::Timeout) => {
                panic!("no matching {name} line within {DEADLINE:?}; saw: {seen:#?}")
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!("{name} closed before a matching line; saw: {seen:#?}")
            }
        }
    }
}

fn drain(rx: &LineReceiver<String>, seen: &mut Vec<String>, wait: Duration) {
    if let Ok(line) = rx.recv_timeout(wait) {
        seen.push(line);
        while let Ok(line) = rx.try_recv() {
            seen.push(line);
        }
    }
}

fn drain_all(rx: &LineReceiver<String>, seen: &mut Vec<String>) {
    // The process has exited: its pipes close once the pumps read everything.
    while let Ok(line) = rx.recv_timeout(DEADLINE) {
        seen.push(line);
    }
}

/// Start `zernio-hooks listen --port 0 <args>` and wait for its ready line; returns it and its URL.
pub fn listen(args: &[&str]) -> (Background, String) {
    let mut command = cmd();
    command.arg("listen").arg("--port").arg("0").args(args);
    listen_with(command)
}

/// Like [`listen`], with a prepared command (env, extra flags).
pub fn listen_with(command: Command) -> (Background, String) {
    let mut bg = Background::spawn(command);
    let line = bg.wait_stderr(|l| l.contains("Listening on http://"));
    let url = line[line.find("http://").unwrap()..].trim().to_string();
    (bg, url)
}

/// HMAC-SHA256 hex, computed with the hmac crate directly (not the project's signature module).
pub fn hmac_hex(secret: &str, body: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// A minimal HTTP/1.1 POST over a raw socket, so tests control every byte sent.
/// Returns the status code and the response body.
pub fn raw_post(url: &str, headers: &[(&str, &str)], body: &[u8]) -> (u16, String) {
    raw_request(url, "POST", headers, body)
}

pub fn raw_request(
    url: &str,
    method: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    use std::io::Write;
    let parsed = reqwest::Url::parse(url).unwrap();
    let addr = format!("{}:{}", parsed.host_str().unwrap(), parsed.port().unwrap());
    let mut stream = std::net::TcpStream::connect(&addr).expect("connect");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    let path = match parsed.query() {
        Some(q) => format!("{}?{q}", parsed.path()),
        None => parsed.path().to_string(),
    };
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    let mut has_length = false;
    for (name, value) in headers {
        has_length |= name.eq_ignore_ascii_case("content-length");
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !has_length {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Post a signed payload the way Zernio does.
pub fn post_signed(url: &str, secret: &str, body: &[u8]) -> (u16, String) {
    let sig = hmac_hex(secret, body);
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let event = value["event"].as_str().unwrap_or("").to_string();
    let id = value["id"].as_str().unwrap_or("").to_string();
    raw_post(
        url,
        &[
            ("Content-Type", "application/json"),
            ("X-Zernio-Signature", &sig),
            ("X-Zernio-Event", &event),
            ("X-Zernio-Event-Id", &id),
        ],
        body,
    )
}

/// A request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether X-Zernio-Signature matched the receiver's own secret (None: no secret configured).
    pub signature_ok: Option<bool>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// How the receiver answers.
#[derive(Debug, Clone)]
pub struct Behaviour {
    pub status: u16,
    pub body: String,
    pub delay: Duration,
    pub headers: Vec<(String, String)>,
    /// Answer 401 when the signature does not verify (a well-behaved app).
    pub enforce_signature: bool,
    /// Answer with these statuses first, in order, then `status`.
    pub script: Vec<u16>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            status: 200,
            body: "{\"received\":true}".into(),
            delay: Duration::ZERO,
            headers: Vec::new(),
            enforce_signature: false,
            script: Vec::new(),
        }
    }
}

/// A local HTTP server on 127.0.0.1:0 standing in for the developer's app: records each request
/// and checks the signature with its own HMAC code.
pub struct TestServer {
    pub addr: SocketAddr,
    pub received: Arc<Mutex<Vec<Received>>>,
    pub behaviour: Arc<Mutex<Behaviour>>,
    /// The most requests the server was handling at the same moment.
    pub max_in_flight: Arc<std::sync::atomic::AtomicUsize>,
    _runtime: tokio::runtime::Runtime,
    notify: Arc<(Mutex<usize>, std::sync::Condvar)>,
}

impl TestServer {
    pub fn start(secret: Option<&str>, behaviour: Behaviour) -> TestServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let behaviour = Arc::new(Mutex::new(behaviour));
        let notify = Arc::new((Mutex::new(0usize), std::sync::Condvar::new()));
        let secret = secret.map(str::to_string);
        let max_in_flight = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let in_flight = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        {
            let max_in_flight = max_in_flight.clone();
            let received = received.clone();
            let behaviour = behaviour.clone();
            let notify = notify.clone();
            runtime.spawn(async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    let received = received.clone();
                    let behaviour = behaviour.clone();
                    let notify = notify.clone();
                    let secret = secret.clone();
                    let max_in_flight = max_in_flight.clone();
                    let in_flight = in_flight.clone();
                    tokio::spawn(async move {
                        let service =
                            service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                                let received = received.clone();
                                let behaviour = behaviour.clone();
                                let notify = notify.clone();
                                let secret = secret.clone();
                                let max_in_flight = max_in_flight.clone();
                                let in_flight = in_flight.clone();
                                async move {
                                    use std::sync::atomic::Ordering::SeqCst;
                                    let now = in_flight.fetch_add(1, SeqCst) + 1;
                                    max_in_flight.fetch_max(now, SeqCst);
                                    let (parts, body) = req.into_parts();
                                    let body = body
                                        .collect()
                                        .await
                                        .map(|c| c.to_bytes())
                                        .unwrap_or_default()
                                        .to_vec();
                                    let headers: Vec<(String, String)> = parts
                                        .headers
                                        .iter()
                                        .map(|(n, v)| {
                                            (
                                                n.as_str().to_string(),
                                                String::from_utf8_lossy(v.as_bytes()).into_owned(),
                                            )
                                        })
                                        .collect();
                                    let sig = headers
                                        .iter()
                                        .find(|(n, _)| {
                                            n == "x-zernio-signature" || n == "x-late-signature"
                                        })
                                        .map(|(_, v)| v.clone());
                                    let signature_ok = secret.as_ref().map(|s| {
                                        sig.as_deref() == Some(hmac_hex(s, &body).as_str())
                                    });
                                    let (status, body_text, delay, extra, count) = {
                                        let mut b = behaviour.lock().unwrap();
                                        let count = received.lock().unwrap().len();
                                        let status =
                                            if b.enforce_signature && signature_ok == Some(false) {
                                                401
                                            } else if !b.script.is_empty() {
                                                b.script.remove(0)
                                            } else {
                                                b.status
                                            };
                                        (status, b.body.clone(), b.delay, b.headers.clone(), count)
                                    };
                                    let _ = count;
                                    if !delay.is_zero() {
                                        tokio::time::sleep(delay).await;
                                    }
                                    in_flight.fetch_sub(1, SeqCst);
                                    received.lock().unwrap().push(Received {
                                        method: parts.method.to_string(),
                                        path: parts.uri.path().to_string(),
                                        query: parts.uri.query().map(str::to_string),
                                        headers,
                                        body,
                                        signature_ok,
                                    });
                                    {
                                        let (lock, cvar) = &*notify;
                                        *lock.lock().unwrap() += 1;
                                        cvar.notify_all();
                                    }
                                    let mut response = hyper::Response::builder()
                                        .status(status)
                                        .header("content-type", "application/json");
                                    for (n, v) in extra {
                                        response = response.header(n, v);
                                    }
                                    Ok::<_, std::convert::Infallible>(
                                        response.body(Full::new(Bytes::from(body_text))).unwrap(),
                                    )
                                }
                            });
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            });
        }
        TestServer {
            addr,
            received,
            behaviour,
            max_in_flight,
            _runtime: runtime,
            notify,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Wait (up to the deadline) until at least `n` requests have been recorded.
    pub fn wait_for(&self, n: usize) -> Vec<Received> {
        let (lock, cvar) = &*self.notify;
        let guard = lock.lock().unwrap();
        let (guard, timeout) = cvar
            .wait_timeout_while(guard, DEADLINE, |count| *count < n)
            .unwrap();
        assert!(
            !timeout.timed_out(),
            "the receiver got {} of {n} requests in time",
            *guard
        );
        drop(guard);
        self.received.lock().unwrap().clone()
    }

    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// A reqwest client for tests (installs the rustls crypto provider first).
pub fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// A port on 127.0.0.1 with nothing listening (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A payload file in a temporary folder.
pub fn write_file(dir: &Path, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, contents).unwrap();
    path
}

/// A realistic payload of `event` from the project's own generator is not used here on purpose:
/// fixtures come from `tests/fixtures/payloads` (made by `zernio-hooks trigger` and checked against
/// the schema by the events tests). This reads one.
pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// The keys of a JSON object, in order (for pinning the shape of JSON output).
pub fn keys(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect()
}

/// Count of each value, for order-insensitive comparisons.
pub fn counts<T: std::hash::Hash + Eq + Clone>(items: &[T]) -> HashMap<T, usize> {
    let mut map = HashMap::new();
    for item in items {
        *map.entry(item.clone()).or_insert(0) += 1;
    }
    map
}
