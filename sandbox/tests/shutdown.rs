//! A stop (SIGTERM: a deploy, a scale-down) while a payment is with the gateway: the server
//! takes no new connection, but the attempt in flight finishes, its answer reaches the
//! payer and is stored, before the process exits.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::response::Response;
use common::process::spawn;
use common::*;

/// Forwards to the gateway process after a pause: the SALE is still in flight when the
/// backend is told to stop.
async fn slow_forward(State(upstream): State<Arc<Mutex<String>>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let url = format!("{}{}", upstream.lock().unwrap(), parts.uri.path_and_query().unwrap());
    let mut out = reqwest::Client::new().request(parts.method, url).body(body);
    for (k, v) in parts.headers.iter().filter(|(k, _)| *k != "host" && *k != "content-length") {
        out = out.header(k, v);
    }
    let r = out.send().await.unwrap();
    let status = r.status();
    let mut answer = Response::new(axum::body::Body::from(r.bytes().await.unwrap()));
    *answer.status_mut() = status;
    answer.headers_mut().insert("content-type", "application/json".parse().unwrap());
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_the_attempt_in_flight_finish_and_be_stored() {
    let gateway = spawn(&temp_db("shutdown-gateway"), &[]).await;
    let upstream = Arc::new(Mutex::new(gateway.base.clone()));
    let (proxy_listener, proxy_base) = listener().await;
    let proxy = axum::Router::new().fallback(slow_forward).with_state(upstream);
    tokio::spawn(async move { axum::serve(proxy_listener, proxy).await.unwrap() });
    let data = temp_db("shutdown-backend");
    let mut backend = spawn(&data, &["--gateway-url", &proxy_base]).await;

    let id = order(&backend.base, "platform").await;
    let body = payer(&id, "4111111111111111", ("01", "2038"));
    let base = backend.base.clone();
    let paying = tokio::spawn(async move { pay(&base, "k-stop", &body).await });
    tokio::time::sleep(Duration::from_millis(400)).await;
    backend.terminate();
    let (code, v) = paying.await.unwrap();
    assert!(code == 200 && is_success(&v), "the attempt in flight finished: {code} {v}");
    let exit = tokio::time::timeout(Duration::from_secs(10), backend.child.wait()).await.expect("the backend exits").unwrap();
    assert!(exit.success(), "a clean exit: {exit}");
    let c = rusqlite::Connection::open(sandbox::config::merchant_file(&data)).unwrap();
    let (status, state): (String, String) = c
        .query_row("SELECT o.status, a.state FROM orders o JOIN attempts a ON a.key = o.attempt_key WHERE o.order_id = ?1", [&id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((status.as_str(), state.as_str()), ("SETTLED", "final"), "stored before the exit");
}
