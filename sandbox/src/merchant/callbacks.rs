//! Callbacks prove nothing by themselves. A callback (signed per Appendix A, or PayCross's
//! Basic auth) only says "ask about this transaction": it counts only for the trans_id of
//! the order's current attempt, and what is applied is what the gateway's own status
//! query answers, moving the order forward only. An authenticated callback is stored with
//! what was decided about it, less its signature and any card credential; one that fails
//! its signature or auth is answered and logged in one bounded line, never stored (a
//! stranger's posts cost the server no disk).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::orders::{self, Advance, Order};
use super::{client, reconcile, relay};
use crate::db::{now, SqlName};
use crate::error::AppResult;
use crate::{sign, App};

/// What was decided about one callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
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

/// Fields of a callback never kept: its signature (the same value signs a CAPTURE or VOID of
/// that transaction) and the reusable card credentials.
const NOT_KEPT: [&str; 4] = ["hash", "card_token", "recurring_token", "token"];

/// Keeps an authenticated callback, less what is never kept.
async fn store(app: &App, order_id: &str, trans_id: &str, kept: &str, decision: Decision) -> Result<(), sqlx::Error> {
    // a v7 id: the callbacks of an order list in the order they came
    sqlx::query("INSERT INTO merchant_callbacks (id, order_id, trans_id, body, decision, received) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(order_id)
        .bind(trans_id)
        .bind(kept)
        .bind(decision.as_str())
        .bind(now())
        .execute(app.store.pool())
        .await?;
    Ok(())
}

/// A dialect A callback's form as it is kept.
fn kept_form(form: &BTreeMap<String, String>) -> String {
    let kept: Vec<(&String, &String)> = form.iter().filter(|(k, _)| !NOT_KEPT.contains(&k.as_str())).collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

/// A PayCross notification as it is kept.
fn kept_json(v: &Value) -> String {
    let mut v = v.clone();
    relay::strip_credentials(&mut v);
    if let Some(t) = v["transaction"].as_object_mut() {
        t.remove("hash");
    }
    v.to_string()
}

/// A refused callback: answered and logged, one line of bounded length, never stored.
fn refused(order_id: &str, trans_id: &str, decision: Decision) -> Response {
    let short = |s: &str| s.chars().filter(|c| c.is_ascii_graphic()).take(64).collect::<String>();
    tracing::warn!(order_id = %short(order_id), trans_id = %short(trans_id), decision = decision.as_str(), "callback refused");
    answer(decision)
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
        return Ok(refused("", "", Decision::Malformed));
    };
    let g = |k: &str| form.get(k).map_or("", String::as_str);
    let (order_id, trans_id) = (g("order_id"), g("trans_id"));
    let Some(order) = orders::load(&app.store, order_id).await? else {
        return Ok(refused(order_id, trans_id, Decision::UnknownOrder));
    };
    let (email, part) = (order.email.as_deref().unwrap_or(""), order.card_part.as_deref().unwrap_or(""));
    let signed = order.email.is_some() && sign::same(&sign::callback(email, &app.cfg.password, trans_id, part), g("hash"));
    if !signed {
        return Ok(refused(order_id, trans_id, Decision::BadSignature));
    }
    let decision = decide(&app, &order, trans_id).await?;
    store(&app, order_id, trans_id, &kept_form(&form), decision).await?;
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
    let text = |k: &str| t.and_then(|t| t[k].as_str()).unwrap_or("").to_string();
    let (order_id, uid) = (&text("tracking_id"), &text("uid"));
    if !authorised {
        refused(order_id, uid, Decision::BadSignature);
        return Ok((StatusCode::UNAUTHORIZED, "Unauthorized").into_response());
    }
    let Some(parsed) = parsed else { return Ok(refused("", "", Decision::Malformed)) };
    let Some(order) = orders::load(&app.store, order_id).await? else {
        return Ok(refused(order_id, uid, Decision::UnknownOrder));
    };
    let decision = decide(&app, &order, uid).await?;
    store(&app, order_id, uid, &kept_json(&parsed), decision).await?;
    Ok(answer(decision))
}

/// The callback named `trans_id`: ask the gateway about it, if it is the current attempt's.
async fn decide(app: &App, order: &Order, trans_id: &str) -> AppResult<Decision> {
    let Some(key) = order.attempt_key.as_deref() else { return Ok(Decision::NotCurrentAttempt) };
    match order.trans_id.as_deref() {
        Some(current) if current == trans_id => {}
        Some(_) => {
            // not the order's payment: perhaps a late charge, which the gateway's records show
            reconcile::order(app, order).await?;
            return Ok(Decision::NotCurrentAttempt);
        }
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
        orders::advance(app.store.pool(), &change).await?;
    }
    Ok(Decision::AskedGateway)
}
