//! The PostgreSQL server of a test run: `scripts/postgres.sh` starts one on a loopback
//! port and names it in `SANDBOX_TEST_POSTGRES`.

use sqlx::Connection;

/// The server's URL (`postgres://USER@127.0.0.1:PORT`), or why the test cannot run.
pub fn server() -> String {
    std::env::var("SANDBOX_TEST_POSTGRES")
        .expect("SANDBOX_TEST_POSTGRES names a PostgreSQL server: `bash scripts/postgres.sh run cargo test …` starts one")
}

/// Whether this run puts the in-process servers' merchant records on PostgreSQL
/// (`SANDBOX_TEST_STORE=postgres`, the second pass of `scripts/test.sh`).
pub fn chosen() -> bool {
    std::env::var("SANDBOX_TEST_STORE").is_ok_and(|s| s == "postgres")
}

/// An empty database named for the test on the run's server: its URL.
pub async fn fresh_database(name: &str) -> String {
    sqlx::any::install_default_drivers();
    let server = server();
    let db: String = format!("test_{name}").chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    let mut c = sqlx::AnyConnection::connect(&format!("{server}/postgres")).await.expect("the test PostgreSQL server answers");
    for sql in [format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"), format!("CREATE DATABASE {db}")] {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.unwrap();
    }
    format!("{server}/{db}")
}
