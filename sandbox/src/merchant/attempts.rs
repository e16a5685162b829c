//! One Idempotency-Key names one attempt to pay one order with one request. The attempt
//! claims its order atomically, and its answer is stored only once it is final.

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use crate::db::{now_ms, SqlName};
use crate::status::{AttemptState, OrderStatus};
use crate::store::{self, Store};

#[derive(Clone, Debug)]
pub struct Attempt {
    pub key: String,
    pub order_id: String,
    /// The keyed digest of what the request said (see [`super::binding`]): the same key
    /// with another request is refused.
    pub binding: String,
    pub state: AttemptState,
    pub trans_id: Option<String>,
    /// The final answer, replayed to the same key.
    pub http_status: Option<u16>,
    pub body: Option<String>,
    pub started_ms: i64,
}

fn from_row(r: &AnyRow) -> Result<Attempt, sqlx::Error> {
    Ok(Attempt {
        key: r.try_get("key")?,
        order_id: r.try_get("order_id")?,
        binding: r.try_get("binding")?,
        state: store::named(r, "state")?,
        trans_id: r.try_get("trans_id")?,
        http_status: r.try_get::<Option<i64>, _>("http_status")?.and_then(|s| u16::try_from(s).ok()),
        body: r.try_get("body")?,
        started_ms: r.try_get("started_ms")?,
    })
}

pub async fn find<'c>(e: impl Executor<'c, Database = Any>, key: &str) -> Result<Option<Attempt>, sqlx::Error> {
    let row = sqlx::query("SELECT key, order_id, binding, state, trans_id, http_status, body, started_ms FROM attempts WHERE key = $1")
        .bind(key)
        .fetch_optional(e)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// How a claim ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// This attempt holds the order now.
    Won,
    /// Another request with the same key got there first.
    KeyTaken,
    /// The order is paid or being paid (its status).
    NotPayable(OrderStatus),
}

/// What the attempt will sign with: its payer and card (first six and last four).
pub struct Payer<'a> {
    pub email: &'a str,
    pub card_part: &'a str,
}

/// Claims `order_id` for the attempt `key` in one transaction: the attempt's row and the
/// order's conditional `UPDATE … WHERE status IN (payable)`, which must change one row.
/// Two requests, two processes or two servers on one database: one wins.
pub async fn claim(store: &Store, key: &str, order_id: &str, binding: &str, payer: &Payer<'_>) -> Result<Claim, sqlx::Error> {
    let mut tx = store.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO attempts (key, order_id, binding, state, started_ms, email) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(key)
    .bind(order_id)
    .bind(binding)
    .bind(AttemptState::InFlight.as_str())
    .bind(now_ms())
    .bind(payer.email)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() != 1 {
        return Ok(Claim::KeyTaken);
    }
    let sql = format!(
        "UPDATE orders SET status = $3, attempt_key = $2, trans_id = NULL, decline_reason = NULL, email = $4, card_part = $5
         WHERE order_id = $1 AND status IN ({})",
        store::name_list(OrderStatus::Processing.follows())
    );
    let claimed = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(order_id)
        .bind(key)
        .bind(OrderStatus::Processing.as_str())
        .bind(payer.email)
        .bind(payer.card_part)
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() != 1 {
        let row = sqlx::query("SELECT status FROM orders WHERE order_id = $1").bind(order_id).fetch_one(&mut *tx).await?;
        return Ok(Claim::NotPayable(store::named(&row, "status")?)); // dropping `tx` rolls the attempt back
    }
    tx.commit().await?;
    Ok(Claim::Won)
}

/// The attempt's answer is final: stored, and replayed from now on.
pub async fn finish<'c>(
    e: impl Executor<'c, Database = Any>,
    key: &str,
    trans_id: Option<&str>,
    http_status: u16,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE attempts SET state = $2, trans_id = COALESCE($3, trans_id), http_status = $4, body = $5 WHERE key = $1")
        .bind(key)
        .bind(AttemptState::Final.as_str())
        .bind(trans_id)
        .bind(i64::from(http_status))
        .bind(body)
        .execute(e)
        .await?;
    Ok(())
}

/// The gateway had no payment of this attempt long after it could have arrived: its
/// answer is stored, and it stays watched for a late charge ([`AttemptState::Released`]).
pub async fn release<'c>(e: impl Executor<'c, Database = Any>, key: &str, http_status: u16, body: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE attempts SET state = $2, http_status = $3, body = $4 WHERE key = $1 AND state != $5")
        .bind(key)
        .bind(AttemptState::Released.as_str())
        .bind(i64::from(http_status))
        .bind(body)
        .bind(AttemptState::Final.as_str())
        .execute(e)
        .await?;
    Ok(())
}

/// Orders with an attempt released since `since_ms`: where a late charge may appear.
pub async fn orders_with_released(store: &Store, since_ms: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT order_id FROM attempts WHERE state = $1 AND started_ms >= $2")
        .bind(AttemptState::Released.as_str())
        .bind(since_ms)
        .fetch_all(store.pool())
        .await
}

/// Whether the order has a released attempt started since `since_ms`.
pub async fn has_released(store: &Store, order_id: &str, since_ms: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attempts WHERE order_id = $1 AND state = $2 AND started_ms >= $3")
        .bind(order_id)
        .bind(AttemptState::Released.as_str())
        .bind(since_ms)
        .fetch_one(store.pool())
        .await?;
    Ok(n > 0)
}

/// The payer emails the order's attempts signed with (status queries by order name one).
pub async fn emails_of(store: &Store, order_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT email FROM attempts WHERE order_id = $1").bind(order_id).fetch_all(store.pool()).await
}

/// The gateway may or may not have charged: nothing is stored as this key's answer.
pub async fn mark_unknown<'c>(e: impl Executor<'c, Database = Any>, key: &str, trans_id: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE attempts SET state = $2, trans_id = COALESCE($3, trans_id) WHERE key = $1 AND state != $4")
        .bind(key)
        .bind(AttemptState::Unknown.as_str())
        .bind(trans_id)
        .bind(AttemptState::Final.as_str())
        .execute(e)
        .await?;
    Ok(())
}

/// Transactions other attempts of the order already own (a status query by order must
/// not hand one attempt's payment to another).
pub async fn owned_trans_ids(store: &Store, order_id: &str, except_key: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT trans_id FROM attempts WHERE order_id = $1 AND key != $2 AND trans_id IS NOT NULL")
        .bind(order_id)
        .bind(except_key)
        .fetch_all(store.pool())
        .await
}
