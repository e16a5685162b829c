use super::*;
use crate::redirect::Method;

#[test]
fn a_success_settled_and_pending() {
    let o = parse(r#"{"action":"SALE","result":"SUCCESS","status":"SETTLED","order_id":"ORDER-12345","trans_id":"t1","trans_date":"2026-11-25 10:00:00","descriptor":"shop.example","amount":"1.99","currency":"USD","card_token":"tok"}"#).unwrap();
    match o {
        Outcome::Success { status, trans_id, descriptor, card_token, .. } => {
            assert_eq!(status, TxStatus::Settled);
            assert_eq!(trans_id.as_deref(), Some("t1"));
            assert_eq!(descriptor.as_deref(), Some("shop.example"));
            assert_eq!(card_token.as_deref(), Some("tok"));
        }
        o => panic!("{o:?}"),
    }
    let o = parse(r#"{"result":"SUCCESS","status":"PENDING","trans_id":"t"}"#).unwrap();
    assert!(matches!(o, Outcome::Success { status: TxStatus::Pending, .. }));
}

#[test]
fn a_declined() {
    let o =
        parse(r#"{"action":"SALE","result":"DECLINED","status":"DECLINED","trans_id":"t","decline_reason":"Insufficient funds"}"#).unwrap();
    assert_eq!(o, Outcome::Declined { reason: Some("Insufficient funds".into()), trans_id: Some("t".into()) });
}

#[test]
fn a_redirect_every_params_shape() {
    let obj = parse(r#"{"result":"REDIRECT","status":"3DS","redirect_url":"https://acs.example/a","redirect_method":"POST","redirect_params":{"PaReq":"p","MD":"m","TermUrl":"https://shop/t"}}"#).unwrap();
    let list = parse(r#"{"result":"REDIRECT","status":"3DS","redirect_url":"https://acs.example/a","redirect_method":"POST","redirect_params":[{"name":"PaReq","value":"p"},{"name":"MD","value":"m"}]}"#).unwrap();
    let empty = parse(r#"{"result":"REDIRECT","status":"REDIRECT","redirect_url":"https://acs.example/a?x=1","redirect_method":"GET","redirect_params":[]}"#).unwrap();
    let missing =
        parse(r#"{"result":"REDIRECT","status":"REDIRECT","redirect_url":"https://acs.example/a","redirect_method":"GET"}"#).unwrap();
    for (o, method, n) in [(obj, Method::Post, 3), (list, Method::Post, 2), (empty, Method::Get, 0), (missing, Method::Get, 0)] {
        let Outcome::Redirect { plan, .. } = o else { panic!() };
        assert_eq!((plan.method, plan.params.len()), (method, n));
    }
}

#[test]
fn a_hostile_redirect_is_a_typed_error() {
    assert_eq!(
        parse(r#"{"result":"REDIRECT","redirect_url":"javascript:alert(1)","redirect_method":"GET"}"#),
        Err(AnswerError::Redirect(RedirectError::Url))
    );
    assert_eq!(
        parse(r#"{"result":"REDIRECT","redirect_url":"https://a.com/","redirect_method":"PUT"}"#),
        Err(AnswerError::Redirect(RedirectError::Method))
    );
}

#[test]
fn a_accepted_and_undefined_are_pending() {
    assert_eq!(
        parse(r#"{"action":"SALE","result":"ACCEPTED","order_id":"o","trans_id":"t","trans_date":"d"}"#).unwrap(),
        Outcome::Pending { pending: PendingKind::Accepted, trans_id: Some("t".into()) }
    );
    assert!(matches!(parse(r#"{"result":"UNDEFINED"}"#).unwrap(), Outcome::Pending { pending: PendingKind::Undefined, .. }));
}

#[test]
fn a_error_long_and_short_forms() {
    let o = parse(r#"{"result":"ERROR","error_message":"Request data is invalid.","error_code":100000,"errors":[{"error_code":100000,"error_message":"card_number: This value should not be blank."},{"error_code":1,"error_message":"Something general"}]}"#).unwrap();
    assert_eq!(
        o,
        Outcome::Error {
            message: Some("Request data is invalid.".into()),
            code: Some("100000".into()),
            fields: vec![(FieldId::CardNumber, "This value should not be blank.".into())],
            other: vec!["Something general".into()],
        }
    );
    let o = parse(r#"{"result":"ERROR","error_message":"Invalid hash"}"#).unwrap();
    assert!(matches!(o, Outcome::Error { message: Some(ref m), .. } if m == "Invalid hash"));
}

#[test]
fn b_statuses() {
    let ok = parse(r#"{"uid":"u1","status":"successful","code":"S.0000","friendly_message":"Successful","amount":1200,"currency":"USD","transaction":{"billing_descriptor":"PAYCROSS*SHOP"}}"#).unwrap();
    assert!(
        matches!(ok, Outcome::Success { status: TxStatus::Settled, ref descriptor, ref amount, .. } if descriptor.as_deref() == Some("PAYCROSS*SHOP") && amount.as_deref() == Some("1200"))
    );
    let failed = parse(r#"{"uid":"u2","status":"failed","code":"F.0105","friendly_message":"The card is declined"}"#).unwrap();
    assert_eq!(failed, Outcome::Declined { reason: Some("The card is declined".into()), trans_id: Some("u2".into()) });
    let three_ds = parse(r#"{"uid":"46154-aba1cf5e57","code":"P.9998","friendly_message":"Incomplete transaction","status":"incomplete","redirect_url":"https://gateway.pay-cross.com/process/46154-aba1cf5e57"}"#).unwrap();
    let Outcome::Redirect { plan, .. } = three_ds else { panic!() };
    assert_eq!((plan.method, plan.url.as_str()), (Method::Get, "https://gateway.pay-cross.com/process/46154-aba1cf5e57"));
    assert!(matches!(
        parse(r#"{"uid":"u","status":"pending","code":"P.8010"}"#).unwrap(),
        Outcome::Pending { pending: PendingKind::Processing, .. }
    ));
    assert!(matches!(parse(r#"{"code":"S.0000"}"#).unwrap(), Outcome::Success { .. }));
    assert!(matches!(parse(r#"{"uid":"u","status":"Expired"}"#).unwrap(), Outcome::Declined { .. }));
    // a status we do not know is not read from the code's letter
    assert_eq!(parse(r#"{"uid":"u","status":"settled_maybe","code":"S.0000"}"#), Err(AnswerError::UnknownResult));
}

#[test]
fn b_validation_error_maps_fields() {
    let o = parse(r#"{"code":"E.1025","friendly_message":"Invalid request params","message":"Description can't be blank.","errors":{"description":["can't be blank"],"credit_card":{"number":["is invalid"]},"foo":["bar"]}}"#).unwrap();
    let Outcome::Error { message, code, fields, other } = o else { panic!() };
    assert_eq!(message.as_deref(), Some("Invalid request params"));
    assert_eq!(code.as_deref(), Some("E.1025"));
    assert!(fields.contains(&(FieldId::OrderDescription, "can't be blank".into())));
    assert!(fields.contains(&(FieldId::CardNumber, "is invalid".into())));
    assert_eq!(other, vec!["foo: bar".to_string()]);
}

#[test]
fn unparseable_bodies_are_typed() {
    assert_eq!(parse(""), Err(AnswerError::Empty));
    assert_eq!(parse("<html><script>alert(1)</script></html>"), Err(AnswerError::NotJson));
    assert_eq!(parse("[1,2]"), Err(AnswerError::NotObject));
    assert_eq!(parse(r#"{"hello":"world"}"#), Err(AnswerError::UnknownShape));
    assert_eq!(parse(r#"{"result":"MAYBE"}"#), Err(AnswerError::UnknownResult));
    assert_eq!(parse(r#"{"status":"weird"}"#), Err(AnswerError::UnknownResult));
}

#[test]
fn every_status_name_is_known() {
    for s in [
        "3DS",
        "PENDING",
        "SETTLED",
        "REVERSAL",
        "REFUND",
        "CHARGEBACK",
        "SECOND_PRESENTMENT",
        "SECOND_CHARGEBACK",
        "ARBITRATION",
        "ARBITRATION_REVERSAL",
        "ARBITRATION_WON",
        "ARBITRATION_LOST",
        "DECLINED",
        "REDIRECT",
        "PREPARE",
        "VOID",
    ] {
        assert_eq!(TxStatus::parse(s).map(TxStatus::as_str), Some(s));
    }
}
