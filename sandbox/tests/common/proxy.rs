//! A loopback proxy of the tests' own between the merchant backend and the gateway, which
//! breaks, delays or holds what passes through it on demand.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use sandbox::Dialect;

use super::{listener, serve, temp_db, Server, Setup};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    Pass,
    /// The SALE reaches the gateway; its answer breaks off mid-body.
    DropAfterForward,
    /// The SALE reaches the gateway; its answer comes after the backend gave up.
    DelayAfterForward,
    /// The SALE reaches the gateway; the answer is replaced by a 500.
    Error500AfterForward,
    /// The SALE never reaches the gateway; the connection breaks.
    DropBeforeForward,
    /// The SALE waits in the proxy (a queueing load balancer) for [`HOLD`], then reaches
    /// the gateway; the backend has long given up on it by then.
    HoldBeforeForward,
    /// A CAPTURE reaches the gateway; its answer breaks off.
    DropCaptureAnswer,
    /// Nothing reaches the gateway, status queries neither.
    DropAll,
}

/// The backend's gateway timeout in the fault tests.
pub const TIMEOUT: Duration = Duration::from_millis(1000);
/// How long [`Fault::HoldBeforeForward`] holds a SALE: past twice the timeout.
pub const HOLD: Duration = Duration::from_millis(4000);

#[derive(Clone)]
struct Proxy {
    upstream: String,
    fault: Arc<Mutex<Fault>>,
    http: reqwest::Client,
}

fn broken_body() -> Response {
    let chunks: Vec<Result<Bytes, std::io::Error>> =
        vec![Ok(Bytes::from_static(b"{\"result\":")), Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "cut"))];
    let mut r = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    r.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    r.headers_mut().insert("content-length", HeaderValue::from_static("200"));
    r
}

fn has(body: &[u8], needle: &[u8]) -> bool {
    body.windows(needle.len()).any(|w| w == needle)
}

async fn forward(State(p): State<Proxy>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let path = parts.uri.path_and_query().map_or("/", |x| x.as_str()).to_string();
    let is_sale = path.ends_with("/transactions/payments") || (path.ends_with("/post") && has(&body, b"action=SALE"));
    let is_capture = path.ends_with("/transactions/captures") || (path.ends_with("/post") && has(&body, b"action=CAPTURE"));
    let fault = *p.fault.lock().unwrap();
    if fault == Fault::DropAll || (is_sale && fault == Fault::DropBeforeForward) {
        return broken_body();
    }
    let hold = is_sale && fault == Fault::HoldBeforeForward;
    let mut out = p.http.request(parts.method.clone(), format!("{}{}", p.upstream, path)).body(body);
    for (k, v) in parts.headers.iter().filter(|(k, _)| *k != "host" && *k != "content-length") {
        out = out.header(k, v);
    }
    // a task of its own: the request goes on when the backend hangs up, as a queue's would
    let sent = tokio::spawn(async move {
        if hold {
            tokio::time::sleep(HOLD).await;
        }
        let upstream = out.send().await.expect("the gateway answers the proxy");
        let status = StatusCode::from_u16(upstream.status().as_u16()).unwrap();
        let ctype = upstream.headers().get("content-type").cloned();
        (status, ctype, upstream.bytes().await.unwrap_or_default())
    });
    let (status, ctype, bytes) = sent.await.unwrap();
    match fault {
        Fault::DropAfterForward if is_sale => return broken_body(),
        Fault::DropCaptureAnswer if is_capture => return broken_body(),
        Fault::Error500AfterForward if is_sale => return Response::builder().status(500).body(Body::from("upstream exploded")).unwrap(),
        Fault::DelayAfterForward if is_sale => tokio::time::sleep(TIMEOUT * 3).await,
        _ => {}
    }
    let mut r = Response::builder().status(status).body(Body::from(bytes)).unwrap();
    if let Some(c) = ctype {
        r.headers_mut().insert("content-type", c);
    }
    r
}

/// The sandbox with its merchant side calling the gateway through a fault proxy.
pub async fn behind_proxy(name: &str, dialect: Dialect, setup: Setup) -> (Server, Arc<Mutex<Fault>>) {
    let (server_listener, server_base) = listener().await;
    let fault = Arc::new(Mutex::new(Fault::Pass));
    let proxy = Proxy { upstream: server_base, fault: fault.clone(), http: reqwest::Client::new() };
    let (proxy_listener, proxy_base) = listener().await;
    tokio::spawn(async move { axum::serve(proxy_listener, axum::Router::new().fallback(forward).with_state(proxy)).await.unwrap() });
    let setup = Setup { dialect, gateway: Some(proxy_base), timeout: TIMEOUT, ..setup };
    (serve(server_listener, temp_db(name), setup).await, fault)
}

pub fn set(f: &Arc<Mutex<Fault>>, to: Fault) {
    *f.lock().unwrap() = to;
}
