//! The sandbox over real HTTP on loopback: the gateway emulator in both dialects, the
//! merchant backend, 3-D Secure through the ACS, callbacks, idempotency, a restart in
//! the middle of 3-D Secure, and bad requests.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use checkout_rules::answer::{self, Outcome};
use reqwest::redirect::Policy;
use sandbox::{router, App, Dialect, Settings};
use serde_json::{json, Value};

struct Server {
    base: String,
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
    data: PathBuf,
}

fn temp_db(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("sandbox-test-{}-{}.sqlite", name, std::process::id()));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{}", p.display(), ext));
    }
    p
}

async fn start_on(addr: &str, data: PathBuf) -> Server {
    start_with(addr, data, None).await
}

async fn start_with(addr: &str, data: PathBuf, callback_url: Option<String>) -> Server {
    let listener = tokio::net::TcpListener::bind(addr).await.expect("bind loopback");
    let addr = listener.local_addr().unwrap();
    let mut s = Settings::from_env();
    s.dialect = Dialect::Platform;
    s.set_base(&format!("http://{addr}"));
    if let Some(u) = callback_url {
        s.callback_url = u;
    }
    let app = App::new(s, &data).expect("db");
    tokio::spawn(sandbox::gateway::notify::redeliver_pending(app.clone()));
    let task = tokio::spawn(async move {
        axum::serve(listener, router(app).into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    Server { base: format!("http://{addr}"), addr, task, data }
}

async fn start(name: &str) -> Server {
    start_on("127.0.0.1:0", temp_db(name)).await
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).timeout(Duration::from_secs(10)).build().unwrap()
}

async fn order(s: &Server, gateway: &str, extra: Value) -> String {
    let mut body = json!({"amount": "1.99", "currency": "USD", "description": "Product", "gateway": gateway});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let r = client().post(format!("{}/api/orders", s.base)).json(&body).send().await.unwrap();
    assert_eq!(r.status(), 201);
    r.json::<Value>().await.unwrap()["order_id"].as_str().unwrap().to_string()
}

fn payer(order_id: &str, number: &str, exp: (&str, &str)) -> Value {
    json!({
        "order_id": order_id, "card_number": number, "card_exp_month": exp.0, "card_exp_year": exp.1, "card_cvv2": "123",
        "payer_first_name": "John", "payer_last_name": "Doe", "payer_email": "doe@example.com",
        "payer_country": "US", "payer_state": "CO", "payer_city": "Denver", "payer_zip": "80202", "payer_address": "1 Main St"
    })
}

async fn pay(s: &Server, key: &str, body: &Value) -> (u16, Value) {
    let r = client().post(format!("{}/api/pay", s.base)).header("Idempotency-Key", key).json(body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

async fn status(s: &Server, order_id: &str) -> Value {
    client().get(format!("{}/api/orders/{order_id}", s.base)).send().await.unwrap().json().await.unwrap()
}

/// Waits (bounded) until the order reaches `want`.
async fn wait_status(s: &Server, order_id: &str, want: &str) -> Value {
    for _ in 0..50 {
        let v = status(s, order_id).await;
        if v["status"] == want {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("order {order_id} never reached {want}: {}", status(s, order_id).await);
}

/// Follows a redirect the way a browser would: GET the ACS page, press a button, land on
/// the return URL. Returns where the payer lands.
async fn complete_acs(s: &Server, answer: &Value, decision: &str) -> String {
    let outcome = answer::parse_value(answer).expect("answer parses");
    let Outcome::Redirect { plan, .. } = outcome else { panic!("not a redirect: {answer}") };
    let c = client();
    let page = match plan.method {
        checkout_rules::Method::Post => c.post(&plan.url).form(&plan.params).send().await.unwrap(),
        checkout_rules::Method::Get => c.get(&plan.url).send().await.unwrap(),
    };
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Authenticate") && html.contains("Fail"));
    let action = html.split("action=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let done = c.post(format!("{}{}", s.base, action)).form(&[("decision", decision)]).send().await.unwrap();
    assert!(done.status().is_redirection(), "ACS completes with a redirect");
    done.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn platform_success_and_auth() {
    let s = start("success").await;
    let id = order(&s, "platform", json!({})).await;
    let (code, a) = pay(&s, "k-success", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert_eq!((code, a["result"].as_str(), a["status"].as_str()), (200, Some("SUCCESS"), Some("SETTLED")), "{a}");
    assert_eq!(status(&s, &id).await["status"], "SETTLED");

    let id = order(&s, "platform", json!({"auth": "Y"})).await;
    let (_, a) = pay(&s, "k-auth", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert_eq!(a["status"], "PENDING", "auth=Y holds only");
    let id = order(&s, "platform", json!({})).await;
    let (_, a) = pay(&s, "k-0338", &payer(&id, "4111111111111111", ("03", "2038"))).await;
    assert_eq!(a["status"], "PENDING", "03/2038 authorises");
    s.task.abort();
}

#[tokio::test]
async fn auth_then_capture_settles_except_the_03_2038_card() {
    let s = start("capture").await;
    for (exp, want_result, want_status) in [(("01", "2038"), "SUCCESS", "SETTLED"), (("03", "2038"), "DECLINED", "DECLINED")] {
        let id = order(&s, "platform", json!({"auth": "Y"})).await;
        let (_, a) = pay(&s, &format!("k-cap-{}", exp.0), &payer(&id, "4111111111111111", exp)).await;
        assert_eq!(a["status"], "PENDING");
        let r = client().post(format!("{}/api/orders/{id}/capture", s.base)).send().await.unwrap();
        let v: Value = r.json().await.unwrap();
        assert_eq!((v["action"].as_str(), v["result"].as_str()), (Some("CAPTURE"), Some(want_result)), "{v}");
        assert_eq!(status(&s, &id).await["status"], want_status);
        // a second capture is refused: the order is no longer PENDING
        let r = client().post(format!("{}/api/orders/{id}/capture", s.base)).send().await.unwrap();
        assert_eq!(r.status(), 409);
    }
    // a CAPTURE with a wrong hash is refused by the gateway
    let c = client();
    let v: Value = c
        .post(format!("{}/gateway/post", s.base))
        .form(&[("action", "CAPTURE"), ("client_key", "sandbox-key"), ("trans_id", "nope"), ("hash", "0")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(v["result"], "ERROR");
    s.task.abort();
}

#[tokio::test]
async fn platform_declined() {
    let s = start("declined").await;
    let id = order(&s, "platform", json!({})).await;
    let (_, a) = pay(&s, "k-dec", &payer(&id, "4111111111111111", ("02", "2038"))).await;
    assert_eq!((a["result"].as_str(), a["status"].as_str()), (Some("DECLINED"), Some("DECLINED")));
    assert!(a["decline_reason"].is_string());
    assert_eq!(status(&s, &id).await["status"], "DECLINED");
    s.task.abort();
}

#[tokio::test]
async fn platform_3ds_success_and_failure_with_callbacks() {
    let s = start("3ds").await;
    for (exp, decision, want) in
        [(("05", "2038"), "ok", "SETTLED"), (("06", "2038"), "ok", "DECLINED"), (("05", "2038"), "fail", "DECLINED")]
    {
        let id = order(&s, "platform", json!({})).await;
        let (_, a) = pay(&s, &format!("k-3ds-{}-{decision}", exp.0), &payer(&id, "4111111111111111", exp)).await;
        assert_eq!(
            (a["result"].as_str(), a["status"].as_str(), a["redirect_method"].as_str()),
            (Some("REDIRECT"), Some("3DS"), Some("POST"))
        );
        assert!(a["redirect_params"].is_object(), "object-shaped params on /gateway/post");
        assert_eq!(status(&s, &id).await["status"], "3DS");
        let back = complete_acs(&s, &a, decision).await;
        assert_eq!(back, format!("{}/return?order_id={id}", s.base), "payer returns to term_url_3ds");
        // the final status arrives by the signed callback
        wait_status(&s, &id, want).await;
    }
    s.task.abort();
}

#[tokio::test]
async fn platform_v2_list_params_and_get_redirect_with_query() {
    let s = start("v2").await;
    let id = order(&s, "platform-v2", json!({})).await;
    let (_, a) = pay(&s, "k-v2", &payer(&id, "4111111111111111", ("05", "2038"))).await;
    assert!(a["redirect_params"].as_array().is_some_and(|l| l.iter().all(|p| p["name"].is_string() && p["value"].is_string())), "{a}");
    complete_acs(&s, &a, "ok").await;
    wait_status(&s, &id, "SETTLED").await;

    for (exp, want) in [(("12", "2038"), "SETTLED"), (("12", "2039"), "DECLINED")] {
        let id = order(&s, "platform-v2", json!({})).await;
        let (_, a) = pay(&s, &format!("k-get-{}", exp.1), &payer(&id, "4111111111111111", exp)).await;
        assert_eq!((a["status"].as_str(), a["redirect_method"].as_str()), (Some("REDIRECT"), Some("GET")));
        assert!(a["redirect_url"].as_str().unwrap().contains("?session="), "the URL already has a query");
        let Outcome::Redirect { plan, .. } = answer::parse_value(&a).unwrap() else { panic!() };
        assert!(plan.url.contains("?session=") && plan.url.contains("&MD="), "params merged: {}", plan.url);
        complete_acs(&s, &a, "ok").await;
        wait_status(&s, &id, want).await;
    }
    s.task.abort();
}

#[tokio::test]
async fn platform_async_accepted_then_callback() {
    let s = start("async").await;
    let id = order(&s, "platform", json!({"async": "Y"})).await;
    let (_, a) = pay(&s, "k-async", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert_eq!(a["result"], "ACCEPTED");
    assert!(a.get("status").is_none() && a["trans_id"].is_string(), "ACCEPTED carries only ids: {a}");
    assert_eq!(status(&s, &id).await["status"], "PROCESSING");
    wait_status(&s, &id, "SETTLED").await;
    s.task.abort();
}

#[tokio::test]
async fn paycross_every_test_card() {
    let s = start("paycross").await;
    let id = order(&s, "paycross", json!({})).await;
    let (code, a) = pay(&s, "p-ok", &payer(&id, "4200000000000000", ("01", "2038"))).await;
    assert_eq!((code, a["status"].as_str(), a["code"].as_str()), (200, Some("successful"), Some("S.0000")), "{a}");
    assert_eq!(a["amount"], 199, "minor units");
    let id = order(&s, "paycross", json!({})).await;
    let (_, a) = pay(&s, "p-fail", &payer(&id, "4005550000000019", ("01", "2038"))).await;
    assert_eq!(a["status"], "failed");
    assert!(a["code"].as_str().unwrap().starts_with("F."));
    wait_status(&s, &id, "DECLINED").await;
    for (number, want) in [("4012000000001097", "SETTLED"), ("4012000000001014", "DECLINED")] {
        let id = order(&s, "paycross", json!({})).await;
        let (_, a) = pay(&s, &format!("p-3ds-{number}"), &payer(&id, number, ("01", "2038"))).await;
        assert_eq!((a["status"].as_str(), a["code"].as_str()), (Some("incomplete"), Some("P.9998")));
        let back = complete_acs(&s, &a, "ok").await;
        assert!(back.starts_with(&format!("{}/return?order_id={id}", s.base)));
        wait_status(&s, &id, want).await;
    }
    s.task.abort();
}

#[tokio::test]
async fn paycross_validation_is_422_e1025() {
    let s = start("paycross422").await;
    let id = order(&s, "paycross", json!({})).await;
    let mut body = payer(&id, "4200000000000000", ("01", "2038"));
    body["payer_state"] = json!("Colorado");
    let (code, a) = pay(&s, "p-422", &body).await;
    assert_eq!((code, a["code"].as_str()), (422, Some("E.1025")), "{a}");
    let Outcome::Error { fields, .. } = answer::parse_value(&a).unwrap() else { panic!() };
    assert_eq!(fields[0].0, checkout_rules::FieldId::PayerState);

    // straight to the emulator: wrong secret, no API version
    let c = client();
    let r = c
        .post(format!("{}/gateway/v3/transactions/payments", s.base))
        .basic_auth("361", Some("wrong"))
        .header("X-API-Version", "3")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = c
        .post(format!("{}/gateway/v3/transactions/payments", s.base))
        .basic_auth("361", Some("sandbox-secret"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = c
        .post(format!("{}/gateway/v3/transactions/payments", s.base))
        .basic_auth("361", Some("sandbox-secret"))
        .header("X-API-Version", "3")
        .json(&json!({"request": {"amount": 100, "currency": "USD", "credit_card": {"number": "4200000000000000"}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["errors"]["description"][0], "can't be blank");
    s.task.abort();
}

#[tokio::test]
async fn gateway_checks_the_hash() {
    let s = start("hash").await;
    let c = client();
    let mut form = vec![
        ("action", "SALE"),
        ("client_key", "sandbox-key"),
        ("order_id", "ORDER-12345"),
        ("order_amount", "1.99"),
        ("order_currency", "USD"),
        ("order_description", "Product"),
        ("card_number", "4111111111111111"),
        ("card_exp_month", "01"),
        ("card_exp_year", "2038"),
        ("card_cvv2", "000"),
        ("payer_email", "doe@example.com"),
        ("payer_first_name", "John"),
        ("payer_last_name", "Doe"),
        ("payer_ip", "127.0.0.1"),
        ("term_url_3ds", "http://client.site.com/return.php"),
    ];
    // the documented test vector is the right hash for this request
    form.push(("hash", "2702ae0c4f99506dc29b5615ba9ee3c0"));
    let v: Value = c.post(format!("{}/gateway/post", s.base)).form(&form).send().await.unwrap().json().await.unwrap();
    assert_eq!(v["result"], "SUCCESS", "{v}");
    form.pop();
    form.push(("hash", "02cdb60b5c923e06c1b1d71da94b2a39"));
    let v: Value = c.post(format!("{}/gateway/post", s.base)).form(&form).send().await.unwrap().json().await.unwrap();
    assert_eq!((v["result"].as_str(), v["error_message"].as_str()), (Some("ERROR"), Some("Hash is not valid.")));
    assert!(v["errors"].as_array().is_some_and(|e| !e.is_empty()));
    s.task.abort();
}

#[tokio::test]
async fn idempotent_replay_never_charges_twice() {
    let s = start("idem").await;
    let id = order(&s, "platform", json!({})).await;
    let body = payer(&id, "4111111111111111", ("01", "2038"));
    let (c1, a1) = pay(&s, "same-key", &body).await;
    let (c2, a2) = pay(&s, "same-key", &body).await;
    assert_eq!((c1, &a1), (c2, &a2), "the same key replays the first answer");
    // a new key for a paid order is refused, not charged
    let (c3, a3) = pay(&s, "other-key", &body).await;
    assert_eq!(c3, 409, "{a3}");
    let app_tx: i64 = rusqlite::Connection::open(&s.data)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM gw_tx WHERE order_id = ?1", [&id], |r| r.get(0))
        .unwrap();
    assert_eq!(app_tx, 1, "one charge at the gateway");
    // the key belongs to its order
    let id2 = order(&s, "platform", json!({})).await;
    let (c4, _) = pay(&s, "same-key", &payer(&id2, "4111111111111111", ("01", "2038"))).await;
    assert_eq!(c4, 422);
    s.task.abort();
}

#[tokio::test]
async fn restart_between_redirect_and_acs_still_settles() {
    let data = temp_db("restart");
    let s = start_on("127.0.0.1:0", data.clone()).await;
    let addr = s.addr;
    let id = order(&s, "platform", json!({})).await;
    let (_, a) = pay(&s, "k-restart", &payer(&id, "4111111111111111", ("05", "2038"))).await;
    assert_eq!(a["status"], "3DS");
    s.task.abort();
    let _ = s.task.await;
    // the same address and data file, a new process state
    let mut s2 = None;
    for _ in 0..50 {
        match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => {
                drop(l);
                s2 = Some(start_on(&addr.to_string(), data.clone()).await);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let s2 = s2.expect("port free again");
    assert_eq!(status(&s2, &id).await["status"], "3DS", "the order survived");
    complete_acs(&s2, &a, "ok").await;
    wait_status(&s2, &id, "SETTLED").await;
    s2.task.abort();
}

#[tokio::test]
async fn bad_requests_get_clear_errors() {
    let s = start("bad").await;
    let c = client();
    let id = order(&s, "platform", json!({})).await;
    // no idempotency key
    let r = c.post(format!("{}/api/pay", s.base)).json(&payer(&id, "4111111111111111", ("01", "2038"))).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.json::<Value>().await.unwrap()["error_message"].as_str().unwrap().contains("Idempotency-Key"));
    // not JSON
    let r = c.post(format!("{}/api/pay", s.base)).header("Idempotency-Key", "x1").body("card_number=1").send().await.unwrap();
    assert_eq!(r.status(), 400);
    // a number where a string belongs
    let r = c
        .post(format!("{}/api/pay", s.base))
        .header("Idempotency-Key", "x2")
        .json(&json!({"order_id": id, "card_number": 4111}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // oversized value
    let r = c
        .post(format!("{}/api/pay", s.base))
        .header("Idempotency-Key", "x3")
        .json(&json!({"order_id": id, "payer_address": "a".repeat(5000)}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // body over the limit
    let r = c.post(format!("{}/api/pay", s.base)).header("Idempotency-Key", "x4").body("a".repeat(300 * 1024)).send().await.unwrap();
    assert_eq!(r.status(), 413);
    // unknown order
    let (code, v) = pay(&s, "x5", &payer("ORDER-NOPE", "4111111111111111", ("01", "2038"))).await;
    assert_eq!((code, v["result"].as_str()), (404, Some("ERROR")));
    // missing and invalid fields come back per field, in the platform's ERROR shape
    let (code, v) = pay(&s, "x6", &json!({"order_id": id, "card_number": "4111111111111112", "payer_email": "x"})).await;
    assert_eq!((code, v["result"].as_str()), (200, Some("ERROR")));
    let Outcome::Error { fields, .. } = answer::parse_value(&v).unwrap() else { panic!() };
    let names: Vec<&str> = fields.iter().map(|f| f.0.name()).collect();
    assert!(names.contains(&"card_number") && names.contains(&"payer_email") && names.contains(&"card_cvv2"), "{names:?}");
    // the browser cannot set the amount
    let mut body = payer(&id, "4111111111111111", ("01", "2038"));
    body["order_amount"] = json!("0.01");
    let (_, v) = pay(&s, "x7", &body).await;
    assert_eq!(v["amount"], "1.99", "the amount comes from the order record");
    // malformed form body at the gateway
    let r = c.post(format!("{}/gateway/post", s.base)).body("%%%=&&&").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["result"], "ERROR");
    // bad order creation
    let r = c
        .post(format!("{}/api/orders", s.base))
        .json(&json!({"amount": "01.99", "currency": "USD", "description": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    // a callback with a wrong hash is refused
    let r = c
        .post(format!("{}/api/callback", s.base))
        .form(&[("order_id", id.as_str()), ("trans_id", "t"), ("result", "SUCCESS"), ("status", "SETTLED"), ("hash", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(status(&s, &id).await["status"], "SETTLED", "x7 paid it; the forged callback changed nothing");
    // unknown path: JSON 404
    let r = c.get(format!("{}/nope", s.base)).send().await.unwrap();
    assert_eq!(r.status(), 404);
    s.task.abort();
}

#[tokio::test]
async fn callbacks_are_retried_with_backoff_until_ok() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    // a merchant that fails twice, then answers OK
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    let flaky = axum::Router::new().route(
        "/cb",
        axum::routing::post(move |body: String| {
            let h = h.clone();
            async move {
                assert!(body.contains("hash="), "callbacks are signed");
                if h.fetch_add(1, Ordering::SeqCst) < 2 {
                    (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "nope")
                } else {
                    (axum::http::StatusCode::OK, "OK")
                }
            }
        }),
    );
    let fl = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let fl_addr = fl.local_addr().unwrap();
    let fl_task = tokio::spawn(async move { axum::serve(fl, flaky).await.unwrap() });
    let data = temp_db("retry");
    let s = start_with("127.0.0.1:0", data.clone(), Some(format!("http://{fl_addr}/cb"))).await;
    let id = order(&s, "platform", json!({"async": "Y"})).await;
    let (_, a) = pay(&s, "k-retry", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert_eq!(a["result"], "ACCEPTED");
    let mut delivered = false;
    for _ in 0..60 {
        let (attempts, ok): (i64, bool) = rusqlite::Connection::open(&data)
            .unwrap()
            .query_row("SELECT attempts, delivered FROM gw_callbacks ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap_or((0, false));
        if ok {
            assert_eq!(attempts, 3, "two failures, then delivered");
            delivered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(delivered, "the callback was never delivered");
    assert_eq!(hits.load(Ordering::SeqCst), 3);
    s.task.abort();
    fl_task.abort();
}
