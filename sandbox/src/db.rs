//! The emulated gateway's records in SQLite, so a restart (even in the middle of 3-D
//! Secure) loses nothing, and several sandbox processes on one file still act as one
//! gateway: every decision is one conditional statement. (The merchant backend's own
//! tables are `store.rs`'s.)

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::types::{FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use rusqlite::Connection;

#[derive(Clone)]
pub struct Db(Arc<Mutex<Connection>>);

/// Bumped when a table changes shape; an older sandbox file is started afresh.
const SCHEMA_VERSION: i64 = 4;

const SCHEMA: &str = "
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

/// Every table a sandbox file has held (the merchant's before they moved to `store.rs`).
const TABLES: [&str; 11] = [
    "_sqlx_migrations",
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

/// A Rust enum stored by its name: `as_str` writes it, `parse` reads it back. The names
/// are strum's (`IntoStaticStr` + `EnumString`), declared once on each variant.
#[allow(clippy::wrong_self_convention)] // the enums are Copy: by value is by reference
pub trait SqlName: Copy + Into<&'static str> + std::str::FromStr {
    fn as_str(self) -> &'static str {
        self.into()
    }
    fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }
}

impl<T: Copy + Into<&'static str> + std::str::FromStr> SqlName for T {}

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
