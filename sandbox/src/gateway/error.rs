//! Every refusal and failure of the emulated gateway, as one type that answers in the
//! dialect's own error shape: handlers read as the happy path with `?`, and the dialect
//! (a type parameter: [`Platform`] or [`PayCross`]) decides the words and the HTTP status.

use std::marker::PhantomData;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::wire::{paycross, platform};

/// What went wrong, in neither dialect's words.
#[derive(Debug)]
pub enum Kind {
    /// Fields are missing or wrong: the errors name them.
    Invalid,
    /// The body is not the dialect's encoding.
    Unreadable,
    /// Wrong client key, shop id or secret.
    Unauthorized,
    /// A signature does not match.
    BadHash,
    /// PayCross's `X-API-Version: 3` is missing.
    BadVersion,
    NotFound,
    /// A rule of the protocol refuses the request (capturing what is not held…).
    Rule(&'static str),
    /// The emulator's storage failed.
    Storage(rusqlite::Error),
}

/// A refusal in dialect `D`, with field errors by the dialect's field names or paths.
#[derive(Debug)]
pub struct GatewayError<D> {
    pub kind: Kind,
    pub errors: Vec<(String, String)>,
    dialect: PhantomData<D>,
}

pub type GatewayResult<T, D> = Result<T, GatewayError<D>>;

impl<D> GatewayError<D> {
    pub fn new(kind: Kind) -> Self {
        GatewayError { kind, errors: Vec::new(), dialect: PhantomData }
    }

    /// Invalid, for one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        GatewayError { kind: Kind::Invalid, errors: vec![(field.into(), message.into())], dialect: PhantomData }
    }

    pub fn fields(errors: Vec<(String, String)>) -> Self {
        GatewayError { kind: Kind::Invalid, errors, dialect: PhantomData }
    }
}

impl<D> From<rusqlite::Error> for GatewayError<D> {
    fn from(e: rusqlite::Error) -> Self {
        GatewayError::new(Kind::Storage(e))
    }
}

/// The Payment Platform: every refusal is an ERROR answer with HTTP 200; a failure is a 500.
pub enum Platform {}

/// PayCross: an HTTP status, a code, messages, and field errors nested by path.
pub enum PayCross {}

impl IntoResponse for GatewayError<Platform> {
    fn into_response(self) -> Response {
        let message = match &self.kind {
            Kind::Invalid => "Request data is invalid.",
            Kind::Unreadable => "Request body is not form-urlencoded.",
            Kind::Unauthorized => "Unknown client_key.",
            Kind::BadHash => "Hash is not valid.",
            Kind::BadVersion => "Unsupported protocol version.",
            Kind::NotFound => "Unknown transaction.",
            Kind::Rule(m) => m,
            Kind::Storage(e) => return storage_failed(e, platform::Answer::error("Internal error.", &[]).to_value()),
        };
        let mut errors = self.errors;
        if matches!(self.kind, Kind::BadHash) {
            errors.push(("hash".into(), "does not match".into()));
        }
        Json(platform::Answer::error(message, &errors)).into_response()
    }
}

impl IntoResponse for GatewayError<PayCross> {
    fn into_response(self) -> Response {
        let (status, code, friendly, message) = match &self.kind {
            Kind::Invalid => {
                let first = self.errors.first().map_or("request", |(f, _)| f.split('.').next().unwrap_or(f));
                let body = paycross::CodeAnswer::invalid_params(first, nested(&self.errors));
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
            }
            Kind::Unreadable => (StatusCode::BAD_REQUEST, "E.1025", "Invalid request params", "The body is not JSON".into()),
            Kind::Unauthorized | Kind::BadHash => {
                (StatusCode::UNAUTHORIZED, "E.1001", "Unauthorized", "Shop id or secret key is wrong".into())
            }
            Kind::BadVersion => (StatusCode::BAD_REQUEST, "E.1000", "Unsupported API version", "Send the header X-API-Version: 3".into()),
            Kind::NotFound => (StatusCode::NOT_FOUND, "E.1404", "Not found", "Transaction not found".into()),
            Kind::Rule(m) => (StatusCode::UNPROCESSABLE_ENTITY, "E.1025", "Invalid request params", m.to_string()),
            Kind::Storage(e) => {
                let body =
                    paycross::CodeAnswer { code: "E.1100".into(), friendly_message: Some("Internal error".into()), ..Default::default() };
                return storage_failed(e, body.to_value());
            }
        };
        let errors = nested(&self.errors);
        let body = paycross::CodeAnswer {
            code: code.into(),
            friendly_message: Some(friendly.into()),
            message: Some(message),
            errors: Some(errors),
            ..Default::default()
        };
        (status, Json(body)).into_response()
    }
}

fn storage_failed(e: &rusqlite::Error, body: Value) -> Response {
    tracing::error!(error = %e, "gateway emulator: storage failed");
    (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
}

/// PayCross's field errors: dotted paths as nested objects, each ending in a list of messages.
fn nested(errors: &[(String, String)]) -> Value {
    let mut root = json!({});
    for (path, message) in errors {
        let mut at = &mut root;
        let mut parts = path.split('.').peekable();
        while let Some(part) = parts.next() {
            let last = parts.peek().is_none();
            let Some(map) = at.as_object_mut() else { break };
            at = map.entry(part).or_insert_with(|| if last { json!([]) } else { json!({}) });
            if last {
                if let Some(list) = at.as_array_mut() {
                    list.push(json!(message));
                }
            }
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paycross_errors_nest_by_path() {
        let errors = [("credit_card.number", "is invalid"), ("credit_card.number", "is too short"), ("amount", "must be positive")];
        let errors: Vec<(String, String)> = errors.iter().map(|(p, m)| (p.to_string(), m.to_string())).collect();
        assert_eq!(nested(&errors), json!({"credit_card": {"number": ["is invalid", "is too short"]}, "amount": ["must be positive"]}));
    }
}
