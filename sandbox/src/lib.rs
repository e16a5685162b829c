//! The sandbox as a library, so integration tests start it in-process on a free port.

pub mod browser;
pub mod config;
pub mod db;
pub mod error;
pub mod gateway;
pub mod merchant;
pub mod pages;
pub mod server;
pub mod sign;
pub mod status;
pub mod store;
pub mod wire;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum Dialect {
    Platform,
    /// The Payment Platform answering `redirect_params` as `[{name, value}]`.
    PlatformV2,
    #[strum(serialize = "paycross")]
    PayCross,
}

impl Dialect {
    pub fn parse(s: &str) -> Option<Dialect> {
        s.parse().ok()
    }
    pub fn name(self) -> &'static str {
        self.into()
    }
    /// "must be platform, platform-v2 or paycross"
    pub fn expected() -> String {
        use strum::VariantNames;
        let (last, rest) = Self::VARIANTS.split_last().expect("dialects");
        format!("must be {} or {last}", rest.join(", "))
    }
    /// Dialect A (the Payment Platform, either shape of redirect params) or B (PayCross).
    pub fn is_platform(self) -> bool {
        self != Dialect::PayCross
    }
}

stored_by_name!(Dialect);

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
    /// How long the backend waits for the gateway before the outcome is unknown.
    pub gateway_timeout: Duration,
    /// How often the reconciler sweeps recent orders for unsettled attempts and late charges.
    pub reconcile_every: Duration,
    /// How long the emulated bank waits for a payer at its 3-D Secure page.
    pub acs_timeout: Duration,
    /// The emulated bank refuses to have its 3-D Secure page framed (`X-Frame-Options: DENY`),
    /// as some banks do: what the inline challenge's fallback link is for.
    pub acs_refuses_framing: bool,
    /// What the merchant's own back office sends as `Authorization: Bearer …` (capture).
    pub merchant_token: String,
    /// The key of the HMAC that binds an Idempotency-Key to its request.
    pub binding_secret: String,
    /// How the server treats connections: header deadline, body deadline, how many at once.
    pub limits: server::Limits,
}

impl Settings {
    /// The sandbox's settings from the environment alone (tests, and the sandbox's defaults).
    pub fn from_env() -> Settings {
        use clap::Parser;
        config::Args::parse_from(["sandbox"]).settings(config::Mode::Sandbox).expect("the sandbox has every default")
    }

    pub fn set_base(&mut self, base: &str) {
        self.base = base.to_string();
        self.gateway_base = base.to_string();
        self.callback_url = format!("{base}/api/callback");
    }
}

/// `http://127.0.0.1:…`, `http://localhost:…`, `http://[::1]:…`: a developer's machine.
pub fn is_loopback_http(base: &str) -> bool {
    let Ok(url) = checkout_rules::url::Url::parse(base) else { return false };
    url.scheme == checkout_rules::url::Scheme::Http && (url.host == "localhost" || url.host.starts_with("127.") || url.host == "[::1]")
}

#[derive(Clone)]
pub struct App {
    pub cfg: Arc<Settings>,
    /// The merchant backend's orders, attempts and saved cards.
    pub store: store::Store,
    /// The emulated gateway's records: the sandbox's, never the merchant backend's.
    emulator: Option<db::Db>,
    pub http: reqwest::Client,
}

impl App {
    /// The sandbox: the emulator's records in the SQLite file `data`, the merchant's at
    /// `database_url` (PostgreSQL or SQLite), else in a file of their own beside it
    /// ([`config::merchant_file`]): two parties, two databases, no lock shared.
    pub async fn sandbox(cfg: Settings, data: &Path, database_url: Option<&str>) -> Result<App, String> {
        let emulator = db::Db::open(data).map_err(|e| format!("cannot open {}: {e}", data.display()))?;
        let mut app = App::merchant(cfg, &config::merchant_file(data), database_url).await?;
        app.emulator = Some(emulator);
        Ok(app)
    }

    /// The merchant backend alone: its records at `database_url`, else in the SQLite file `data`.
    pub async fn merchant(cfg: Settings, data: &Path, database_url: Option<&str>) -> Result<App, String> {
        let http = reqwest::Client::builder().timeout(cfg.gateway_timeout).build().expect("a plain HTTP client builds");
        let store = match database_url {
            Some(url) => store::Store::open(url).await.map_err(|e| format!("cannot open the database: {e}"))?,
            None => store::Store::sqlite(data).await.map_err(|e| format!("cannot open {}: {e}", data.display()))?,
        };
        Ok(App { cfg: Arc::new(cfg), store, emulator: None, http })
    }

    /// The emulator's records. Its routes and tasks run only in the sandbox, which has them.
    pub fn emulator(&self) -> &db::Db {
        self.emulator.as_ref().expect("the gateway emulator runs only inside the sandbox")
    }
}

async fn not_found() -> axum::response::Response {
    error::response(StatusCode::NOT_FOUND, "Not found")
}

/// A panic inside one request is that request's 500, never the server's end. It may
/// come after a SALE was sent: the answer says where the outcome will be, not "nothing".
fn panic_answer(_: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let error = "Internal error. If this request sent a payment, the order's status will tell its outcome; do not pay again before.";
    error::response(StatusCode::INTERNAL_SERVER_ERROR, error)
}

/// What runs beside the requests: the emulator's callback redelivery and 3-D Secure
/// expiry, and the merchant's reconciler.
pub fn start_background(app: &App) {
    tokio::spawn(gateway::notify::redeliver_pending(app.clone()));
    tokio::spawn(gateway::expire_abandoned_forever(app.clone()));
    start_reconciler(app);
}

/// The merchant backend's own background work: the reconciler.
pub fn start_reconciler(app: &App) {
    tokio::spawn(merchant::reconcile::sweep_forever(app.clone()));
}

/// The merchant backend's API: what the widget, the gateway's callbacks and the merchant's
/// back office call, and the health checks of a load balancer.
fn merchant_routes() -> Router<App> {
    Router::new()
        .route("/api/orders", post(merchant::orders::post_order))
        .route("/api/orders/{id}", get(merchant::orders::get_order))
        .route("/api/orders/{id}/capture", post(merchant::capture::capture))
        .route("/api/pay", post(merchant::pay::pay))
        .route("/api/callback", post(merchant::callbacks::platform))
        .route("/api/callback/paycross", post(merchant::callbacks::paycross))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready))
}

/// Ready when the database answers.
async fn ready(axum::extract::State(app): axum::extract::State<App>) -> (StatusCode, &'static str) {
    if app.store.ping().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// The emulated gateway: both dialects, the ACS.
fn gateway_routes() -> Router<App> {
    Router::new()
        .route("/gateway/post", post(gateway::platform::post))
        .route("/gateway/v2/post", post(gateway::platform::post_v2))
        .route("/gateway/v3/transactions/payments", post(gateway::paycross::payment))
        .route("/gateway/v3/transactions/authorizations", post(gateway::paycross::authorization))
        .route("/gateway/v3/transactions/captures", post(gateway::paycross_children::capture))
        .route("/gateway/v3/transactions/voids", post(gateway::paycross_children::void))
        .route("/gateway/v3/transactions/refunds", post(gateway::paycross_children::refund))
        .route("/gateway/v3/transactions/tracking_id/{id}", get(gateway::paycross::by_tracking_id))
        .route("/gateway/v3/transactions/{uid}", get(gateway::paycross::one))
        .route("/gateway/acs/{id}", get(gateway::acs::page).post(gateway::acs::page))
        .route("/gateway/acs/{id}/complete", post(gateway::acs::complete))
}

/// The layers every server here has: no caching, bounded bodies, a body deadline, a panic
/// that is one request's 500.
fn with_layers(routes: Router<App>, app: App) -> Router {
    routes
        .fallback(not_found)
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(axum::extract::DefaultBodyLimit::max(256 * 1024))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(app.cfg.limits.body_timeout))
        .layer(CatchPanicLayer::custom(panic_answer))
        .with_state(app)
}

/// The merchant backend alone (`merchant-backend`).
pub fn merchant_router(app: App) -> Router {
    with_layers(merchant_routes(), app)
}

/// The sandbox: backend, emulator, demo pages and the built widget (`sandbox`).
pub fn router(app: App) -> Router {
    let widget = ServeDir::new(&app.cfg.widget_dir);
    let statics = ServeDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/static"));
    let routes = merchant_routes()
        .merge(gateway_routes())
        .route("/", get(pages::demo))
        .route("/return", get(pages::return_page))
        .route("/examples/{name}", get(pages::example))
        .nest_service("/widget", widget)
        .nest_service("/static", statics);
    with_layers(routes, app)
}
