//! Dates and money by their rules: amounts follow their currency's ISO 4217 exponent
//! (JPY 0, USD 2, BHD 3) from order creation to PayCross's exact minor units, and an
//! expiry in the past is refused by the merchant backend and by the emulator alike.

mod common;

use common::emulator::{emulator_payment, emulator_sale};
use common::*;
use serde_json::{json, Value};

async fn order_in(base: &str, amount: &str, currency: &str, gateway: &str) -> reqwest::Response {
    client()
        .post(format!("{base}/api/orders"))
        .json(&json!({"amount": amount, "currency": currency, "description": "Money", "gateway": gateway}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn jpy_and_bhd_pay_through_both_dialects_with_their_own_minor_units() {
    let s = start("amounts", Setup::default()).await;
    // (amount, currency, dialect A's order_amount, PayCross minor units)
    for (amount, currency, minor) in [("1200", "JPY", "1200"), ("1.505", "BHD", "1505"), ("12.00", "USD", "1200")] {
        for gateway in ["platform", "paycross"] {
            let r = order_in(&s.base, amount, currency, gateway).await;
            assert_eq!(r.status(), 201);
            let id = r.json::<Value>().await.unwrap()["order_id"].as_str().unwrap().to_string();
            let (code, v) = pay(&s.base, &format!("{id}-k"), &payer(&id, good_card(gateway), ("01", "2038"))).await;
            assert!(code == 200 && is_success(&v), "{amount} {currency} {gateway}: {v}");
            let want = if gateway == "paycross" { minor } else { amount };
            assert_eq!(gateway_rows(&s.data, &id), [("SETTLED".to_string(), want.to_string())], "{amount} {currency} {gateway}");
        }
    }
}

#[tokio::test]
async fn amounts_with_other_decimals_than_their_currency_are_refused() {
    let s = start("amounts-bad", Setup::default()).await;
    for (amount, currency) in [("1200.00", "JPY"), ("1.50", "BHD"), ("1.5", "BHD"), ("12", "USD"), ("12.0", "USD"), ("012.00", "USD")] {
        let r = order_in(&s.base, amount, currency, "paycross").await;
        assert_eq!(r.status(), 422, "{amount} {currency}");
        assert_eq!(r.json::<Value>().await.unwrap()["field"], "order_amount");
    }
}

#[tokio::test]
async fn an_expiry_in_the_past_is_refused_by_the_backend_and_the_emulator() {
    let s = start("expired", Setup::default()).await;
    for gateway in ["platform", "paycross"] {
        let id = order(&s.base, gateway).await;
        let (_, v) = pay(&s.base, &format!("{gateway}-old"), &payer(&id, good_card(gateway), ("01", "2001"))).await;
        assert!(v.to_string().contains("This card has expired."), "{gateway}: {v}");
        assert_eq!(charges(&s.data, &id), 0);
        assert_eq!(status(&s.base, &id).await["status"], "NEW", "a refused request claims nothing");
    }
    // the emulator itself, dialect A
    let v = emulator_sale(&s.base, &[("card_exp_year", "2001")]).await;
    assert_eq!(v["result"], "ERROR");
    assert!(v.to_string().contains("card_exp_year: This card has expired."), "{v}");
    // and PayCross
    let (code, v) = emulator_payment(&s.base, json!({"credit_card": {"exp_year": 2001}})).await;
    assert_eq!(code, 422);
    assert_eq!(v["errors"]["credit_card"]["exp_year"], json!(["This card has expired."]), "{v}");
}

/// The emulator refuses what the spec refuses, in both dialects: an amount not written with
/// its currency's ISO 4217 decimals, or not more than zero, is not charged.
#[tokio::test]
async fn the_emulator_refuses_wrong_amounts_in_both_dialects() {
    let s = start("emulator-amounts", Setup::default()).await;
    let wrong = [("1.9", "USD"), ("1.999", "USD"), ("0", "USD"), ("0.00", "USD"), ("12.00", "JPY"), ("1.5", "BHD"), ("0", "JPY")];
    for (amount, currency) in wrong {
        let v = emulator_sale(&s.base, &[("order_amount", amount), ("order_currency", currency)]).await;
        assert!(v["result"] == "ERROR" && v.to_string().contains("order_amount"), "dialect A {amount} {currency}: {v}");
        // PayCross: minor units as a JSON integer; the same amounts as its numbers are refused
        let (code, v) =
            emulator_payment(&s.base, json!({"amount": serde_json::from_str::<Value>(amount).unwrap(), "currency": currency})).await;
        assert!(code == 422 && v["errors"]["amount"].is_array(), "PayCross {amount} {currency}: {v}");
    }
    let rows: i64 = rusqlite::Connection::open(&s.data).unwrap().query_row("SELECT COUNT(*) FROM gw_tx", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0, "nothing was charged");
}
