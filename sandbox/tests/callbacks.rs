//! Callbacks prove nothing by themselves: a forged status, a replay of an older attempt's
//! callback, a callback naming another order's transaction, a wrong signature — none
//! moves an order's status wrongly; each authenticated one is stored with what was decided.

mod common;

use common::*;
use sandbox::{sign, Settings};
use serde_json::{json, Value};

fn password() -> String {
    Settings::from_env().password
}

/// A dialect A callback signed exactly as Appendix A says (the signature covers email,
/// password, trans_id and card: not result, status or order).
async fn platform_callback(base: &str, order_id: &str, trans_id: &str, result: &str, status: &str) -> u16 {
    let hash = sign::callback("doe@example.com", &password(), trans_id, &sign::card_part("4111111111111111"));
    let form =
        [("action", "SALE"), ("result", result), ("status", status), ("order_id", order_id), ("trans_id", trans_id), ("hash", &hash)];
    client().post(format!("{base}/api/callback")).form(&form).send().await.unwrap().status().as_u16()
}

async fn decisions(s: &Server, order_id: &str) -> Vec<String> {
    merchant_column(&s.store, "SELECT decision FROM merchant_callbacks WHERE order_id = $1 ORDER BY id", order_id).await
}

async fn paid(s: &Server, order_id: &str, key: &str, exp: (&str, &str)) -> Value {
    let (code, v) = pay(&s.base, key, &payer(order_id, "4111111111111111", exp)).await;
    assert_eq!(code, 200, "{v}");
    v
}

#[tokio::test]
async fn a_forged_settled_for_a_declined_transaction_changes_nothing() {
    let s = start("cb-forged", Setup::default()).await;
    let id = order(&s.base, "platform").await;
    let v = paid(&s, &id, "a", ("02", "2038")).await;
    assert_eq!(v["result"], "DECLINED");
    let t = v["trans_id"].as_str().unwrap();
    assert_eq!(platform_callback(&s.base, &id, t, "SUCCESS", "SETTLED").await, 200, "acknowledged");
    assert_eq!(status(&s.base, &id).await["status"], "DECLINED", "the gateway says DECLINED; the callback proves nothing");
    assert_eq!(decisions(&s, &id).await, ["asked_gateway"]);
    assert_eq!(charges(&s.data, &id), 0);
}

#[tokio::test]
async fn an_older_attempts_declined_callback_cannot_unpay_an_order() {
    let s = start("cb-replay", Setup::default()).await;
    let id = order(&s.base, "platform").await;
    let first = paid(&s, &id, "a", ("02", "2038")).await;
    let second = paid(&s, &id, "b", ("01", "2038")).await;
    assert_eq!((first["result"].as_str(), second["result"].as_str()), (Some("DECLINED"), Some("SUCCESS")));
    let old = first["trans_id"].as_str().unwrap();
    assert_eq!(platform_callback(&s.base, &id, old, "DECLINED", "DECLINED").await, 200);
    assert_eq!(status(&s.base, &id).await["status"], "SETTLED");
    let (code, v) = pay(&s.base, "c", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert!(is_not_final(code, &v) && code == 409, "the payer cannot pay again: {code} {v}");
    assert_eq!(charges(&s.data, &id), 1);
    assert_eq!(decisions(&s, &id).await, ["not_current_attempt"]);
}

#[tokio::test]
async fn a_callback_naming_another_orders_transaction_is_ignored() {
    let s = start("cb-other", Setup::default()).await;
    let (a, b) = (order(&s.base, "platform").await, order(&s.base, "platform").await);
    let paid_a = paid(&s, &a, "a", ("01", "2038")).await;
    paid(&s, &b, "b", ("02", "2038")).await;
    let t = paid_a["trans_id"].as_str().unwrap();
    assert_eq!(platform_callback(&s.base, &b, t, "SUCCESS", "SETTLED").await, 200);
    assert_eq!(status(&s.base, &b).await["status"], "DECLINED");
    assert_eq!(decisions(&s, &b).await, ["not_current_attempt"]);
}

#[tokio::test]
async fn a_wrong_signature_is_refused_and_not_stored() {
    let s = start("cb-hash", Setup::default()).await;
    let id = order(&s.base, "platform").await;
    let v = paid(&s, &id, "a", ("02", "2038")).await;
    let form = [
        ("order_id", id.as_str()),
        ("trans_id", v["trans_id"].as_str().unwrap()),
        ("result", "SUCCESS"),
        ("status", "SETTLED"),
        ("hash", "0123456789abcdef0123456789abcdef"),
    ];
    let r = client().post(format!("{}/api/callback", s.base)).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(status(&s.base, &id).await["status"], "DECLINED");
    assert!(decisions(&s, &id).await.is_empty(), "a stranger's post costs no disk");
}

#[tokio::test]
async fn paycross_notifications_are_checked_with_the_gateway_too() {
    let s = start("cb-paycross", Setup::default()).await;
    let id = order(&s.base, "paycross").await;
    let (_, v) = pay(&s.base, "a", &payer(&id, "4005550000000019", ("01", "2038"))).await;
    assert_eq!(v["status"], "failed");
    let forged = json!({"transaction": {"uid": v["uid"], "status": "successful", "tracking_id": id}});
    let send = |auth: (&'static str, &'static str)| {
        let base = s.base.clone();
        let body = forged.clone();
        async move {
            client()
                .post(format!("{base}/api/callback/paycross"))
                .basic_auth(auth.0, Some(auth.1))
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(send(("361", "wrong")).await, 401);
    assert_eq!(send(("361", "sandbox-secret")).await, 200);
    assert_eq!(status(&s.base, &id).await["status"], "DECLINED");
    assert_eq!(decisions(&s, &id).await, ["asked_gateway"], "only the authenticated one is stored");
    assert_eq!(charges(&s.data, &id), 0);
}
