//! The command line and environment of both binaries, one declaration (clap): `sandbox`
//! (emulator + backend + demo pages, with sandbox credentials built in) and
//! `merchant-backend` (the backend alone, which starts only with every secret given).
//! The backend's variables are `CHECKOUT_*` (and `DATABASE_URL`); the emulator's own,
//! `SANDBOX_*`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{CommandFactory, FromArgMatches, Parser};

use crate::{server, Dialect, Settings};

#[derive(Parser, Debug, Clone)]
#[command(version, about = "Payment Platform / PayCross v3 merchant backend for the checkout widget")]
pub struct Args {
    /// Address to listen on.
    #[arg(long, env = "CHECKOUT_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// SQLite database file: the merchant's records (merchant-backend, without --database-url);
    /// the sandbox's emulated gateway's, with the merchant's beside it in NAME.merchant.sqlite.
    #[arg(long, env = "CHECKOUT_DATA")]
    pub data: Option<PathBuf>,
    /// The merchant's database: postgres://USER:PASSWORD@HOST/DB (several instances share
    /// one) or sqlite://PATH; default: the --data file.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Gateway dialect of orders that name none.
    #[arg(long, env = "CHECKOUT_GATEWAY", default_value = "platform", value_parser = parse_dialect)]
    pub gateway: Dialect,
    /// Where the backend finds the gateway (sandbox: the emulator in this process).
    #[arg(long, env = "CHECKOUT_GATEWAY_URL")]
    pub gateway_url: Option<String>,
    /// Sandbox: where the emulated Payment Platform posts its callbacks (a merchant account's
    /// callback URL); default: this server's /api/callback.
    #[arg(long, env = "SANDBOX_CALLBACK_URL")]
    pub callback_url: Option<String>,
    /// This server's public URL (return and callback URLs); default: http://LISTEN.
    #[arg(long, env = "CHECKOUT_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Directory of the built widget (sandbox pages).
    #[arg(long, env = "SANDBOX_WIDGET_DIR")]
    pub widget: Option<PathBuf>,
    /// Payment Platform CLIENT_KEY.
    #[arg(long, env = "CHECKOUT_CLIENT_KEY")]
    pub client_key: Option<String>,
    /// Payment Platform PASSWORD (signs every request).
    #[arg(long, env = "CHECKOUT_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// PayCross shop id.
    #[arg(long, env = "CHECKOUT_SHOP_ID")]
    pub shop_id: Option<String>,
    /// PayCross secret key.
    #[arg(long, env = "CHECKOUT_SHOP_SECRET", hide_env_values = true)]
    pub shop_secret: Option<String>,
    /// Key of the HMAC that binds an Idempotency-Key to its request.
    #[arg(long, env = "CHECKOUT_BINDING_SECRET", hide_env_values = true)]
    pub binding_secret: Option<String>,
    /// Back-office token for capture (`Authorization: Bearer …`); sandbox: one of its own each start.
    #[arg(long, env = "CHECKOUT_MERCHANT_TOKEN", hide_env_values = true)]
    pub merchant_token: Option<String>,
    /// Milliseconds the backend waits for the gateway before an outcome is unknown.
    #[arg(long, env = "CHECKOUT_GATEWAY_TIMEOUT_MS", default_value_t = 20_000)]
    pub gateway_timeout_ms: u64,
    /// Milliseconds between reconciler sweeps.
    #[arg(long, env = "CHECKOUT_RECONCILE_INTERVAL_MS", default_value_t = 30_000)]
    pub reconcile_interval_ms: u64,
    /// Milliseconds the emulated bank waits at its 3-D Secure page.
    #[arg(long, env = "SANDBOX_ACS_TIMEOUT_MS", default_value_t = 600_000)]
    pub acs_timeout_ms: u64,
    /// The emulated bank's 3-D Secure page refuses to be framed (`X-Frame-Options: DENY`), as
    /// some banks' do: the inline challenge's fallback is tested against it.
    #[arg(long, env = "SANDBOX_ACS_REFUSES_FRAMING")]
    pub acs_refuses_framing: bool,
    /// Milliseconds a connection has to send its request head.
    #[arg(long, env = "CHECKOUT_HEADER_TIMEOUT_MS", default_value_t = 10_000)]
    pub header_timeout_ms: u64,
    /// Milliseconds a request has to send its body.
    #[arg(long, env = "CHECKOUT_BODY_TIMEOUT_MS", default_value_t = 10_000)]
    pub body_timeout_ms: u64,
    /// Connections served at once.
    #[arg(long, env = "CHECKOUT_MAX_CONNECTIONS", default_value_t = 512)]
    pub max_connections: usize,
    /// Log lines on stderr: text, or one JSON object a line (levels: RUST_LOG, default info).
    #[arg(long, env = "CHECKOUT_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// Structured logs through `tracing`: each event names its order and attempt, never a card
/// number, CVV2, token or signature (`tests/logs.rs` reads every line of a run for them).
pub fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
}

fn parse_dialect(s: &str) -> Result<Dialect, String> {
    Dialect::parse(s).ok_or_else(Dialect::expected)
}

/// Which binary: the sandbox has credentials built in; the merchant backend has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Sandbox,
    Merchant,
}

/// Options of the emulator and the demo pages: hidden from `merchant-backend --help`.
pub const SANDBOX_ONLY: [&str; 4] = ["callback_url", "widget", "acs_timeout_ms", "acs_refuses_framing"];

/// The command line of `mode`'s binary: `merchant-backend` shows only what it uses.
pub fn parse(mode: Mode) -> Args {
    let mut command = Args::command();
    if mode == Mode::Merchant {
        command =
            command.name("merchant-backend").about("The checkout widget's reference merchant backend (Payment Platform / PayCross v3)");
        for id in SANDBOX_ONLY {
            command = command.mut_arg(id, |a| a.hide(true));
        }
    }
    Args::from_arg_matches(&command.get_matches()).unwrap_or_else(|e| e.exit())
}

/// The sandbox's own credentials (PROTOCOL.md's test vector password): never a merchant's.
const SANDBOX_SECRETS: [(&str, &str); 5] = [
    ("client-key", "sandbox-key"),
    ("password", "13a4822c5907ed235f3a068c76184fc3"),
    ("shop-id", "361"),
    ("shop-secret", "sandbox-secret"),
    ("binding-secret", "sandbox-binding-secret"),
];

/// "--NAME (or ITS_VARIABLE) is required", the variable as the declaration names it.
fn required(long: &str) -> String {
    let command = Args::command();
    let arg = command.get_arguments().find(|a| a.get_long() == Some(long));
    let env = arg.and_then(|a| a.get_env()).and_then(|e| e.to_str()).unwrap_or("its environment variable");
    format!("--{long} (or {env}) is required")
}

impl Args {
    /// The settings of a server bound to `bound` (port 0 in `--listen` picks one), or the
    /// option that is missing.
    pub fn settings_at(&self, mode: Mode, bound: SocketAddr) -> Result<Settings, String> {
        let mut s = self.settings(mode)?;
        if self.public_url.is_none() {
            s.set_base(&format!("http://{bound}"));
            self.point_elsewhere(&mut s);
        }
        Ok(s)
    }

    /// What `--gateway-url` and `--callback-url` change from a server's own base URL.
    fn point_elsewhere(&self, s: &mut Settings) {
        if let Some(g) = &self.gateway_url {
            s.gateway_base = g.trim_end_matches('/').to_string();
        }
        if let Some(c) = &self.callback_url {
            s.callback_url = c.clone();
        }
    }

    /// The settings for `mode`, or the option that is missing.
    pub fn settings(&self, mode: Mode) -> Result<Settings, String> {
        // a merchant backend needs the credentials of its own gateway's dialect only
        let needed = |name: &str| match name {
            "client-key" | "password" => self.gateway.is_platform(),
            "shop-id" | "shop-secret" => !self.gateway.is_platform(),
            _ => true,
        };
        let secret = |name: &str, v: &Option<String>| match (v, mode) {
            (Some(v), _) if !v.is_empty() => Ok(v.clone()),
            (_, Mode::Sandbox) => Ok(SANDBOX_SECRETS.iter().find(|(n, _)| *n == name).map_or("", |(_, d)| d).to_string()),
            (_, Mode::Merchant) if !needed(name) => Ok(String::new()),
            (_, Mode::Merchant) => Err(required(name)),
        };
        let ms = Duration::from_millis;
        let merchant_token = match (&self.merchant_token, mode) {
            (Some(t), _) if !t.is_empty() => t.clone(),
            (_, Mode::Sandbox) => uuid::Uuid::new_v4().simple().to_string(),
            (_, Mode::Merchant) => return Err(required("merchant-token")),
        };
        if mode == Mode::Merchant && self.gateway_url.is_none() {
            return Err(required("gateway-url"));
        }
        let base = self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.listen));
        let mut s = Settings {
            dialect: self.gateway,
            client_key: secret("client-key", &self.client_key)?,
            password: secret("password", &self.password)?,
            shop_id: secret("shop-id", &self.shop_id)?,
            shop_secret: secret("shop-secret", &self.shop_secret)?,
            descriptor: "SANDBOX*COFFEE.EXAMPLE".into(),
            base: String::new(),
            gateway_base: String::new(),
            callback_url: String::new(),
            widget_dir: self.widget.clone().unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../www/dist"))),
            gateway_timeout: ms(self.gateway_timeout_ms),
            reconcile_every: ms(self.reconcile_interval_ms),
            acs_timeout: ms(self.acs_timeout_ms),
            acs_refuses_framing: self.acs_refuses_framing,
            merchant_token,
            binding_secret: secret("binding-secret", &self.binding_secret)?,
            limits: server::Limits {
                header_timeout: ms(self.header_timeout_ms),
                body_timeout: ms(self.body_timeout_ms),
                max_connections: self.max_connections,
            },
        };
        s.set_base(base.trim_end_matches('/'));
        self.point_elsewhere(&mut s);
        Ok(s)
    }

    /// The SQLite file: `--data`, else the sandbox's own under the crate, or the merchant
    /// backend's in the working directory.
    pub fn data_path(&self, mode: Mode) -> PathBuf {
        let default = match mode {
            Mode::Sandbox => concat!(env!("CARGO_MANIFEST_DIR"), "/data/sandbox.sqlite"),
            Mode::Merchant => "merchant-backend.sqlite",
        };
        self.data.clone().unwrap_or_else(|| PathBuf::from(default))
    }
}

/// Where the sandbox keeps the merchant's records beside the emulator's `data` file
/// (`sandbox.sqlite` → `sandbox.merchant.sqlite`) when no --database-url is given.
pub fn merchant_file(data: &Path) -> PathBuf {
    let stem = data.file_stem().map_or("sandbox".into(), |s| s.to_string_lossy());
    data.with_file_name(format!("{stem}.merchant.sqlite"))
}

/// Stops the program with a message for its operator.
pub fn fail(program: &str, message: &str) -> ! {
    eprintln!("{program}: {message}");
    std::process::exit(2)
}

/// Binds the listening socket, or stops naming the address.
pub async fn bind(program: &str, addr: SocketAddr) -> tokio::net::TcpListener {
    tokio::net::TcpListener::bind(addr).await.unwrap_or_else(|e| fail(program, &format!("cannot listen on {addr}: {e}")))
}
