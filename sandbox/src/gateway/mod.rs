//! The gateway emulator: the Payment Platform POST protocol (dialect A, [`platform`]) and
//! PayCross API v3 (dialect B, [`paycross`]), their test cards, an ACS page for 3-D
//! Secure ([`acs`]) and callbacks with retries ([`notify`]). It counts every charge
//! honestly and never protects a merchant from charging an order twice: that is the
//! merchant backend's job, and the tests count on the emulator to show it.

pub mod acs;
pub mod error;
pub mod notify;
pub mod paycross;
pub mod paycross_children;
pub mod platform;

use checkout_rules::{card, PayCrossStatus, Today, TxStatus};
use rusqlite::{params, OptionalExtension};

use crate::db::now_ms;
use crate::{stored_by_name, App, Dialect};

/// How a test card ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path3 {
    /// Final at once; `true` = approved.
    Direct(bool),
    /// Through the ACS first (`3DS` status), then approved or not.
    ThreeDs(bool),
    /// Through a GET redirect first (`REDIRECT` status), then approved or not.
    Redirect(bool),
}

impl Path3 {
    pub fn approves(self) -> bool {
        matches!(self, Path3::Direct(true) | Path3::ThreeDs(true) | Path3::Redirect(true))
    }
}

/// Dialect A test engine: card 4111111111111111, expiry picks the path (PROTOCOL.md).
pub fn platform_path(number: &str, month: &str, year: &str) -> Path3 {
    if number != "4111111111111111" {
        return Path3::Direct(true);
    }
    match (month, year) {
        ("02", "2038") => Path3::Direct(false),
        ("05", "2038") => Path3::ThreeDs(true),
        ("06", "2038") => Path3::ThreeDs(false),
        ("12", "2038") => Path3::Redirect(true),
        ("12", "2039") => Path3::Redirect(false),
        _ => Path3::Direct(true),
    }
}

/// Dialect B test cards of the platform family.
pub fn paycross_path(number: &str) -> Path3 {
    match number {
        "4005550000000019" => Path3::Direct(false),
        "4012000000001097" => Path3::ThreeDs(true),
        "4012000000001014" => Path3::ThreeDs(false),
        _ => Path3::Direct(true),
    }
}

/// The server's date, for expiry checks: read where it is needed, never defaulted.
pub fn today() -> Today {
    let d = time::OffsetDateTime::now_utc().date();
    Today { year: d.year() as u16, month: u8::from(d.month()), day: d.day() }
}

pub fn trans_date() -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::now_utc().format(&f).unwrap_or_default()
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A transaction's status at the emulated gateway, written in each dialect's words by
/// [`GwStatus::platform`] and [`GwStatus::paycross`]; its own names are what its database
/// stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum GwStatus {
    /// Accepted for asynchronous processing: the outcome comes later, by callback.
    Processing,
    Settled,
    /// Authorised, held until CAPTURE.
    Pending,
    Declined,
    /// Waiting for the payer at the ACS (POST redirect).
    #[strum(serialize = "3DS")]
    ThreeDs,
    /// Waiting for the payer at a GET redirect.
    Redirect,
    /// A settled payment given back (CREDITVOID, PayCross refund).
    #[strum(serialize = "REFUND")]
    Refunded,
    /// A held authorisation released (CREDITVOID of a PENDING one).
    #[strum(serialize = "REVERSAL")]
    Reversed,
}

impl GwStatus {
    /// The Platform's status for it; none while it is processed asynchronously (ACCEPTED).
    pub fn platform(self) -> Option<TxStatus> {
        match self {
            GwStatus::Processing => None,
            GwStatus::Settled => Some(TxStatus::Settled),
            GwStatus::Pending => Some(TxStatus::Pending),
            GwStatus::Declined => Some(TxStatus::Declined),
            GwStatus::ThreeDs => Some(TxStatus::ThreeDs),
            GwStatus::Redirect => Some(TxStatus::Redirect),
            GwStatus::Refunded => Some(TxStatus::Refund),
            GwStatus::Reversed => Some(TxStatus::Reversal),
        }
    }
    pub fn paycross(self) -> PayCrossStatus {
        match self {
            GwStatus::Settled | GwStatus::Pending => PayCrossStatus::Successful,
            GwStatus::Declined => PayCrossStatus::Failed,
            GwStatus::ThreeDs | GwStatus::Redirect => PayCrossStatus::Incomplete,
            GwStatus::Processing => PayCrossStatus::Pending,
            // a refunded payment stays successful; its refund is a transaction of its own
            GwStatus::Refunded | GwStatus::Reversed => PayCrossStatus::Successful,
        }
    }
    pub fn awaits_payer(self) -> bool {
        matches!(self, GwStatus::ThreeDs | GwStatus::Redirect)
    }
    /// Money moved (or is held) for this transaction: what the tests count as a charge.
    pub fn is_charge(self) -> bool {
        matches!(self, GwStatus::Settled | GwStatus::Pending)
    }
}

stored_by_name!(GwStatus);

/// One transaction of the emulated gateway.
#[derive(Clone, Debug)]
pub struct Tx {
    pub trans_id: String,
    pub dialect: Dialect,
    pub order_id: String,
    /// As the request wrote it: `1.99` in dialect A, minor units in dialect B.
    pub amount: String,
    pub currency: String,
    pub email: String,
    /// First six and last four digits (ASCII digits only).
    pub card_part: String,
    pub exp: String,
    pub status: GwStatus,
    /// How the ACS or the async path ends.
    pub final_ok: bool,
    pub auth: bool,
    pub decline_reason: Option<String>,
    pub return_url: Option<String>,
    pub notify_url: Option<String>,
    pub card_token: Option<String>,
    pub created_ms: i64,
}

impl Tx {
    /// The card as status answers show it: first six, stars, last four.
    pub fn masked_card(&self) -> String {
        let (first6, last4) = self.card_part.split_at(self.card_part.len().min(6));
        format!("{first6}******{last4}")
    }

    pub fn last4(&self) -> &str {
        card::last4(&self.card_part)
    }
}

const TX_COLUMNS: &str = "trans_id, dialect, order_id, amount, currency, email, card_part, exp, status, final_ok, auth, \
    decline_reason, return_url, notify_url, card_token, created_ms";

fn tx_of(r: &rusqlite::Row) -> rusqlite::Result<Tx> {
    Ok(Tx {
        trans_id: r.get(0)?,
        dialect: r.get(1)?,
        order_id: r.get(2)?,
        amount: r.get(3)?,
        currency: r.get(4)?,
        email: r.get(5)?,
        card_part: r.get(6)?,
        exp: r.get(7)?,
        status: r.get(8)?,
        final_ok: r.get(9)?,
        auth: r.get(10)?,
        decline_reason: r.get(11)?,
        return_url: r.get(12)?,
        notify_url: r.get(13)?,
        card_token: r.get(14)?,
        created_ms: r.get(15)?,
    })
}

pub fn insert_tx(app: &App, tx: &Tx) -> rusqlite::Result<()> {
    app.emulator().conn().execute(
        &format!("INSERT INTO gw_tx ({TX_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"),
        params![
            tx.trans_id,
            tx.dialect,
            tx.order_id,
            tx.amount,
            tx.currency,
            tx.email,
            tx.card_part,
            tx.exp,
            tx.status,
            tx.final_ok,
            tx.auth,
            tx.decline_reason,
            tx.return_url,
            tx.notify_url,
            tx.card_token,
            tx.created_ms
        ],
    )?;
    Ok(())
}

pub fn load_tx(app: &App, trans_id: &str) -> rusqlite::Result<Option<Tx>> {
    app.emulator().conn().query_row(&format!("SELECT {TX_COLUMNS} FROM gw_tx WHERE trans_id = ?1"), [trans_id], tx_of).optional()
}

/// Every transaction of an order, oldest first.
pub fn txs_of_order(app: &App, order_id: &str) -> rusqlite::Result<Vec<Tx>> {
    let c = app.emulator().conn();
    let mut st = c.prepare(&format!("SELECT {TX_COLUMNS} FROM gw_tx WHERE order_id = ?1 ORDER BY rowid"))?;
    let rows = st.query_map([order_id], tx_of)?;
    rows.collect()
}

pub fn set_tx_status(app: &App, trans_id: &str, status: GwStatus, reason: Option<&str>) -> rusqlite::Result<()> {
    app.emulator()
        .conn()
        .execute("UPDATE gw_tx SET status = ?2, decline_reason = ?3 WHERE trans_id = ?1", params![trans_id, status, reason])?;
    Ok(())
}

/// A card as the vault keeps it: number, expiry month, expiry year.
pub type Card = (String, String, String);

/// The card a token stands for.
pub fn vault(app: &App, token: &str) -> rusqlite::Result<Option<Card>> {
    app.emulator()
        .conn()
        .query_row("SELECT number, exp_month, exp_year FROM gw_tokens WHERE token = ?1", [token], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()
}

/// Keeps a card and returns its new token (64 characters, as spec/002 says).
pub fn tokenize(app: &App, number: &str, month: &str, year: &str) -> rusqlite::Result<String> {
    let token = format!("{}{}", new_id(), new_id());
    app.emulator().conn().execute(
        "INSERT INTO gw_tokens (token, number, exp_month, exp_year) VALUES (?1, ?2, ?3, ?4)",
        params![token, number, month, year],
    )?;
    Ok(token)
}

/// 3-D Secure pages the payer left: after the ACS timeout the bank declines them, and the
/// merchant is told by callback, so no order waits on a payer who never comes back.
pub async fn expire_abandoned(app: &App) {
    let cutoff = now_ms() - app.cfg.acs_timeout.as_millis() as i64;
    let expired: rusqlite::Result<Vec<String>> = app
        .emulator()
        .conn()
        .prepare("UPDATE gw_tx SET status = ?1, decline_reason = ?2 WHERE status IN (?3, ?4) AND created_ms < ?5 RETURNING trans_id")
        .and_then(|mut st| {
            let reason = "3-D Secure was not completed in time";
            st.query_map(params![GwStatus::Declined, reason, GwStatus::ThreeDs, GwStatus::Redirect, cutoff], |r| r.get(0))?.collect()
        });
    match expired {
        Ok(ids) => {
            for id in ids {
                notify::transaction_changed(app, &id).await;
            }
        }
        Err(e) => tracing::error!(error = %e, "gateway emulator: cannot expire 3-D Secure sessions"),
    }
}

/// [`expire_abandoned`] on a clock, so the callback goes out even when nobody asks.
pub async fn expire_abandoned_forever(app: App) {
    let every = (app.cfg.acs_timeout / 4).clamp(std::time::Duration::from_millis(50), std::time::Duration::from_secs(30));
    loop {
        tokio::time::sleep(every).await;
        expire_abandoned(&app).await;
    }
}
