//! `merchant-backend`: the reference merchant backend alone — no emulator, no demo pages,
//! no built-in secret. What a merchant deploys behind the widget; `--help` lists every
//! option, each with its environment variable, and a missing secret stops it naming it.

use sandbox::config::{fail, Mode};
use sandbox::{merchant_router, App};

const NAME: &str = "merchant-backend";

#[tokio::main]
async fn main() {
    let args = sandbox::config::parse(Mode::Merchant);
    sandbox::config::init_logs(args.log_format);
    args.settings(Mode::Merchant).unwrap_or_else(|e| fail(NAME, &e)); // before binding: a missing secret binds nothing
    let listener = sandbox::config::bind(NAME, args.listen).await;
    let s = args.settings_at(Mode::Merchant, listener.local_addr().expect("bound")).unwrap_or_else(|e| fail(NAME, &e));
    let data = args.data_path(Mode::Merchant);
    let app = App::merchant(s, &data, args.database_url.as_deref()).await.unwrap_or_else(|e| fail(NAME, &e));
    sandbox::start_reconciler(&app);
    println!("{NAME}: listening on http://{} (database: {})", listener.local_addr().expect("bound"), app.store.engine.name());
    let limits = app.cfg.limits;
    sandbox::server::serve(listener, merchant_router(app), limits, sandbox::server::shutdown_signal()).await;
}
