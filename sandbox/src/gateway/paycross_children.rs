//! PayCross's transactions on a parent (the beGateway family's shape): a capture of a held
//! authorisation, a void of one, a refund of a captured payment — each `{"request":
//! {"parent_uid", "amount"}}` for the whole amount, each once. A listing by tracking id shows
//! them as transactions of their own naming their `parent_uid`; the parent keeps its own
//! status (`successful`) as the gateway shows it.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::paycross::{authorised, error, storage_error};
use super::{GwStatus, Tx};
use crate::{App, Dialect};

#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Child {
    Capture,
    Void,
    Refund,
}

impl Child {
    fn name(self) -> &'static str {
        self.into()
    }

    /// Whether `parent` can take this: captures and voids of held authorisations only.
    fn applies_to(self, parent: &Tx) -> bool {
        match self {
            Child::Capture | Child::Void => parent.status == GwStatus::Pending,
            Child::Refund => parent.status == GwStatus::Settled,
        }
    }

    fn leaves(self) -> GwStatus {
        match self {
            Child::Capture => GwStatus::Settled,
            Child::Void => GwStatus::Reversed,
            Child::Refund => GwStatus::Refunded,
        }
    }
}

fn child_json(parent: &Tx, kind: Child) -> Value {
    let amount: u64 = parent.amount.parse().unwrap_or(0);
    json!({"uid": format!("{}-{}", parent.trans_id, kind.name()), "type": kind.name(), "parent_uid": parent.trans_id,
        "status": "successful", "code": "S.0000", "amount": amount, "currency": parent.currency, "tracking_id": parent.order_id, "test": true})
}

/// The transactions a parent has had, as a listing shows them.
pub fn of(parent: &Tx) -> Vec<Value> {
    let captured = parent.auth && matches!(parent.status, GwStatus::Settled | GwStatus::Refunded);
    let mut kinds = Vec::new();
    if captured {
        kinds.push(Child::Capture);
    }
    match parent.status {
        GwStatus::Refunded => kinds.push(Child::Refund),
        GwStatus::Reversed => kinds.push(Child::Void),
        _ => {}
    }
    kinds.into_iter().map(|k| child_json(parent, k)).collect()
}

async fn on_parent(app: &App, headers: &HeaderMap, body: &str, kind: Child) -> Response {
    if let Err(refused) = authorised(app, headers) {
        return *refused;
    }
    let r = serde_json::from_str::<Value>(body).map(|v| v["request"].clone()).unwrap_or(Value::Null);
    let parent = r["parent_uid"].as_str().unwrap_or("");
    let tx = match super::load_tx(app, parent) {
        Ok(Some(tx)) if tx.dialect == Dialect::PayCross => tx,
        Ok(_) => return error(StatusCode::NOT_FOUND, "E.1404", "Not found", "Transaction not found", json!({})),
        Err(e) => return storage_error(e),
    };
    if !kind.applies_to(&tx) || r["amount"].as_u64() != tx.amount.parse().ok() {
        let errors = json!({"amount": [format!("must be the whole amount of a transaction that can take a {}", kind.name())]});
        return error(StatusCode::UNPROCESSABLE_ENTITY, "E.1025", "Invalid request params", "amount is invalid.", errors);
    }
    if let Err(e) = super::set_tx_status(app, &tx.trans_id, kind.leaves(), None) {
        return storage_error(e);
    }
    Json(json!({"transaction": child_json(&tx, kind)})).into_response()
}

/// `POST /gateway/v3/transactions/captures`
pub async fn capture(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    on_parent(&app, &headers, &body, Child::Capture).await
}

/// `POST /gateway/v3/transactions/voids`
pub async fn void(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    on_parent(&app, &headers, &body, Child::Void).await
}

/// `POST /gateway/v3/transactions/refunds`
pub async fn refund(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    on_parent(&app, &headers, &body, Child::Refund).await
}
