//! Orders: created by the merchant's own code with its amount, read by the widget's
//! status polling, and moved only forward ([`OrderStatus::follows`]).

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use checkout_rules::data::currency;
use checkout_rules::{check, Context, FieldId};
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use super::reconcile;
use super::reversal::Reversal;
use crate::db::{now, SqlName};
use crate::error::{AppError, AppResult};
use crate::status::OrderStatus;
use crate::store::{self, Store};
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
fn yes_no(name: &str, v: &Option<String>) -> AppResult<bool> {
    match v.as_deref() {
        None | Some("N") => Ok(false),
        Some("Y") => Ok(true),
        Some(_) => Err(AppError::field(name, "Must be Y or N.")),
    }
}

/// Creates an order after checking it by the rules; returns its id. The amount is
/// written with exactly its currency's decimals (JPY `1200`, USD `12.00`, BHD `1.505`).
pub async fn create_order(app: &App, o: &NewOrder) -> AppResult<String> {
    let (gateway, auth, is_async) = checked(app, o)?;
    let id = format!("ORDER-{}", &uuid::Uuid::new_v4().simple().to_string()[..12].to_uppercase());
    sqlx::query(
        "INSERT INTO orders (order_id, amount, currency, description, gateway, auth, async, status, created)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&o.amount)
    .bind(&o.currency)
    .bind(&o.description)
    .bind(gateway.as_str())
    .bind(i64::from(auth))
    .bind(i64::from(is_async))
    .bind(OrderStatus::New.as_str())
    .bind(now())
    .execute(app.store.pool())
    .await?;
    Ok(id)
}

/// The order's gateway, auth and async flags, or the field that is wrong.
fn checked(app: &App, o: &NewOrder) -> AppResult<(Dialect, bool, bool)> {
    let cx = Context::on(crate::gateway::today(), true);
    for (f, v) in [(FieldId::OrderAmount, &o.amount), (FieldId::OrderCurrency, &o.currency), (FieldId::OrderDescription, &o.description)] {
        if let Some(p) = check(f, v, &cx).finish().problem() {
            return Err(AppError::field(f.name(), p.message_en()));
        }
    }
    if currency::payable_minor_units(&o.amount, &o.currency).is_none() {
        let exp = currency::exponent(&o.currency).unwrap_or(2);
        return Err(AppError::field("order_amount", format!("must be more than zero, with the {exp} decimals {} takes.", o.currency)));
    }
    let (auth, is_async) = (yes_no("auth", &o.auth)?, yes_no("async", &o.is_async)?);
    let gateway = match o.gateway.as_deref() {
        None => app.cfg.dialect,
        Some(g) => Dialect::parse(g).ok_or_else(|| AppError::field("gateway", format!("{}.", Dialect::expected())))?,
    };
    Ok((gateway, auth, is_async))
}

/// `POST /api/orders` `{amount, currency, description}` (JSON only: a cross-site form
/// cannot send it) → `{order_id, ...}`.
pub async fn post_order(State(app): State<App>, body: Result<Json<NewOrder>, JsonRejection>) -> AppResult<Response> {
    let Json(o) = body.map_err(|e| {
        let msg = format!("Body must be JSON {{amount, currency, description}} sent as application/json: {}", e.body_text());
        AppError::Refused(e.status(), msg)
    })?;
    let id = create_order(&app, &o).await?;
    let order = load_or_404(&app, &id).await?;
    Ok((StatusCode::CREATED, Json(order.to_json(&[]))).into_response())
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

fn from_row(r: &AnyRow) -> Result<Order, sqlx::Error> {
    Ok(Order {
        id: r.try_get("order_id")?,
        amount: r.try_get("amount")?,
        currency: r.try_get("currency")?,
        description: r.try_get("description")?,
        gateway: store::named(r, "gateway")?,
        auth: store::flag(r, "auth")?,
        is_async: store::flag(r, "async")?,
        status: store::named(r, "status")?,
        attempt_key: r.try_get("attempt_key")?,
        trans_id: r.try_get("trans_id")?,
        decline_reason: r.try_get("decline_reason")?,
        descriptor: r.try_get("descriptor")?,
        email: r.try_get("email")?,
        card_part: r.try_get("card_part")?,
    })
}

pub async fn load(store: &Store, id: &str) -> Result<Option<Order>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT order_id, amount, currency, description, gateway, auth, async, status, attempt_key, trans_id, decline_reason,
         descriptor, email, card_part FROM orders WHERE order_id = $1",
    )
    .bind(id)
    .fetch_optional(store.pool())
    .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn load_or_404(app: &App, id: &str) -> AppResult<Order> {
    load(&app.store, id).await?.ok_or(AppError::NotFound("order"))
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

pub async fn advance<'c>(e: impl Executor<'c, Database = Any>, a: &Advance<'_>) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "UPDATE orders SET status = $3, trans_id = COALESCE($4, trans_id), decline_reason = $5, descriptor = COALESCE($6, descriptor)
         WHERE order_id = $1 AND attempt_key = $2 AND (status = $3 OR status IN ({}))",
        store::name_list(a.status.follows())
    );
    let changed = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(a.order_id)
        .bind(a.key)
        .bind(a.status.as_str())
        .bind(a.trans_id)
        .bind(a.reason)
        .bind(a.descriptor)
        .execute(e)
        .await?;
    Ok(changed.rows_affected() == 1)
}

/// Orders in one of `statuses` created since `since` (seconds).
pub async fn with_status_since(store: &Store, statuses: &[OrderStatus], since: i64) -> Result<Vec<String>, sqlx::Error> {
    let sql = format!("SELECT order_id FROM orders WHERE status IN ({}) AND created >= $1", store::name_list(statuses));
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(since).fetch_all(store.pool()).await
}

/// The attempt `key` charged nothing: its order is payable again.
pub async fn release<'c>(e: impl Executor<'c, Database = Any>, order_id: &str, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET status = $3, trans_id = NULL WHERE order_id = $1 AND attempt_key = $2 AND status = $4")
        .bind(order_id)
        .bind(key)
        .bind(OrderStatus::New.as_str())
        .bind(OrderStatus::Processing.as_str())
        .execute(e)
        .await?;
    Ok(())
}

/// `GET /api/orders/{order_id}`: the order's status for polling and the result page. An
/// order whose attempt has no known outcome is settled with the gateway first.
pub async fn get_order(State(app): State<App>, Path(id): Path<String>) -> AppResult<Json<Value>> {
    let order = load_or_404(&app, &id).await?;
    reconcile::order(&app, &order).await?;
    let reversed = super::reversal::of_order(&app.store, &id).await?;
    Ok(Json(load_or_404(&app, &id).await?.to_json(&reversed)))
}
