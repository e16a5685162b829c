//! 3-D Secure 2 browser data over real HTTP: the widget's `browser` through the reference
//! backend to the PayCross emulator, and the emulator's own refusal without it.

mod common;

use common::*;
use serde_json::{json, Value};

/// 3-D Secure 2: the widget's `browser` reaches PayCross as `additional_data.browser` with
/// the payer's Accept header; the emulator refuses a 3-D Secure card without it, naming the
/// field, and a card without 3-D Secure does not need it. The key binds the payment, not
/// the browser: a retry from a resized window is the same request.
#[tokio::test]
async fn paycross_3ds_needs_the_payers_browser() {
    let s = start("browser", Setup::default()).await;
    let three_ds = "4012000000001097";

    // through the merchant backend: forwarded, with the Accept header of the payer's request
    let id = order(&s.base, "paycross").await;
    let body = payer(&id, three_ds, ("01", "2038"));
    let r = client().post(format!("{}/api/pay", s.base)).header("Idempotency-Key", "b-1").header("Accept", "application/json, */*;q=0.1");
    let a: Value = r.json(&body).send().await.unwrap().json().await.unwrap();
    assert_eq!(a["status"], "incomplete", "{a}");
    let echoed = &a["additional_data"]["browser"];
    assert_eq!(echoed["time_zone"], -180);
    assert_eq!(echoed["window_width"], 600);
    assert_eq!(echoed["accept_header"], "application/json, */*;q=0.1");
    // the same key with the window resized: the same payment, replayed
    let mut resized = body.clone();
    resized["browser"]["window_width"] = json!(1280);
    let (code, again) = pay(&s.base, "b-1", &resized).await;
    assert_eq!((code, &again["uid"]), (200, &a["uid"]), "{again}");

    // without it, through the backend: the gateway's field error, nothing charged
    let id = order(&s.base, "paycross").await;
    let mut bare = payer(&id, three_ds, ("01", "2038"));
    bare.as_object_mut().unwrap().remove("browser");
    let (code, a) = pay(&s.base, "b-2", &bare).await;
    assert_eq!((code, a["code"].as_str()), (422, Some("E.1025")), "{a}");
    assert!(a["errors"]["additional_data"]["browser"][0].as_str().unwrap().starts_with("is required for 3-D Secure"), "{a}");
    // a card without 3-D Secure pays without it
    let id = order(&s.base, "paycross").await;
    let mut plain = payer(&id, "4200000000000000", ("01", "2038"));
    plain.as_object_mut().unwrap().remove("browser");
    assert_eq!(pay(&s.base, "b-3", &plain).await.1["status"], "successful");
    // a malformed one is the backend's 400, naming the field
    let id = order(&s.base, "paycross").await;
    let mut wrong = payer(&id, three_ds, ("01", "2038"));
    wrong["browser"]["screen_width"] = json!("wide");
    let (code, a) = pay(&s.base, "b-4", &wrong).await;
    assert_eq!(code, 400, "{a}");
    assert!(a.to_string().contains("screen_width"), "{a}");

    // straight to the emulator: one field missing is named
    let mut request = json!({"amount": 100, "currency": "USD", "description": "d", "tracking_id": "t-1",
        "credit_card": {"number": three_ds, "verification_value": "123", "exp_month": 1, "exp_year": 2038},
        "customer": {"email": "doe@example.com", "ip": "127.0.0.1"}, "additional_data": {"browser": browser()}});
    let gateway = |request: &Value| {
        client()
            .post(format!("{}/gateway/v3/transactions/payments", s.base))
            .basic_auth("361", Some("sandbox-secret"))
            .header("X-API-Version", "3")
            .json(&json!({"request": request}))
            .send()
    };
    let a: Value = gateway(&request).await.unwrap().json().await.unwrap();
    assert_eq!(a["errors"]["additional_data"]["browser"]["accept_header"][0], "is required for 3-D Secure", "{a}");
    request["additional_data"]["browser"].as_object_mut().unwrap().remove("time_zone_name");
    request["additional_data"]["browser"]["accept_header"] = json!("*/*");
    let a: Value = gateway(&request).await.unwrap().json().await.unwrap();
    assert!(a["errors"]["additional_data"]["browser"][0].as_str().unwrap().contains("time_zone_name"), "{a}");
}
