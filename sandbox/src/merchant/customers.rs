//! The payer's session and the cards kept for it. Gateway tokens stay here: the browser
//! gets an opaque saved-card id with the last four digits and the brand, and that id pays
//! only inside the session that saved it.

use axum::http::HeaderMap;
use checkout_rules::card;
use serde::Serialize;
use sqlx::Row;

use crate::db::{now, now_ms, SqlName};
use crate::store;
use crate::{sign, App, Dialect};

/// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site
/// sends it), Path=/, Secure outside loopback, expiring on the server as in the browser.
pub const COOKIE: &str = "sandbox_customer";

/// How long a session lasts, on the server as in the cookie.
const SESSION_SECS: i64 = 30 * 24 * 3600;

/// The customer of a request, if it carries an unexpired session this backend started.
pub async fn of_request(app: &App, headers: &HeaderMap) -> Result<Option<String>, sqlx::Error> {
    let Some(id) = cookie(headers, COOKIE) else { return Ok(None) };
    sqlx::query_scalar("SELECT session FROM customers WHERE session = $1 AND created >= $2")
        .bind(id)
        .bind(now() - SESSION_SECS)
        .fetch_optional(app.store.pool())
        .await
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
pub async fn start(app: &App) -> Result<(String, String), sqlx::Error> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    sqlx::query("INSERT INTO customers (session, created) VALUES ($1, $2)").bind(&id).bind(now()).execute(app.store.pool()).await?;
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
pub async fn saved_card(app: &App, customer: &str, gateway: Dialect) -> Result<Option<SavedCard>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, last4, brand, gateway FROM saved_cards WHERE customer = $1 ORDER BY created_ms DESC, id DESC")
        .bind(customer)
        .fetch_all(app.store.pool())
        .await?;
    for r in rows {
        if store::named::<Dialect>(&r, "gateway")?.is_platform() == gateway.is_platform() {
            return Ok(Some(SavedCard { id: r.try_get("id")?, last4: r.try_get("last4")?, brand: r.try_get("brand")? }));
        }
    }
    Ok(None)
}

/// A saved card's gateway token and card part, if `id` belongs to `customer` and to the
/// order's gateway family.
pub async fn token_of(app: &App, customer: &str, id: &str, gateway: Dialect) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query("SELECT gateway_token, card_part, gateway FROM saved_cards WHERE id = $1 AND customer = $2")
        .bind(id)
        .bind(customer)
        .fetch_optional(app.store.pool())
        .await?;
    let Some(r) = row else { return Ok(None) };
    let same_family = store::named::<Dialect>(&r, "gateway")?.is_platform() == gateway.is_platform();
    Ok(if same_family { Some((r.try_get("gateway_token")?, r.try_get("card_part")?)) } else { None })
}

/// Keeps the gateway's token of a card the payer asked to save, for their session.
pub async fn save(app: &App, customer: &str, gateway: Dialect, token: &str, number: &str) -> Result<(), sqlx::Error> {
    let brand = card::detect(number).map_or("card", |b| b.as_str());
    let id = format!("card_{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
    sqlx::query(
        "INSERT INTO saved_cards (id, customer, gateway, gateway_token, last4, brand, card_part, created_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(customer)
    .bind(gateway.as_str())
    .bind(token)
    .bind(card::last4(number))
    .bind(brand)
    .bind(sign::card_part(number))
    .bind(now_ms())
    .execute(app.store.pool())
    .await?;
    Ok(())
}
