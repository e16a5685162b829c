//! Orders: created by the merchant's own code with its amount, read by the widget's
//! status polling, and moved only forward ([`OrderStatus::follows`]).

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use checkout_rules::data::currency;
use checkout_rules::{check, Context, FieldId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use super::reconcile;
use super::reversal::Reversal;
use crate::db::{now, SqlName};
use crate::error::{AppError, AppResult};
use crate::status::OrderStatus;
use crate::{App, Dialect};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    pub amount: String,
    pub currency: String,
    pub description: String,
    #[serde(default)]
    pub auth: Option<String>,
    #[serde(default, rename = "async")]
    pub is_async: Option<String>,
    /// `platform`, `platform-v2` (list-shaped redirect params) or `paycross`.
    #[serde(default)]
    pub gateway: Option<String>,
}

/// A `Y`/`N` option of an order.
fn yes_no(name: &str, v: &Option<String>) -> Result<bool, (String, String)> {
    match v.as_deref() {
        None | Some("N") => Ok(false),
        Some("Y") => Ok(true),
        Some(_) => Err((name.into(), "Must be Y or N.".into())),
    }
}

/// Creates an order after checking it by the rules; returns its id. The amount is
/// written with exactly its currency's decimals (JPY `1200`, USD `12.00`, BHD `1.505`).
pub fn create_order(app: &App, o: &NewOrder) -> Result<String, (String, String)> {
    let cx = Context::on(crate::gateway::today(), true);
    for (f, v) in [(FieldId::OrderAmount, &o.amount), (FieldId::OrderCurrency, &o.currency), (FieldId::OrderDescription, &o.description)] {
        if let Some(p) = check(f, v, &cx).finish().problem() {
            return Err((f.name().to_string(), p.message_en().to_string()));
        }
    }
    if currency::payable_minor_units(&o.amount, &o.currency).is_none() {
        let exp = currency::exponent(&o.currency).unwrap_or(2);
        return Err(("order_amount".into(), format!("must be more than zero, with the {exp} decimals {} takes.", o.currency)));
    }
    let (auth, is_async) = (yes_no("auth", &o.auth)?, yes_no("async", &o.is_async)?);
    let gateway = match o.gateway.as_deref() {
        None => app.cfg.dialect,
        Some(g) => Dialect::parse(g).ok_or_else(|| ("gateway".to_string(), "Must be platform, platform-v2 or paycross.".to_string()))?,
    };
    let id = format!("ORDER-{}", &uuid::Uuid::new_v4().simple().to_string()[..12].to_uppercase());
    app.db
        .conn()
        .execute(
            "INSERT INTO orders (order_id, amount, currency, description, gateway, auth, async, status, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![id, o.amount, o.currency, o.description, gateway, auth, is_async, OrderStatus::New, now()],
        )
        .map_err(|e| ("order".to_string(), e.to_string()))?;
    Ok(id)
}

/// `POST /api/orders` `{amount, currency, description}` (JSON only: a cross-site form
/// cannot send it) → `{order_id, ...}`.
pub async fn post_order(State(app): State<App>, body: Result<Json<NewOrder>, JsonRejection>) -> AppResult<Response> {
    let Json(o) = body.map_err(|e| {
        let msg = format!("Body must be JSON {{amount, currency, description}} sent as application/json: {}", e.body_text());
        AppError::Refused(e.status(), msg)
    })?;
    match create_order(&app, &o) {
        Ok(id) => {
            let order = load(&app.db.conn(), &id)?.ok_or(AppError::NotFound("order"))?;
            Ok((StatusCode::CREATED, Json(order.to_json(&[]))).into_response())
        }
        Err((field, msg)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"error": format!("{field}: {msg}"), "field": field}))).into_response())
        }
    }
}

#[derive(Clone, Debug)]
pub struct Order {
    pub id: String,
    pub amount: String,
    pub currency: String,
    pub description: String,
    pub gateway: Dialect,
    pub auth: bool,
    pub is_async: bool,
    pub status: OrderStatus,
    /// The Idempotency-Key of the attempt that claimed the order last.
    pub attempt_key: Option<String>,
    /// That attempt's gateway transaction, once known.
    pub trans_id: Option<String>,
    pub decline_reason: Option<String>,
    pub descriptor: Option<String>,
    /// What Appendix A signs status queries and callbacks with.
    pub email: Option<String>,
    pub card_part: Option<String>,
}

impl Order {
    /// The order as its status URL shows it, with the late charges given back.
    pub fn to_json(&self, reversed: &[Reversal]) -> Value {
        json!({
            "order_id": self.id, "amount": self.amount, "currency": self.currency, "description": self.description,
            "gateway": self.gateway.name(), "status": self.status.as_str(), "decline_reason": self.decline_reason,
            "descriptor": self.descriptor, "trans_id": self.trans_id,
            // whose outcome this status is: the widget takes a not-paid status as the end of
            // its attempt only when it is its own (the key is bound to its request here, so
            // knowing it lets nobody pay or replay anything)
            "attempt_key": self.attempt_key,
            "reversed_charges": reversed,
        })
    }
}

pub fn load(c: &Connection, id: &str) -> rusqlite::Result<Option<Order>> {
    c.query_row(
        "SELECT order_id, amount, currency, description, gateway, auth, async, status, attempt_key, trans_id, decline_reason, descriptor, email, card_part
         FROM orders WHERE order_id = ?1",
        [id],
        |r| {
            Ok(Order {
                id: r.get(0)?,
                amount: r.get(1)?,
                currency: r.get(2)?,
                description: r.get(3)?,
                gateway: r.get(4)?,
                auth: r.get(5)?,
                is_async: r.get(6)?,
                status: r.get(7)?,
                attempt_key: r.get(8)?,
                trans_id: r.get(9)?,
                decline_reason: r.get(10)?,
                descriptor: r.get(11)?,
                email: r.get(12)?,
                card_part: r.get(13)?,
            })
        },
    )
    .optional()
}

pub fn load_or_404(app: &App, id: &str) -> AppResult<Order> {
    load(&app.db.conn(), id)?.ok_or(AppError::NotFound("order"))
}

/// What the gateway said about the attempt `key`, applied to its order only if that
/// attempt still holds it and the status moves forward. Returns whether it changed.
pub struct Advance<'a> {
    pub order_id: &'a str,
    pub key: &'a str,
    pub status: OrderStatus,
    pub trans_id: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub descriptor: Option<&'a str>,
}

pub fn advance(c: &Connection, a: &Advance) -> rusqlite::Result<bool> {
    let sql = format!(
        "UPDATE orders SET status = ?3, trans_id = COALESCE(?4, trans_id), decline_reason = ?5, descriptor = COALESCE(?6, descriptor)
         WHERE order_id = ?1 AND attempt_key = ?2 AND (status = ?3 OR status IN ({}))",
        OrderStatus::sql_list(a.status.follows())
    );
    Ok(c.execute(&sql, params![a.order_id, a.key, a.status, a.trans_id, a.reason, a.descriptor])? == 1)
}

/// Orders in one of `statuses` created since `since` (seconds).
pub fn with_status_since(c: &Connection, statuses: &[OrderStatus], since: i64) -> rusqlite::Result<Vec<String>> {
    let sql = format!("SELECT order_id FROM orders WHERE status IN ({}) AND created >= ?1", OrderStatus::sql_list(statuses));
    let mut st = c.prepare(&sql)?;
    let rows = st.query_map([since], |r| r.get(0))?;
    rows.collect()
}

/// The attempt `key` charged nothing: its order is payable again.
pub fn release(c: &Connection, order_id: &str, key: &str) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE orders SET status = ?3, trans_id = NULL WHERE order_id = ?1 AND attempt_key = ?2 AND status = ?4",
        params![order_id, key, OrderStatus::New, OrderStatus::Processing],
    )?;
    Ok(())
}

/// `GET /api/orders/{order_id}`: the order's status for polling and the result page. An
/// order whose attempt has no known outcome is settled with the gateway first.
pub async fn get_order(State(app): State<App>, Path(id): Path<String>) -> AppResult<Json<Value>> {
    let order = load_or_404(&app, &id)?;
    reconcile::order(&app, &order).await?;
    let reversed = super::reversal::of_order(&app.db.conn(), &id)?;
    Ok(Json(load_or_404(&app, &id)?.to_json(&reversed)))
}
