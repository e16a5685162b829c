//! The merchant backend's database: a SQLite file (the embedded default) or PostgreSQL
//! (several backend instances on one server). One schema (`migrations/`, versioned by
//! sqlx) and one set of queries through sqlx's `Any` driver, written with `$n` parameters,
//! which both engines read.
//!
//! Every decision that must hold across instances is one conditional statement, or a
//! transaction whose first statement writes: PostgreSQL locks the row it changes, and
//! SQLite's transactions here begin IMMEDIATE, so neither ever decides on a stale read.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use log::LevelFilter;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, ConnectOptions, Row, Transaction};

use crate::db::SqlName;

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    pub engine: Engine,
}

impl Store {
    /// Opens `url` (`postgres://…`, or `sqlite://PATH`) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Store, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let engine: Engine = url.parse().map_err(|e: String| sqlx::Error::Configuration(e.into()))?;
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        // every statement at trace level only; a slow one (over 1 s) is a warning
        let connect = AnyConnectOptions::from_str(url)?.log_statements(LevelFilter::Trace);
        let pool = match engine {
            Engine::Postgres => options.max_connections(16).connect_with(connect).await?,
            // One connection: SQLite writes one at a time anyway, and a queue in the pool is
            // fair where connections contending for the file sleep in SQLite's busy handler.
            // Another process may hold the file: a writer waits its turn instead of failing.
            Engine::Sqlite => {
                let pragmas = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL";
                options
                    .max_connections(1)
                    .after_connect(move |c, _| Box::pin(async move { sqlx::raw_sql(pragmas).execute(c).await.map(drop) }))
                    .connect_with(connect)
                    .await?
            }
        };
        MIGRATIONS.run(&pool).await?;
        Ok(Store { pool, engine })
    }

    /// The SQLite file at `path` (created with its directory if missing).
    pub async fn sqlite(path: &Path) -> Result<Store, sqlx::Error> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        Store::open(&format!("sqlite://{}?mode=rwc", path.display())).await
    }

    /// The pool, as the executor of one statement.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction that holds its writes' locks from its first statement on.
    pub async fn begin(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool.begin().await,
        }
    }

    /// Whether the database answers (`/readyz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").fetch_one(&self.pool).await.is_ok()
    }
}

/// An enum column, stored by its name.
pub fn named<T: SqlName>(row: &AnyRow, column: &str) -> Result<T, sqlx::Error> {
    let name: String = row.try_get(column)?;
    T::parse(&name).ok_or_else(|| sqlx::Error::Decode(format!("unknown stored name {name:?} in {column}").into()))
}

/// A 0/1 column as a flag.
pub fn flag(row: &AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    Ok(row.try_get::<i64, _>(column)? != 0)
}

/// `'A','B'` for SQL `IN (…)`: names are fixed ASCII, never payer input.
pub fn name_list<T: SqlName + Copy>(list: &[T]) -> String {
    let names: Vec<String> = list.iter().map(|s| format!("'{}'", s.as_str())).collect();
    if names.is_empty() {
        "NULL".into()
    } else {
        names.join(",")
    }
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        }
    }
}

impl FromStr for Engine {
    type Err = String;
    fn from_str(url: &str) -> Result<Engine, String> {
        match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("postgres" | "postgresql") => Ok(Engine::Postgres),
            Some("sqlite") => Ok(Engine::Sqlite),
            _ => Err("must start with postgres:// or sqlite://".into()),
        }
    }
}
