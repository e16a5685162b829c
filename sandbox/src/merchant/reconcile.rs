//! Settling what the backend did not see. An attempt whose SALE answer was lost, timed
//! out or was unreadable may have charged the card: before its order can be paid again,
//! and whenever its status is read, the gateway is asked. An order waiting on the
//! gateway (async, 3-D Secure) is asked about too, so a lost callback loses nothing.

use std::time::Duration;

use serde_json::Value;

use super::attempts::{self, Attempt};
use super::client::{self, TxView};
use super::orders::{self, Advance, Order};
use super::{relay, reversal};
use crate::db::now_ms;
use crate::error::AppResult;
use crate::status::{AttemptState, OrderStatus};
use crate::wire::paycross::Kind;
use crate::App;

/// How long after an attempt started a gateway that knows nothing of it is believed:
/// twice the SALE timeout, so a request still on its way cannot charge after the order
/// was released.
fn grace(app: &App) -> i64 {
    (app.cfg.gateway_timeout * 2 + Duration::from_millis(500)).as_millis() as i64
}

/// How long a released attempt is watched for a late charge.
const WATCH_MS: i64 = 24 * 3600 * 1000;
/// How far back the sweep looks for orders still waiting on the gateway.
const SWEEP_MS: i64 = 7 * 24 * 3600 * 1000;

/// Brings `order` up to date with the gateway: its current attempt settled if it is not,
/// a held authorisation's capture seen, and any late charge given back. A gateway that
/// cannot be reached leaves everything as it was (still not final).
pub async fn order(app: &App, order: &Order) -> AppResult<()> {
    current_attempt(app, order).await?;
    if attempts::has_released(&app.store, &order.id, now_ms() - WATCH_MS).await? {
        reversal::reverse_late_charges(app, &order.id).await?;
    }
    Ok(())
}

/// Every recent order that waits on the gateway or may have a late charge, brought up to
/// date on a clock: nothing waits for a payer or a poll to come back.
pub async fn sweep_forever(app: App) {
    loop {
        tokio::time::sleep(app.cfg.reconcile_every).await;
        if let Err(e) = sweep(&app).await {
            tracing::error!(error = ?e, "reconcile sweep failed");
        }
    }
}

pub async fn sweep(app: &App) -> AppResult<()> {
    let waiting = [OrderStatus::Processing, OrderStatus::ThreeDs, OrderStatus::Pending];
    let mut ids = orders::with_status_since(&app.store, &waiting, crate::db::now() - SWEEP_MS / 1000).await?;
    ids.extend(attempts::orders_with_released(&app.store, now_ms() - WATCH_MS).await?);
    ids.sort();
    ids.dedup();
    for id in ids {
        let found = orders::load(&app.store, &id).await?;
        if let Some(o) = found {
            order(app, &o).await?;
        }
    }
    Ok(())
}

async fn current_attempt(app: &App, order: &Order) -> AppResult<()> {
    if order.status == OrderStatus::Pending {
        return held(app, order).await;
    }
    if !matches!(order.status, OrderStatus::Processing | OrderStatus::ThreeDs) {
        return Ok(());
    }
    let Some(key) = &order.attempt_key else { return Ok(()) };
    let Some(attempt) = attempts::find(app.store.pool(), key).await? else { return Ok(()) };
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
        Ok(Some(tx)) => apply(app, order, &attempt, tx).await,
        Ok(None) if attempt.trans_id.is_none() && age >= grace(app) => {
            // The gateway has no payment of this attempt, long after it could have: none.
            tracing::info!(order_id = %order.id, attempt_key = %key, "nothing at the gateway after the grace period: released, still watched");
            let (http, body) = relay::not_charged(order.gateway);
            let mut tx = app.store.begin().await?;
            orders::release(&mut *tx, &order.id, key).await?;
            attempts::release(&mut *tx, key, http.as_u16(), &body.to_string()).await?;
            tx.commit().await?;
            Ok(())
        }
        Ok(None) => Ok(()),
    }
}

/// A held authorisation: its capture may have gone through with its answer lost. What
/// the gateway says of it now is applied (forward only: settled, or declined).
async fn held(app: &App, order: &Order) -> AppResult<()> {
    let (Some(trans_id), Some(key)) = (&order.trans_id, &order.attempt_key) else { return Ok(()) };
    if !order.gateway.is_platform() {
        // a PayCross capture is a transaction of its own, naming the authorisation
        let Ok(listed) = client::transactions_of_order(app, order).await else { return Ok(()) };
        if client::has_child(&listed, trans_id, Kind::Capture) {
            let change = Advance { order_id: &order.id, key, status: OrderStatus::Settled, trans_id: None, reason: None, descriptor: None };
            orders::advance(app.store.pool(), &change).await?;
        }
        return Ok(());
    }
    let Ok(Some(tx)) = client::transaction(app, order, trans_id).await else { return Ok(()) };
    let Some(TxView { status: Some(status), reason, descriptor, .. }) = client::view(order, &tx) else { return Ok(()) };
    if matches!(status, OrderStatus::Settled | OrderStatus::Declined) {
        let change =
            Advance { order_id: &order.id, key, status, trans_id: None, reason: reason.as_deref(), descriptor: descriptor.as_deref() };
        orders::advance(app.store.pool(), &change).await?;
    }
    Ok(())
}

/// The newest of the order's transactions that no other attempt owns: the lost SALE's.
async fn newest_unowned(app: &App, order: &Order, attempt: &Attempt) -> Result<Option<Value>, ()> {
    let owned = attempts::owned_trans_ids(&app.store, &order.id, &attempt.key).await.map_err(|_| ())?;
    let all = client::transactions_of_order(app, order).await?;
    Ok(all.into_iter().rev().find(|t| client::view(order, t).is_some_and(|v| !owned.contains(&v.trans_id))))
}

/// Applies the gateway's word on the attempt's transaction. An outcome the payer can act
/// on (paid, declined) also becomes the attempt's final answer; one still waiting on the
/// payer or the bank leaves the attempt as it is.
async fn apply(app: &App, order: &Order, attempt: &Attempt, mut tx: Value) -> AppResult<()> {
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
    let mut db = app.store.begin().await?;
    orders::advance(&mut *db, &change).await?;
    if status.is_paid() || status == OrderStatus::Declined {
        if attempt.state != AttemptState::Final {
            relay::strip_credentials(&mut tx);
            attempts::finish(&mut *db, &attempt.key, Some(&trans_id), 200, &tx.to_string()).await?;
        }
    } else {
        attempts::mark_unknown(&mut *db, &attempt.key, Some(&trans_id)).await?;
    }
    db.commit().await?;
    Ok(())
}
