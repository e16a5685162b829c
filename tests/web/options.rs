//! Refused merchant options: `mount` fails with an error naming the option and the rule.

use crate::support::*;

#[wasm_bindgen_test]
fn bad_merchant_options_fail_mount_with_a_clear_error() {
    let with_order = |k: &str, v: &str| {
        format!(r#", "order": {{"order_id": "ORDER-1", "order_amount": "1.99", "order_currency": "USD", "{k}": "{v}"}}"#)
    };
    let m = mount_err(&with_order("order_amount", "01.99"));
    assert!(m.contains("order.order_amount") && m.contains("no leading zeros"), "{m}");
    // the amount has exactly its currency's decimals
    for (amount, currency) in [("1200.00", "JPY"), ("1.50", "BHD"), ("12", "USD"), ("0.00", "USD"), ("0", "JPY")] {
        let m = mount_err(&format!(r#", "order": {{"order_id": "O-1", "order_amount": "{amount}", "order_currency": "{currency}"}}"#));
        assert!(m.contains("order.order_amount") && m.contains(amount) && m.contains("1.505 BHD"), "{m}");
    }
    for (amount, currency) in [("1200", "JPY"), ("1.505", "BHD")] {
        let h = host();
        let o = options(&format!(r#", "order": {{"order_id": "O-1", "order_amount": "{amount}", "order_currency": "{currency}"}}"#));
        assert!(mount(h.into(), o).is_ok(), "{amount} {currency} mounts");
    }
    // a gateway token never belongs in the page: savedCard takes the backend's own id
    let m = mount_err(r#", "savedCard": {"cardToken": "tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"}"#);
    assert!(m.contains("savedCard.cardToken") && m.contains("not a known key"), "{m}");
    let m = mount_err(r#", "savedCard": {"id": "<img src=x>"}"#);
    assert!(m.contains("savedCard.id"), "{m}");
    let m = mount_err(&with_order("order_currency", "usd1"));
    assert!(m.contains("order.order_currency") && m.contains("ISO 4217"), "{m}");
    let m = mount_err(&with_order("order_description", &"d".repeat(2000)));
    assert!(m.contains("order.order_description") && m.contains("too long"), "{m}");
    let m = mount_err(r#", "endpoint": "javascript:alert(1)""#);
    assert!(m.contains("endpoint"), "{m}");
    let m = mount_err(r#", "onSubmit": 5"#);
    assert!(m.contains("onSubmit") && m.contains("function"), "{m}");
    let m = mount_err(r#", "endpont": "/x""#);
    assert!(m.contains("endpont"), "unknown options are named: {m}");
    let m = mount_err(r#", "values": {"card_number": "4111111111111111"}"#);
    assert!(m.contains("values.card_number"), "{m}");
    let m = mount_err(r#", "challenge": "popup""#);
    assert!(m.contains("option `challenge`") && m.contains(r#""redirect" or "inline""#), "{m}");
    for ok in ["inline", "redirect"] {
        assert!(mount(host().into(), options(&format!(r#", "challenge": "{ok}""#))).is_ok(), "challenge {ok} mounts");
    }
}
