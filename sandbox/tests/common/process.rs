//! The real binaries as processes of their own, for what only a process shows: several
//! processes on one database, a signal to stop.

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
    let data = data.to_str().expect("a UTF-8 path");
    let args: Vec<&str> = ["--data", data].iter().chain(args).copied().collect();
    start(env!("CARGO_BIN_EXE_sandbox"), &args, logs, level).await
}

/// A `merchant-backend` process on the database `url`, paying through the gateway at
/// `gateway` with the sandbox's credentials, reached by the world at `public` (a balancer).
pub async fn spawn_backend(url: &str, gateway: &str, public: &str) -> Process {
    let args = [
        ["--database-url", url],
        ["--gateway-url", gateway],
        ["--public-url", public],
        ["--client-key", "sandbox-key"],
        ["--password", "13a4822c5907ed235f3a068c76184fc3"],
        ["--shop-id", "361"],
        ["--shop-secret", "sandbox-secret"],
        ["--binding-secret", "the-merchants-binding-secret"],
        ["--merchant-token", super::MERCHANT_TOKEN],
    ];
    start(env!("CARGO_BIN_EXE_merchant-backend"), args.as_flattened(), Stdio::inherit(), "warn").await
}

/// Starts `program` listening on a free loopback port, once it says where it listens.
async fn start(program: &str, args: &[&str], logs: Stdio, level: &str) -> Process {
    let mut child = tokio::process::Command::new(program)
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(logs)
        .env("RUST_LOG", level)
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = tokio::time::timeout(std::time::Duration::from_secs(20), lines.next_line()).await.unwrap().unwrap().unwrap();
    // "Sandbox checkout: http://127.0.0.1:PORT/  (gateway: …)", "merchant-backend: listening on http://…"
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
