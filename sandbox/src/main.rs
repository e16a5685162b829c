//! `sandbox`: a Payment Platform / PayCross v3 emulator and a reference merchant backend
//! in one process, so a full checkout (3-D Secure included) runs offline. `--help` lists
//! every option; each has an environment variable.

use sandbox::config::Mode;
use sandbox::{router, App};

#[tokio::main]
async fn main() {
    let args = sandbox::config::parse(Mode::Sandbox);
    sandbox::config::init_logs(args.log_format);
    args.settings(Mode::Sandbox).unwrap_or_else(|e| sandbox::config::fail("sandbox", &e));
    let listener = sandbox::config::bind("sandbox", args.listen).await;
    let addr = listener.local_addr().expect("bound");
    let s = args.settings_at(Mode::Sandbox, addr).unwrap_or_else(|e| sandbox::config::fail("sandbox", &e));
    let data = args.data_path(Mode::Sandbox);
    let app = App::sandbox(s, &data, args.database_url.as_deref()).await.unwrap_or_else(|e| sandbox::config::fail("sandbox", &e));
    sandbox::start_background(&app);
    println!(
        "Sandbox checkout: http://{addr}/  (gateway: {}, data: {}, merchant database: {})",
        app.cfg.dialect.name(),
        data.display(),
        app.store.engine.name()
    );
    println!("Merchant token (capture): Authorization: Bearer {}", app.cfg.merchant_token);
    let limits = app.cfg.limits;
    sandbox::server::serve(listener, router(app), limits, sandbox::server::shutdown_signal()).await;
}
