//! What the backend sends the browser: the gateway's answer without any reusable card
//! credential, its own field errors, and the not-final answers of the contract with the
//! widget (409 in flight, 502/504 unknown: `UNDEFINED` in dialect A, `pending` in PayCross).

use axum::http::StatusCode;
use serde_json::Value;

use checkout_rules::answer::ResultCode;
use checkout_rules::PayCrossStatus;

use crate::wire::{paycross, platform};
use crate::Dialect;

/// Keys that name a reusable card credential: never relayed to a browser.
const CREDENTIALS: [&str; 3] = ["card_token", "recurring_token", "token"];

/// The answer without card or recurring tokens, at any depth.
pub fn strip_credentials(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, _| !CREDENTIALS.contains(&k.as_str()));
            m.values_mut().for_each(strip_credentials);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_credentials),
        _ => {}
    }
}

/// Why an answer is not final.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotFinal {
    /// Another request is paying this order (or this key) right now.
    InFlight,
    /// The order is paid already: the status URL shows how.
    Paid,
    /// The gateway's outcome is not known yet (connection lost, unreadable answer).
    Unknown,
    /// The gateway did not answer in time.
    TimedOut,
}

impl NotFinal {
    fn http(self) -> StatusCode {
        match self {
            NotFinal::InFlight | NotFinal::Paid => StatusCode::CONFLICT,
            NotFinal::Unknown => StatusCode::BAD_GATEWAY,
            NotFinal::TimedOut => StatusCode::GATEWAY_TIMEOUT,
        }
    }
    fn message(self) -> &'static str {
        match self {
            NotFinal::InFlight => "This order is being paid right now. Its status will tell the outcome.",
            NotFinal::Paid => "This order is already paid.",
            NotFinal::Unknown | NotFinal::TimedOut => "The payment's outcome is not known yet; it is being checked. Do not pay again.",
        }
    }
}

/// A not-final answer in the order's dialect: never a final-looking ERROR.
pub fn not_final(dialect: Dialect, order_id: &str, why: NotFinal) -> (StatusCode, Value) {
    let body = if dialect.is_platform() {
        let answer = platform::Answer {
            result: Some(ResultCode::Undefined.into()),
            order_id: Some(order_id.into()),
            error_message: Some(why.message().into()),
            ..Default::default()
        };
        answer.to_value()
    } else {
        let answer = paycross::CodeAnswer::new(PayCrossStatus::Pending, "P.8010", why.message());
        paycross::CodeAnswer { tracking_id: Some(order_id.into()), ..answer }.to_value()
    };
    (why.http(), body)
}

/// Field errors of the backend's own re-check, in the order's dialect.
pub fn field_errors(dialect: Dialect, errs: &[(String, String)]) -> (StatusCode, Value) {
    if dialect.is_platform() {
        return (StatusCode::OK, platform::Answer::error("Request data is invalid.", errs).to_value());
    }
    let errors = errs.iter().map(|(f, msg)| (f.clone(), Value::from(vec![msg.clone()]))).collect();
    let first = errs.first().map_or("request", |(f, _)| f.as_str());
    (StatusCode::UNPROCESSABLE_ENTITY, paycross::CodeAnswer::invalid_params(first, Value::Object(errors)).to_value())
}

/// The final answer of an attempt the gateway never received: nothing was charged.
pub fn not_charged(dialect: Dialect) -> (StatusCode, Value) {
    let msg = "The payment had not reached the gateway long after it was sent, so nothing was charged for it; \
               should it still arrive, it is given back automatically. You can pay again.";
    if dialect.is_platform() {
        (StatusCode::OK, platform::Answer::error(msg, &[]).to_value())
    } else {
        (StatusCode::OK, paycross::CodeAnswer::new(PayCrossStatus::Error, "E.1504", msg).to_value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn no_credential_survives_at_any_depth() {
        let mut v = json!({"card_token": "t", "recurring_token": "r", "result": "SUCCESS",
            "payment_method": {"token": "t", "last_4": "1111"}, "list": [{"token": "t"}]});
        strip_credentials(&mut v);
        assert_eq!(v, json!({"result": "SUCCESS", "payment_method": {"last_4": "1111"}, "list": [{}]}));
    }

    #[test]
    fn not_final_answers_never_look_final() {
        for why in [NotFinal::InFlight, NotFinal::Paid, NotFinal::Unknown, NotFinal::TimedOut] {
            let (status, a) = not_final(Dialect::Platform, "O", why);
            assert!(status.as_u16() == 409 || status.as_u16() >= 500);
            assert_eq!(a["result"], "UNDEFINED");
            assert_eq!(not_final(Dialect::PayCross, "O", why).1["status"], "pending");
        }
    }

    #[test]
    fn paycross_answers_of_the_backend_have_the_gateways_shape() {
        let m = NotFinal::Paid.message();
        let want = json!({"status": "pending", "code": "P.8010", "tracking_id": "O", "friendly_message": m, "message": m});
        assert_eq!(not_final(Dialect::PayCross, "O", NotFinal::Paid), (StatusCode::CONFLICT, want));
        let (status, body) = field_errors(Dialect::PayCross, &[("payer_email".into(), "is invalid".into())]);
        let want = json!({"code": "E.1025", "friendly_message": "Invalid request params", "message": "payer_email is invalid.",
            "errors": {"payer_email": ["is invalid"]}});
        assert_eq!((status, body), (StatusCode::UNPROCESSABLE_ENTITY, want));
        let (_, body) = not_charged(Dialect::PayCross);
        assert_eq!((body["status"].as_str(), body["code"].as_str()), (Some("error"), Some("E.1504")));
        assert_eq!(body["friendly_message"], body["message"]);
    }
}
