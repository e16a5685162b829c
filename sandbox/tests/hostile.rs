//! No request takes the sandbox down. The inputs that used to abort it (a no-break space
//! inside a card number on PayCross, full-width digits, bidi controls, a 5,000-digit
//! number, deep JSON) get a clear 4xx or ERROR and the next request is served; then a
//! property test sends arbitrary JSON bodies to every endpoint and checks the server still
//! answers after each.

mod common;

use checkout_rules::answer::{self, Outcome};
use common::*;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

/// Still up: the demo page answers.
async fn alive(base: &str) {
    let r = client().get(format!("{base}/")).send().await.expect("the sandbox still answers");
    assert_eq!(r.status(), 200);
}

async fn paycross_direct(base: &str, body: &str) -> u16 {
    client()
        .post(format!("{base}/gateway/v3/transactions/payments"))
        .basic_auth("361", Some("sandbox-secret"))
        .header("X-API-Version", "3")
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("an answer")
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_inputs_that_used_to_abort_the_sandbox_get_clear_answers() {
    let s = start("hostile", Setup::default()).await;
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let numbers = [
        "4200\u{a0}0000\u{a0}0000\u{a0}0000".to_string(),
        // the last four characters hold the no-break space: a byte slice of them splits it
        "4200000000000\u{a0}000".to_string(),
        "４２００００００００００００００".to_string(),
        "\u{202e}4200000000000000\u{202c}".to_string(),
        "\u{200f}4200 0000 0000 0000".to_string(),
        "4".repeat(4000),
        "4".repeat(5000),
        "٤٢٠٠٠٠٠٠٠٠٠٠٠٠٠٠".to_string(),
    ];
    for (i, number) in numbers.iter().enumerate() {
        let id = order(&s.base, "paycross").await;
        let (code, v) = pay(&s.base, &format!("h{i}"), &payer(&id, number, ("01", "2038"))).await;
        let outcome = answer::parse_value(&v);
        assert!(code < 500 && outcome.is_ok(), "{number:?}: {code} {v}");
        // the emulator directly, where the no-break space used to slice a character apart
        let direct = json!({"request": {"amount": 199, "currency": "USD", "description": "x", "tracking_id": id,
            "credit_card": {"number": number, "verification_value": "123", "exp_month": 1, "exp_year": 2038},
            "customer": {"email": "doe@example.com"}}});
        assert!(paycross_direct(&s.base, &direct.to_string()).await < 500, "{number:?}");
        alive(&s.base).await;
    }
    let id = order(&s.base, "paycross").await;
    for body in [deep.clone(), format!("{{\"order_id\": \"{id}\", \"card_number\": {deep}}}")] {
        let r = client().post(format!("{}/api/pay", s.base)).header("Idempotency-Key", "deep").body(body.clone()).send().await.unwrap();
        assert_eq!(r.status(), 400);
        assert_eq!(paycross_direct(&s.base, &body).await, 400);
        alive(&s.base).await;
    }
}

#[tokio::test]
async fn bad_requests_get_clear_errors() {
    let s = start("bad", Setup::default()).await;
    let c = client();
    let id = order(&s.base, "platform").await;
    // no idempotency key
    let r = c.post(format!("{}/api/pay", s.base)).json(&payer(&id, "4111111111111111", ("01", "2038"))).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.json::<Value>().await.unwrap()["error_message"].as_str().unwrap().contains("Idempotency-Key"));
    // not JSON
    let r = c.post(format!("{}/api/pay", s.base)).header("Idempotency-Key", "x1").body("card_number=1").send().await.unwrap();
    assert_eq!(r.status(), 400);
    // a number where a string belongs
    let r = c
        .post(format!("{}/api/pay", s.base))
        .header("Idempotency-Key", "x2")
        .json(&json!({"order_id": id, "card_number": 4111}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // oversized value
    let r = c
        .post(format!("{}/api/pay", s.base))
        .header("Idempotency-Key", "x3")
        .json(&json!({"order_id": id, "payer_address": "a".repeat(5000)}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    // body over the limit
    let r = c.post(format!("{}/api/pay", s.base)).header("Idempotency-Key", "x4").body("a".repeat(300 * 1024)).send().await.unwrap();
    assert_eq!(r.status(), 413);
    // unknown order
    let (code, v) = pay(&s.base, "x5", &payer("ORDER-NOPE", "4111111111111111", ("01", "2038"))).await;
    assert_eq!((code, v["result"].as_str()), (404, Some("ERROR")));
    // missing and invalid fields come back per field, in the platform's ERROR shape
    let (code, v) = pay(&s.base, "x6", &json!({"order_id": id, "card_number": "4111111111111112", "payer_email": "x"})).await;
    assert_eq!((code, v["result"].as_str()), (200, Some("ERROR")));
    let Outcome::Error { fields, .. } = answer::parse_value(&v).unwrap() else { panic!() };
    let names: Vec<&str> = fields.iter().map(|f| f.0.name()).collect();
    assert!(names.contains(&"card_number") && names.contains(&"payer_email") && names.contains(&"card_cvv2"), "{names:?}");
    // the browser cannot set the amount
    let mut body = payer(&id, "4111111111111111", ("01", "2038"));
    body["order_amount"] = json!("0.01");
    let (_, v) = pay(&s.base, "x7", &body).await;
    assert_eq!(v["amount"], "1.99", "the amount comes from the order record");
    // malformed form body at the gateway
    let r = c.post(format!("{}/gateway/post", s.base)).body("%%%=&&&").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["result"], "ERROR");
    // bad order creation
    let r = c
        .post(format!("{}/api/orders", s.base))
        .json(&json!({"amount": "01.99", "currency": "USD", "description": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    // a callback with a wrong hash is refused
    let r = c
        .post(format!("{}/api/callback", s.base))
        .form(&[("order_id", id.as_str()), ("trans_id", "t"), ("result", "SUCCESS"), ("status", "SETTLED"), ("hash", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(status(&s.base, &id).await["status"], "SETTLED", "x7 paid it; the forged callback changed nothing");
    // unknown path: JSON 404
    let r = c.get(format!("{}/nope", s.base)).send().await.unwrap();
    assert_eq!(r.status(), 404);
}

fn json_value() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        ".{0,24}",
        Just("4111111111111111".to_string()),
        Just("4200\u{a0}0000 0000\u{2007}0000".to_string()),
        Just("ORDER-1".to_string()),
        Just("SETTLED".to_string()),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        text.prop_map(Value::from),
    ];
    let key = prop_oneof![
        Just("order_id"),
        Just("card_number"),
        Just("card_exp_month"),
        Just("card_exp_year"),
        Just("payer_email"),
        Just("saved_card_id"),
        Just("card_token"),
        Just("request"),
        Just("credit_card"),
        Just("number"),
        Just("amount"),
        Just("currency"),
        Just("transaction"),
        Just("uid"),
        Just("tracking_id"),
        Just("status"),
    ]
    .prop_map(str::to_string);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(key.clone(), inner, 0..8).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every endpoint that takes a body, with what it needs to get past its door.
async fn send_everywhere(base: &str, order_id: &str, body: &Value) {
    let c = client();
    let text = body.to_string();
    let wrapped = json!({"request": body}).to_string();
    let requests = [
        c.post(format!("{base}/api/pay")).header("Idempotency-Key", "prop").body(text.clone()),
        c.post(format!("{base}/api/orders")).body(text.clone()),
        c.post(format!("{base}/api/callback")).body(text.clone()),
        c.post(format!("{base}/api/callback/paycross")).basic_auth("361", Some("sandbox-secret")).body(text.clone()),
        c.post(format!("{base}/gateway/post")).body(text.clone()),
        c.post(format!("{base}/gateway/v2/post")).body(text.clone()),
        c.post(format!("{base}/gateway/v3/transactions/payments"))
            .basic_auth("361", Some("sandbox-secret"))
            .header("X-API-Version", "3")
            .body(wrapped),
        c.post(format!("{base}/gateway/acs/x/complete")).body(text.clone()),
        c.post(format!("{base}/gateway/v3/transactions/refunds")).basic_auth("361", Some("sandbox-secret")).body(text.clone()),
        c.post(format!("{base}/api/orders/{order_id}/capture")).bearer_auth(MERCHANT_TOKEN).body(text),
    ];
    for req in requests {
        let r = req.header("Content-Type", "application/json").send().await.expect("every request is answered");
        assert!(r.status().as_u16() < 500, "{} for {body}", r.status());
    }
}

#[test]
fn arbitrary_json_bodies_to_every_endpoint_never_take_the_server_down() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(start("prop", Setup::default()));
    let id = rt.block_on(order(&s.base, "paycross"));
    let mut runner = TestRunner::new(Config { cases: 96, failure_persistence: None, ..Config::default() });
    runner
        .run(&json_value(), |body| {
            rt.block_on(async {
                send_everywhere(&s.base, &id, &body).await;
                let mut with_order = body.clone();
                if let Value::Object(m) = &mut with_order {
                    m.insert("order_id".into(), json!(id));
                }
                send_everywhere(&s.base, &id, &with_order).await;
                alive(&s.base).await;
            });
            Ok(())
        })
        .unwrap();
}
