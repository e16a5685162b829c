//! `sandbox`: a Payment Platform / PayCross v3 emulator and a reference merchant backend
//! in one process, so a full checkout (3-D Secure included) runs offline.
//!
//! sandbox [--listen 127.0.0.1:8080] [--data PATH] [--gateway platform|platform-v2|paycross]
//!         [--widget DIR] [--gateway-url URL]

use std::net::SocketAddr;
use std::path::PathBuf;

use sandbox::{router, App, Settings};

fn usage() -> ! {
    eprintln!(
        "usage: sandbox [--listen ADDR] [--data PATH] [--gateway platform|platform-v2|paycross] [--widget DIR] [--gateway-url URL]\n\
         env: SANDBOX_CLIENT_KEY, SANDBOX_PASSWORD, SANDBOX_SHOP_ID, SANDBOX_SHOP_SECRET, SANDBOX_GATEWAY_TIMEOUT_MS"
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
    tokio::spawn(sandbox::gateway::notify::redeliver_pending(app.clone()));
    println!("Sandbox checkout: http://{addr}/  (gateway: {}, data: {})", app.cfg.dialect.name(), data.display());
    let server = axum::serve(listener, router(app).into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    });
    if let Err(e) = server.await {
        eprintln!("sandbox: {e}");
        std::process::exit(1);
    }
}
