//! One Idempotency-Key names one attempt to pay one order with one request. The attempt
//! claims its order atomically, and its answer is stored only once it is final.

use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};

use crate::db::now_ms;
use crate::status::{AttemptState, OrderStatus};

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

pub fn find(c: &Connection, key: &str) -> rusqlite::Result<Option<Attempt>> {
    c.query_row("SELECT key, order_id, binding, state, trans_id, http_status, body, started_ms FROM attempts WHERE key = ?1", [key], |r| {
        Ok(Attempt {
            key: r.get(0)?,
            order_id: r.get(1)?,
            binding: r.get(2)?,
            state: r.get(3)?,
            trans_id: r.get(4)?,
            http_status: r.get(5)?,
            body: r.get(6)?,
            started_ms: r.get(7)?,
        })
    })
    .optional()
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

/// Claims `order_id` for the attempt `key` in one IMMEDIATE transaction: the attempt's row
/// and the order's conditional `UPDATE … WHERE status IN (payable)`, which must change
/// one row. Two requests, two processes or two servers on one database: one wins.
pub fn claim(c: &mut Connection, key: &str, order_id: &str, binding: &str, payer: &Payer) -> rusqlite::Result<Claim> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let inserted = tx.execute(
        "INSERT INTO attempts (key, order_id, binding, state, started_ms, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![key, order_id, binding, AttemptState::InFlight, now_ms(), payer.email],
    );
    match inserted {
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => return Ok(Claim::KeyTaken),
        other => other?,
    };
    let sql = format!(
        "UPDATE orders SET status = ?3, attempt_key = ?2, trans_id = NULL, decline_reason = NULL, email = ?4, card_part = ?5
         WHERE order_id = ?1 AND status IN ({})",
        OrderStatus::sql_list(OrderStatus::Processing.follows())
    );
    if tx.execute(&sql, params![order_id, key, OrderStatus::Processing, payer.email, payer.card_part])? != 1 {
        let status: OrderStatus = tx.query_row("SELECT status FROM orders WHERE order_id = ?1", [order_id], |r| r.get(0))?;
        return Ok(Claim::NotPayable(status)); // dropping `tx` rolls the attempt back
    }
    tx.commit()?;
    Ok(Claim::Won)
}

/// The attempt's answer is final: stored, and replayed from now on.
pub fn finish(c: &Connection, key: &str, trans_id: Option<&str>, http_status: u16, body: &str) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE attempts SET state = ?2, trans_id = COALESCE(?3, trans_id), http_status = ?4, body = ?5 WHERE key = ?1",
        params![key, AttemptState::Final, trans_id, http_status, body],
    )?;
    Ok(())
}

/// The gateway had no payment of this attempt long after it could have arrived: its
/// answer is stored, and it stays watched for a late charge ([`AttemptState::Released`]).
pub fn release(c: &Connection, key: &str, http_status: u16, body: &str) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE attempts SET state = ?2, http_status = ?3, body = ?4 WHERE key = ?1 AND state != ?5",
        params![key, AttemptState::Released, http_status, body, AttemptState::Final],
    )?;
    Ok(())
}

/// Orders with an attempt released since `since_ms`: where a late charge may appear.
pub fn orders_with_released(c: &Connection, since_ms: i64) -> rusqlite::Result<Vec<String>> {
    let mut st = c.prepare("SELECT DISTINCT order_id FROM attempts WHERE state = ?1 AND started_ms >= ?2")?;
    let rows = st.query_map(params![AttemptState::Released, since_ms], |r| r.get(0))?;
    rows.collect()
}

/// Whether the order has a released attempt started since `since_ms`.
pub fn has_released(c: &Connection, order_id: &str, since_ms: i64) -> rusqlite::Result<bool> {
    c.query_row(
        "SELECT EXISTS (SELECT 1 FROM attempts WHERE order_id = ?1 AND state = ?2 AND started_ms >= ?3)",
        params![order_id, AttemptState::Released, since_ms],
        |r| r.get(0),
    )
}

/// The payer emails the order's attempts signed with (status queries by order name one).
pub fn emails_of(c: &Connection, order_id: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = c.prepare("SELECT DISTINCT email FROM attempts WHERE order_id = ?1")?;
    let rows = st.query_map([order_id], |r| r.get(0))?;
    rows.collect()
}

/// The gateway may or may not have charged: nothing is stored as this key's answer.
pub fn mark_unknown(c: &Connection, key: &str, trans_id: Option<&str>) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE attempts SET state = ?2, trans_id = COALESCE(?3, trans_id) WHERE key = ?1 AND state != ?4",
        params![key, AttemptState::Unknown, trans_id, AttemptState::Final],
    )?;
    Ok(())
}

/// Transactions other attempts of the order already own (a status query by order must
/// not hand one attempt's payment to another).
pub fn owned_trans_ids(c: &Connection, order_id: &str, except_key: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = c.prepare("SELECT trans_id FROM attempts WHERE order_id = ?1 AND key != ?2 AND trans_id IS NOT NULL")?;
    let rows = st.query_map([order_id, except_key], |r| r.get(0))?;
    rows.collect()
}
