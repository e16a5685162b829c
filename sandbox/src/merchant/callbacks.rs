//! Callbacks prove nothing by themselves. A callback (signed per Appendix A, or PayCross's
//! Basic auth) only says "ask about this transaction": it counts only for the trans_id of
//! the order's current attempt, and what is applied is what the gateway's own status
//! query answers, moving the order forward only. Every callback is stored with what was
//! decided about it.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::params;
use serde_json::Value;

use super::orders::{self, Advance, Order};
use super::{client, reconcile};
use crate::db::{now, SqlName};
use crate::error::AppResult;
use crate::{sign, stored_by_name, App};

/// What was decided about one callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The gateway was asked about the transaction; what it said was applied (forward only).
    AskedGateway,
    /// About a transaction that is not the order's current attempt: ignored.
    NotCurrentAttempt,
    /// The order's current attempt has no known transaction yet: the gateway was asked
    /// about the order instead.
    Reconciled,
    UnknownOrder,
    BadSignature,
    Malformed,
    /// The gateway could not be asked: refused, so it is delivered again.
    Unconfirmed,
}

impl SqlName for Decision {
    fn as_str(self) -> &'static str {
        match self {
            Decision::AskedGateway => "asked_gateway",
            Decision::NotCurrentAttempt => "not_current_attempt",
            Decision::Reconciled => "reconciled",
            Decision::UnknownOrder => "unknown_order",
            Decision::BadSignature => "bad_signature",
            Decision::Malformed => "malformed",
            Decision::Unconfirmed => "unconfirmed",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        use Decision::*;
        [AskedGateway, NotCurrentAttempt, Reconciled, UnknownOrder, BadSignature, Malformed, Unconfirmed]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

stored_by_name!(Decision);

fn store(app: &App, order_id: &str, trans_id: &str, body: &str, decision: Decision) -> rusqlite::Result<()> {
    app.db.conn().execute(
        "INSERT INTO merchant_callbacks (order_id, trans_id, body, decision, received) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![order_id, trans_id, body, decision, now()],
    )?;
    Ok(())
}

/// The answer the gateway expects for each decision: `OK` stops its retries.
fn answer(decision: Decision) -> Response {
    match decision {
        Decision::AskedGateway | Decision::NotCurrentAttempt | Decision::Reconciled => "OK".into_response(),
        Decision::UnknownOrder => (StatusCode::NOT_FOUND, "Unknown order").into_response(),
        Decision::BadSignature => (StatusCode::FORBIDDEN, "Bad signature").into_response(),
        Decision::Malformed => (StatusCode::BAD_REQUEST, "Malformed callback").into_response(),
        Decision::Unconfirmed => (StatusCode::SERVICE_UNAVAILABLE, "Not confirmed yet; send it again").into_response(),
    }
}

/// `POST /api/callback`: the Payment Platform's signed form callback.
pub async fn platform(State(app): State<App>, body: String) -> AppResult<Response> {
    let Ok(form) = serde_urlencoded::from_str::<BTreeMap<String, String>>(&body) else {
        store(&app, "", "", &body, Decision::Malformed)?;
        return Ok(answer(Decision::Malformed));
    };
    let g = |k: &str| form.get(k).map_or("", String::as_str);
    let (order_id, trans_id) = (g("order_id"), g("trans_id"));
    let Some(order) = orders::load(&app.db.conn(), order_id)? else {
        store(&app, order_id, trans_id, &body, Decision::UnknownOrder)?;
        return Ok(answer(Decision::UnknownOrder));
    };
    let (email, part) = (order.email.as_deref().unwrap_or(""), order.card_part.as_deref().unwrap_or(""));
    let signed = order.email.is_some() && sign::same(&sign::callback(email, &app.cfg.password, trans_id, part), g("hash"));
    let decision = if signed { decide(&app, &order, trans_id).await? } else { Decision::BadSignature };
    store(&app, order_id, trans_id, &body, decision)?;
    Ok(answer(decision))
}

/// `POST /api/callback/paycross`: PayCross notification (JSON, HTTP Basic shop id/secret).
pub async fn paycross(State(app): State<App>, headers: HeaderMap, body: String) -> AppResult<Response> {
    use base64::Engine;
    let expected =
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", app.cfg.shop_id, app.cfg.shop_secret)));
    let authorised = headers.get("Authorization").and_then(|v| v.to_str().ok()).is_some_and(|v| sign::same_text(v, &expected));
    let parsed = serde_json::from_str::<Value>(&body).ok();
    let t = parsed.as_ref().map(|v| &v["transaction"]);
    let order_id = t.and_then(|t| t["tracking_id"].as_str()).unwrap_or("");
    let uid = t.and_then(|t| t["uid"].as_str()).unwrap_or("");
    if !authorised {
        store(&app, order_id, uid, &body, Decision::BadSignature)?;
        return Ok((StatusCode::UNAUTHORIZED, "Unauthorized").into_response());
    }
    if parsed.is_none() {
        store(&app, "", "", &body, Decision::Malformed)?;
        return Ok(answer(Decision::Malformed));
    }
    let Some(order) = orders::load(&app.db.conn(), order_id)? else {
        store(&app, order_id, uid, &body, Decision::UnknownOrder)?;
        return Ok(answer(Decision::UnknownOrder));
    };
    let decision = decide(&app, &order, uid).await?;
    store(&app, order_id, uid, &body, decision)?;
    Ok(answer(decision))
}

/// The callback named `trans_id`: ask the gateway about it, if it is the current attempt's.
async fn decide(app: &App, order: &Order, trans_id: &str) -> AppResult<Decision> {
    let Some(key) = order.attempt_key.as_deref() else { return Ok(Decision::NotCurrentAttempt) };
    match order.trans_id.as_deref() {
        Some(current) if current == trans_id => {}
        Some(_) => return Ok(Decision::NotCurrentAttempt),
        None => {
            // The current attempt's answer was lost: settle it from the gateway's records.
            reconcile::order(app, order).await?;
            return Ok(Decision::Reconciled);
        }
    }
    let Ok(Some(tx)) = client::transaction(app, order, trans_id).await else { return Ok(Decision::Unconfirmed) };
    if let Some(client::TxView { trans_id, status: Some(status), reason, descriptor }) = client::view(order, &tx) {
        let change = Advance {
            order_id: &order.id,
            key,
            status,
            trans_id: Some(&trans_id),
            reason: reason.as_deref(),
            descriptor: descriptor.as_deref(),
        };
        orders::advance(&app.db.conn(), &change)?;
    }
    Ok(Decision::AskedGateway)
}
