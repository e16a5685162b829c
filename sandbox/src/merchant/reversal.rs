//! Late charges: a SALE that reached the gateway after its attempt was released (a proxy
//! queued it past the backend's patience) charged an order nobody waits on any more. Any
//! charge the gateway reports for an order that is paid by another payment, or that is not
//! paid and has no attempt in progress, is given back at once and listed on the order.

use checkout_rules::TxStatus;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Row;

use super::attempts;
use super::client::{self, Reply};
use super::orders::{self, Order};
use crate::db::{now_ms, SqlName};
use crate::error::AppResult;
use crate::status::OrderStatus;
use crate::store::{self, Store};
use crate::wire::paycross::{Kind, One};
use crate::wire::platform::Answer;
use crate::wire::word::Word;
use crate::wire::Said;
use crate::App;
use checkout_rules::answer::ResultCode;

/// Where a reversal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, strum::IntoStaticStr, strum::EnumString)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ReversalState {
    /// Sent and accepted; the gateway has not shown it done yet.
    Requested,
    /// The gateway shows the charge given back.
    Reversed,
}

/// A reversed charge as `GET /api/orders/{id}` lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Reversal {
    pub trans_id: String,
    pub amount: String,
    pub currency: String,
    pub state: ReversalState,
}

pub async fn of_order(store: &Store, order_id: &str) -> Result<Vec<Reversal>, sqlx::Error> {
    let rows = sqlx::query("SELECT trans_id, amount, currency, state FROM reversals WHERE order_id = $1 ORDER BY created_ms, trans_id")
        .bind(order_id)
        .fetch_all(store.pool())
        .await?;
    let reversal = |r: &sqlx::any::AnyRow| {
        Ok(Reversal {
            trans_id: r.try_get("trans_id")?,
            amount: r.try_get("amount")?,
            currency: r.try_get("currency")?,
            state: store::named(r, "state")?,
        })
    };
    rows.iter().map(reversal).collect()
}

async fn record(store: &Store, order: &Order, trans_id: &str, state: ReversalState) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO reversals (trans_id, order_id, amount, currency, state, created_ms) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (trans_id) DO UPDATE SET state = excluded.state",
    )
    .bind(trans_id)
    .bind(&order.id)
    .bind(&order.amount)
    .bind(&order.currency)
    .bind(state.as_str())
    .bind(now_ms())
    .execute(store.pool())
    .await?;
    Ok(())
}

/// A payment the gateway holds for the order, as its listing shows it.
struct Payment {
    trans_id: String,
    /// Money moved or held and not given back.
    live: bool,
    /// Given back already (refund, reversal, void).
    reversed: bool,
    /// Dialect A: the payer and card part that sign actions on it.
    payer: (String, String),
    /// PayCross: an authorisation not captured (given back by a void, not a refund).
    held: bool,
}

/// Every payment of the order at the gateway, for every payer that signed an attempt.
async fn payments(app: &App, order: &Order) -> Result<Vec<Payment>, ()> {
    let emails = attempts::emails_of(&app.store, &order.id).await.map_err(|_| ())?;
    let mut found = Vec::new();
    for email in if order.gateway.is_platform() { emails } else { vec![String::new()] } {
        let listed = client::transactions_by(app, order, &email).await?;
        found.extend(listed.iter().filter_map(|t| payment(order, &listed, t, &email)));
    }
    Ok(found)
}

fn payment(order: &Order, listed: &[Value], t: &Value, email: &str) -> Option<Payment> {
    match Said::read(order.gateway, t) {
        Said::Platform(a) => {
            let status = a.status.as_ref()?.known();
            let card: String = a.card.as_deref().unwrap_or("").chars().filter(char::is_ascii_digit).collect();
            let live = matches!(status, Some(TxStatus::Settled | TxStatus::Pending));
            let reversed = matches!(status, Some(TxStatus::Refund | TxStatus::Reversal | TxStatus::Void));
            Some(Payment { trans_id: a.trans_id?, live, reversed, payer: (email.into(), card), held: false })
        }
        Said::PayCross(t) if matches!(t.kind, Some(Kind::Payment | Kind::Authorization)) => {
            let child = |kind: Kind| client::has_child(listed, &t.uid, kind);
            let reversed = child(Kind::Refund) || child(Kind::Void);
            let held = t.is_authorization() && !child(Kind::Capture);
            let live = t.is_successful() && !reversed;
            Some(Payment { trans_id: t.uid, live, reversed, payer: Default::default(), held })
        }
        _ => None,
    }
}

/// Finds the order's late charges and gives them back. The gateway is listed first and
/// the order read after, so a payment that an attempt claiming the order now is making
/// cannot be taken for a late one: while an attempt holds the order, nothing is reversed.
pub async fn reverse_late_charges(app: &App, order_id: &str) -> AppResult<()> {
    let Some(before) = orders::load(&app.store, order_id).await? else { return Ok(()) };
    let Ok(found) = payments(app, &before).await else { return Ok(()) }; // asked again next sweep
    let Some(order) = orders::load(&app.store, order_id).await? else { return Ok(()) };
    let kept = match order.status {
        OrderStatus::Processing | OrderStatus::ThreeDs => return Ok(()),
        s if s.is_paid() => match order.trans_id.as_deref() {
            Some(t) => Some(t),
            None => return Ok(()), // paid by a payment not known yet: never guess
        },
        _ => None,
    };
    let recorded = of_order(&app.store, order_id).await?;
    for p in &found {
        if p.reversed && recorded.iter().any(|r| r.trans_id == p.trans_id && r.state == ReversalState::Requested) {
            record(&app.store, &order, &p.trans_id, ReversalState::Reversed).await?;
        }
        if p.live && Some(p.trans_id.as_str()) != kept {
            give_back(app, &order, p).await?;
        }
    }
    Ok(())
}

async fn give_back(app: &App, order: &Order, p: &Payment) -> AppResult<()> {
    let reply = client::reverse(app, order, &p.trans_id, (&p.payer.0, &p.payer.1), p.held).await;
    let state = match &reply {
        Reply::Answer { http: 200, body } if order.gateway.is_platform() => match Said::read(order.gateway, body) {
            Said::Platform(Answer { result: Some(Word::Said(ResultCode::Accepted | ResultCode::Success)), .. }) => {
                Some(ReversalState::Requested)
            }
            _ => None,
        },
        Reply::Answer { http: 200, body } => {
            let done = One::deserialize(body).is_ok_and(|o| o.transaction.is_successful());
            done.then_some(ReversalState::Reversed)
        }
        _ => None,
    };
    match state {
        Some(state) => {
            tracing::warn!(order_id = %order.id, trans_id = %p.trans_id, ?state, "late charge given back");
            record(&app.store, order, &p.trans_id, state).await?
        }
        None => {
            tracing::warn!(order_id = %order.id, trans_id = %p.trans_id, "late charge: reversal not accepted yet; tried again next sweep")
        }
    }
    Ok(())
}
