//! The sandbox over real HTTP on loopback: the gateway emulator in both dialects, the
//! merchant backend, 3-D Secure through the ACS, callbacks, idempotency, a restart in
//! the middle of 3-D Secure (bad requests: `hostile.rs`).

mod common;

use std::path::PathBuf;
use std::time::Duration;

use checkout_rules::answer::{self, Outcome};
use common::*;
use serde_json::{json, Value};

async fn start_on(addr: &str, data: PathBuf) -> Server {
    serve(tokio::net::TcpListener::bind(addr).await.expect("bind loopback"), data, Setup::default()).await
}

async fn start(name: &str) -> Server {
    common::start(name, Setup::default()).await
}

/// Follows a redirect the way a browser would: GET the ACS page, press a button, land on
/// the return URL. Returns where the payer lands.
async fn complete_acs(base: &str, answer: &Value, decision: &str) -> String {
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
    let done = c.post(format!("{base}{action}")).form(&[("decision", decision)]).send().await.unwrap();
    assert!(done.status().is_redirection(), "ACS completes with a redirect");
    done.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn platform_success_and_auth() {
    let s = start("success").await;
    let id = order(&s.base, "platform").await;
    let (code, a) = pay(&s.base, "k-success", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert_eq!((code, a["result"].as_str(), a["status"].as_str()), (200, Some("SUCCESS"), Some("SETTLED")), "{a}");
    assert_eq!(status(&s.base, &id).await["status"], "SETTLED");

    let id = order_extra(&s.base, "platform", json!({"auth": "Y"})).await;
    let (_, a) = pay(&s.base, "k-auth", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert_eq!(a["status"], "PENDING", "auth=Y holds only");
    let id = order(&s.base, "platform").await;
    let (_, a) = pay(&s.base, "k-0338", &payer(&id, "4111111111111111", ("03", "2038"))).await;
    assert_eq!(a["status"], "PENDING", "03/2038 authorises");
}

#[tokio::test]
async fn auth_then_capture_settles_except_the_03_2038_card() {
    let s = start("capture").await;
    for (exp, want_result, want_status) in [(("01", "2038"), "SUCCESS", "SETTLED"), (("03", "2038"), "DECLINED", "DECLINED")] {
        let id = order_extra(&s.base, "platform", json!({"auth": "Y"})).await;
        let (_, a) = pay(&s.base, &format!("k-cap-{}", exp.0), &payer(&id, "4111111111111111", exp)).await;
        assert_eq!(a["status"], "PENDING");
        let r = client().post(format!("{}/api/orders/{id}/capture", s.base)).bearer_auth(MERCHANT_TOKEN).send().await.unwrap();
        let v: Value = r.json().await.unwrap();
        assert_eq!((v["action"].as_str(), v["result"].as_str()), (Some("CAPTURE"), Some(want_result)), "{v}");
        assert_eq!(status(&s.base, &id).await["status"], want_status);
        // a second capture is refused: the order is no longer PENDING
        let r = client().post(format!("{}/api/orders/{id}/capture", s.base)).bearer_auth(MERCHANT_TOKEN).send().await.unwrap();
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
}

#[tokio::test]
async fn platform_declined() {
    let s = start("declined").await;
    let id = order(&s.base, "platform").await;
    let (_, a) = pay(&s.base, "k-dec", &payer(&id, "4111111111111111", ("02", "2038"))).await;
    assert_eq!((a["result"].as_str(), a["status"].as_str()), (Some("DECLINED"), Some("DECLINED")));
    assert!(a["decline_reason"].is_string());
    assert_eq!(status(&s.base, &id).await["status"], "DECLINED");
}

#[tokio::test]
async fn platform_3ds_success_and_failure_with_callbacks() {
    let s = start("3ds").await;
    for (exp, decision, want) in
        [(("05", "2038"), "ok", "SETTLED"), (("06", "2038"), "ok", "DECLINED"), (("05", "2038"), "fail", "DECLINED")]
    {
        let id = order(&s.base, "platform").await;
        let (_, a) = pay(&s.base, &format!("k-3ds-{}-{decision}", exp.0), &payer(&id, "4111111111111111", exp)).await;
        assert_eq!(
            (a["result"].as_str(), a["status"].as_str(), a["redirect_method"].as_str()),
            (Some("REDIRECT"), Some("3DS"), Some("POST"))
        );
        assert!(a["redirect_params"].is_object(), "object-shaped params on /gateway/post");
        assert_eq!(status(&s.base, &id).await["status"], "3DS");
        let back = complete_acs(&s.base, &a, decision).await;
        assert_eq!(back, format!("{}/return?order_id={id}", s.base), "payer returns to term_url_3ds");
        // the final status arrives by the signed callback
        wait_status(&s.base, &id, want).await;
    }
}

#[tokio::test]
async fn platform_v2_list_params_and_get_redirect_with_query() {
    let s = start("v2").await;
    let id = order(&s.base, "platform-v2").await;
    let (_, a) = pay(&s.base, "k-v2", &payer(&id, "4111111111111111", ("05", "2038"))).await;
    assert!(a["redirect_params"].as_array().is_some_and(|l| l.iter().all(|p| p["name"].is_string() && p["value"].is_string())), "{a}");
    complete_acs(&s.base, &a, "ok").await;
    wait_status(&s.base, &id, "SETTLED").await;

    for (exp, want) in [(("12", "2038"), "SETTLED"), (("12", "2039"), "DECLINED")] {
        let id = order(&s.base, "platform-v2").await;
        let (_, a) = pay(&s.base, &format!("k-get-{}", exp.1), &payer(&id, "4111111111111111", exp)).await;
        assert_eq!((a["status"].as_str(), a["redirect_method"].as_str()), (Some("REDIRECT"), Some("GET")));
        assert!(a["redirect_url"].as_str().unwrap().contains("?session="), "the URL already has a query");
        let Outcome::Redirect { plan, .. } = answer::parse_value(&a).unwrap() else { panic!() };
        assert!(plan.url.contains("?session=") && plan.url.contains("&MD="), "params merged: {}", plan.url);
        complete_acs(&s.base, &a, "ok").await;
        wait_status(&s.base, &id, want).await;
    }
}

#[tokio::test]
async fn platform_async_accepted_then_callback() {
    let s = start("async").await;
    let id = order_extra(&s.base, "platform", json!({"async": "Y"})).await;
    let (_, a) = pay(&s.base, "k-async", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert_eq!(a["result"], "ACCEPTED");
    assert!(a.get("status").is_none() && a["trans_id"].is_string(), "ACCEPTED carries only ids: {a}");
    assert_eq!(status(&s.base, &id).await["status"], "PROCESSING");
    wait_status(&s.base, &id, "SETTLED").await;
}

#[tokio::test]
async fn paycross_every_test_card() {
    let s = start("paycross").await;
    let id = order(&s.base, "paycross").await;
    let (code, a) = pay(&s.base, "p-ok", &payer(&id, "4200000000000000", ("01", "2038"))).await;
    assert_eq!((code, a["status"].as_str(), a["code"].as_str()), (200, Some("successful"), Some("S.0000")), "{a}");
    assert_eq!(a["amount"], 199, "minor units");
    let id = order(&s.base, "paycross").await;
    let (_, a) = pay(&s.base, "p-fail", &payer(&id, "4005550000000019", ("01", "2038"))).await;
    assert_eq!(a["status"], "failed");
    assert!(a["code"].as_str().unwrap().starts_with("F."));
    wait_status(&s.base, &id, "DECLINED").await;
    for (number, want) in [("4012000000001097", "SETTLED"), ("4012000000001014", "DECLINED")] {
        let id = order(&s.base, "paycross").await;
        let (_, a) = pay(&s.base, &format!("p-3ds-{number}"), &payer(&id, number, ("01", "2038"))).await;
        assert_eq!((a["status"].as_str(), a["code"].as_str()), (Some("incomplete"), Some("P.9998")));
        let back = complete_acs(&s.base, &a, "ok").await;
        assert!(back.starts_with(&format!("{}/return?order_id={id}", s.base)));
        wait_status(&s.base, &id, want).await;
    }
}

#[tokio::test]
async fn paycross_validation_is_422_e1025() {
    let s = start("paycross422").await;
    let id = order(&s.base, "paycross").await;
    let mut body = payer(&id, "4200000000000000", ("01", "2038"));
    body["payer_state"] = json!("Colorado");
    let (code, a) = pay(&s.base, "p-422", &body).await;
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
}

#[tokio::test]
async fn idempotent_replay_never_charges_twice() {
    let s = start("idem").await;
    let id = order(&s.base, "platform").await;
    let body = payer(&id, "4111111111111111", ("01", "2038"));
    let (c1, a1) = pay(&s.base, "same-key", &body).await;
    let (c2, a2) = pay(&s.base, "same-key", &body).await;
    assert_eq!((c1, &a1), (c2, &a2), "the same key replays the first answer");
    // a new key for a paid order is refused, not charged
    let (c3, a3) = pay(&s.base, "other-key", &body).await;
    assert_eq!(c3, 409, "{a3}");
    let app_tx: i64 = rusqlite::Connection::open(&s.data)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM gw_tx WHERE order_id = ?1", [&id], |r| r.get(0))
        .unwrap();
    assert_eq!(app_tx, 1, "one charge at the gateway");
    // the key belongs to its order
    let id2 = order(&s.base, "platform").await;
    let (c4, _) = pay(&s.base, "same-key", &payer(&id2, "4111111111111111", ("01", "2038"))).await;
    assert_eq!(c4, 422);
}

#[tokio::test]
async fn restart_between_redirect_and_acs_still_settles() {
    let data = temp_db("restart");
    let s = start_on("127.0.0.1:0", data.clone()).await;
    let addr = s.addr;
    let id = order(&s.base, "platform").await;
    let (_, a) = pay(&s.base, "k-restart", &payer(&id, "4111111111111111", ("05", "2038"))).await;
    assert_eq!(a["status"], "3DS");
    drop(s); // aborts the server task; the port frees once it has stopped
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
    assert_eq!(status(&s2.base, &id).await["status"], "3DS", "the order survived");
    complete_acs(&s2.base, &a, "ok").await;
    wait_status(&s2.base, &id, "SETTLED").await;
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
    let setup = Setup { callback_url: Some(format!("http://{fl_addr}/cb")), ..Setup::default() };
    let s = serve(tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(), data.clone(), setup).await;
    let id = order_extra(&s.base, "platform", json!({"async": "Y"})).await;
    let (_, a) = pay(&s.base, "k-retry", &payer(&id, "4111111111111111", ("01", "2038"))).await;
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
