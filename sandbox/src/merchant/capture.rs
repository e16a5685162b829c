//! `POST /api/orders/{order_id}/capture`: captures a held (auth=Y) payment. A merchant's
//! back office calls this, never the payer's browser: it takes the merchant's token
//! (`Authorization: Bearer …`), never a payer's cookie, and refuses requests another site
//! made a browser send.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use checkout_rules::PayCrossStatus;
use serde::Deserialize;
use serde_json::Value;

use super::client::{self, Reply};
use super::orders::{self, Advance};
use crate::error::{AppError, AppResult};
use crate::status::OrderStatus;
use crate::wire::paycross::One;
use crate::wire::platform::Answer;
use crate::wire::word::Word;
use crate::wire::Said;
use crate::{sign, App};
use checkout_rules::answer::ResultCode;

/// The merchant's own request: no browser sent it from another site, and it carries the
/// merchant token (compared in constant time).
pub fn require_merchant(app: &App, headers: &HeaderMap) -> AppResult<()> {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let cross_site =
        matches!(header("Sec-Fetch-Site"), Some("cross-site" | "same-site")) || header("Origin").is_some_and(|o| o != app.cfg.base);
    if cross_site {
        return Err(AppError::Refused(StatusCode::FORBIDDEN, "Cross-site requests cannot act on orders.".into()));
    }
    let token = header("Authorization").and_then(|v| v.strip_prefix("Bearer ")).unwrap_or("");
    if !sign::same_text(token, &app.cfg.merchant_token) {
        return Err(AppError::Refused(StatusCode::UNAUTHORIZED, "This needs the merchant's token: Authorization: Bearer …".into()));
    }
    Ok(())
}

pub async fn capture(State(app): State<App>, headers: HeaderMap, Path(id): Path<String>) -> AppResult<Json<Value>> {
    require_merchant(&app, &headers)?;
    let order = orders::load_or_404(&app, &id).await?;
    let (Some(trans_id), Some(key)) = (order.trans_id.clone(), order.attempt_key.clone()) else {
        return Err(AppError::Refused(StatusCode::CONFLICT, "This order has no payment to capture.".into()));
    };
    if order.status != OrderStatus::Pending {
        return Err(AppError::Refused(StatusCode::CONFLICT, "Only an authorised (PENDING) order can be captured.".into()));
    }
    let Reply::Answer { http: 200, body } = client::capture(&app, &order, &trans_id).await else {
        let msg = "The payment gateway gave no answer; the reconciler will see whether it captured.";
        return Err(AppError::Refused(StatusCode::BAD_GATEWAY, msg.into()));
    };
    let said = match One::deserialize(&body) {
        Ok(one) if !order.gateway.is_platform() => Said::PayCross(one.transaction),
        _ => Said::read(order.gateway, &body),
    };
    let status = match &said {
        Said::Platform(Answer { result: Some(Word::Said(ResultCode::Success)), .. }) => Some(OrderStatus::Settled),
        Said::Platform(Answer { result: Some(Word::Said(ResultCode::Declined)), .. }) => Some(OrderStatus::Declined),
        Said::PayCross(t) if t.is_successful() => Some(OrderStatus::Settled),
        Said::PayCross(t) if t.status.known() == Some(PayCrossStatus::Failed) => Some(OrderStatus::Declined),
        _ => None,
    };
    if let Some(status) = status {
        let reason = said.decline_reason().filter(|_| status == OrderStatus::Declined);
        let change = Advance { order_id: &id, key: &key, status, trans_id: None, reason, descriptor: None };
        orders::advance(app.store.pool(), &change).await?;
    }
    Ok(Json(body))
}
