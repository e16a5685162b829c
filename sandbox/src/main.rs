//! `sandbox`: a Payment Platform / PayCross v3 emulator and a reference merchant backend
//! in one process, so a full checkout (3-D Secure included) runs offline.
//!
//! sandbox [--listen 127.0.0.1:8080] [--data PATH] [--gateway platform|platform-v2|paycross]
//!         [--widget DIR] [--gateway-url URL] [--acs-refuses-framing]

use std::net::SocketAddr;
use std::path::PathBuf;

use sandbox::{router, App, Settings};

fn usage() -> ! {
    eprintln!(
        "usage: sandbox [--listen ADDR] [--data PATH] [--gateway platform|platform-v2|paycross] [--widget DIR] [--gateway-url URL]\n\
         \x20      [--acs-refuses-framing]\n\
         env: SANDBOX_CLIENT_KEY, SANDBOX_PASSWORD, SANDBOX_SHOP_ID, SANDBOX_SHOP_SECRET, SANDBOX_GATEWAY_TIMEOUT_MS,\n\
              SANDBOX_MERCHANT_TOKEN, SANDBOX_BINDING_SECRET, SANDBOX_RECONCILE_INTERVAL_MS, SANDBOX_ACS_TIMEOUT_MS,\n\
              SANDBOX_HEADER_TIMEOUT_MS, SANDBOX_BODY_TIMEOUT_MS, SANDBOX_MAX_CONNECTIONS, SANDBOX_ACS_FRAMING=deny"
    );
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let mut s = Settings::from_env();
    let mut listen: SocketAddr = "127.0.0.1:8080".parse().expect("static");
    let mut data = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sandbox.sqlite"));
    let mut gateway_url = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--listen" => listen = val().parse().unwrap_or_else(|_| usage()),
            "--data" => data = PathBuf::from(val()),
            "--gateway" => s.dialect = sandbox::Dialect::parse(&val()).unwrap_or_else(|| usage()),
            "--widget" => s.widget_dir = PathBuf::from(val()),
            "--acs-refuses-framing" => s.acs_refuses_framing = true,
            "--gateway-url" => gateway_url = Some(val()),
            "--client-key" => s.client_key = val(),
            "--password" => s.password = val(),
            "--shop-id" => s.shop_id = val(),
            "--shop-secret" => s.shop_secret = val(),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("sandbox: cannot listen on {listen}: {e}");
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().expect("bound");
    s.set_base(&format!("http://{addr}"));
    if let Some(g) = gateway_url {
        s.gateway_base = g;
    }
    let app = match App::new(s, &data) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("sandbox: cannot open {}: {e}", data.display());
            std::process::exit(1);
        }
    };
    sandbox::start_background(&app);
    println!("Sandbox checkout: http://{addr}/  (gateway: {}, data: {})", app.cfg.dialect.name(), data.display());
    println!("Merchant token (capture): Authorization: Bearer {}", app.cfg.merchant_token);
    let limits = app.cfg.limits;
    sandbox::server::serve(listener, router(app), limits, shutdown_signal()).await;
}

/// Ctrl-C or SIGTERM (a container's stop).
async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("a SIGTERM handler installs");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
