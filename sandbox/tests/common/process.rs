//! The real `sandbox` binary as a process of its own, for what only a process shows: two
//! processes on one database file, a signal to stop.

use std::process::Stdio;

use tokio::io::AsyncBufReadExt;

/// A sandbox process; killed when dropped.
pub struct Process {
    pub child: tokio::process::Child,
    pub base: String,
}

/// Starts the binary on `data` with `args`, once it says where it listens.
pub async fn spawn(data: &std::path::Path, args: &[&str]) -> Process {
    spawn_logging(data, args, Stdio::inherit(), "warn").await
}

/// [`spawn`], its log lines (stderr) from `level` up going to `logs`.
pub async fn spawn_logging(data: &std::path::Path, args: &[&str], logs: Stdio, level: &str) -> Process {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_sandbox"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(logs)
        .env("RUST_LOG", level)
        .kill_on_drop(true)
        .spawn()
        .expect("the sandbox binary starts");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = tokio::time::timeout(std::time::Duration::from_secs(20), lines.next_line()).await.unwrap().unwrap().unwrap();
    // "Sandbox checkout: http://127.0.0.1:PORT/  (gateway: …)"
    let base = first.split_whitespace().find(|w| w.starts_with("http://")).unwrap().trim_end_matches('/').to_string();
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} }); // the rest, read so the pipe stays open
    Process { child, base }
}

impl Process {
    /// Sends SIGTERM, as a container's stop does.
    pub fn terminate(&self) {
        let pid = self.child.id().expect("still running").to_string();
        let sent = std::process::Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
        assert!(sent.success());
    }
}
