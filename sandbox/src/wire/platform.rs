//! The Payment Platform's answers (spec/000, spec/002) as serde types. The emulator writes
//! them; the merchant backend reads the gateway's with them and writes its own not-final
//! and error answers in the same shape.

use checkout_rules::answer::ResultCode;
use checkout_rules::TxStatus;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_with::skip_serializing_none;

use super::word::Word;

/// The request's `action`, echoed in its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Action {
    Sale,
    Capture,
    Creditvoid,
    GetTransStatus,
    GetTransStatusByOrder,
}

/// One answer: a SALE's, CAPTURE's, CREDITVOID's, a status query's, or an ERROR.
#[skip_serializing_none]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Answer {
    pub action: Option<Action>,
    /// A word the platform documents (the rules crate's [`ResultCode`], the one list the
    /// widget reads too), or another word, which is no clear answer.
    pub result: Option<Word<ResultCode>>,
    /// The transaction's status (`SETTLED`, `PENDING`, `DECLINED`, `3DS`, `REDIRECT`, …).
    pub status: Option<Word<TxStatus>>,
    pub order_id: Option<String>,
    pub trans_id: Option<String>,
    pub trans_date: Option<String>,
    pub descriptor: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub decline_reason: Option<String>,
    pub redirect_url: Option<String>,
    pub redirect_method: Option<String>,
    /// An object, or `[{name, value}]` in the platform's second shape.
    pub redirect_params: Option<Value>,
    pub card_token: Option<String>,
    pub recurring_token: Option<String>,
    /// First six and last four, masked (status answers).
    pub card: Option<String>,
    pub transactions: Option<Vec<Answer>>,
    pub error_message: Option<String>,
    pub error_code: Option<u32>,
    pub errors: Option<Vec<FieldError>>,
}

/// One problem of an ERROR answer: `"field: message"`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FieldError {
    pub error_code: u32,
    pub error_message: String,
}

/// The code the platform gives a refused request.
const REFUSED: u32 = 100000;

impl Answer {
    /// The ERROR answer: `message`, and one `"field: message"` entry per problem.
    pub fn error(message: &str, errors: &[(String, String)]) -> Answer {
        let errors = errors.iter().map(|(f, m)| FieldError { error_code: REFUSED, error_message: format!("{f}: {m}") }).collect();
        Answer {
            result: Some(ResultCode::Error.into()),
            error_message: Some(message.into()),
            error_code: Some(REFUSED),
            errors: Some(errors).filter(|e: &Vec<FieldError>| !e.is_empty()),
            ..Answer::default()
        }
    }

    /// Read from a JSON answer; `None` when it is not this shape.
    pub fn read(v: &Value) -> Option<Answer> {
        Answer::deserialize(v).ok()
    }

    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("an answer serializes")
    }
}
