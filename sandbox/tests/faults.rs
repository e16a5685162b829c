//! Faults between the merchant backend and the gateway, injected by a loopback proxy of
//! this test's own: the connection drops after the gateway charged, the answer comes
//! after the backend's timeout, the gateway answers 500 after charging, or the request
//! never reaches the gateway. Whatever happens: no order charged twice, no paid order left
//! unpaid once the gateway settled it, and the browser's answer is not final until the
//! outcome is known.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use common::*;
use sandbox::Dialect;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    Pass,
    /// The SALE reaches the gateway; its answer breaks off mid-body.
    DropAfterForward,
    /// The SALE reaches the gateway; its answer comes after the backend gave up.
    DelayAfterForward,
    /// The SALE reaches the gateway; the answer is replaced by a 500.
    Error500AfterForward,
    /// The SALE never reaches the gateway; the connection breaks.
    DropBeforeForward,
    /// Nothing reaches the gateway, status queries neither.
    DropAll,
}

#[derive(Clone)]
struct Proxy {
    upstream: String,
    fault: Arc<Mutex<Fault>>,
    http: reqwest::Client,
}

const TIMEOUT: Duration = Duration::from_millis(1000);

fn broken_body() -> Response {
    let chunks: Vec<Result<Bytes, std::io::Error>> =
        vec![Ok(Bytes::from_static(b"{\"result\":")), Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "cut"))];
    let mut r = Response::new(Body::from_stream(futures_util::stream::iter(chunks)));
    r.headers_mut().insert("content-type", HeaderValue::from_static("application/json"));
    r.headers_mut().insert("content-length", HeaderValue::from_static("200"));
    r
}

async fn forward(State(p): State<Proxy>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, 1 << 20).await.unwrap_or_default();
    let path = parts.uri.path_and_query().map_or("/", |x| x.as_str()).to_string();
    let is_sale = path.ends_with("/transactions/payments") || (path.ends_with("/post") && body.windows(11).any(|w| w == b"action=SALE"));
    let fault = *p.fault.lock().unwrap();
    if fault == Fault::DropAll || (is_sale && fault == Fault::DropBeforeForward) {
        return broken_body();
    }
    let mut out = p.http.request(parts.method.clone(), format!("{}{}", p.upstream, path)).body(body);
    for (k, v) in parts.headers.iter().filter(|(k, _)| *k != "host" && *k != "content-length") {
        out = out.header(k, v);
    }
    let upstream = out.send().await.expect("the gateway answers the proxy");
    let status = StatusCode::from_u16(upstream.status().as_u16()).unwrap();
    let ctype = upstream.headers().get("content-type").cloned();
    let bytes = upstream.bytes().await.unwrap_or_default();
    if is_sale {
        match fault {
            Fault::DropAfterForward => return broken_body(),
            Fault::Error500AfterForward => return Response::builder().status(500).body(Body::from("upstream exploded")).unwrap(),
            Fault::DelayAfterForward => tokio::time::sleep(TIMEOUT * 3).await,
            _ => {}
        }
    }
    let mut r = Response::builder().status(status).body(Body::from(bytes)).unwrap();
    if let Some(c) = ctype {
        r.headers_mut().insert("content-type", c);
    }
    r
}

/// The proxy in front of `upstream`, and the sandbox behind it, its merchant side calling
/// the gateway through the proxy.
async fn setup(name: &str, dialect: Dialect) -> (Server, Arc<Mutex<Fault>>) {
    let (server_listener, server_base) = listener().await;
    let fault = Arc::new(Mutex::new(Fault::Pass));
    let proxy = Proxy { upstream: server_base, fault: fault.clone(), http: reqwest::Client::new() };
    let (proxy_listener, proxy_base) = listener().await;
    tokio::spawn(async move { axum::serve(proxy_listener, axum::Router::new().fallback(forward).with_state(proxy)).await.unwrap() });
    let s = serve(server_listener, temp_db(name), Setup { dialect, gateway: Some(proxy_base), timeout: TIMEOUT, ..Setup::default() }).await;
    (s, fault)
}

fn set(f: &Arc<Mutex<Fault>>, to: Fault) {
    *f.lock().unwrap() = to;
}

/// The SALE went through at the gateway, the backend did not see how it ended.
async fn charged_unseen(fault_kind: Fault, gateway: &str) {
    let dialect = Dialect::parse(gateway).unwrap();
    let (s, fault) = setup(&format!("fault-{fault_kind:?}-{gateway}"), dialect).await;
    let id = order(&s.base, gateway).await;
    let body = payer(&id, good_card(gateway), ("01", "2038"));
    set(&fault, fault_kind);
    let (code, v) = pay(&s.base, "k1", &body).await;
    let want = if fault_kind == Fault::DelayAfterForward { 504 } else { 502 };
    assert!(is_not_final(code, &v) && code == want, "{fault_kind:?} {gateway}: the first answer is not final: {code} {v}");
    assert_eq!(charges(&s.data, &id), 1);

    // the gateway cannot be asked either: everything stays not final
    set(&fault, Fault::DropAll);
    let (code, v) = pay(&s.base, "k2", &body).await;
    assert!(is_not_final(code, &v), "a second tab while the outcome is unknown: {code} {v}");
    assert_eq!(status(&s.base, &id).await["status"], "PROCESSING");

    // the gateway answers again: the order is found paid, nothing is charged twice
    set(&fault, Fault::Pass);
    let (code, v) = pay(&s.base, "k3", &body).await;
    assert_eq!(
        (code, v["result"].as_str().or(v["status"].as_str())),
        (409, Some(if gateway == "paycross" { "pending" } else { "UNDEFINED" })),
        "{v}"
    );
    assert_eq!(status(&s.base, &id).await["status"], "SETTLED");
    let (code, v) = pay(&s.base, "k1", &body).await;
    assert!(code == 200 && is_success(&v), "the lost attempt's key now replays its outcome: {code} {v}");
    assert!(!v.to_string().contains("token"), "{v}");
    assert_eq!(charges(&s.data, &id), 1, "{:?}", gateway_rows(&s.data, &id));
}

#[tokio::test]
async fn connection_dropped_after_the_gateway_charged() {
    charged_unseen(Fault::DropAfterForward, "platform").await;
    charged_unseen(Fault::DropAfterForward, "paycross").await;
}

#[tokio::test]
async fn answer_later_than_the_timeout() {
    charged_unseen(Fault::DelayAfterForward, "platform").await;
    charged_unseen(Fault::DelayAfterForward, "paycross").await;
}

#[tokio::test]
async fn gateway_500_after_charging() {
    charged_unseen(Fault::Error500AfterForward, "platform").await;
    charged_unseen(Fault::Error500AfterForward, "paycross").await;
}

/// The SALE never arrived: the order stays not final until the gateway, asked after the
/// attempt could no longer arrive, knows nothing of it; then it is payable and pays once.
#[tokio::test]
async fn request_lost_before_the_gateway() {
    for gateway in ["platform", "paycross"] {
        let (s, fault) = setup(&format!("fault-lost-{gateway}"), Dialect::parse(gateway).unwrap()).await;
        let id = order(&s.base, gateway).await;
        let body = payer(&id, good_card(gateway), ("01", "2038"));
        set(&fault, Fault::DropBeforeForward);
        let (code, v) = pay(&s.base, "k1", &body).await;
        assert!(is_not_final(code, &v), "{code} {v}");
        set(&fault, Fault::Pass);
        let (code, v) = pay(&s.base, "k2", &body).await;
        assert!(is_not_final(code, &v), "within the grace period the order is not payable again: {code} {v}");
        assert_eq!(status(&s.base, &id).await["status"], "PROCESSING");
        tokio::time::sleep(TIMEOUT * 2 + Duration::from_millis(700)).await;
        assert_eq!(status(&s.base, &id).await["status"], "NEW", "released once the gateway surely has nothing");
        let (code, v) = pay(&s.base, "k1", &body).await;
        assert!(code == 200 && !is_success(&v) && !is_not_final(code, &v), "k1 ends as not charged: {code} {v}");
        let (code, v) = pay(&s.base, "k2", &body).await;
        assert!(code == 200 && is_success(&v), "a new attempt pays: {code} {v}");
        assert_eq!(charges(&s.data, &id), 1);
    }
}
