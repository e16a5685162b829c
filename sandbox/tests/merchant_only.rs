//! What only the merchant may do: capture (or any action on a payment) takes the merchant's
//! token and no browser request from another site; orders are created from JSON only, with
//! an amount that can be charged.

mod common;

use common::*;
use serde_json::{json, Value};

async fn held_order(s: &Server) -> String {
    let id = order_extra(&s.base, "platform", json!({"auth": "Y"})).await;
    let (_, a) = pay(&s.base, &format!("{id}-k"), &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert_eq!(a["status"], "PENDING");
    id
}

#[tokio::test]
async fn capture_needs_the_merchant_token_and_no_other_site() {
    let s = start("merchant-only", Setup::default()).await;
    let id = held_order(&s).await;
    let url = format!("{}/api/orders/{id}/capture", s.base);
    let c = client();
    let cookie = client().get(format!("{}/", s.base)).send().await.unwrap().headers()["set-cookie"].to_str().unwrap().to_string();
    let refused = [
        ("no credential", c.post(&url)),
        ("a wrong token", c.post(&url).bearer_auth("guess")),
        ("a payer's session cookie", c.post(&url).header("Cookie", cookie.split(';').next().unwrap())),
        (
            "a cross-site form post",
            c.post(&url).header("Origin", "http://evil.example").header("Sec-Fetch-Site", "cross-site").form(&[("x", "1")]),
        ),
        ("the right token from another site's page", c.post(&url).bearer_auth(MERCHANT_TOKEN).header("Origin", "http://evil.example")),
    ];
    for (what, req) in refused {
        let r = req.send().await.unwrap();
        assert!(matches!(r.status().as_u16(), 401 | 403), "{what}: {}", r.status());
        assert_eq!(status(&s.base, &id).await["status"], "PENDING", "{what} captured nothing");
    }
    let r = c.post(&url).bearer_auth(MERCHANT_TOKEN).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(status(&s.base, &id).await["status"], "SETTLED", "the merchant's own request captures");
}

#[tokio::test]
async fn orders_take_json_only_and_a_chargeable_amount() {
    let s = start("orders-strict", Setup::default()).await;
    let c = client();
    let body = json!({"amount": "12.00", "currency": "USD", "description": "Beans"}).to_string();
    for ctype in ["text/plain", "application/x-www-form-urlencoded"] {
        let r = c.post(format!("{}/api/orders", s.base)).header("Content-Type", ctype).body(body.clone()).send().await.unwrap();
        assert_eq!(r.status(), 415, "{ctype}");
    }
    for (amount, currency) in [("0.00", "USD"), ("0", "JPY"), ("-1.00", "USD"), ("12.00", "JPY"), ("1.5", "BHD"), ("1.9", "USD")] {
        let r = c
            .post(format!("{}/api/orders", s.base))
            .json(&json!({"amount": amount, "currency": currency, "description": "Beans"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{amount} {currency}");
        assert_eq!(r.json::<Value>().await.unwrap()["field"], "order_amount");
    }
    order_with(&s.base, json!({"amount": "0.01", "currency": "USD", "description": "Beans"})).await;
}
