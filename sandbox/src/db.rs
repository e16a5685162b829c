//! The sandbox's state in SQLite, so a restart (even in the middle of 3-D Secure) loses
//! nothing. One connection behind a mutex: the sandbox is a test tool, not a bank.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::Connection;

#[derive(Clone)]
pub struct Db(Arc<Mutex<Connection>>);

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY, amount TEXT NOT NULL, currency TEXT NOT NULL, description TEXT NOT NULL,
  gateway TEXT NOT NULL, auth TEXT NOT NULL, async TEXT NOT NULL,
  status TEXT NOT NULL, decline_reason TEXT, descriptor TEXT, trans_id TEXT,
  email TEXT, card_part TEXT, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY, order_id TEXT NOT NULL, http_status INTEGER, body TEXT);
CREATE TABLE IF NOT EXISTS merchant_callbacks (
  id INTEGER PRIMARY KEY, order_id TEXT, trans_id TEXT, body TEXT NOT NULL, accepted INTEGER NOT NULL, received INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS saved_cards (
  email TEXT PRIMARY KEY, card_token TEXT NOT NULL, last4 TEXT NOT NULL, brand TEXT NOT NULL, card_part TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gw_tx (
  trans_id TEXT PRIMARY KEY, dialect TEXT NOT NULL, order_id TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
  email TEXT NOT NULL, card_part TEXT NOT NULL, exp TEXT NOT NULL, status TEXT NOT NULL, final_ok INTEGER NOT NULL,
  auth TEXT NOT NULL, decline_reason TEXT, return_url TEXT, notify_url TEXT, card_token TEXT, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS gw_tokens (
  token TEXT PRIMARY KEY, number TEXT NOT NULL, exp_month TEXT NOT NULL, exp_year TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS gw_callbacks (
  id INTEGER PRIMARY KEY, trans_id TEXT NOT NULL, url TEXT NOT NULL, content_type TEXT NOT NULL, body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, delivered INTEGER NOT NULL DEFAULT 0);
";

impl Db {
    pub fn open(path: &Path) -> rusqlite::Result<Db> {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
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
