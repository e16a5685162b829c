//! The answer model: what a merchant backend relays, in either dialect, becomes one
//! [`Outcome`]. Dialect A is the Payment Platform (`result`, `status`, `redirect_*`);
//! dialect B is PayCross API v3 (`status`, `code`, `friendly_message`, `redirect_url`).

use serde::Serialize;
use serde_json::Value;

use crate::field::FieldId;
use crate::json::Json;
use crate::redirect::{RedirectError, RedirectPlan};

named! {
    /// Transaction statuses of spec 000, plus REDIRECT, PREPARE and VOID of newer versions.
    pub enum TxStatus {
        ThreeDs = "3DS",
        Pending = "PENDING",
        Settled = "SETTLED",
        Reversal = "REVERSAL",
        Refund = "REFUND",
        Chargeback = "CHARGEBACK",
        SecondPresentment = "SECOND_PRESENTMENT",
        SecondChargeback = "SECOND_CHARGEBACK",
        Arbitration = "ARBITRATION",
        ArbitrationReversal = "ARBITRATION_REVERSAL",
        ArbitrationWon = "ARBITRATION_WON",
        ArbitrationLost = "ARBITRATION_LOST",
        Declined = "DECLINED",
        Redirect = "REDIRECT",
        Prepare = "PREPARE",
        Void = "VOID",
    }
}

named! {
    /// PayCross API v3 transaction statuses (spec 003). `declined` and `expired` are not in
    /// the spec; PayCross-family gateways write them for a failed payment.
    pub enum PayCrossStatus {
        Successful = "successful",
        Failed = "failed",
        Incomplete = "incomplete",
        Pending = "pending",
        Error = "error",
        Declined = "declined",
        Expired = "expired",
    }
}

impl PayCrossStatus {
    /// The status a PayCross answer's `code` implies by its letter (`S.0000`, `F.0105`…),
    /// for an answer that writes no `status`.
    pub fn of_code(code: &str) -> Option<PayCrossStatus> {
        match code.split_once('.')?.0 {
            "S" => Some(PayCrossStatus::Successful),
            "F" => Some(PayCrossStatus::Failed),
            "P" => Some(PayCrossStatus::Pending),
            "E" => Some(PayCrossStatus::Error),
            _ => None,
        }
    }
}

impl TxStatus {
    /// Still moving: the payer is waiting on 3-D Secure or the platform.
    pub fn is_in_progress(self) -> bool {
        matches!(self, TxStatus::ThreeDs | TxStatus::Redirect | TxStatus::Prepare)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PendingKind {
    /// Dialect A `ACCEPTED` (async=Y): the result comes by callback.
    Accepted,
    /// Dialect A `UNDEFINED`: outcome not known yet.
    Undefined,
    /// Dialect B `pending`, or `incomplete` without a redirect.
    Processing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    Success {
        /// Dialect A status (SETTLED, PENDING for auth); dialect B maps `successful` to SETTLED.
        status: TxStatus,
        trans_id: Option<String>,
        descriptor: Option<String>,
        amount: Option<String>,
        currency: Option<String>,
        card_token: Option<String>,
        recurring_token: Option<String>,
    },
    Declined {
        reason: Option<String>,
        trans_id: Option<String>,
    },
    Redirect {
        plan: RedirectPlan,
        trans_id: Option<String>,
    },
    Pending {
        pending: PendingKind,
        trans_id: Option<String>,
    },
    Error {
        message: Option<String>,
        code: Option<String>,
        /// Errors that name one of our fields.
        fields: Vec<(FieldId, String)>,
        /// Errors that name no field of ours, shown at form level.
        other: Vec<String>,
    },
}

/// What cannot be made into an outcome. Never shown raw: the widget maps it to a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerError {
    Empty,
    NotJson,
    NotObject,
    /// JSON, but neither dialect's shape.
    UnknownShape,
    /// A `result`/`status` value we do not know.
    UnknownResult,
    /// A REDIRECT whose plan is refused.
    Redirect(RedirectError),
}

/// Most text we keep from an answer (a message, a reason); longer is cut.
pub const MAX_TEXT: usize = 1024;

/// Parses the body a merchant backend relayed.
pub fn parse(body: &str) -> Result<Outcome, AnswerError> {
    if body.trim().is_empty() {
        return Err(AnswerError::Empty);
    }
    let v: Value = serde_json::from_str(body).map_err(|_| AnswerError::NotJson)?;
    parse_value(&v)
}

/// The outcome of an already parsed body (a `&serde_json::Value`, or in the widget the
/// browser's `JSON.parse` result).
pub fn parse_value<J: Json>(v: J) -> Result<Outcome, AnswerError> {
    if !v.is_object() {
        return Err(AnswerError::NotObject);
    }
    if v.get("result").is_some() {
        return dialect_a(&v);
    }
    if v.get("status").is_some() || v.get("code").is_some() {
        return dialect_b(&v);
    }
    // beGateway v2 wraps the transaction
    if let Some(t) = v.get("transaction").filter(Json::is_object) {
        if t.get("status").is_some() && t.get("uid").is_some() {
            return dialect_b(&t);
        }
    }
    Err(AnswerError::UnknownShape)
}

fn text<J: Json>(o: &J, k: &str) -> Option<String> {
    let v = o.get(k)?;
    let s = match v.string() {
        Some(s) => s.trim().to_string(),
        None => v.number()?,
    };
    if s.is_empty() {
        return None;
    }
    Some(s.chars().take(MAX_TEXT).collect())
}

/// The member `k` of an object, when it is an object itself.
fn object<J: Json>(o: &J, k: &str) -> Option<J> {
    o.get(k).filter(Json::is_object)
}

named! {
    /// Dialect A's `result`: how the request went (the transaction's own state is `status`).
    pub enum ResultCode {
        Success = "SUCCESS",
        Declined = "DECLINED",
        Redirect = "REDIRECT",
        Accepted = "ACCEPTED",
        Undefined = "UNDEFINED",
        Error = "ERROR",
    }
}

fn dialect_a<J: Json>(o: &J) -> Result<Outcome, AnswerError> {
    let result = o.get("result").and_then(|r| r.string()).ok_or(AnswerError::UnknownShape)?;
    let result = ResultCode::parse(&result).ok_or(AnswerError::UnknownResult)?;
    let trans_id = text(o, "trans_id");
    let status = o.get("status").and_then(|s| s.string()).and_then(|s| TxStatus::parse(&s));
    match result {
        ResultCode::Success => Ok(Outcome::Success {
            status: status.unwrap_or(TxStatus::Settled),
            trans_id,
            descriptor: text(o, "descriptor"),
            amount: text(o, "amount"),
            currency: text(o, "currency"),
            card_token: text(o, FieldId::CardToken.name()),
            recurring_token: text(o, "recurring_token"),
        }),
        ResultCode::Declined => Ok(Outcome::Declined { reason: text(o, "decline_reason"), trans_id }),
        ResultCode::Redirect => {
            let plan = RedirectPlan::new(o.get("redirect_url"), o.get("redirect_method"), o.get("redirect_params"))
                .map_err(AnswerError::Redirect)?;
            Ok(Outcome::Redirect { plan, trans_id })
        }
        ResultCode::Accepted => Ok(Outcome::Pending { pending: PendingKind::Accepted, trans_id }),
        ResultCode::Undefined => Ok(Outcome::Pending { pending: PendingKind::Undefined, trans_id }),
        ResultCode::Error => {
            let mut fields = Vec::new();
            let mut other = Vec::new();
            for e in o.get("errors").map(|l| l.items()).unwrap_or_default().iter().filter(|e| e.is_object()) {
                if let Some(msg) = text(e, "error_message") {
                    split_field_message(&msg, &mut fields, &mut other);
                }
            }
            let code = o.get("error_code").and_then(|c| c.number().or_else(|| c.string()));
            Ok(Outcome::Error { message: text(o, "error_message"), code, fields, other })
        }
    }
}

/// `"card_number: This value should not be blank."` → (card_number, "This value ...").
fn split_field_message(msg: &str, fields: &mut Vec<(FieldId, String)>, other: &mut Vec<String>) {
    if let Some((name, rest)) = msg.split_once(':') {
        if let Some(id) = FieldId::from_name(name.trim()) {
            fields.push((id, rest.trim().to_string()));
            return;
        }
    }
    other.push(msg.to_string());
}

/// PayCross field names (and their nested paths) → ours.
fn dialect_b_field(name: &str) -> Option<FieldId> {
    let last = name.rsplit(['.', '[']).next().unwrap_or(name).trim_end_matches(']');
    Some(match last {
        "number" => FieldId::CardNumber,
        "verification_value" => FieldId::CardCvv2,
        "exp_month" | "exp_year" => FieldId::CardExp,
        "holder" => FieldId::CardHolder,
        "token" => FieldId::CardToken,
        "email" => FieldId::PayerEmail,
        "first_name" => FieldId::PayerFirstName,
        "last_name" => FieldId::PayerLastName,
        "address" => FieldId::PayerAddress,
        "country" => FieldId::PayerCountry,
        "city" => FieldId::PayerCity,
        "state" => FieldId::PayerState,
        "zip" => FieldId::PayerZip,
        "phone" => FieldId::PayerPhone,
        "birth_date" => FieldId::PayerBirthDate,
        "description" => FieldId::OrderDescription,
        "amount" => FieldId::OrderAmount,
        "currency" => FieldId::OrderCurrency,
        "tracking_id" => FieldId::OrderId,
        other => return FieldId::from_name(other),
    })
}

/// Nesting of PayCross `errors` followed; deeper (no real answer has it) is ignored.
const MAX_ERROR_DEPTH: usize = 16;

fn collect_b_errors<J: Json>(prefix: &str, v: &J, depth: usize, fields: &mut Vec<(FieldId, String)>, other: &mut Vec<String>) {
    if depth > MAX_ERROR_DEPTH {
        return;
    }
    if let Some(s) = v.string() {
        match dialect_b_field(prefix) {
            Some(id) => fields.push((id, s.chars().take(MAX_TEXT).collect())),
            None if prefix.is_empty() => other.push(s),
            None => other.push(format!("{prefix}: {s}")),
        }
    } else if v.is_array() {
        for item in v.items() {
            collect_b_errors(prefix, &item, depth + 1, fields, other);
        }
    } else if v.is_object() {
        for (k, item) in v.entries() {
            let path = if prefix.is_empty() { k } else { format!("{prefix}.{k}") };
            collect_b_errors(&path, &item, depth + 1, fields, other);
        }
    }
}

fn dialect_b<J: Json>(o: &J) -> Result<Outcome, AnswerError> {
    use PayCrossStatus as S;
    let trans_id = text(o, "uid");
    let code = text(o, "code");
    // a `status` we do not know is unknown, whatever the code says
    let status = match o.get("status").and_then(|s| s.string()) {
        Some(s) => PayCrossStatus::parse(&s.to_ascii_lowercase()),
        None => code.as_deref().and_then(PayCrossStatus::of_code),
    };
    let Some(status) = status else { return Err(AnswerError::UnknownResult) };
    let friendly = text(o, "friendly_message");
    match status {
        S::Successful => Ok(Outcome::Success {
            status: TxStatus::Settled,
            trans_id,
            descriptor: object(o, "transaction").and_then(|t| text(&t, "billing_descriptor")),
            amount: text(o, "amount"),
            currency: text(o, "currency"),
            card_token: object(o, "payment_method").or_else(|| object(o, "credit_card")).and_then(|p| text(&p, "token")),
            recurring_token: None,
        }),
        S::Failed | S::Declined | S::Expired => Ok(Outcome::Declined { reason: friendly.or_else(|| text(o, "message")), trans_id }),
        S::Incomplete if o.get("redirect_url").is_some_and(|u| !u.is_null()) => {
            let plan = RedirectPlan::get(o.get("redirect_url")).map_err(AnswerError::Redirect)?;
            Ok(Outcome::Redirect { plan, trans_id })
        }
        S::Incomplete | S::Pending => Ok(Outcome::Pending { pending: PendingKind::Processing, trans_id }),
        S::Error => {
            let mut fields = Vec::new();
            let mut other = Vec::new();
            if let Some(e) = o.get("errors") {
                collect_b_errors("", &e, 0, &mut fields, &mut other);
            }
            let message = friendly.or_else(|| text(o, "message"));
            Ok(Outcome::Error { message, code, fields, other })
        }
    }
}

#[cfg(test)]
mod tests;
