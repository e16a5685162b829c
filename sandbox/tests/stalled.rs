//! Nothing waits forever: a payer who leaves the bank's 3-D Secure page never to come back,
//! and a CAPTURE whose answer was lost, are settled by the gateway's own word (the ACS
//! session expires; the reconciler asks), with nobody polling.

mod common;

use std::time::Duration;

use common::proxy::*;
use common::*;
use sandbox::Dialect;

/// The 3-D Secure card of each dialect whose ACS would approve.
fn three_ds_card(gateway: &str) -> (&'static str, (&'static str, &'static str)) {
    if gateway == "paycross" {
        ("4012000000001097", ("01", "2038"))
    } else {
        ("4111111111111111", ("05", "2038"))
    }
}

/// Reads the order's status from the merchant's database, as no request would bring it up to date.
async fn stored_status(s: &Server, id: &str) -> String {
    merchant_column(&s.store, "SELECT status FROM orders WHERE order_id = $1", id).await.remove(0)
}

async fn until_stored(s: &Server, id: &str, want: &str) {
    for _ in 0..100 {
        if stored_status(s, id).await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("order {id} stayed {} (wanted {want})", stored_status(s, id).await);
}

async fn abandoned_three_ds(gateway: &str) {
    let setup = Setup {
        dialect: Dialect::parse(gateway).unwrap(),
        acs_timeout: Duration::from_millis(1500),
        reconcile_every: Duration::from_millis(300),
        ..Setup::default()
    };
    let s = start(&format!("abandoned-{gateway}"), setup).await;
    let id = order(&s.base, gateway).await;
    let (number, exp) = three_ds_card(gateway);
    let body = payer(&id, number, exp);
    let (_, a) = pay(&s.base, "k-3ds", &body).await;
    assert!(a["redirect_url"].is_string(), "{gateway}: to the bank: {a}");
    let (code, v) = pay(&s.base, "k-other", &payer(&id, good_card(gateway), ("01", "2038"))).await;
    assert_eq!(code, 409, "{gateway}: while the payer may be at the bank, the order is not payable: {v}");

    // the payer never comes back: the bank gives up, the reconciler hears of it unasked
    until_stored(&s, &id, "DECLINED").await;
    let o = status(&s.base, &id).await;
    assert!(o["decline_reason"].as_str().is_some_and(|r| !r.is_empty()), "{gateway}: says why: {o}");
    let (code, v) = pay(&s.base, "k-3ds", &body).await;
    assert!(code == 200 && !is_success(&v) && !is_not_final(code, &v), "{gateway}: the abandoned attempt is declined: {code} {v}");
    let (code, v) = pay(&s.base, "k-again", &payer(&id, good_card(gateway), ("01", "2038"))).await;
    assert!(code == 200 && is_success(&v), "{gateway}: the order is payable again: {code} {v}");
    assert_eq!(charges(&s.data, &id), 1);
}

#[tokio::test]
async fn an_abandoned_three_d_secure_page_frees_the_order_platform() {
    abandoned_three_ds("platform").await;
}

#[tokio::test]
async fn an_abandoned_three_d_secure_page_frees_the_order_paycross() {
    abandoned_three_ds("paycross").await;
}

async fn lost_capture_answer(gateway: &str) {
    let setup = Setup { reconcile_every: Duration::from_millis(300), ..Setup::default() };
    let (s, fault) = behind_proxy(&format!("lost-capture-{gateway}"), Dialect::parse(gateway).unwrap(), setup).await;
    let id = order_extra(&s.base, gateway, serde_json::json!({"auth": "Y"})).await;
    let (_, a) = pay(&s.base, "k-auth", &payer(&id, good_card(gateway), ("01", "2038"))).await;
    assert_eq!(stored_status(&s, &id).await, "PENDING", "{gateway}: authorised and held: {a}");
    set(&fault, Fault::DropCaptureAnswer);
    let r = client().post(format!("{}/api/orders/{id}/capture", s.base)).bearer_auth(MERCHANT_TOKEN).send().await.unwrap();
    assert_eq!(r.status(), 502, "{gateway}: the capture's outcome is not known");
    set(&fault, Fault::Pass);
    assert_eq!(gateway_rows(&s.data, &id)[0].0, "SETTLED", "{gateway}: the gateway captured");
    until_stored(&s, &id, "SETTLED").await;
    assert_eq!(charges(&s.data, &id), 1);
}

#[tokio::test]
async fn a_lost_capture_answer_is_repaired_platform() {
    lost_capture_answer("platform").await;
}

#[tokio::test]
async fn a_lost_capture_answer_is_repaired_paycross() {
    lost_capture_answer("paycross").await;
}
