//! Settling what the backend did not see. An attempt whose SALE answer was lost, timed
//! out or was unreadable may have charged the card: before its order can be paid again,
//! and whenever its status is read, the gateway is asked. An order waiting on the
//! gateway (async, 3-D Secure) is asked about too, so a lost callback loses nothing.

use std::time::Duration;

use serde_json::Value;

use super::attempts::{self, Attempt};
use super::client::{self, TxView};
use super::orders::{self, Advance, Order};
use super::relay;
use crate::db::now_ms;
use crate::error::AppResult;
use crate::status::{AttemptState, OrderStatus};
use crate::App;

/// How long after an attempt started a gateway that knows nothing of it is believed:
/// twice the SALE timeout, so a request still on its way cannot charge after the order
/// was released.
fn grace(app: &App) -> i64 {
    (app.cfg.gateway_timeout * 2 + Duration::from_millis(500)).as_millis() as i64
}

/// Brings `order` up to date with the gateway if its current attempt is not settled.
/// A gateway that cannot be reached leaves everything as it was (still not final).
pub async fn order(app: &App, order: &Order) -> AppResult<()> {
    if !matches!(order.status, OrderStatus::Processing | OrderStatus::ThreeDs) {
        return Ok(());
    }
    let Some(key) = &order.attempt_key else { return Ok(()) };
    let Some(attempt) = attempts::find(&app.db.conn(), key)? else { return Ok(()) };
    let age = now_ms() - attempt.started_ms;
    if attempt.state == AttemptState::InFlight && age < grace(app) {
        return Ok(()); // its own request is still waiting for the answer
    }
    let found = match &attempt.trans_id {
        Some(trans_id) => client::transaction(app, order, trans_id).await,
        None => newest_unowned(app, order, &attempt).await,
    };
    match found {
        Err(()) => Ok(()),
        Ok(Some(tx)) => apply(app, order, &attempt, tx),
        Ok(None) if attempt.trans_id.is_none() && age >= grace(app) => {
            // The gateway has no payment of this attempt, long after it could have: none.
            let (http, body) = relay::not_charged(order.gateway);
            let mut c = app.db.conn();
            let tx = c.transaction()?;
            orders::release(&tx, &order.id, key)?;
            attempts::finish(&tx, key, None, http.as_u16(), &body.to_string())?;
            tx.commit()?;
            Ok(())
        }
        Ok(None) => Ok(()),
    }
}

/// The newest of the order's transactions that no other attempt owns: the lost SALE's.
async fn newest_unowned(app: &App, order: &Order, attempt: &Attempt) -> Result<Option<Value>, ()> {
    let owned = attempts::owned_trans_ids(&app.db.conn(), &order.id, &attempt.key).map_err(|_| ())?;
    let all = client::transactions_of_order(app, order).await?;
    Ok(all.into_iter().rev().find(|t| client::view(order, t).is_some_and(|v| !owned.contains(&v.trans_id))))
}

/// Applies the gateway's word on the attempt's transaction. An outcome the payer can act
/// on (paid, declined) also becomes the attempt's final answer; one still waiting on the
/// payer or the bank leaves the attempt as it is.
fn apply(app: &App, order: &Order, attempt: &Attempt, mut tx: Value) -> AppResult<()> {
    let Some(TxView { trans_id, status: Some(status), reason, descriptor }) = client::view(order, &tx) else { return Ok(()) };
    if status == OrderStatus::Processing {
        return Ok(()); // the gateway is still working on it
    }
    let change = Advance {
        order_id: &order.id,
        key: &attempt.key,
        status,
        trans_id: Some(&trans_id),
        reason: reason.as_deref(),
        descriptor: descriptor.as_deref(),
    };
    let mut c = app.db.conn();
    let db = c.transaction()?;
    orders::advance(&db, &change)?;
    if status.is_paid() || status == OrderStatus::Declined {
        if attempt.state != AttemptState::Final {
            relay::strip_credentials(&mut tx);
            attempts::finish(&db, &attempt.key, Some(&trans_id), 200, &tx.to_string())?;
        }
    } else {
        attempts::mark_unknown(&db, &attempt.key, Some(&trans_id))?;
    }
    db.commit()?;
    Ok(())
}
