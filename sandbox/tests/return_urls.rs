//! The bank sends the payer back only to a URL the widget itself would navigate to: the
//! emulator refuses a SALE whose return URL is not an absolute http(s) URL (a control
//! character, `javascript:`, a relative path), so no payment settles on its way to a 500.

mod common;

use common::*;
use sandbox::{sign, Settings};
use serde_json::{json, Value};

#[tokio::test]
async fn a_return_url_the_widget_would_not_follow_is_refused_before_any_charge() {
    let s = start("return-urls", Setup::default()).await;
    let c = client();
    let hash = sign::sale("doe@example.com", &Settings::from_env().password, "4111111111111111");
    for bad in ["http://127.0.0.1/return\u{7}", "javascript:alert(1)", "/return", "http://127.0.0.1/re turn"] {
        let form = [
            ("action", "SALE"),
            ("client_key", "sandbox-key"),
            ("order_id", "R-1"),
            ("order_amount", "1.99"),
            ("order_currency", "USD"),
            ("order_description", "x"),
            ("card_number", "4111111111111111"),
            ("card_exp_month", "05"),
            ("card_exp_year", "2038"),
            ("card_cvv2", "123"),
            ("payer_first_name", "J"),
            ("payer_last_name", "D"),
            ("payer_email", "doe@example.com"),
            ("payer_ip", "127.0.0.1"),
            ("term_url_3ds", bad),
            ("hash", hash.as_str()),
        ];
        let v: Value = c.post(format!("{}/gateway/post", s.base)).form(&form).send().await.unwrap().json().await.unwrap();
        assert!(v["result"] == "ERROR" && v.to_string().contains("term_url_3ds"), "dialect A {bad:?}: {v}");
        let request = json!({"request": {"amount": 199, "currency": "USD", "description": "x", "tracking_id": "R-2", "return_url": bad,
            "credit_card": {"number": "4012000000001097", "verification_value": "123", "exp_month": 1, "exp_year": 2038},
            "customer": {"email": "doe@example.com"}, "additional_data": {"browser": browser()}}});
        let r = c
            .post(format!("{}/gateway/v3/transactions/payments", s.base))
            .basic_auth("361", Some("sandbox-secret"))
            .header("X-API-Version", "3")
            .json(&request)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "PayCross {bad:?}");
        let v: Value = r.json().await.unwrap();
        assert!(v["errors"]["return_url"].is_array(), "PayCross {bad:?}: {v}");
    }
    let rows: i64 = rusqlite::Connection::open(&s.data).unwrap().query_row("SELECT COUNT(*) FROM gw_tx", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0);
}
