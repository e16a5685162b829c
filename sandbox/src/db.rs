//! The sandbox's state in SQLite, so a restart (even in the middle of 3-D Secure) loses
//! nothing, and several sandbox processes on one file still charge an order once: every
//! decision that matters is one conditional statement or one IMMEDIATE transaction, which
//! SQLite serialises across processes as a server database would across connections.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::types::{FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::Connection;

#[derive(Clone)]
pub struct Db(Arc<Mutex<Connection>>);

/// Bumped when a table changes shape; an older sandbox file is started afresh.
const SCHEMA_VERSION: i64 = 3;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY, amount TEXT NOT NULL, currency TEXT NOT NULL, description TEXT NOT NULL,
  gateway TEXT NOT NULL, auth INTEGER NOT NULL, async INTEGER NOT NULL,
  status TEXT NOT NULL, attempt_key TEXT, decline_reason TEXT, descriptor TEXT, trans_id TEXT,
  email TEXT, card_part TEXT, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
  key TEXT PRIMARY KEY, order_id TEXT NOT NULL, binding TEXT NOT NULL, state TEXT NOT NULL,
  trans_id TEXT, http_status INTEGER, body TEXT, started_ms INTEGER NOT NULL, email TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_by_order ON attempts (order_id);
CREATE INDEX IF NOT EXISTS attempts_by_state ON attempts (state, started_ms);
CREATE TABLE IF NOT EXISTS reversals (
  trans_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
  state TEXT NOT NULL, created INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS reversals_by_order ON reversals (order_id);
CREATE TABLE IF NOT EXISTS merchant_callbacks (
  id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, trans_id TEXT NOT NULL, body TEXT NOT NULL,
  decision TEXT NOT NULL, received INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS customers (
  session TEXT PRIMARY KEY, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS saved_cards (
  id TEXT PRIMARY KEY, customer TEXT NOT NULL, gateway TEXT NOT NULL, gateway_token TEXT NOT NULL,
  last4 TEXT NOT NULL, brand TEXT NOT NULL, card_part TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS gw_tx (
  trans_id TEXT PRIMARY KEY, dialect TEXT NOT NULL, order_id TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
  email TEXT NOT NULL, card_part TEXT NOT NULL, exp TEXT NOT NULL, status TEXT NOT NULL, final_ok INTEGER NOT NULL,
  auth INTEGER NOT NULL, decline_reason TEXT, return_url TEXT, notify_url TEXT, card_token TEXT, browser TEXT,
  created_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS gw_tx_by_order ON gw_tx (order_id);
CREATE TABLE IF NOT EXISTS gw_tokens (
  token TEXT PRIMARY KEY, number TEXT NOT NULL, exp_month TEXT NOT NULL, exp_year TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gw_callbacks (
  id INTEGER PRIMARY KEY, trans_id TEXT NOT NULL, url TEXT NOT NULL, content_type TEXT NOT NULL, body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, delivered INTEGER NOT NULL DEFAULT 0);
";

const TABLES: [&str; 10] = [
    "orders",
    "attempts",
    "reversals",
    "merchant_callbacks",
    "customers",
    "saved_cards",
    "gw_tx",
    "gw_tokens",
    "gw_callbacks",
    "idempotency",
];

impl Db {
    pub fn open(path: &Path) -> rusqlite::Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        }
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != SCHEMA_VERSION {
            for t in TABLES {
                tx.execute_batch(&format!("DROP TABLE IF EXISTS {t};"))?;
            }
            tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))?;
        }
        tx.execute_batch(SCHEMA)?;
        tx.commit()?;
        Ok(Db(Arc::new(Mutex::new(conn))))
    }

    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (statements are atomic).
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// A Rust enum stored by its name: `as_str` writes it, `parse` reads it back.
#[allow(clippy::wrong_self_convention)] // the enums are Copy: by value is by reference
pub trait SqlName: Sized {
    fn as_str(self) -> &'static str;
    fn parse(s: &str) -> Option<Self>;
}

/// Implements `ToSql`/`FromSql` for [`SqlName`] enums (one impl each; a blanket impl
/// over a local trait is not allowed for rusqlite's traits).
#[macro_export]
macro_rules! stored_by_name {
    ($($t:ty),*) => {$(
        impl rusqlite::types::ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                $crate::db::to_sql(*self)
            }
        }
        impl rusqlite::types::FromSql for $t {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                $crate::db::from_sql(v)
            }
        }
    )*};
}

pub fn to_sql<T: SqlName>(v: T) -> rusqlite::Result<ToSqlOutput<'static>> {
    Ok(ToSqlOutput::from(v.as_str()))
}

pub fn from_sql<T: SqlName>(v: ValueRef<'_>) -> FromSqlResult<T> {
    let s = v.as_str()?;
    T::parse(s).ok_or_else(|| FromSqlError::Other(format!("unknown stored name {s:?}").into()))
}
