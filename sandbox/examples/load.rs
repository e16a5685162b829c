//! Load figures of the pay path (a benchmark, not a test): widget-shaped requests over
//! loopback HTTP, the sandbox's emulator as the gateway, against
//!   - 1 sandbox process with the merchant's records on SQLite,
//!   - 1 and 3 `merchant-backend` processes sharing one PostgreSQL database
//!     (when `SANDBOX_TEST_POSTGRES` names a server: `scripts/postgres.sh` starts one).
//!
//! Prints payments per second, p50/p95 latency, and the charges the gateway counted
//! against the orders paid.
//!
//! cargo build --profile server -p sandbox --bins --example load
//! PG_DURABLE=1 bash scripts/postgres.sh target/server/examples/load [ORDERS] [CONCURRENCY]

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::AsyncBufReadExt;
use tokio::process::{Child, Command};

fn payer(order_id: &str) -> Value {
    json!({"order_id": order_id, "card_number": "4111111111111111", "card_exp_month": "01", "card_exp_year": "2038",
        "card_cvv2": "123", "payer_first_name": "John", "payer_last_name": "Doe", "payer_email": "doe@example.com",
        "payer_country": "US", "payer_state": "CO", "payer_city": "Denver", "payer_zip": "80202", "payer_address": "1 Main St"})
}

/// A binary built beside this example (`target/PROFILE/NAME`).
fn binary(name: &str) -> PathBuf {
    let me = std::env::current_exe().unwrap();
    me.parent().and_then(Path::parent).unwrap().join(name)
}

/// Starts `name` with `args` on a free port; returns the process and its base URL.
async fn start(name: &str, args: &[&str]) -> (Child, String) {
    let mut child = Command::new(binary(name))
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("{name} starts (cargo build --profile server -p sandbox --bins): {e}"));
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next_line().await.unwrap().unwrap();
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let base = first.split_whitespace().find(|w| w.starts_with("http://")).unwrap().trim_end_matches('/').to_string();
    (child, base)
}

/// `n` backends: the sandbox's credentials, the gateway at `gateway`, records at `url`.
async fn backends(n: usize, url: &str, gateway: &str) -> Vec<(Child, String)> {
    let mut all = Vec::new();
    for _ in 0..n {
        let secrets = ["--client-key", "sandbox-key", "--password", "13a4822c5907ed235f3a068c76184fc3", "--binding-secret", "load"];
        let args = [&["--database-url", url, "--gateway-url", gateway, "--merchant-token", "load"][..], &secrets[..]].concat();
        all.push(start("merchant-backend", &args).await);
    }
    all
}

/// Pays `orders` new orders, `concurrency` at a time, spread over `bases` in turn.
async fn run(label: &str, bases: &[String], orders: usize, concurrency: usize, gateway_data: &Path) {
    let http = reqwest::Client::new();
    let mut ids = Vec::new();
    for i in 0..orders {
        let body = json!({"amount": "12.00", "currency": "USD", "description": "Load"});
        let base = &bases[i % bases.len()];
        let v: Value = http.post(format!("{base}/api/orders")).json(&body).send().await.unwrap().json().await.unwrap();
        ids.push((v["order_id"].as_str().unwrap().to_string(), base.clone()));
    }
    let started = Instant::now();
    let mut latencies: Vec<Duration> = Vec::new();
    for chunk in ids.chunks(concurrency) {
        let mut set = tokio::task::JoinSet::new();
        for (id, base) in chunk {
            let (id, base, http) = (id.clone(), base.clone(), http.clone());
            set.spawn(async move {
                let t = Instant::now();
                let r = http.post(format!("{base}/api/pay")).header("Idempotency-Key", format!("{id}-k")).json(&payer(&id)).send().await;
                (r.is_ok_and(|r| r.status() == 200), t.elapsed())
            });
        }
        for (ok, took) in set.join_all().await {
            assert!(ok, "every payment answered 200");
            latencies.push(took);
        }
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    let mut paid = 0;
    for (id, base) in &ids {
        let v: Value = http.get(format!("{base}/api/orders/{id}")).send().await.unwrap().json().await.unwrap();
        paid += usize::from(v["status"] == "SETTLED");
    }
    let c = rusqlite::Connection::open(gateway_data).unwrap();
    let charges: usize = c.query_row("SELECT COUNT(*) FROM gw_tx WHERE status IN ('SETTLED', 'PENDING')", [], |r| r.get(0)).unwrap();
    println!("## Pay path, {label} ({orders} orders, {concurrency} at a time)");
    println!("payments/s {:.0}  p50 {:.1} ms  p95 {:.1} ms", orders as f64 / elapsed.as_secs_f64(), pct(0.5), pct(0.95));
    println!("charges counted by the gateway {charges} = orders paid {paid}\n");
    assert_eq!(charges, paid);
}

/// An empty database on the server `SANDBOX_TEST_POSTGRES` names.
async fn fresh_postgres(server: &str, name: &str) -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut c = sqlx::AnyConnection::connect(&format!("{server}/postgres")).await.unwrap();
    for sql in [format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"), format!("CREATE DATABASE {name}")] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.unwrap();
    }
    format!("{server}/{name}")
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("a number"));
    let (orders, concurrency) = (args.next().unwrap_or(2000), args.next().unwrap_or(16));
    let dir = std::env::temp_dir().join(format!("sandbox-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = |name: &str| dir.join(name).to_str().unwrap().to_string();

    let (_sandbox, base) = start("sandbox", &["--data", &data("sqlite.sqlite")]).await;
    run("1 process on SQLite", &[base], orders, concurrency, Path::new(&data("sqlite.sqlite"))).await;

    if let Ok(server) = std::env::var("SANDBOX_TEST_POSTGRES") {
        for n in [1, 3] {
            let gateway_data = data(&format!("gateway-{n}.sqlite"));
            let (_gateway, gateway) = start("sandbox", &["--data", &gateway_data]).await;
            let url = fresh_postgres(&server, &format!("load_{n}")).await;
            let running = backends(n, &url, &gateway).await;
            let bases: Vec<String> = running.iter().map(|(_, b)| b.clone()).collect();
            let label = format!("{n} merchant-backend process{} on one PostgreSQL", if n == 1 { "" } else { "es" });
            run(&label, &bases, orders, concurrency, Path::new(&gateway_data)).await;
        }
    } else {
        println!("(SANDBOX_TEST_POSTGRES unset: the PostgreSQL figures need scripts/postgres.sh)");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
