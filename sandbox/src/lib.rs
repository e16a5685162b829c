//! The sandbox as a library, so integration tests start it in-process on a free port.

pub mod db;
pub mod gateway;
pub mod merchant;
pub mod pages;
pub mod sign;
pub mod wire;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub use gateway::today as gateway_today;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Platform,
    /// The Payment Platform answering `redirect_params` as `[{name, value}]`.
    PlatformV2,
    PayCross,
}

impl Dialect {
    pub fn parse(s: &str) -> Option<Dialect> {
        match s {
            "platform" => Some(Dialect::Platform),
            "platform-v2" => Some(Dialect::PlatformV2),
            "paycross" => Some(Dialect::PayCross),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Platform => "platform",
            Dialect::PlatformV2 => "platform-v2",
            Dialect::PayCross => "paycross",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub dialect: Dialect,
    pub client_key: String,
    pub password: String,
    pub shop_id: String,
    pub shop_secret: String,
    pub descriptor: String,
    /// This server's own URL (`http://127.0.0.1:8080`).
    pub base: String,
    /// Where the merchant backend finds the gateway (the emulator, by default this server).
    pub gateway_base: String,
    /// Where the emulator sends dialect A callbacks.
    pub callback_url: String,
    pub widget_dir: PathBuf,
}

impl Settings {
    pub fn from_env() -> Settings {
        let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
        Settings {
            dialect: Dialect::parse(&env("SANDBOX_GATEWAY", "platform")).unwrap_or(Dialect::Platform),
            client_key: env("SANDBOX_CLIENT_KEY", "sandbox-key"),
            password: env("SANDBOX_PASSWORD", "13a4822c5907ed235f3a068c76184fc3"),
            shop_id: env("SANDBOX_SHOP_ID", "361"),
            shop_secret: env("SANDBOX_SHOP_SECRET", "sandbox-secret"),
            descriptor: "SANDBOX*COFFEE.EXAMPLE".into(),
            base: String::new(),
            gateway_base: String::new(),
            callback_url: String::new(),
            widget_dir: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/dist")),
        }
    }

    pub fn set_base(&mut self, base: &str) {
        self.base = base.to_string();
        self.gateway_base = base.to_string();
        self.callback_url = format!("{base}/api/callback");
    }
}

#[derive(Clone)]
pub struct App {
    pub cfg: Arc<Settings>,
    pub db: db::Db,
    pub http: reqwest::Client,
}

impl App {
    pub fn new(cfg: Settings, data: &Path) -> rusqlite::Result<App> {
        let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(20)).build().expect("a plain HTTP client builds");
        Ok(App { cfg: Arc::new(cfg), db: db::Db::open(data)?, http })
    }
}

async fn not_found() -> impl IntoResponse {
    (StatusCode::NOT_FOUND, axum::Json(serde_json::json!({"error": "Not found"})))
}

pub fn router(app: App) -> Router {
    let widget = ServeDir::new(&app.cfg.widget_dir);
    let statics = ServeDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/static"));
    Router::new()
        .route("/", get(pages::demo))
        .route("/return", get(pages::return_page))
        .route("/examples/{name}", get(pages::example))
        .route("/api/orders", post(merchant::post_order))
        .route("/api/orders/{id}", get(merchant::get_order))
        .route("/api/orders/{id}/capture", post(merchant::capture))
        .route("/api/pay", post(merchant::pay))
        .route("/api/callback", post(merchant::callback))
        .route("/api/callback/paycross", post(merchant::callback_paycross))
        .route("/gateway/post", post(gateway::post_sale))
        .route("/gateway/v2/post", post(gateway::post_sale_v2))
        .route("/gateway/v3/transactions/payments", post(gateway::paycross_payment))
        .route("/gateway/acs/{id}", get(gateway::acs_page).post(gateway::acs_page))
        .route("/gateway/acs/{id}/complete", post(gateway::acs_complete))
        .nest_service("/widget", widget)
        .nest_service("/static", statics)
        .fallback(not_found)
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(axum::extract::DefaultBodyLimit::max(256 * 1024))
        .with_state(app)
}
