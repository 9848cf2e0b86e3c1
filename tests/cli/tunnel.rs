//! `listen --tunnel-cmd` with a small script standing in for a tunnel program, and the errors of
//! `--tunnel` when the program is missing or prints no URL.

use crate::support::{Background, cmd, run};

/// A stand-in tunnel: prints a URL with the port it was given, records its PID, then waits.
fn fake_tunnel(dir: &std::path::Path) -> std::path::PathBuf {
    let script = dir.join("fake-tunnel.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\necho \"$$\" > \"$(dirname \"$0\")/pid\"\necho 'starting tunnel...' >&2\necho \"your url is: https://fake-$1.tunnel.test (forwarding)\"\nexec tail -f /dev/null\n",
    )
    .unwrap();
    script
}

/// Whether a process runs (a zombie waiting for a parent that never reaps it does not count).
fn alive(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit(") ")
            .next()
            .is_some_and(|rest| !rest.starts_with('Z')),
        Err(_) => false,
    }
}

#[test]
fn tunnel_cmd_prints_the_public_url_and_is_stopped_on_exit() {
    let dir = tempfile::tempdir().unwrap();
    let script = fake_tunnel(dir.path());
    let mut command = cmd();
    command.args([
        "listen",
        "--port",
        "0",
        "--tunnel-cmd",
        &format!("sh {} {{port}}", script.display()),
        "--tunnel-url-pattern",
        r"(https://fake-\d+\.tunnel\.test)",
    ]);
    let mut bg = Background::spawn(command);
    let ready = bg.wait_stderr(|l| l.contains("Listening on http://"));
    let port = ready.rsplit(':').next().unwrap().trim().to_string();
    let public = bg.wait_stderr(|l| l.contains("Public URL:"));
    assert!(
        public.contains(&format!("https://fake-{port}.tunnel.test (via tunnel)")),
        "{public}"
    );
    let pid = std::fs::read_to_string(dir.path().join("pid"))
        .unwrap()
        .trim()
        .to_string();
    assert!(alive(&pid), "the tunnel program runs while listening");
    bg.interrupt();
    let out = bg.finish();
    assert_eq!(out.code, Some(130));
    // Stopping is awaited before listen exits, so the program is gone by now.
    assert!(!alive(&pid), "the tunnel program is stopped on exit");
}

#[test]
fn tunnel_programs_that_are_missing_or_print_no_url_are_explained() {
    let mut command = cmd();
    command
        .args(["listen", "--port", "0", "--tunnel", "cloudflared"])
        .env("PATH", "/nonexistent");
    let out = run(command, b"");
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("cloudflared is not installed"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("hint: install cloudflared"),
        "{}",
        out.stderr
    );

    let mut command = cmd();
    command.args([
        "listen",
        "--port",
        "0",
        "--tunnel-cmd",
        "echo no url here; exec tail -f /dev/null",
        "--tunnel-timeout",
        "500ms",
    ]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("printed no public URL within 500ms"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("no url here"),
        "shows the program's last output: {}",
        out.stderr
    );

    let mut command = cmd();
    command.args([
        "listen",
        "--port",
        "0",
        "--tunnel-cmd",
        "echo broken >&2; exit 3",
    ]);
    let out = run(command, b"");
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr
            .contains("exited (exit status: 3) without printing a public URL"),
        "{}",
        out.stderr
    );
}
