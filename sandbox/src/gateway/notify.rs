//! Callbacks from the emulated gateway to the merchant: stored first, delivered now, then
//! retried with backoff (and again after a restart) until the merchant answers `OK`.

use std::time::Duration;

use rusqlite::{params, OptionalExtension};

use checkout_rules::answer::ResultCode;

use super::{load_tx, paycross, trans_date, GwStatus};
use crate::wire::paycross::One;
use crate::{sign, App};

/// Queues the callback of a transaction in its own dialect, after its status changed.
pub async fn transaction_changed(app: &App, trans_id: &str) {
    let tx = match load_tx(app, trans_id) {
        Ok(Some(tx)) => tx,
        Ok(None) => return,
        Err(e) => return tracing::error!(trans_id, error = %e, "gateway emulator: cannot read a transaction"),
    };
    if tx.dialect.is_platform() {
        let (content_type, body) = platform_form(app, &tx);
        let url = tx.notify_url.clone().unwrap_or_else(|| app.cfg.callback_url.clone());
        enqueue(app, trans_id, &url, content_type, &body).await;
    } else if let Some(url) = tx.notify_url.clone() {
        let body = serde_json::to_string(&One { transaction: paycross::transaction(app, &tx) }).unwrap_or_default();
        enqueue(app, trans_id, &url, "application/json", &body).await;
    }
}

/// The signed form-urlencoded callback of a dialect A transaction (spec/000).
fn platform_form(app: &App, tx: &super::Tx) -> (&'static str, String) {
    let result = if tx.status == GwStatus::Declined { ResultCode::Declined } else { ResultCode::Success };
    let mut fields: Vec<(&str, String)> = vec![
        ("action", "SALE".into()),
        ("result", result.as_str().into()),
        ("order_id", tx.order_id.clone()),
        ("trans_id", tx.trans_id.clone()),
        ("trans_date", trans_date()),
        ("amount", tx.amount.clone()),
        ("currency", tx.currency.clone()),
    ];
    if let Some(status) = tx.status.platform() {
        fields.insert(2, ("status", status.as_str().into()));
    }
    if result == ResultCode::Success {
        fields.push(("descriptor", app.cfg.descriptor.clone()));
        if let Some(t) = &tx.card_token {
            fields.push(("card_token", t.clone()));
        }
    } else {
        fields.push(("decline_reason", tx.decline_reason.clone().unwrap_or_else(|| "Declined".into())));
    }
    fields.push(("hash", sign::callback(&tx.email, &app.cfg.password, &tx.trans_id, &tx.card_part)));
    ("application/x-www-form-urlencoded", serde_urlencoded::to_string(&fields).unwrap_or_default())
}

async fn enqueue(app: &App, trans_id: &str, url: &str, content_type: &str, body: &str) {
    let id = {
        let c = app.emulator().conn();
        let stored = c.execute(
            "INSERT INTO gw_callbacks (trans_id, url, content_type, body) VALUES (?1, ?2, ?3, ?4)",
            params![trans_id, url, content_type, body],
        );
        if let Err(e) = stored {
            return tracing::error!(trans_id, error = %e, "gateway emulator: cannot queue a callback");
        }
        c.last_insert_rowid()
    };
    if !deliver(app, id).await {
        let app = app.clone();
        tokio::spawn(async move { retry(app, id).await });
    }
}

async fn retry(app: App, id: i64) {
    let mut wait = Duration::from_millis(250);
    for _ in 0..8 {
        tokio::time::sleep(wait).await;
        if deliver(&app, id).await {
            return;
        }
        wait = (wait * 2).min(Duration::from_secs(30));
    }
}

/// One attempt; true when the merchant answered `OK` (or there is nothing left to send).
async fn deliver(app: &App, id: i64) -> bool {
    let row: rusqlite::Result<Option<(String, String, String)>> = app
        .emulator()
        .conn()
        .query_row("SELECT url, content_type, body FROM gw_callbacks WHERE id = ?1 AND delivered = 0", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional();
    let (url, ctype, body) = match row {
        Ok(Some(r)) => r,
        Ok(None) => return true,
        Err(_) => return false,
    };
    let mut req = app.http.post(&url).header("Content-Type", ctype.as_str()).body(body).timeout(Duration::from_secs(5));
    if ctype.starts_with("application/json") {
        req = req.basic_auth(&app.cfg.shop_id, Some(&app.cfg.shop_secret));
    }
    let ok = match req.send().await {
        Ok(r) => r.status().is_success() && r.text().await.is_ok_and(|t| t.trim() == "OK"),
        Err(_) => false,
    };
    let counted =
        app.emulator().conn().execute("UPDATE gw_callbacks SET attempts = attempts + 1, delivered = ?2 WHERE id = ?1", params![id, ok]);
    ok && counted.is_ok()
}

/// After a restart: deliver what was queued and not yet acknowledged.
pub async fn redeliver_pending(app: App) {
    let ids: rusqlite::Result<Vec<i64>> = {
        let c = app.emulator().conn();
        c.prepare("SELECT id FROM gw_callbacks WHERE delivered = 0 AND attempts < 20")
            .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
    };
    for id in ids.unwrap_or_else(|e| {
        tracing::error!(error = %e, "gateway emulator: cannot read queued callbacks");
        Vec::new()
    }) {
        let app = app.clone();
        tokio::spawn(async move { retry(app, id).await });
    }
}
