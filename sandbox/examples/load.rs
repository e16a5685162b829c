//! Load figure of the pay path (a benchmark, not a test): widget-shaped requests over
//! loopback HTTP to one sandbox process on SQLite, its emulator as the gateway. Prints
//! payments per second, p50/p95 latency, and the charges the gateway counted against
//! the orders paid.
//!
//! cargo run --profile server -p sandbox --example load [ORDERS] [CONCURRENCY]

use std::time::{Duration, Instant};

use sandbox::{router, App, Settings};
use serde_json::{json, Value};

fn payer(order_id: &str) -> Value {
    json!({"order_id": order_id, "card_number": "4111111111111111", "card_exp_month": "01", "card_exp_year": "2038",
        "card_cvv2": "123", "payer_first_name": "John", "payer_last_name": "Doe", "payer_email": "doe@example.com",
        "payer_country": "US", "payer_state": "CO", "payer_city": "Denver", "payer_zip": "80202", "payer_address": "1 Main St"})
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("a number"));
    let (orders, concurrency) = (args.next().unwrap_or(400), args.next().unwrap_or(16));
    let dir = std::env::temp_dir().join(format!("sandbox-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let data = dir.join("load.sqlite");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut s = Settings::from_env();
    s.set_base(&base);
    let app = App::sandbox(s, &data, None).await.unwrap();
    let limits = app.cfg.limits;
    tokio::spawn(sandbox::server::serve(listener, router(app), limits, std::future::pending()));

    let http = reqwest::Client::new();
    let mut ids = Vec::new();
    for _ in 0..orders {
        let body = json!({"amount": "12.00", "currency": "USD", "description": "Load"});
        let v: Value = http.post(format!("{base}/api/orders")).json(&body).send().await.unwrap().json().await.unwrap();
        ids.push(v["order_id"].as_str().unwrap().to_string());
    }
    let started = Instant::now();
    let mut latencies: Vec<Duration> = Vec::new();
    for chunk in ids.chunks(concurrency) {
        let mut set = tokio::task::JoinSet::new();
        for id in chunk.iter().cloned() {
            let (http, base) = (http.clone(), base.clone());
            set.spawn(async move {
                let t = Instant::now();
                let r = http.post(format!("{base}/api/pay")).header("Idempotency-Key", format!("{id}-k")).json(&payer(&id)).send().await;
                let ok = r.is_ok_and(|r| r.status() == 200);
                (ok, t.elapsed())
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
    let c = rusqlite::Connection::open(&data).unwrap();
    let charges: i64 = c.query_row("SELECT COUNT(*) FROM gw_tx WHERE status IN ('SETTLED', 'PENDING')", [], |r| r.get(0)).unwrap();
    let paid: i64 = c.query_row("SELECT COUNT(*) FROM orders WHERE status = 'SETTLED'", [], |r| r.get(0)).unwrap();
    println!("## Pay path, 1 process on SQLite ({orders} orders, {concurrency} at a time)");
    println!("payments/s {:.0}  p50 {:.1} ms  p95 {:.1} ms", orders as f64 / elapsed.as_secs_f64(), pct(0.5), pct(0.95));
    println!("charges counted by the gateway {charges} = orders paid {paid}");
    assert_eq!(charges, paid);
    let _ = std::fs::remove_dir_all(&dir);
}
