//! What the money-safety tests share: a sandbox on a free loopback port (in this process,
//! or as a separate process of the real binary), a client, orders, pays, and the count of
//! charges the emulated gateway made, read straight from the database file.
#![allow(dead_code)]

pub mod balancer;
pub mod emulator;
pub mod postgres;
pub mod process;
pub mod proxy;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::redirect::Policy;
use sandbox::{router, App, Dialect, Settings};
use serde_json::{json, Value};

pub struct Server {
    pub base: String,
    pub addr: SocketAddr,
    /// The SQLite file: the emulator's records, and the merchant's unless [`Server::store`] is elsewhere.
    pub data: PathBuf,
    /// The merchant's database (`sqlite://…` or `postgres://…`).
    pub store: String,
    pub task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A fresh database file for the test `name`, in Cargo's scratch directory for integration
/// tests (`target/tmp`): each run starts from an empty file and leaves nothing in the
/// system's temporary directory.
pub fn temp_db(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("sandbox-{name}.sqlite"));
    for file in [p.clone(), sandbox::config::merchant_file(&p)] {
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{}", file.display(), ext));
        }
    }
    p
}

/// How a test server is set up.
pub struct Setup {
    pub dialect: Dialect,
    /// Where the merchant side finds the gateway (a fault proxy); default: itself.
    pub gateway: Option<String>,
    pub timeout: Duration,
    /// Where the emulator sends dialect A callbacks; default: this server's /api/callback.
    pub callback_url: Option<String>,
    /// How often the reconciler sweeps recent orders.
    pub reconcile_every: Duration,
    /// How long the emulated bank waits at its 3-D Secure page.
    pub acs_timeout: Duration,
    /// How long the server waits for a request's headers.
    pub header_timeout: Duration,
    /// The server's public URL when it is not its loopback address (behind a proxy).
    pub public_base: Option<String>,
    /// The emulated bank's 3-D Secure page refuses to be framed.
    pub acs_refuses_framing: bool,
}

/// The merchant's back-office token of every test server.
pub const MERCHANT_TOKEN: &str = "test-merchant-token";

impl Default for Setup {
    fn default() -> Setup {
        Setup {
            dialect: Dialect::Platform,
            gateway: None,
            timeout: Duration::from_secs(10),
            callback_url: None,
            reconcile_every: Duration::from_secs(30),
            acs_timeout: Duration::from_secs(600),
            header_timeout: Duration::from_secs(10),
            public_base: None,
            acs_refuses_framing: false,
        }
    }
}

/// Binds first, so a proxy can be pointed at the address before the server starts.
pub async fn listener() -> (tokio::net::TcpListener, String) {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
    let base = format!("http://{}", l.local_addr().unwrap());
    (l, base)
}

pub async fn serve(listener: tokio::net::TcpListener, data: PathBuf, setup: Setup) -> Server {
    let addr = listener.local_addr().unwrap();
    let mut s = Settings::from_env();
    s.dialect = setup.dialect;
    s.set_base(&format!("http://{addr}"));
    s.gateway_timeout = setup.timeout;
    if let Some(g) = setup.gateway {
        s.gateway_base = g;
    }
    if let Some(u) = setup.callback_url {
        s.callback_url = u;
    }
    if let Some(b) = setup.public_base {
        s.base = b;
    }
    s.reconcile_every = setup.reconcile_every;
    s.acs_timeout = setup.acs_timeout;
    s.merchant_token = MERCHANT_TOKEN.into();
    s.limits.header_timeout = setup.header_timeout;
    s.acs_refuses_framing = setup.acs_refuses_framing;
    let name = data.file_stem().unwrap().to_string_lossy().into_owned();
    let merchant_file = sandbox::config::merchant_file(&data);
    let store =
        if postgres::chosen() { postgres::fresh_database(&name).await } else { format!("sqlite://{}?mode=rwc", merchant_file.display()) };
    let app = App::sandbox(s, &data, Some(&store)).await.expect("db");
    sandbox::start_background(&app);
    let limits = app.cfg.limits;
    let task = tokio::spawn(sandbox::server::serve(listener, router(app), limits, std::future::pending()));
    Server { base: format!("http://{addr}"), addr, data, store, task }
}

pub async fn start(name: &str, setup: Setup) -> Server {
    let (l, _) = listener().await;
    serve(l, temp_db(name), setup).await
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).timeout(Duration::from_secs(30)).build().unwrap()
}

pub async fn order_with(base: &str, body: Value) -> String {
    let r = client().post(format!("{base}/api/orders")).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 201);
    r.json::<Value>().await.unwrap()["order_id"].as_str().unwrap().to_string()
}

pub async fn order(base: &str, gateway: &str) -> String {
    order_extra(base, gateway, json!({})).await
}

/// A 1.99 USD order with `extra` options (`auth`, `async`).
pub async fn order_extra(base: &str, gateway: &str, extra: Value) -> String {
    let mut body = json!({"amount": "1.99", "currency": "USD", "description": "Product", "gateway": gateway});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    order_with(base, body).await
}

/// What the widget sends for a payer with this card.
/// The widget's body for a payment (its `browser` included, as the widget sends it).
pub fn payer(order_id: &str, number: &str, exp: (&str, &str)) -> Value {
    json!({
        "order_id": order_id, "card_number": number, "card_exp_month": exp.0, "card_exp_year": exp.1, "card_cvv2": "123",
        "payer_first_name": "John", "payer_last_name": "Doe", "payer_email": "doe@example.com",
        "payer_country": "US", "payer_state": "CO", "payer_city": "Denver", "payer_zip": "80202", "payer_address": "1 Main St",
        "browser": browser(),
    })
}

/// What the widget reads from a browser for 3-D Secure 2 (spec/003's example values).
pub fn browser() -> Value {
    json!({"screen_width": 1920, "screen_height": 1080, "screen_color_depth": 24, "language": "en", "java_enabled": false,
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", "time_zone": -180,
        "time_zone_name": "Europe/Vilnius", "window_height": 667, "window_width": 600})
}

/// The success card of each dialect.
pub fn good_card(gateway: &str) -> &'static str {
    if gateway == "paycross" {
        "4200000000000000"
    } else {
        "4111111111111111"
    }
}

pub async fn pay_at(base: &str, key: &str, body: &Value, cookie: Option<&str>) -> (u16, Value) {
    let mut req = client().post(format!("{base}/api/pay")).header("Idempotency-Key", key).json(body);
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub async fn pay(base: &str, key: &str, body: &Value) -> (u16, Value) {
    pay_at(base, key, body, None).await
}

pub async fn status(base: &str, order_id: &str) -> Value {
    client().get(format!("{base}/api/orders/{order_id}")).send().await.unwrap().json().await.unwrap()
}

/// Waits (bounded) until the order reaches `want`.
pub async fn wait_status(base: &str, order_id: &str, want: &str) -> Value {
    for _ in 0..100 {
        let v = status(base, order_id).await;
        if v["status"] == want {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("order {order_id} never reached {want}: {}", status(base, order_id).await);
}

/// The charges the emulated gateway made for an order (money moved or held), counted in
/// the database file itself.
pub fn charges(data: &Path, order_id: &str) -> i64 {
    let c = rusqlite::Connection::open(data).unwrap();
    c.busy_timeout(Duration::from_secs(10)).unwrap();
    c.query_row("SELECT COUNT(*) FROM gw_tx WHERE order_id = ?1 AND status IN ('SETTLED', 'PENDING')", [order_id], |r| r.get(0)).unwrap()
}

/// Every gateway transaction of an order: (status, amount).
pub fn gateway_rows(data: &Path, order_id: &str) -> Vec<(String, String)> {
    let c = rusqlite::Connection::open(data).unwrap();
    let mut st = c.prepare("SELECT status, amount FROM gw_tx WHERE order_id = ?1 ORDER BY rowid").unwrap();
    st.query_map([order_id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

/// A not-final answer of the contract: 409/502/504 with UNDEFINED (A) or pending (B).
pub fn is_not_final(code: u16, v: &Value) -> bool {
    matches!(code, 409 | 502 | 504) && (v["result"] == "UNDEFINED" || v["status"] == "pending")
}

/// A final success answer in either dialect.
pub fn is_success(v: &Value) -> bool {
    v["result"] == "SUCCESS" || v["status"] == "successful"
}

/// The rows of one text column the merchant's database (SQLite or PostgreSQL) answers for `sql` with `$1 = arg`.
pub async fn merchant_column(url: &str, sql: &'static str, arg: &str) -> Vec<String> {
    use sqlx::{Connection, Row};
    sqlx::any::install_default_drivers();
    let mut c = sqlx::AnyConnection::connect(url).await.unwrap();
    let rows = sqlx::query(sql).bind(arg).fetch_all(&mut c).await.unwrap();
    rows.iter().map(|r| r.try_get::<String, _>(0).unwrap()).collect()
}
