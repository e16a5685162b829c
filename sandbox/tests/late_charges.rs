//! A SALE that reaches the gateway long after the backend gave up on it (a proxy or load
//! balancer queued it past twice the timeout): the order was released and paid by a new
//! attempt meanwhile. The late charge must not be kept: the backend finds it, with nobody
//! asking, and reverses it, so exactly one charge per order is kept, in both dialects.

mod common;

use std::time::Duration;

use common::proxy::*;
use common::*;
use sandbox::Dialect;
use serde_json::Value;

/// Polls `done` every 100 ms for at most `limit`.
async fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    done()
}

async fn late_charge_is_reversed(gateway: &str) {
    let setup = Setup { reconcile_every: Duration::from_millis(300), ..Setup::default() };
    let (s, fault) = behind_proxy(&format!("late-{gateway}"), Dialect::parse(gateway).unwrap(), setup).await;
    let id = order(&s.base, gateway).await;
    let body = payer(&id, good_card(gateway), ("01", "2038"));
    set(&fault, Fault::HoldBeforeForward);
    let (code, v) = pay(&s.base, "k1", &body).await;
    assert!(is_not_final(code, &v), "{gateway}: the held attempt is not final: {code} {v}");
    set(&fault, Fault::Pass);

    // nothing at the gateway long after the timeout: released; a new attempt pays
    wait_status(&s.base, &id, "NEW").await;
    let (code, v) = pay(&s.base, "k2", &body).await;
    assert!(code == 200 && is_success(&v), "{gateway}: the new attempt pays: {code} {v}");
    let kept = v["trans_id"].as_str().or(v["uid"].as_str()).unwrap().to_string();

    // the held SALE arrives and charges; the reconciler finds it and reverses it
    assert!(eventually(HOLD * 2, || gateway_rows(&s.data, &id).len() == 2).await, "the late SALE reached the gateway");
    let reversed = eventually(Duration::from_secs(10), || charges(&s.data, &id) == 1).await;
    assert!(reversed, "{gateway}: one charge kept, the late one reversed: {:?}", gateway_rows(&s.data, &id));
    let o = status(&s.base, &id).await;
    assert_eq!(o["status"], "SETTLED", "{o}");
    assert_eq!(o["trans_id"], kept.as_str(), "the order keeps the charge its payer saw: {o}");
    let listed: &Vec<Value> = o["reversed_charges"].as_array().expect("the order lists its reversed charges");
    assert_eq!(listed.len(), 1, "{o}");
    assert_ne!(listed[0]["trans_id"], kept.as_str(), "{o}");
    assert_eq!(listed[0]["amount"], "1.99", "{o}");
    let rows = gateway_rows(&s.data, &id);
    assert!(rows.iter().any(|(st, _)| st == "REFUND"), "{gateway}: the gateway records the reversal: {rows:?}");

    // the first key now says what happened to its payment
    let (code, v) = pay(&s.base, "k1", &body).await;
    assert!(code == 200 && !is_success(&v), "{gateway}: k1 is not a success: {code} {v}");
    assert_eq!(charges(&s.data, &id), 1);
}

#[tokio::test]
async fn a_sale_that_arrives_after_the_order_was_paid_again_is_reversed_platform() {
    late_charge_is_reversed("platform").await;
}

#[tokio::test]
async fn a_sale_that_arrives_after_the_order_was_paid_again_is_reversed_paycross() {
    late_charge_is_reversed("paycross").await;
}
