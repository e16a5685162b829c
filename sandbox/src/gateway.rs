//! The gateway emulator: the Payment Platform POST protocol (dialect A) and PayCross
//! API v3 (dialect B), their test cards, an ACS page for 3-D Secure, and callbacks.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use checkout_rules::payment::{self, Values};
use checkout_rules::{FieldId, Today};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};

use crate::db::now;
use crate::pages::esc;
use crate::{sign, App};

/// How a test card ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path3 {
    /// Final at once; `true` = approved.
    Direct(bool),
    /// Through the ACS first (`3DS` or `REDIRECT` status), then approved or not.
    ThreeDs(bool),
    Redirect(bool),
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

pub fn today() -> Today {
    let d = time::OffsetDateTime::now_utc().date();
    Today { year: d.year() as u16, month: u8::from(d.month()), day: d.day() }
}

fn trans_date() -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::OffsetDateTime::now_utc().format(&f).unwrap_or_default()
}

fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

fn a_error(message: &str, errors: &[(String, String)]) -> Response {
    (StatusCode::OK, Json(crate::wire::platform_error(message, errors))).into_response()
}

/// The card a token stands for: (number, exp_month, exp_year).
fn vault(app: &App, token: &str) -> Option<(String, String, String)> {
    app.db
        .conn()
        .query_row("SELECT number, exp_month, exp_year FROM gw_tokens WHERE token = ?1", [token], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()
        .unwrap_or(None)
}

/// Which fields a SALE must carry for the emulator (card data unless a token).
fn sale_required(f: FieldId) -> bool {
    matches!(
        f,
        FieldId::OrderId
            | FieldId::OrderAmount
            | FieldId::OrderCurrency
            | FieldId::OrderDescription
            | FieldId::CardNumber
            | FieldId::CardExpMonth
            | FieldId::CardExpYear
            | FieldId::CardCvv2
            | FieldId::PayerEmail
            | FieldId::TermUrl3ds
    )
}

/// `POST /gateway/post`: redirect_params as an object.
pub async fn post_sale(State(app): State<App>, body: String) -> Response {
    sale(app, body, false).await
}

/// `POST /gateway/v2/post`: redirect_params as `[{name, value}]`.
pub async fn post_sale_v2(State(app): State<App>, body: String) -> Response {
    sale(app, body, true).await
}

async fn sale(app: App, body: String, list_params: bool) -> Response {
    let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(&body) else {
        return a_error("Request body is not form-urlencoded.", &[]);
    };
    let map: BTreeMap<String, String> = pairs.into_iter().collect();
    let get = |k: &str| map.get(k).map(String::as_str).unwrap_or("");
    if get("client_key") != app.cfg.client_key {
        return a_error("Unknown client_key.", &[]);
    }
    match get("action") {
        "SALE" => {}
        "CAPTURE" => return capture(&app, &map),
        _ => return a_error("Only SALE and CAPTURE are emulated.", &[("action".into(), "must be SALE or CAPTURE".into())]),
    }
    if map.values().any(|v| v.len() > 4096) {
        return a_error("Request data is invalid.", &[("request".into(), "a value is too long".into())]);
    }
    let (mut values, _unknown): (Values, _) = payment::from_pairs(map.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let token = get("card_token").to_string();
    let has_card = !get("card_number").is_empty();
    // Paying with a token: the vault fills the card in (a token with card data is ignored).
    let mut vaulted = None;
    if !token.is_empty() && !has_card {
        let found = vault(&app, &token);
        match found {
            Some(c) => vaulted = Some(c),
            None => return a_error("Request data is invalid.", &[("card_token".into(), "Unknown card token.".into())]),
        }
    } else {
        values.remove(&FieldId::CardToken);
    }
    let problems = payment::check_all(&values, sale_required, today());
    if !problems.is_empty() {
        let errs: Vec<(String, String)> = problems.iter().map(|(f, p)| (f.name().to_string(), p.message_en().to_string())).collect();
        return a_error("Request data is invalid.", &errs);
    }
    if get("payer_ip").is_empty() || get("payer_ip").parse::<std::net::IpAddr>().is_err() {
        return a_error("Request data is invalid.", &[("payer_ip".into(), "must be an IP address".into())]);
    }
    let email = get("payer_email");
    let (number, month, year) = match &vaulted {
        Some((n, m, y)) => (n.clone(), m.clone(), y.clone()),
        None => (get("card_number").to_string(), get("card_exp_month").to_string(), get("card_exp_year").to_string()),
    };
    let expected =
        if vaulted.is_some() { sign::sale_token(email, &app.cfg.password, &token) } else { sign::sale(email, &app.cfg.password, &number) };
    if !sign::same(&expected, get("hash")) {
        return a_error("Hash is not valid.", &[("hash".into(), "does not match".into())]);
    }

    let trans_id = new_id();
    let auth = get("auth") == "Y";
    let path = platform_path(&number, &month, &year);
    let final_ok = matches!(path, Path3::Direct(true) | Path3::ThreeDs(true) | Path3::Redirect(true));
    let card_part = sign::card_part(&number);
    let new_token = (get("req_token") == "Y" && vaulted.is_none()).then(|| {
        let t = format!("{}{}", new_id(), new_id());
        let _ = app
            .db
            .conn()
            .execute("INSERT INTO gw_tokens (token, number, exp_month, exp_year) VALUES (?1, ?2, ?3, ?4)", params![t, number, month, year]);
        t
    });
    let initial = match path {
        Path3::Direct(true) => success_status(auth, &number, &month, &year),
        Path3::Direct(false) => "DECLINED",
        Path3::ThreeDs(_) => "3DS",
        Path3::Redirect(_) => "REDIRECT",
    };
    let is_async = get("async") == "Y";
    // Async: the answer says ACCEPTED and the callback carries the outcome (3-D Secure
    // is not part of the emulated async path: its cards settle as their final outcome).
    let stored_status = if is_async {
        if final_ok {
            success_status(auth, &number, &month, &year)
        } else {
            "DECLINED"
        }
    } else {
        initial
    };
    let decline = (!final_ok).then_some("Declined by the sandbox test card");
    app.db
        .conn()
        .execute(
            "INSERT INTO gw_tx (trans_id, dialect, order_id, amount, currency, email, card_part, exp, status, final_ok, auth, decline_reason, return_url, notify_url, card_token, created)
             VALUES (?1, 'A', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                trans_id,
                get("order_id"),
                get("order_amount"),
                get("order_currency"),
                email,
                card_part,
                format!("{month}/{year}"),
                stored_status,
                final_ok,
                if auth { "Y" } else { "N" },
                if matches!(path, Path3::Direct(false)) || is_async { decline } else { None },
                get("term_url_3ds"),
                app.cfg.callback_url,
                new_token,
                now()
            ],
        )
        .ok();

    let mut base = json!({"action": "SALE", "order_id": get("order_id"), "trans_id": trans_id, "trans_date": trans_date()});
    if is_async {
        base["result"] = json!("ACCEPTED");
        let app2 = app.clone();
        let id = trans_id.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(800)).await;
            queue_platform_callback(&app2, &id).await;
        });
        return Json(base).into_response();
    }
    match path {
        Path3::Direct(true) => {
            base["result"] = json!("SUCCESS");
            base["status"] = json!(initial);
            base["descriptor"] = json!(app.cfg.descriptor);
            base["amount"] = json!(get("order_amount"));
            base["currency"] = json!(get("order_currency"));
            if let Some(t) = &new_token {
                base["card_token"] = json!(t);
            }
            if get("recurring_init") == "Y" {
                base["recurring_token"] = json!(new_id());
            }
        }
        Path3::Direct(false) => {
            base["result"] = json!("DECLINED");
            base["status"] = json!("DECLINED");
            base["decline_reason"] = json!(decline);
        }
        Path3::ThreeDs(_) => {
            let acs = format!("{}/gateway/acs/{}", app.cfg.base, trans_id);
            let params = [
                ("PaReq", base64_of(&format!("pareq:{trans_id}"))),
                ("MD", trans_id.clone()),
                ("TermUrl", get("term_url_3ds").to_string()),
            ];
            base["result"] = json!("REDIRECT");
            base["status"] = json!("3DS");
            base["redirect_url"] = json!(acs);
            base["redirect_method"] = json!("POST");
            base["redirect_params"] = if list_params {
                Value::Array(params.iter().map(|(n, v)| json!({"name": n, "value": v})).collect())
            } else {
                Value::Object(params.iter().map(|(n, v)| (n.to_string(), json!(v))).collect())
            };
        }
        Path3::Redirect(_) => {
            // A GET redirect whose URL already has a query: the widget must merge.
            base["result"] = json!("REDIRECT");
            base["status"] = json!("REDIRECT");
            base["redirect_url"] = json!(format!("{}/gateway/acs/{}?session={}", app.cfg.base, trans_id, &trans_id[..8]));
            base["redirect_method"] = json!("GET");
            base["redirect_params"] = if list_params { json!([{"name": "MD", "value": trans_id}]) } else { json!([]) };
        }
    }
    Json(base).into_response()
}

/// CAPTURE of a held (PENDING) authorisation: settles it, except for the 03/2038 test
/// card, whose capture is declined. Signed with the `trans_id` formula of Appendix A.
fn capture(app: &App, map: &BTreeMap<String, String>) -> Response {
    let get = |k: &str| map.get(k).map(String::as_str).unwrap_or("");
    let trans_id = get("trans_id");
    let Some(tx) = load_tx(app, trans_id).filter(|t| t.dialect == "A") else {
        return a_error("Request data is invalid.", &[("trans_id".into(), "Unknown transaction.".into())]);
    };
    if !sign::same(&sign::callback(&tx.email, &app.cfg.password, trans_id, &tx.card_part), get("hash")) {
        return a_error("Hash is not valid.", &[("hash".into(), "does not match".into())]);
    }
    if tx.status != "PENDING" {
        return a_error("Only a PENDING (authorised) transaction can be captured.", &[]);
    }
    let exp: Option<String> =
        app.db.conn().query_row("SELECT exp FROM gw_tx WHERE trans_id = ?1", [trans_id], |r| r.get(0)).optional().unwrap_or(None);
    let declined = tx.card_part == sign::card_part("4111111111111111") && exp.as_deref() == Some("03/2038");
    let (status, reason) = if declined { ("DECLINED", Some("Capture declined by the sandbox test card")) } else { ("SETTLED", None) };
    let _ =
        app.db.conn().execute("UPDATE gw_tx SET status = ?2, decline_reason = ?3 WHERE trans_id = ?1", params![trans_id, status, reason]);
    let mut body = json!({"action": "CAPTURE", "result": if declined { "DECLINED" } else { "SUCCESS" }, "status": status,
        "order_id": tx.order_id, "trans_id": trans_id, "trans_date": trans_date(), "amount": tx.amount, "currency": tx.currency});
    if let Some(r) = reason {
        body["decline_reason"] = json!(r);
    }
    Json(body).into_response()
}

/// SETTLED, or PENDING for an authorisation (auth=Y, or the 03/2038 card whose later
/// capture is declined).
fn success_status(auth: bool, number: &str, month: &str, year: &str) -> &'static str {
    if auth || (number == "4111111111111111" && month == "03" && year == "2038") {
        "PENDING"
    } else {
        "SETTLED"
    }
}

fn base64_of(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

struct Tx {
    dialect: String,
    order_id: String,
    amount: String,
    currency: String,
    email: String,
    card_part: String,
    exp: String,
    status: String,
    final_ok: bool,
    auth: String,
    decline_reason: Option<String>,
    return_url: Option<String>,
    notify_url: Option<String>,
    card_token: Option<String>,
}

fn load_tx(app: &App, trans_id: &str) -> Option<Tx> {
    app.db
        .conn()
        .query_row(
            "SELECT dialect, order_id, amount, currency, email, card_part, status, final_ok, auth, decline_reason, return_url, notify_url, card_token, exp FROM gw_tx WHERE trans_id = ?1",
            [trans_id],
            |r| {
                Ok(Tx {
                    dialect: r.get(0)?,
                    order_id: r.get(1)?,
                    amount: r.get(2)?,
                    currency: r.get(3)?,
                    email: r.get(4)?,
                    card_part: r.get(5)?,
                    status: r.get(6)?,
                    final_ok: r.get(7)?,
                    auth: r.get(8)?,
                    decline_reason: r.get(9)?,
                    return_url: r.get(10)?,
                    notify_url: r.get(11)?,
                    card_token: r.get(12)?,
                    exp: r.get(13)?,
                })
            },
        )
        .optional()
        .ok()
        .flatten()
}

/// Builds the signed form-urlencoded callback of a dialect A transaction and queues it.
async fn queue_platform_callback(app: &App, trans_id: &str) {
    let Some(tx) = load_tx(app, trans_id) else { return };
    let result = if tx.status == "DECLINED" { "DECLINED" } else { "SUCCESS" };
    let mut fields: Vec<(&str, String)> = vec![
        ("action", "SALE".into()),
        ("result", result.into()),
        ("status", tx.status.clone()),
        ("order_id", tx.order_id.clone()),
        ("trans_id", trans_id.into()),
        ("trans_date", trans_date()),
        ("amount", tx.amount.clone()),
        ("currency", tx.currency.clone()),
    ];
    if result == "SUCCESS" {
        fields.push(("descriptor", app.cfg.descriptor.clone()));
        if let Some(t) = &tx.card_token {
            fields.push(("card_token", t.clone()));
        }
    } else {
        fields.push(("decline_reason", tx.decline_reason.clone().unwrap_or_else(|| "Declined".into())));
    }
    fields.push(("hash", sign::callback(&tx.email, &app.cfg.password, trans_id, &tx.card_part)));
    let body = serde_urlencoded::to_string(&fields).unwrap_or_default();
    let url = tx.notify_url.clone().unwrap_or_else(|| app.cfg.callback_url.clone());
    enqueue(app, trans_id, &url, "application/x-www-form-urlencoded", &body).await;
}

/// Stores a callback and delivers it: first try now, then retries with backoff in the
/// background (and again after a restart, see [`redeliver_pending`]).
async fn enqueue(app: &App, trans_id: &str, url: &str, content_type: &str, body: &str) {
    let id: i64 = {
        let c = app.db.conn();
        let _ = c.execute(
            "INSERT INTO gw_callbacks (trans_id, url, content_type, body) VALUES (?1, ?2, ?3, ?4)",
            params![trans_id, url, content_type, body],
        );
        c.last_insert_rowid()
    };
    if !deliver(app, id).await {
        let app = app.clone();
        tokio::spawn(async move { retry(app, id).await });
    }
}

async fn retry(app: App, id: i64) {
    let mut wait = Duration::from_millis(250);
    for _ in 0..8 {
        tokio::time::sleep(wait).await;
        if deliver(&app, id).await {
            return;
        }
        wait = (wait * 2).min(Duration::from_secs(30));
    }
}

/// One attempt; true when the merchant answered `OK`.
async fn deliver(app: &App, id: i64) -> bool {
    let row: Option<(String, String, String, String)> = app
        .db
        .conn()
        .query_row("SELECT url, content_type, body, trans_id FROM gw_callbacks WHERE id = ?1 AND delivered = 0", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()
        .unwrap_or(None);
    let Some((url, ctype, body, _)) = row else { return true };
    let mut req = app.http.post(&url).header("Content-Type", ctype.as_str()).body(body).timeout(Duration::from_secs(5));
    if ctype.starts_with("application/json") {
        req = req.basic_auth(&app.cfg.shop_id, Some(&app.cfg.shop_secret));
    }
    let ok = match req.send().await {
        Ok(r) => r.status().is_success() && r.text().await.map(|t| t.trim() == "OK").unwrap_or(false),
        Err(_) => false,
    };
    let _ = app.db.conn().execute("UPDATE gw_callbacks SET attempts = attempts + 1, delivered = ?2 WHERE id = ?1", params![id, ok]);
    ok
}

/// After a restart: deliver what was queued and not yet acknowledged.
pub async fn redeliver_pending(app: App) {
    let ids: Vec<i64> = {
        let c = app.db.conn();
        let mut st = match c.prepare("SELECT id FROM gw_callbacks WHERE delivered = 0 AND attempts < 20") {
            Ok(s) => s,
            Err(_) => return,
        };
        st.query_map([], |r| r.get(0)).map(|rows| rows.flatten().collect()).unwrap_or_default()
    };
    for id in ids {
        let app = app.clone();
        tokio::spawn(async move { retry(app, id).await });
    }
}

/// `GET|POST /gateway/acs/{trans_id}`: the bank's page where the payer authenticates.
pub async fn acs_page(State(app): State<App>, Path(trans_id): Path<String>) -> Response {
    let Some(tx) = load_tx(&app, &trans_id) else {
        return (StatusCode::NOT_FOUND, Html("<!doctype html><title>Unknown transaction</title><p>Unknown transaction.</p>".to_string()))
            .into_response();
    };
    if !matches!(tx.status.as_str(), "3DS" | "REDIRECT" | "incomplete") {
        return (
            StatusCode::CONFLICT,
            Html("<!doctype html><title>Already completed</title><p>This authentication is already completed.</p>".to_string()),
        )
            .into_response();
    }
    let action = format!("/gateway/acs/{}/complete", esc(&trans_id));
    let page = format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox bank — 3-D Secure</title><link rel="stylesheet" href="/static/sandbox.css"></head>
<body><main class="acs">
<h1>Sandbox bank: confirm your payment</h1>
<p>Amount: <strong>{amount} {currency}</strong>, order <code>{order}</code>, card ending <code>{last4}</code>.</p>
<p>This is the sandbox's 3-D Secure page. Choose what the bank should answer.</p>
<form method="post" action="{action}"><input type="hidden" name="decision" value="ok"><button type="submit" id="acs-authenticate">Authenticate</button></form>
<form method="post" action="{action}"><input type="hidden" name="decision" value="fail"><button type="submit" id="acs-fail">Fail</button></form>
</main></body></html>"#,
        amount = esc(&tx.amount),
        currency = esc(&tx.currency),
        order = esc(&tx.order_id),
        last4 = esc(&tx.card_part[tx.card_part.len().saturating_sub(4)..]),
    );
    Html(page).into_response()
}

/// `POST /gateway/acs/{trans_id}/complete`: settle or decline, tell the merchant, send the
/// payer back to the merchant's return URL.
pub async fn acs_complete(State(app): State<App>, Path(trans_id): Path<String>, body: String) -> Response {
    let form: BTreeMap<String, String> = serde_urlencoded::from_str(&body).unwrap_or_default();
    let Some(tx) = load_tx(&app, &trans_id) else { return (StatusCode::NOT_FOUND, "Unknown transaction").into_response() };
    let ok = tx.final_ok && form.get("decision").map(String::as_str) == Some("ok");
    if matches!(tx.status.as_str(), "3DS" | "REDIRECT" | "incomplete") {
        let status = match (tx.dialect.as_str(), ok) {
            ("A", true) => {
                if tx.auth == "Y" {
                    "PENDING"
                } else {
                    "SETTLED"
                }
            }
            ("A", false) => "DECLINED",
            (_, true) => "successful",
            (_, false) => "failed",
        };
        let reason = (!ok).then_some("3-D Secure authentication failed");
        let _ = app
            .db
            .conn()
            .execute("UPDATE gw_tx SET status = ?2, decline_reason = ?3 WHERE trans_id = ?1", params![trans_id, status, reason]);
        if tx.dialect == "A" {
            queue_platform_callback(&app, &trans_id).await;
        } else {
            queue_paycross_notification(&app, &trans_id).await;
        }
    }
    let back = tx.return_url.unwrap_or_else(|| format!("{}/return", app.cfg.base));
    Redirect::to(&back).into_response()
}

// ---------------------------------------------------------------------------------------
// Dialect B: PayCross API v3

fn b_error(status: StatusCode, code: &str, friendly: &str, message: &str, errors: Value) -> Response {
    (status, Json(json!({"code": code, "friendly_message": friendly, "message": message, "errors": errors}))).into_response()
}

fn b_transaction(app: &App, uid: &str, tx: &Tx, status: &str, code: &str, friendly: &str, redirect: Option<String>) -> Value {
    let amount: u64 = tx.amount.parse().unwrap_or(0);
    json!({
        "uid": uid,
        "status": status,
        "code": code,
        "friendly_message": friendly,
        "message": friendly,
        "amount": amount,
        "currency": tx.currency,
        "description": "Sandbox payment",
        "type": "payment",
        "tracking_id": tx.order_id,
        "test": true,
        "redirect_url": redirect,
        "payment_method": {"payment_method_type": "credit_card", "last_4": &tx.card_part[tx.card_part.len().saturating_sub(4)..], "first_1": &tx.card_part[..1], "token": tx.card_token},
        "transaction": {"billing_descriptor": app.cfg.descriptor, "amount": amount, "currency": tx.currency, "status": status},
    })
}

fn b_outcome(status: &str) -> (&'static str, &'static str) {
    match status {
        "successful" => ("S.0000", "The operation was successful."),
        "failed" => ("F.9001", "The payment was declined by the bank."),
        _ => ("P.9998", "Incomplete transaction"),
    }
}

/// `POST /gateway/v3/transactions/payments`
pub async fn paycross_payment(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    if headers.get("X-API-Version").and_then(|v| v.to_str().ok()) != Some("3") {
        return b_error(StatusCode::BAD_REQUEST, "E.1000", "Unsupported API version", "Send the header X-API-Version: 3", json!({}));
    }
    let authorised = headers
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.decode(b).ok()
        })
        .is_some_and(|raw| raw == format!("{}:{}", app.cfg.shop_id, app.cfg.shop_secret).as_bytes());
    if !authorised {
        return b_error(StatusCode::UNAUTHORIZED, "E.1001", "Unauthorized", "Shop id or secret key is wrong", json!({}));
    }
    let Ok(v) = serde_json::from_str::<Value>(&body) else {
        return b_error(StatusCode::BAD_REQUEST, "E.1025", "Invalid request params", "The body is not JSON", json!({}));
    };
    let r = &v["request"];
    let s = |p: &str| r.pointer(p).and_then(Value::as_str).unwrap_or("").to_string();
    let mut errors = serde_json::Map::new();
    let mut add = |path: &str, msg: &str| {
        let mut cur = &mut errors;
        let parts: Vec<&str> = path.split('.').collect();
        for p in &parts[..parts.len() - 1] {
            cur = cur.entry(p.to_string()).or_insert_with(|| json!({})).as_object_mut().expect("object");
        }
        cur.entry(parts[parts.len() - 1].to_string()).or_insert_with(|| json!([])).as_array_mut().expect("array").push(json!(msg));
    };
    let amount = r["amount"].as_u64();
    if amount.is_none_or(|a| a == 0) {
        add("amount", "must be a positive integer (minor units)");
    }
    if s("/description").trim().is_empty() {
        add("description", "can't be blank");
    }
    let currency = s("/currency");
    if checkout_rules::data::currency::exponent(&currency).is_none() {
        add("currency", "is invalid");
    }
    let token = s("/credit_card/token");
    let number = s("/credit_card/number");
    let mut values = Values::new();
    for (f, path) in crate::wire::PAYCROSS_PATHS {
        // the expiry is numeric in PayCross: read below
        if matches!(f, FieldId::CardExpMonth | FieldId::CardExpYear) {
            continue;
        }
        let val = s(&format!("/{}", path.replace('.', "/")));
        if !val.is_empty() {
            values.insert(*f, val);
        }
    }
    let month = r
        .pointer("/credit_card/exp_month")
        .map(|m| m.as_u64().map(|n| format!("{n:02}")).unwrap_or_else(|| m.as_str().unwrap_or("").to_string()));
    let year = r
        .pointer("/credit_card/exp_year")
        .map(|y| y.as_u64().map(|n| n.to_string()).unwrap_or_else(|| y.as_str().unwrap_or("").to_string()));
    if let Some(m) = &month {
        values.insert(FieldId::CardExpMonth, m.clone());
    }
    if let Some(y) = &year {
        values.insert(FieldId::CardExpYear, y.clone());
    }
    let vaulted: Option<(String, String, String)> = if token.is_empty() { None } else { vault(&app, &token) };
    if !token.is_empty() && vaulted.is_none() {
        add("credit_card.token", "is invalid");
    }
    let required = |f: FieldId| {
        vaulted.is_none() && matches!(f, FieldId::CardNumber | FieldId::CardExpMonth | FieldId::CardExpYear | FieldId::CardCvv2)
            || f == FieldId::PayerEmail
    };
    for (f, p) in payment::check_all(&values, required, today()) {
        let path = crate::wire::paycross_path(f);
        add(path, p.message_en());
    }
    if !errors.is_empty() {
        let first = errors.keys().next().cloned().unwrap_or_default();
        return b_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "E.1025",
            "Invalid request params",
            &format!("{first} is invalid."),
            Value::Object(errors),
        );
    }
    let number = vaulted.as_ref().map(|v| v.0.clone()).unwrap_or(number);
    let uid = format!("{}-{}", &new_id()[..6], &new_id()[..10]);
    let path = paycross_path(&number);
    let (status, final_ok) = match path {
        Path3::Direct(ok) => (if ok { "successful" } else { "failed" }, ok),
        Path3::ThreeDs(ok) | Path3::Redirect(ok) => ("incomplete", ok),
    };
    let new_token = (vaulted.is_none() && r["additional_data"]["contract"].as_array().is_some_and(|c| c.iter().any(|x| x == "recurring")))
        .then(|| {
            let t = uuid::Uuid::new_v4().to_string();
            let _ = app.db.conn().execute(
                "INSERT INTO gw_tokens (token, number, exp_month, exp_year) VALUES (?1, ?2, ?3, ?4)",
                params![t, number, month.clone().unwrap_or_default(), year.clone().unwrap_or_default()],
            );
            t
        });
    let tx = Tx {
        dialect: "B".into(),
        order_id: s("/tracking_id"),
        amount: amount.unwrap_or(0).to_string(),
        currency,
        email: s("/customer/email"),
        card_part: sign::card_part(&number),
        exp: format!("{}/{}", month.unwrap_or_default(), year.unwrap_or_default()),
        status: status.into(),
        final_ok,
        auth: "N".into(),
        decline_reason: None,
        return_url: Some(s("/return_url")).filter(|u| !u.is_empty()),
        notify_url: Some(s("/notification_url")).filter(|u| !u.is_empty()),
        card_token: new_token.or(vaulted.map(|_| token)),
    };
    let _ = app.db.conn().execute(
        "INSERT INTO gw_tx (trans_id, dialect, order_id, amount, currency, email, card_part, exp, status, final_ok, auth, decline_reason, return_url, notify_url, card_token, created)
         VALUES (?1, 'B', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'N', NULL, ?10, ?11, ?12, ?13)",
        params![
            uid,
            tx.order_id,
            tx.amount,
            tx.currency,
            tx.email,
            tx.card_part,
            tx.exp,
            status,
            final_ok,
            tx.return_url,
            tx.notify_url,
            tx.card_token,
            now()
        ],
    );
    let (code, friendly) = b_outcome(status);
    let redirect = (status == "incomplete").then(|| format!("{}/gateway/acs/{}", app.cfg.base, uid));
    Json(b_transaction(&app, &uid, &tx, status, code, friendly, redirect)).into_response()
}

async fn queue_paycross_notification(app: &App, uid: &str) {
    let Some(tx) = load_tx(app, uid) else { return };
    let Some(url) = tx.notify_url.clone() else { return };
    let (code, friendly) = b_outcome(&tx.status);
    let body = json!({"transaction": b_transaction(app, uid, &tx, &tx.status, code, friendly, None)}).to_string();
    enqueue(app, uid, &url, "application/json", &body).await;
}
