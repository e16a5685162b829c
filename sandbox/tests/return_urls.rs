//! The bank sends the payer back only to a URL the widget itself would navigate to: the
//! emulator refuses a SALE whose return URL is not an absolute http(s) URL (a control
//! character, `javascript:`, a relative path), so no payment settles on its way to a 500.

mod common;

use common::emulator::{emulator_payment, emulator_sale};
use common::*;
use serde_json::json;

#[tokio::test]
async fn a_return_url_the_widget_would_not_follow_is_refused_before_any_charge() {
    let s = start("return-urls", Setup::default()).await;
    for bad in ["http://127.0.0.1/return\u{7}", "javascript:alert(1)", "/return", "http://127.0.0.1/re turn"] {
        let v = emulator_sale(&s.base, &[("card_exp_month", "05"), ("term_url_3ds", bad)]).await;
        assert!(v["result"] == "ERROR" && v.to_string().contains("term_url_3ds"), "dialect A {bad:?}: {v}");
        let three_ds = json!({"return_url": bad, "credit_card": {"number": "4012000000001097"}, "additional_data": {"browser": browser()}});
        let (code, v) = emulator_payment(&s.base, three_ds).await;
        assert!(code == 422 && v["errors"]["return_url"].is_array(), "PayCross {bad:?}: {v}");
    }
    let rows: i64 = rusqlite::Connection::open(&s.data).unwrap().query_row("SELECT COUNT(*) FROM gw_tx", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0);
}
