//! `listen --tunnel` / `--tunnel-cmd`: start an external tunnel program pointed at the local port,
//! read its public https URL from its output, and stop it on exit.

use std::collections::VecDeque;
use std::process::Stdio;
use std::time::Duration;

use regex::Regex;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

use crate::cli::TunnelProvider;
use crate::exit::{self, Failure};

/// What to run and how to find the URL in its output.
#[derive(Debug)]
pub struct Spec {
    /// How the program is named in messages.
    pub label: String,
    program: String,
    args: Vec<String>,
    pattern: Regex,
    install_hint: String,
}

impl Spec {
    /// A preset for a known tunnel program.
    pub fn preset(provider: TunnelProvider, port: u16) -> Spec {
        let local = format!("http://127.0.0.1:{port}");
        let (label, program, args, pattern, hint): (&str, &str, Vec<String>, &str, &str) =
            match provider {
                TunnelProvider::Cloudflared => (
                    "cloudflared",
                    "cloudflared",
                    vec![
                        "tunnel".into(),
                        "--no-autoupdate".into(),
                        "--url".into(),
                        local,
                    ],
                    r"https://[a-z0-9-]+\.trycloudflare\.com",
                    "install cloudflared: https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/",
                ),
                TunnelProvider::Ngrok => (
                    "ngrok",
                    "ngrok",
                    vec![
                        "http".into(),
                        local,
                        "--log".into(),
                        "stdout".into(),
                        "--log-format".into(),
                        "logfmt".into(),
                    ],
                    r"url=(https://[^\s]+)",
                    "install ngrok (https://ngrok.com/download) and run `ngrok config add-authtoken <token>`",
                ),
                TunnelProvider::LocalhostRun => (
                    "localhost.run (ssh)",
                    "ssh",
                    vec![
                        "-T".into(),
                        "-o".into(),
                        "StrictHostKeyChecking=accept-new".into(),
                        "-o".into(),
                        "ServerAliveInterval=30".into(),
                        "-o".into(),
                        "ExitOnForwardFailure=yes".into(),
                        "-R".into(),
                        format!("80:127.0.0.1:{port}"),
                        "nokey@localhost.run".into(),
                    ],
                    r"(https://[a-z0-9-]+\.(?:lhr\.life|localhost\.run))",
                    "localhost.run needs an OpenSSH client (`ssh`) on PATH",
                ),
            };
        Spec {
            label: label.into(),
            program: program.into(),
            args,
            pattern: Regex::new(pattern).expect("preset patterns are valid"),
            install_hint: hint.into(),
        }
    }

    /// `--tunnel-cmd "CMD {port}"`, run by the shell, with an optional URL pattern.
    pub fn custom(command: &str, pattern: Option<&str>, port: u16) -> anyhow::Result<Spec> {
        let pattern = pattern.unwrap_or(r#"https://[^\s"'<>]+"#);
        let pattern = Regex::new(pattern).map_err(|err| {
            Failure::usage(format!("--tunnel-url-pattern is not a valid regex: {err}"))
        })?;
        let command = command.replace("{port}", &port.to_string());
        let (program, flag) = if cfg!(windows) {
            ("cmd", "/C")
        } else {
            ("sh", "-c")
        };
        Ok(Spec {
            label: format!("`{command}`"),
            program: program.into(),
            args: vec![flag.into(), command],
            pattern,
            install_hint: "check that the tunnel command runs in your shell".into(),
        })
    }

    /// The URL in one line of output: the first capture group, or the whole match.
    pub fn find_url(&self, line: &str) -> Option<String> {
        let captures = self.pattern.captures(line)?;
        let found = captures.get(1).or_else(|| captures.get(0))?;
        Some(found.as_str().trim_end_matches(['.', ',', ')']).to_string())
    }
}

/// A running tunnel program and its public URL.
#[derive(Debug)]
pub struct Tunnel {
    pub url: String,
    pub label: String,
    child: Child,
}

impl Tunnel {
    /// Start the program and wait (up to `timeout`) for its URL. Its output keeps being read (and
    /// echoed when `echo` is set) so it never blocks on a full pipe.
    pub async fn start(spec: Spec, timeout: Duration, echo: bool) -> anyhow::Result<Tunnel> {
        let mut command = Command::new(&spec.program);
        command
            .args(&spec.args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        // Its own process group, so stopping it stops whatever the shell started too.
        #[cfg(unix)]
        command.process_group(0);
        let mut child = command.spawn().map_err(|err| {
            if err.kind() == std::io::ErrorKind::NotFound {
                Failure::usage(format!(
                    "{} is not installed (`{}` was not found on PATH)",
                    spec.label, spec.program
                ))
                .with_hint(spec.install_hint.clone())
            } else {
                Failure::new(exit::FAILURE, format!("cannot start {}: {err}", spec.label))
            }
        })?;
        let (tx, mut lines) = mpsc::unbounded_channel::<String>();
        if let Some(stdout) = child.stdout.take() {
            tokio::spawn(pump(stdout, tx.clone(), echo));
        }
        if let Some(stderr) = child.stderr.take() {
            tokio::spawn(pump(stderr, tx, echo));
        }
        let mut recent: VecDeque<String> = VecDeque::new();
        let found = tokio::time::timeout(timeout, async {
            while let Some(line) = lines.recv().await {
                if let Some(url) = spec.find_url(&line) {
                    return Some(url);
                }
                if recent.len() == 5 {
                    recent.pop_front();
                }
                recent.push_back(line);
            }
            None
        })
        .await;
        // Keep draining the output in the background from now on.
        tokio::spawn(async move { while lines.recv().await.is_some() {} });
        let last = if recent.is_empty() {
            String::new()
        } else {
            format!(
                "; its last output:\n    {}",
                recent.iter().cloned().collect::<Vec<_>>().join("\n    ")
            )
        };
        match found {
            Ok(Some(url)) => Ok(Tunnel {
                url,
                label: spec.label,
                child,
            }),
            Ok(None) => {
                let status = child
                    .wait()
                    .await
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                Err(Failure::new(
                    exit::FAILURE,
                    format!(
                        "{} exited ({status}) without printing a public URL{last}",
                        spec.label
                    ),
                )
                .with_hint(spec.install_hint)
                .into())
            }
            Err(_) => {
                let _ = child.kill().await;
                Err(Failure::new(
                    exit::FAILURE,
                    format!(
                        "{} printed no public URL within {}{last}",
                        spec.label,
                        humantime::format_duration(timeout)
                    ),
                )
                .with_hint("raise --tunnel-timeout, or check --tunnel-url-pattern")
                .into())
            }
        }
    }

    /// Stop the program (its whole process group on Unix) and wait for it.
    pub async fn stop(mut self) {
        #[cfg(unix)]
        if let Some(pid) = self.child.id() {
            // SIGTERM to the group lets ssh, cloudflared and ngrok close their tunnels cleanly.
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{pid}")])
                .status()
                .await;
            if tokio::time::timeout(Duration::from_secs(3), self.child.wait())
                .await
                .is_ok()
            {
                return;
            }
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .status()
                .await;
        }
        let _ = self.child.kill().await;
    }
}

async fn pump(stream: impl AsyncRead + Unpin, tx: mpsc::UnboundedSender<String>, echo: bool) {
    let mut lines = BufReader::new(stream).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if echo {
            eprintln!("  tunnel | {}", crate::output::sanitize::line(&line));
        }
        if tx.send(line).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_urls_in_each_providers_output() {
        let cloudflared = Spec::preset(TunnelProvider::Cloudflared, 8787);
        assert_eq!(
            cloudflared
                .find_url("2026-11-29T18:00:00Z INF |  https://brave-fox-lake.trycloudflare.com  |")
                .as_deref(),
            Some("https://brave-fox-lake.trycloudflare.com")
        );
        let ngrok = Spec::preset(TunnelProvider::Ngrok, 8787);
        assert_eq!(
            ngrok.find_url(r#"t=2026 lvl=info msg="started tunnel" obj=tunnels name=command_line addr=http://127.0.0.1:8787 url=https://ab12.ngrok-free.app"#).as_deref(),
            Some("https://ab12.ngrok-free.app")
        );
        let lhr = Spec::preset(TunnelProvider::LocalhostRun, 8787);
        assert_eq!(
            lhr.find_url("a1b2c3.lhr.life tunneled with tls termination, https://a1b2c3.lhr.life")
                .as_deref(),
            Some("https://a1b2c3.lhr.life")
        );
        let custom = Spec::custom("mytunnel --port {port}", None, 9000).unwrap();
        assert_eq!(custom.args.last().unwrap(), "mytunnel --port 9000");
        assert_eq!(
            custom
                .find_url("ready at https://x.example.dev.")
                .as_deref(),
            Some("https://x.example.dev")
        );
        assert!(Spec::custom("x", Some("("), 1).is_err());
    }
}
