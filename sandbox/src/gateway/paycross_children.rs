//! PayCross's transactions on a parent (the beGateway family's shape): a capture of a held
//! authorisation, a void of one, a refund of a captured payment — each `{"request":
//! {"parent_uid", "amount"}}` for the whole amount, each once. A listing by tracking id shows
//! them as transactions of their own naming their `parent_uid`; the parent keeps its own
//! status (`successful`) as the gateway shows it.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use checkout_rules::PayCrossStatus;
use serde_json::Value;

use super::error::{GatewayError, GatewayResult, Kind as ErrorKind, PayCross};
use super::paycross::{authorised, Request};
use super::{GwStatus, Tx};
use crate::wire::paycross::{Kind, One, Transaction};
use crate::{App, Dialect};

type Result<T> = GatewayResult<T, PayCross>;

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

    fn wire(self) -> Kind {
        match self {
            Child::Capture => Kind::Capture,
            Child::Void => Kind::Void,
            Child::Refund => Kind::Refund,
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

fn child(parent: &Tx, kind: Child) -> Transaction {
    Transaction {
        uid: format!("{}-{}", parent.trans_id, kind.name()),
        status: PayCrossStatus::Successful.into(),
        kind: Some(kind.wire()),
        parent_uid: Some(parent.trans_id.clone()),
        code: Some("S.0000".into()),
        amount: parent.amount.parse().ok(),
        currency: Some(parent.currency.clone()),
        tracking_id: Some(parent.order_id.clone()),
        test: Some(true),
        ..Transaction::default()
    }
}

/// The transactions a parent has had, as a listing shows them.
pub fn of(parent: &Tx) -> Vec<Transaction> {
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
    kinds.into_iter().map(|k| child(parent, k)).collect()
}

async fn on_parent(app: &App, headers: &HeaderMap, r: &Value, kind: Child) -> Result<Json<One>> {
    authorised(app, headers)?;
    let parent = r["parent_uid"].as_str().unwrap_or("");
    let tx = match super::load_tx(app, parent)? {
        Some(tx) if tx.dialect == Dialect::PayCross => tx,
        _ => return Err(GatewayError::new(ErrorKind::NotFound)),
    };
    if !kind.applies_to(&tx) || r["amount"].as_u64() != tx.amount.parse().ok() {
        return Err(GatewayError::field("amount", format!("must be the whole amount of a transaction that can take a {}", kind.name())));
    }
    super::set_tx_status(app, &tx.trans_id, kind.leaves(), None)?;
    Ok(Json(One { transaction: child(&tx, kind) }))
}

/// `POST /gateway/v3/transactions/captures`
pub async fn capture(State(app): State<App>, headers: HeaderMap, Request(r): Request) -> Result<Json<One>> {
    on_parent(&app, &headers, &r, Child::Capture).await
}

/// `POST /gateway/v3/transactions/voids`
pub async fn void(State(app): State<App>, headers: HeaderMap, Request(r): Request) -> Result<Json<One>> {
    on_parent(&app, &headers, &r, Child::Void).await
}

/// `POST /gateway/v3/transactions/refunds`
pub async fn refund(State(app): State<App>, headers: HeaderMap, Request(r): Request) -> Result<Json<One>> {
    on_parent(&app, &headers, &r, Child::Refund).await
}
