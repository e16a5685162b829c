//! PayCross API v3's requests and answers (spec/003) as serde types: the merchant backend
//! writes the requests and reads the answers; the emulator writes the answers.

use checkout_rules::PayCrossStatus;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_with::skip_serializing_none;

use super::word::Word;
use crate::browser::Browser;

/// What kind of transaction (`type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Kind {
    Payment,
    /// Held until a capture.
    Authorization,
    Capture,
    Void,
    Refund,
    #[serde(other, skip_serializing)]
    Other,
}

/// A transaction, as a payment's answer, a query and a notification carry it.
#[skip_serializing_none]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Transaction {
    pub uid: String,
    /// A status we do not know still reads as a transaction.
    pub status: Word<PayCrossStatus>,
    #[serde(rename = "type")]
    pub kind: Option<Kind>,
    pub parent_uid: Option<String>,
    pub code: Option<String>,
    pub friendly_message: Option<String>,
    pub message: Option<String>,
    pub amount: Option<u64>,
    pub currency: Option<String>,
    pub description: Option<String>,
    pub tracking_id: Option<String>,
    pub test: Option<bool>,
    pub redirect_url: Option<String>,
    pub payment_method: Option<PaymentMethod>,
    #[serde(rename = "transaction")]
    pub summary: Option<Summary>,
    pub additional_data: Option<Value>,
}

#[skip_serializing_none]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub payment_method_type: Option<String>,
    pub last_4: Option<String>,
    pub first_1: Option<String>,
    /// A reusable card credential: never relayed to a browser.
    pub token: Option<String>,
}

#[skip_serializing_none]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Summary {
    pub billing_descriptor: Option<String>,
    pub amount: Option<u64>,
    pub currency: Option<String>,
    pub status: Option<Word<PayCrossStatus>>,
}

impl Transaction {
    /// Read from a JSON transaction; `None` when it is not one.
    pub fn read(v: &Value) -> Option<Transaction> {
        Transaction::deserialize(v).ok()
    }

    /// Successful and held until a capture.
    pub fn is_authorization(&self) -> bool {
        self.kind == Some(Kind::Authorization)
    }

    pub fn is_successful(&self) -> bool {
        self.status.known() == Some(PayCrossStatus::Successful)
    }
}

/// An answer that carries one transaction (a query, a capture, a void, a notification).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct One {
    pub transaction: Transaction,
}

/// An answer that lists an order's transactions (`tracking_id` query).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Many {
    pub transactions: Vec<Transaction>,
}

/// An answer without a transaction: a refusal (`E.1025`…, with field errors by their paths:
/// `{"credit_card": {"number": ["…"]}}`), or an outcome not known yet (`P.8010`).
#[skip_serializing_none]
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CodeAnswer {
    pub status: Option<Word<PayCrossStatus>>,
    pub code: String,
    pub tracking_id: Option<String>,
    pub friendly_message: Option<String>,
    pub message: Option<String>,
    pub errors: Option<Value>,
}

impl CodeAnswer {
    /// An answer with a code and one message, for both the payer and the merchant.
    pub fn new(status: PayCrossStatus, code: &str, message: &str) -> CodeAnswer {
        CodeAnswer {
            status: Some(status.into()),
            code: code.into(),
            friendly_message: Some(message.into()),
            message: Some(message.into()),
            ..CodeAnswer::default()
        }
    }

    /// `E.1025`, a request's fields refused: `errors` by their paths, `first` named in the
    /// message.
    pub fn invalid_params(first: &str, errors: Value) -> CodeAnswer {
        CodeAnswer {
            code: "E.1025".into(),
            friendly_message: Some("Invalid request params".into()),
            message: Some(format!("{first} is invalid.")),
            errors: Some(errors),
            ..CodeAnswer::default()
        }
    }

    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("an answer serializes")
    }
}

/// A payment or authorisation request: `{"request": {...}}`.
#[derive(Clone, Debug, Serialize)]
pub struct PaymentRequest {
    pub request: Payment,
}

#[skip_serializing_none]
#[derive(Clone, Debug, Serialize)]
pub struct Payment {
    pub amount: u64,
    pub currency: String,
    pub description: String,
    pub tracking_id: String,
    pub language: &'static str,
    pub test: bool,
    pub return_url: String,
    pub notification_url: String,
    pub credit_card: CreditCard,
    pub customer: Customer,
    pub billing_address: serde_json::Map<String, Value>,
    pub additional_data: Option<AdditionalData>,
}

/// The card as typed (number, CVV2, numeric expiry), or a token the backend keeps.
#[skip_serializing_none]
#[derive(Clone, Debug, Default, Serialize)]
pub struct CreditCard {
    pub number: Option<String>,
    pub verification_value: Option<String>,
    pub exp_month: Option<u32>,
    pub exp_year: Option<u32>,
    pub holder: Option<String>,
    pub token: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Customer {
    pub ip: String,
    pub email: String,
}

#[skip_serializing_none]
#[derive(Clone, Debug, Default, Serialize)]
pub struct AdditionalData {
    /// `["recurring"]`: keep the card for later payments.
    pub contract: Option<Vec<&'static str>>,
    /// For 3-D Secure 2.
    pub browser: Option<Browser>,
}

/// A capture, void or refund of a parent transaction: `{"request": {parent_uid, amount}}`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChildRequest {
    pub request: Child,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Child {
    pub parent_uid: String,
    pub amount: u64,
}
