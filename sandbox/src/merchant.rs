//! The reference merchant backend: what a merchant writes behind the widget. It keeps
//! the order (the browser never decides the amount), re-checks the payer's fields with
//! the same rules crate, signs, calls the gateway, and relays the answer unchanged.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use checkout_rules::payment::{self, Values};
use checkout_rules::{card, check, Context, FieldId};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::db::now;
use crate::{sign, App, Dialect};

fn a_error(status: StatusCode, message: &str, errors: &[(String, String)]) -> Response {
    (status, Json(crate::wire::platform_error(message, errors))).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrder {
    pub amount: String,
    pub currency: String,
    pub description: String,
    #[serde(default)]
    pub auth: Option<String>,
    #[serde(default, rename = "async")]
    pub is_async: Option<String>,
    /// `platform`, `platform-v2` (list-shaped redirect params) or `paycross`.
    #[serde(default)]
    pub gateway: Option<String>,
}

/// Creates an order after checking it by the rules; returns its id.
pub fn create_order(app: &App, o: &NewOrder) -> Result<String, (String, String)> {
    let cx = Context { required: true, ..Default::default() };
    for (f, v) in [(FieldId::OrderAmount, &o.amount), (FieldId::OrderCurrency, &o.currency), (FieldId::OrderDescription, &o.description)] {
        if let Some(p) = check(f, v, &cx).finish().problem() {
            return Err((f.name().to_string(), p.message_en().to_string()));
        }
    }
    for (name, v) in [("auth", &o.auth), ("async", &o.is_async)] {
        if let Some(v) = v {
            if v != "Y" && v != "N" {
                return Err((name.into(), "Must be Y or N.".into()));
            }
        }
    }
    let gateway = match o.gateway.as_deref() {
        None => app.cfg.dialect,
        Some(g) => Dialect::parse(g).ok_or_else(|| ("gateway".to_string(), "Must be platform, platform-v2 or paycross.".to_string()))?,
    };
    let id = format!("ORDER-{}", &uuid::Uuid::new_v4().simple().to_string()[..12].to_uppercase());
    app.db
        .conn()
        .execute(
            "INSERT INTO orders (order_id, amount, currency, description, gateway, auth, async, status, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'NEW', ?8)",
            params![id, o.amount, o.currency, o.description, gateway.name(), o.auth.as_deref().unwrap_or("N"), o.is_async.as_deref().unwrap_or("N"), now()],
        )
        .map_err(|e| ("order".to_string(), e.to_string()))?;
    Ok(id)
}

/// `POST /api/orders` `{amount, currency, description}` → `{order_id, ...}`.
pub async fn post_order(State(app): State<App>, body: String) -> Response {
    let o: NewOrder = match serde_json::from_str(&body) {
        Ok(o) => o,
        Err(e) => {
            return (StatusCode::BAD_REQUEST, Json(json!({"error": format!("Body must be JSON {{amount, currency, description}}: {e}")})))
                .into_response()
        }
    };
    match create_order(&app, &o) {
        Ok(id) => (StatusCode::CREATED, Json(order_json(&app, &id).unwrap_or_default())).into_response(),
        Err((field, msg)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"error": format!("{field}: {msg}"), "field": field}))).into_response()
        }
    }
}

pub struct Order {
    pub amount: String,
    pub currency: String,
    pub description: String,
    pub gateway: String,
    pub auth: String,
    pub is_async: String,
    pub status: String,
}

pub fn load_order(app: &App, id: &str) -> Option<Order> {
    app.db
        .conn()
        .query_row("SELECT amount, currency, description, gateway, auth, async, status FROM orders WHERE order_id = ?1", [id], |r| {
            Ok(Order {
                amount: r.get(0)?,
                currency: r.get(1)?,
                description: r.get(2)?,
                gateway: r.get(3)?,
                auth: r.get(4)?,
                is_async: r.get(5)?,
                status: r.get(6)?,
            })
        })
        .optional()
        .ok()
        .flatten()
}

pub fn order_json(app: &App, id: &str) -> Option<Value> {
    app.db
        .conn()
        .query_row(
            "SELECT order_id, amount, currency, description, gateway, status, decline_reason, descriptor, trans_id FROM orders WHERE order_id = ?1",
            [id],
            |r| {
                Ok(json!({
                    "order_id": r.get::<_, String>(0)?,
                    "amount": r.get::<_, String>(1)?,
                    "currency": r.get::<_, String>(2)?,
                    "description": r.get::<_, String>(3)?,
                    "gateway": r.get::<_, String>(4)?,
                    "status": r.get::<_, String>(5)?,
                    "decline_reason": r.get::<_, Option<String>>(6)?,
                    "descriptor": r.get::<_, Option<String>>(7)?,
                    "trans_id": r.get::<_, Option<String>>(8)?,
                }))
            },
        )
        .optional()
        .ok()
        .flatten()
}

/// `GET /api/orders/{order_id}`: the order's current status, for polling and the result page.
pub async fn get_order(State(app): State<App>, Path(id): Path<String>) -> Response {
    match order_json(&app, &id) {
        Some(v) => Json(v).into_response(),
        None => (StatusCode::NOT_FOUND, Json(json!({"error": "Unknown order"}))).into_response(),
    }
}

/// Fields the browser may send. The rest (amount, currency, keys, hash, IP, URLs) is the
/// backend's to fill, whatever the browser says.
fn from_browser(f: FieldId) -> bool {
    f.rule().source == checkout_rules::Source::Payer || matches!(f, FieldId::CardToken | FieldId::OrderId)
}

fn required(f: FieldId) -> bool {
    matches!(
        f,
        FieldId::CardNumber
            | FieldId::CardExpMonth
            | FieldId::CardExpYear
            | FieldId::CardCvv2
            | FieldId::PayerEmail
            | FieldId::PayerFirstName
            | FieldId::PayerLastName
    )
}

fn set_order(app: &App, id: &str, status: &str, reason: Option<&str>, descriptor: Option<&str>, trans_id: Option<&str>) {
    let _ = app.db.conn().execute(
        "UPDATE orders SET status = ?2, decline_reason = COALESCE(?3, decline_reason), descriptor = COALESCE(?4, descriptor), trans_id = COALESCE(?5, trans_id) WHERE order_id = ?1",
        params![id, status, reason, descriptor, trans_id],
    );
}

/// The order status a gateway answer means.
fn status_of(answer: &Value) -> Option<&'static str> {
    if let Some(r) = answer["result"].as_str() {
        return Some(match r {
            "SUCCESS" => {
                if answer["status"] == "PENDING" {
                    "PENDING"
                } else {
                    "SETTLED"
                }
            }
            "DECLINED" => "DECLINED",
            "REDIRECT" => "3DS",
            "ACCEPTED" | "UNDEFINED" => "PROCESSING",
            _ => return None,
        });
    }
    Some(match answer["status"].as_str()? {
        "successful" => "SETTLED",
        "failed" => "DECLINED",
        "incomplete" => "3DS",
        "pending" => "PROCESSING",
        _ => return None,
    })
}

/// `POST /api/pay`: the widget's JSON, with an `Idempotency-Key` header.
pub async fn pay(State(app): State<App>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap, body: String) -> Response {
    let key = headers.get("Idempotency-Key").and_then(|v| v.to_str().ok()).unwrap_or("").trim().to_string();
    if key.is_empty() || key.len() > 255 {
        return a_error(StatusCode::BAD_REQUEST, "An Idempotency-Key header (1 to 255 characters) is required.", &[]);
    }
    let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(&body) else {
        return a_error(StatusCode::BAD_REQUEST, "The body must be a JSON object of protocol fields.", &[]);
    };
    let mut wire = BTreeMap::new();
    for (k, v) in &obj {
        match v {
            Value::String(s) if s.len() <= 4096 => {
                wire.insert(k.clone(), s.clone());
            }
            _ => {
                return a_error(
                    StatusCode::BAD_REQUEST,
                    "Request data is invalid.",
                    &[(k.clone(), "must be a string of at most 4096 bytes".into())],
                )
            }
        }
    }
    let order_id = wire.get("order_id").cloned().unwrap_or_default();

    // Idempotency: the same key replays the first answer and never charges twice.
    {
        let c = app.db.conn();
        let seen: Option<(String, Option<i64>, Option<String>)> = c
            .query_row("SELECT order_id, http_status, body FROM idempotency WHERE key = ?1", [&key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .unwrap_or(None);
        match seen {
            Some((o, _, _)) if o != order_id => {
                return a_error(StatusCode::UNPROCESSABLE_ENTITY, "This Idempotency-Key was used for another order.", &[]);
            }
            Some((_, Some(st), Some(b))) => {
                let mut r = (StatusCode::from_u16(st as u16).unwrap_or(StatusCode::OK), b).into_response();
                r.headers_mut().insert("Content-Type", "application/json".parse().expect("static"));
                r.headers_mut().insert("Idempotent-Replayed", "true".parse().expect("static"));
                return r;
            }
            Some(_) => return a_error(StatusCode::CONFLICT, "A payment with this Idempotency-Key is in progress.", &[]),
            None => {}
        }
        let Some(order) = load_order_locked(&c, &order_id) else {
            return a_error(StatusCode::NOT_FOUND, "Unknown order.", &[("order_id".into(), "No such order.".into())]);
        };
        if matches!(order.as_str(), "SETTLED" | "PENDING" | "3DS" | "PROCESSING") {
            return a_error(StatusCode::CONFLICT, "This order is already paid or being paid.", &[]);
        }
        let _ = c.execute("INSERT INTO idempotency (key, order_id) VALUES (?1, ?2)", params![key, order_id]);
    }
    let (status, answer) = charge(&app, &order_id, &wire, peer).await;
    let text = answer.to_string();
    let _ = app.db.conn().execute("UPDATE idempotency SET http_status = ?2, body = ?3 WHERE key = ?1", params![key, status.as_u16(), text]);
    let mut r = (status, text).into_response();
    r.headers_mut().insert("Content-Type", "application/json".parse().expect("static"));
    r
}

fn load_order_locked(c: &rusqlite::Connection, id: &str) -> Option<String> {
    c.query_row("SELECT status FROM orders WHERE order_id = ?1", [id], |r| r.get(0)).optional().ok().flatten()
}

/// Re-checks, signs, calls the gateway; returns the gateway's answer unchanged.
async fn charge(app: &App, order_id: &str, wire: &BTreeMap<String, String>, peer: SocketAddr) -> (StatusCode, Value) {
    let Some(order) = load_order(app, order_id) else {
        return (StatusCode::NOT_FOUND, json!({"result": "ERROR", "error_message": "Unknown order."}));
    };
    let dialect = Dialect::parse(&order.gateway).unwrap_or(app.cfg.dialect);
    let (mut values, _unknown): (Values, _) = payment::from_pairs(wire.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    values.retain(|f, _| from_browser(*f));
    let problems = payment::check_all(&values, required, crate::gateway_today());
    if !problems.is_empty() {
        let errs: Vec<(String, String)> = problems.iter().map(|(f, p)| (f.name().to_string(), p.message_en().to_string())).collect();
        return match dialect {
            Dialect::PayCross => {
                let mut m = serde_json::Map::new();
                for (f, msg) in &errs {
                    m.insert(f.clone(), json!([msg]));
                }
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({"code": "E.1025", "friendly_message": "Invalid request params", "message": format!("{} is invalid.", errs[0].0), "errors": m}),
                )
            }
            _ => (StatusCode::OK, crate::wire::platform_error("Request data is invalid.", &errs)),
        };
    }
    let get = |f: FieldId| values.get(&f).cloned().unwrap_or_default();
    let email = get(FieldId::PayerEmail);
    let number = get(FieldId::CardNumber);
    let token = get(FieldId::CardToken);
    let return_url = format!("{}/return?order_id={}", app.cfg.base, order_id);
    let ip = peer.ip().to_string();

    let result = match dialect {
        Dialect::Platform | Dialect::PlatformV2 => {
            let mut form: Vec<(String, String)> = vec![
                ("action".into(), "SALE".into()),
                ("client_key".into(), app.cfg.client_key.clone()),
                ("order_id".into(), order_id.into()),
                ("order_amount".into(), order.amount.clone()),
                ("order_currency".into(), order.currency.clone()),
                ("order_description".into(), order.description.clone()),
                ("payer_ip".into(), ip),
                ("term_url_3ds".into(), return_url),
                ("auth".into(), order.auth.clone()),
                ("async".into(), order.is_async.clone()),
            ];
            for (f, v) in &values {
                if *f != FieldId::OrderId && !(f.is_card_data() && !token.is_empty() && number.is_empty()) {
                    form.push((f.name().into(), v.clone()));
                }
            }
            let hash = if number.is_empty() && !token.is_empty() {
                sign::sale_token(&email, &app.cfg.password, &token)
            } else {
                sign::sale(&email, &app.cfg.password, &number)
            };
            form.push(("hash".into(), hash));
            let path = if dialect == Dialect::PlatformV2 { "/gateway/v2/post" } else { "/gateway/post" };
            app.http.post(format!("{}{}", app.cfg.gateway_base, path)).form(&form).send().await
        }
        Dialect::PayCross => {
            let minor = checkout_rules::data::currency::to_minor_units(&order.amount, &order.currency).unwrap_or(0);
            let card = if number.is_empty() && !token.is_empty() {
                json!({"token": token})
            } else {
                let mut c = json!({"number": number, "verification_value": get(FieldId::CardCvv2),
                    "exp_month": get(FieldId::CardExpMonth), "exp_year": get(FieldId::CardExpYear).parse::<u32>().unwrap_or(0)});
                if let Some(h) = values.get(&FieldId::CardHolder) {
                    c["holder"] = json!(h);
                }
                c
            };
            let mut billing = serde_json::Map::new();
            for (f, path) in crate::wire::PAYCROSS_PATHS {
                if let (Some(k), Some(v)) = (path.strip_prefix("billing_address."), values.get(f)) {
                    billing.insert(k.into(), json!(v));
                }
            }
            let mut request = json!({
                "amount": minor, "currency": order.currency, "description": order.description, "tracking_id": order_id,
                "language": "en", "test": true, "return_url": return_url,
                "notification_url": format!("{}/api/callback/paycross", app.cfg.base),
                "credit_card": card, "customer": {"ip": ip, "email": email}, "billing_address": billing,
            });
            if wire.get("req_token").map(String::as_str) == Some("Y") {
                request["additional_data"] = json!({"contract": ["recurring"]});
            }
            app.http
                .post(format!("{}/gateway/v3/transactions/payments", app.cfg.gateway_base))
                .basic_auth(&app.cfg.shop_id, Some(&app.cfg.shop_secret))
                .header("X-API-Version", "3")
                .json(&json!({"request": request}))
                .send()
                .await
        }
    };
    let resp = match result {
        Ok(r) => r,
        Err(_) => {
            return (StatusCode::BAD_GATEWAY, json!({"result": "ERROR", "error_message": "The payment gateway could not be reached."}))
        }
    };
    let status = StatusCode::from_u16(resp.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let answer: Value = match resp.json().await {
        Ok(v) => v,
        Err(_) => {
            return (StatusCode::BAD_GATEWAY, json!({"result": "ERROR", "error_message": "The payment gateway sent an unreadable answer."}))
        }
    };
    let trans = answer["trans_id"].as_str().or(answer["uid"].as_str()).map(str::to_string);
    if let Some(st) = status_of(&answer) {
        let reason = answer["decline_reason"].as_str().or(if st == "DECLINED" { answer["friendly_message"].as_str() } else { None });
        let descriptor = answer["descriptor"].as_str().or(answer["transaction"]["billing_descriptor"].as_str());
        set_order(app, order_id, st, reason, descriptor, trans.as_deref());
        // The callback hash needs first six and last four digits; for a saved card they
        // come from when it was saved.
        let part = if number.is_empty() {
            app.db
                .conn()
                .query_row("SELECT card_part FROM saved_cards WHERE card_token = ?1", [&token], |r| r.get::<_, String>(0))
                .optional()
                .unwrap_or(None)
        } else {
            Some(sign::card_part(&number))
        };
        let _ = app.db.conn().execute(
            "UPDATE orders SET email = ?2, card_part = COALESCE(?3, card_part) WHERE order_id = ?1",
            params![order_id, email, part],
        );
        if let Some(t) = answer["card_token"].as_str().or(answer["payment_method"]["token"].as_str()) {
            if !number.is_empty() {
                let brand = card::detect(&number).map_or("card", |b| b.as_str());
                let _ = app.db.conn().execute(
                    "INSERT OR REPLACE INTO saved_cards (email, card_token, last4, brand, card_part) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![email, t, card::last4(&number), brand, sign::card_part(&number)],
                );
            }
        }
    }
    (status, answer)
}

/// `POST /api/callback`: the platform's signed form callback. Answers `OK`.
pub async fn callback(State(app): State<App>, body: String) -> Response {
    let form: BTreeMap<String, String> = match serde_urlencoded::from_str(&body) {
        Ok(f) => f,
        Err(_) => return (StatusCode::BAD_REQUEST, "Body must be form-urlencoded").into_response(),
    };
    let g = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let order_id = g("order_id");
    let row: Option<(Option<String>, Option<String>)> = app
        .db
        .conn()
        .query_row("SELECT email, card_part FROM orders WHERE order_id = ?1", [order_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .unwrap_or(None);
    let Some((Some(email), card_part)) = row else {
        record_callback(&app, order_id, g("trans_id"), &body, false);
        return (StatusCode::NOT_FOUND, "Unknown order").into_response();
    };
    // A token payment has no card digits here; the platform signs with what it has.
    let expected = sign::callback(&email, &app.cfg.password, g("trans_id"), card_part.as_deref().unwrap_or(""));
    if !sign::same(&expected, g("hash")) {
        record_callback(&app, order_id, g("trans_id"), &body, false);
        return (StatusCode::FORBIDDEN, "Bad hash").into_response();
    }
    record_callback(&app, order_id, g("trans_id"), &body, true);
    if let Some(st) = status_of(&json!({"result": g("result"), "status": g("status")})) {
        let reason = form.get("decline_reason").map(String::as_str);
        let descriptor = form.get("descriptor").map(String::as_str);
        set_order(&app, order_id, st, reason, descriptor, Some(g("trans_id")));
    }
    "OK".into_response()
}

/// `POST /api/callback/paycross`: PayCross notification (JSON, HTTP Basic shop id/secret).
pub async fn callback_paycross(State(app): State<App>, headers: HeaderMap, body: String) -> Response {
    use base64::Engine;
    let expected =
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", app.cfg.shop_id, app.cfg.shop_secret)));
    if headers.get("Authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (StatusCode::UNAUTHORIZED, "Unauthorized").into_response();
    }
    let Ok(v) = serde_json::from_str::<Value>(&body) else { return (StatusCode::BAD_REQUEST, "Body must be JSON").into_response() };
    let t = &v["transaction"];
    let order_id = t["tracking_id"].as_str().unwrap_or("");
    record_callback(&app, order_id, t["uid"].as_str().unwrap_or(""), &body, true);
    if let Some(st) = status_of(t) {
        let reason = if st == "DECLINED" { t["friendly_message"].as_str() } else { None };
        set_order(&app, order_id, st, reason, t["transaction"]["billing_descriptor"].as_str(), t["uid"].as_str());
    }
    "OK".into_response()
}

fn record_callback(app: &App, order_id: &str, trans_id: &str, body: &str, accepted: bool) {
    let _ = app.db.conn().execute(
        "INSERT INTO merchant_callbacks (order_id, trans_id, body, accepted, received) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![order_id, trans_id, body, accepted, now()],
    );
}

/// The saved card of a payer, for the demo's saved-card flow.
pub fn saved_card(app: &App, email: &str) -> Option<Value> {
    app.db
        .conn()
        .query_row("SELECT card_token, last4, brand FROM saved_cards WHERE email = ?1", [email], |r| {
            Ok(json!({"cardToken": r.get::<_, String>(0)?, "last4": r.get::<_, String>(1)?, "brand": r.get::<_, String>(2)?}))
        })
        .optional()
        .ok()
        .flatten()
}

/// `POST /api/orders/{order_id}/capture`: captures a held (auth=Y) payment. A merchant's
/// back office calls this, never the payer's browser; the sandbox exposes it for trying.
pub async fn capture(State(app): State<App>, Path(id): Path<String>) -> Response {
    type Row = (String, Option<String>, Option<String>, Option<String>, String);
    let row: Option<Row> = app
        .db
        .conn()
        .query_row("SELECT status, trans_id, email, card_part, gateway FROM orders WHERE order_id = ?1", [&id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()
        .unwrap_or(None);
    let Some((status, Some(trans_id), Some(email), Some(card_part), gateway)) = row else {
        return a_error(StatusCode::NOT_FOUND, "Unknown or unpaid order.", &[]);
    };
    if status != "PENDING" || gateway == "paycross" {
        return a_error(StatusCode::CONFLICT, "Only an authorised (PENDING) Payment Platform order can be captured.", &[]);
    }
    let form = [
        ("action", "CAPTURE".to_string()),
        ("client_key", app.cfg.client_key.clone()),
        ("trans_id", trans_id.clone()),
        ("hash", sign::callback(&email, &app.cfg.password, &trans_id, &card_part)),
    ];
    let answer: Value = match app.http.post(format!("{}/gateway/post", app.cfg.gateway_base)).form(&form).send().await {
        Ok(r) => r.json().await.unwrap_or_else(|_| json!({"result": "ERROR", "error_message": "Unreadable gateway answer."})),
        Err(_) => return a_error(StatusCode::BAD_GATEWAY, "The payment gateway could not be reached.", &[]),
    };
    match answer["result"].as_str() {
        Some("SUCCESS") => set_order(&app, &id, "SETTLED", None, None, None),
        Some("DECLINED") => set_order(&app, &id, "DECLINED", answer["decline_reason"].as_str(), None, None),
        _ => {}
    }
    Json(answer).into_response()
}
