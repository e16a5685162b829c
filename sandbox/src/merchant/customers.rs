//! The payer's session and the cards kept for it. Gateway tokens stay here: the browser
//! gets an opaque saved-card id with the last four digits and the brand, and that id pays
//! only inside the session that saved it.

use axum::http::HeaderMap;
use checkout_rules::card;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::db::now;
use crate::{sign, App, Dialect};

/// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site
/// sends it), Path=/, Secure outside loopback, expiring on the server as in the browser.
pub const COOKIE: &str = "sandbox_customer";

/// How long a session lasts, on the server as in the cookie.
const SESSION_SECS: i64 = 30 * 24 * 3600;

/// The customer of a request, if it carries an unexpired session this backend started.
pub fn of_request(app: &App, headers: &HeaderMap) -> rusqlite::Result<Option<String>> {
    let Some(id) = cookie(headers, COOKIE) else { return Ok(None) };
    let since = now() - SESSION_SECS;
    app.db
        .conn()
        .query_row("SELECT session FROM customers WHERE session = ?1 AND created >= ?2", params![&id, since], |r| r.get(0))
        .optional()
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Starts a session: its id and the `Set-Cookie` value.
pub fn start(app: &App) -> rusqlite::Result<(String, String)> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    app.db.conn().execute("INSERT INTO customers (session, created) VALUES (?1, ?2)", params![id, now()])?;
    // Secure wherever the page is not plain loopback HTTP (where browsers would drop it)
    let secure = if crate::is_loopback_http(&app.cfg.base) { "" } else { "; Secure" };
    Ok((id.clone(), format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECS}{secure}")))
}

/// What the page and the widget see of a saved card: never the token.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct SavedCard {
    pub id: String,
    pub last4: String,
    pub brand: String,
}

/// The customer's newest saved card for this gateway family.
pub fn saved_card(app: &App, customer: &str, gateway: Dialect) -> rusqlite::Result<Option<SavedCard>> {
    let c = app.db.conn();
    let mut st = c.prepare("SELECT id, last4, brand, gateway FROM saved_cards WHERE customer = ?1 ORDER BY created DESC, rowid DESC")?;
    let mut rows = st.query([customer])?;
    while let Some(r) = rows.next()? {
        if r.get::<_, Dialect>(3)?.is_platform() == gateway.is_platform() {
            return Ok(Some(SavedCard { id: r.get(0)?, last4: r.get(1)?, brand: r.get(2)? }));
        }
    }
    Ok(None)
}

/// A saved card's gateway token and card part, if `id` belongs to `customer` and to the
/// order's gateway family.
pub fn token_of(app: &App, customer: &str, id: &str, gateway: Dialect) -> rusqlite::Result<Option<(String, String)>> {
    let row: Option<(String, String, Dialect)> = app
        .db
        .conn()
        .query_row("SELECT gateway_token, card_part, gateway FROM saved_cards WHERE id = ?1 AND customer = ?2", [id, customer], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(row.filter(|(_, _, g)| g.is_platform() == gateway.is_platform()).map(|(t, p, _)| (t, p)))
}

/// Keeps the gateway's token of a card the payer asked to save, for their session.
pub fn save(app: &App, customer: &str, gateway: Dialect, token: &str, number: &str) -> rusqlite::Result<()> {
    let brand = card::detect(number).map_or("card", |b| b.as_str());
    let id = format!("card_{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
    app.db.conn().execute(
        "INSERT INTO saved_cards (id, customer, gateway, gateway_token, last4, brand, card_part, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, customer, gateway, token, card::last4(number), brand, sign::card_part(number), now()],
    )?;
    Ok(())
}
