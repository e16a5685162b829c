//! Requests straight to the emulated gateway, as a merchant backend would sign them: a
//! valid request of each dialect, with the fields a test is about overridden.

use sandbox::{sign, Settings};
use serde_json::{json, Value};

use super::client;

/// A signed dialect A SALE (card 4111111111111111, 01/2038, 1.99 USD) with `overrides`
/// replacing or adding fields: its JSON answer.
pub async fn emulator_sale(base: &str, overrides: &[(&str, &str)]) -> Value {
    let hash = sign::sale("doe@example.com", &Settings::from_env().password, "4111111111111111");
    let mut form: Vec<(&str, &str)> = vec![
        ("action", "SALE"),
        ("client_key", "sandbox-key"),
        ("order_id", "O-1"),
        ("order_amount", "1.99"),
        ("order_currency", "USD"),
        ("order_description", "x"),
        ("card_number", "4111111111111111"),
        ("card_exp_month", "01"),
        ("card_exp_year", "2038"),
        ("card_cvv2", "123"),
        ("payer_first_name", "J"),
        ("payer_last_name", "D"),
        ("payer_email", "doe@example.com"),
        ("payer_ip", "127.0.0.1"),
        ("term_url_3ds", "http://127.0.0.1/return"),
        ("hash", hash.as_str()),
    ];
    for (k, v) in overrides {
        form.retain(|(f, _)| f != k);
        form.push((k, v));
    }
    client().post(format!("{base}/gateway/post")).form(&form).send().await.unwrap().json().await.unwrap()
}

/// A PayCross payment (card 4200000000000000, 01/2038, 199 USD) with `overrides` merged
/// into its request: the status and the answer.
pub async fn emulator_payment(base: &str, overrides: Value) -> (u16, Value) {
    let mut request = json!({"amount": 199, "currency": "USD", "description": "x", "tracking_id": "O-2",
        "return_url": "http://127.0.0.1/return", "credit_card": {"number": "4200000000000000", "verification_value": "123",
        "exp_month": 1, "exp_year": 2038}, "customer": {"email": "doe@example.com"}});
    merge(&mut request, overrides);
    let r = client()
        .post(format!("{base}/gateway/v3/transactions/payments"))
        .basic_auth("361", Some("sandbox-secret"))
        .header("X-API-Version", "3")
        .json(&json!({ "request": request }))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

/// `over`'s keys into `base`, objects merged key by key.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k).or_insert(Value::Null), v);
            }
        }
        (b, o) => *b = o,
    }
}
