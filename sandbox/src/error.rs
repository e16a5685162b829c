//! The merchant half's one error type: each handler reads as the happy path with `?`, and
//! whatever fails becomes a JSON answer with the right status. A database failure is a
//! 500 — never "carry on as if the row were not there", which in a payment backend is a
//! second charge.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug)]
pub enum AppError {
    /// The request is malformed: 400 with what is wrong.
    BadRequest(String),
    /// The named thing does not exist: 404.
    NotFound(&'static str),
    /// Refused by a rule (a key bound to another request, a saved card of another
    /// customer): the status and the message.
    Refused(StatusCode, String),
    /// A field of the merchant's own request is wrong: 422 naming it.
    Field { field: String, message: String },
    /// A ready answer in the caller's dialect (field errors, not-final answers).
    Answer(StatusCode, Value),
    /// The merchant's storage failed: 500. It may come after a SALE was sent: the answer says so.
    Store(sqlx::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> AppError {
        AppError::Store(e)
    }
}

/// The body of the backend's own errors: what is wrong, and the field it is about.
#[serde_with::skip_serializing_none]
#[derive(Serialize)]
struct ErrorBody {
    error: String,
    field: Option<String>,
}

/// `{"error": message}` with the status.
pub fn response(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(ErrorBody { error: message.into(), field: None })).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::BadRequest(m) => response(StatusCode::BAD_REQUEST, m),
            AppError::NotFound(what) => response(StatusCode::NOT_FOUND, format!("Unknown {what}.")),
            AppError::Refused(status, m) => response(status, m),
            AppError::Field { field, message } => {
                let body = ErrorBody { error: format!("{field}: {message}"), field: Some(field) };
                (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
            }
            AppError::Answer(status, body) => (status, Json(body)).into_response(),
            AppError::Store(e) => {
                tracing::error!(error = %e, "database error");
                let error = "Storage failed. If this request sent a payment, the order's status will tell its outcome.";
                response(StatusCode::INTERNAL_SERVER_ERROR, error)
            }
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> AppError {
        AppError::Field { field: field.into(), message: message.into() }
    }
}
