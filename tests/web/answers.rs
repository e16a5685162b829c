//! Answers read in the browser against the reference reader.

use crate::support::*;

/// The widget reads answers from the browser's own `JSON.parse` (no JSON code in the wasm);
/// the sandbox and the tests read them with serde_json. Both go through the same rules
/// code, and must agree on every shape, hostile ones included.
#[wasm_bindgen_test]
fn answers_read_in_the_browser_match_the_reference_reader() {
    use checkout_rules::answer;
    use checkout_widget::backend::classify;
    use checkout_widget::state::Answer;
    let deep_errors = format!("{}\"x\"{}", "{\"a\":".repeat(40), "}".repeat(40));
    let bodies: Vec<String> = [
        r#"{"action":"SALE","result":"SUCCESS","status":"SETTLED","order_id":"ORDER-12345","trans_id":"t1","descriptor":" shop.example ","amount":"1.99","currency":"USD","card_token":"tok"}"#,
        r#"{"result":"SUCCESS","status":"PENDING","trans_id":"t"}"#,
        r#"{"result":"DECLINED","status":"DECLINED","decline_reason":"Insufficient funds","trans_id":12345}"#,
        r#"{"result":"REDIRECT","status":"3DS","redirect_url":"https://acs.example/a","redirect_method":"POST","redirect_params":{"PaReq":"p","MD":"m","TermUrl":"https://shop/t"}}"#,
        r#"{"result":"REDIRECT","status":"3DS","redirect_url":"https://acs.example/a","redirect_method":"POST","redirect_params":[{"name":"PaReq","value":"p"},{"name":"MD","value":"m"}]}"#,
        r#"{"result":"REDIRECT","status":"REDIRECT","redirect_url":"https://acs.example/a?x=1#f","redirect_method":"GET","redirect_params":{"a b":"x&y"}}"#,
        r#"{"result":"REDIRECT","redirect_url":"https://acs.example/a","redirect_params":null}"#,
        r#"{"result":"REDIRECT","redirect_url":"javascript:alert(1)","redirect_method":"POST"}"#,
        r#"{"result":"REDIRECT","redirect_url":"https://acs.example/a","redirect_params":{"n":1}}"#,
        r#"{"result":"REDIRECT","redirect_url":"https://acs.example/a","redirect_params":[{"name":"n"}]}"#,
        r#"{"result":"REDIRECT","redirect_url":"https://acs.example/a","redirect_method":7}"#,
        r#"{"result":"REDIRECT","redirect_url":5}"#,
        r#"{"result":"ACCEPTED","trans_id":"t"}"#,
        r#"{"result":"UNDEFINED"}"#,
        r#"{"result":"ERROR","error_message":"Request data is invalid.","error_code":100000,"errors":[{"error_code":100000,"error_message":"card_number: This value should not be blank."},{"error_message":"Something general"},"x",null]}"#,
        r#"{"result":"ERROR","error_message":"Invalid hash","error_code":"E1"}"#,
        r#"{"result":null}"#,
        r#"{"result":"MAYBE"}"#,
        r#"{"uid":"u1","status":"successful","code":"S.0000","amount":1200,"currency":"USD","transaction":{"billing_descriptor":"PAYCROSS*SHOP"},"payment_method":{"token":"tk"}}"#,
        r#"{"uid":"u2","status":"failed","code":"F.0105","friendly_message":"The card is declined"}"#,
        r#"{"uid":"46154-aba1cf5e57","code":"P.9998","status":"incomplete","redirect_url":"https://gateway.pay-cross.com/process/46154-aba1cf5e57"}"#,
        r#"{"uid":"u","status":"incomplete","redirect_url":"http://evil.example/x"}"#,
        r#"{"uid":"u","status":"pending","code":"P.8010"}"#,
        r#"{"code":"E.1025","friendly_message":"Validation failed","errors":{"credit_card":{"number":["is invalid"],"exp_month":["must be 1-12"]},"customer":{"email":["bad"]},"other":["x"],"amount":12}}"#,
        r#"{"transaction":{"uid":"u3","status":"successful","amount":12.5}}"#,
        r#"{"status":"expired","message":"too late"}"#,
        r#"[1,2]"#,
        r#""text""#,
        r#"{}"#,
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("{{\"status\":\"error\",\"errors\":{deep_errors}}}")])
    .collect();
    for body in &bodies {
        let reference = answer::parse(body);
        match (classify(200, body), reference) {
            (Answer::Outcome(got), Ok(want)) => assert_eq!(got, want, "{body}"),
            (Answer::RefusedRedirect, Err(checkout_rules::AnswerError::Redirect(_))) => {}
            (Answer::Unreadable, Err(e)) if !matches!(e, checkout_rules::AnswerError::Redirect(_)) => {}
            (got, want) => panic!("{body}: browser {got:?}, reference {want:?}"),
        }
    }
    // 409 (in flight) and 5xx (outcome unknown) are never final, whatever the body says
    // — except a success, a decline or a redirect, which say what happened
    for status in [409, 500, 502, 504] {
        for body in [r#"{"result":"ERROR","error_message":"busy"}"#, "<html>Bad gateway</html>", "", r#"{"code":"E.1025","errors":{}}"#] {
            assert_eq!(classify(status, body), Answer::NotFinal, "{status} {body}");
        }
        assert!(matches!(classify(status, r#"{"result":"DECLINED"}"#), Answer::Outcome(checkout_rules::Outcome::Declined { .. })));
    }
    assert!(classify(422, r#"{"result":"ERROR"}"#).ends_attempt(), "a 4xx ERROR is a refusal: the attempt ends");
    assert!(!classify(409, r#"{"result":"ERROR"}"#).ends_attempt());
}
