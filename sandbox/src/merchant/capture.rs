//! `POST /api/orders/{order_id}/capture`: captures a held (auth=Y) payment. A merchant's
//! back office calls this, never the payer's browser; the sandbox exposes it for trying.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::Value;

use super::client::{self, Reply};
use super::orders::{self, Advance};
use crate::error::{AppError, AppResult};
use crate::status::OrderStatus;
use crate::App;

pub async fn capture(State(app): State<App>, Path(id): Path<String>) -> AppResult<Json<Value>> {
    let order = orders::load_or_404(&app, &id)?;
    let (Some(trans_id), Some(key)) = (order.trans_id.clone(), order.attempt_key.clone()) else {
        return Err(AppError::Refused(StatusCode::CONFLICT, "This order has no payment to capture.".into()));
    };
    if order.status != OrderStatus::Pending || !order.gateway.is_platform() {
        return Err(AppError::Refused(StatusCode::CONFLICT, "Only an authorised (PENDING) Payment Platform order can be captured.".into()));
    }
    let Reply::Answer { http: 200, body } = client::capture(&app, &order, &trans_id).await else {
        return Err(AppError::Refused(StatusCode::BAD_GATEWAY, "The payment gateway gave no answer; the capture may be retried.".into()));
    };
    let status = match body["result"].as_str() {
        Some("SUCCESS") => Some(OrderStatus::Settled),
        Some("DECLINED") => Some(OrderStatus::Declined),
        _ => None,
    };
    if let Some(status) = status {
        let reason = body["decline_reason"].as_str();
        let change = Advance { order_id: &id, key: &key, status, trans_id: None, reason, descriptor: None };
        orders::advance(&app.db.conn(), &change)?;
    }
    Ok(Json(body))
}
