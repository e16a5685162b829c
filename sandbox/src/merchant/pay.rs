//! `POST /api/pay`: the widget's fields and an `Idempotency-Key`. One key is one attempt;
//! one attempt at a time holds an order; an order is charged once.
//!
//! 1. The key: seen before with another request → 422; final → its answer replayed;
//!    in flight → 409; outcome unknown → asked of the gateway first.
//! 2. The fields are re-checked by the rules crate: an invalid request claims nothing.
//! 3. An earlier attempt whose outcome is unknown is settled with the gateway.
//! 4. The attempt claims the order atomically ([`attempts::claim`]).
//! 5. The SALE; its answer is recorded with the order's new status in one transaction,
//!    or, when the outcome is unknown, answered as not final and stored as nothing.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use checkout_rules::payment::{self, Values};
use checkout_rules::{card, FieldId, Source};
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::attempts::{self, Attempt, Claim, Payer};
use super::client::{self, Card, Reply, Sale};
use super::orders::{self, Advance, Order};
use super::relay::{self, NotFinal};
use super::{customers, reconcile};
use crate::browser::Browser;
use crate::error::{AppError, AppResult};
use crate::status::{self, AttemptState, Verdict};
use crate::wire::Said;
use crate::{sign, App};

/// The body key of a saved card (the widget's `savedCard.id`).
pub use checkout_rules::SAVED_CARD_ID;

fn respond((status, body): (StatusCode, Value), replayed: bool) -> Response {
    let mut r = (status, axum::Json(body)).into_response();
    if replayed {
        r.headers_mut().insert("Idempotent-Replayed", HeaderValue::from_static("true"));
    }
    r
}

fn idempotency_key(headers: &HeaderMap) -> AppResult<String> {
    let key = headers.get("Idempotency-Key").and_then(|v| v.to_str().ok()).unwrap_or("").trim();
    if key.is_empty() || key.len() > 255 {
        let body = crate::wire::platform::Answer::error("An Idempotency-Key header (1 to 255 characters) is required.", &[]).to_value();
        return Err(AppError::Answer(StatusCode::BAD_REQUEST, body));
    }
    Ok(key.to_string())
}

/// The body: a JSON object of strings of at most 4096 bytes each, and the payer's
/// `browser` (3-D Secure 2 data, crate::browser), which is kept apart: it is not part of
/// what the key binds, since the widget reads it again for a retry (a resized window must
/// not make the same payment "another request").
fn read_body(body: &str) -> AppResult<(BTreeMap<String, String>, Option<Browser>)> {
    let bad = |errors: &[(String, String)]| {
        AppError::Answer(
            StatusCode::BAD_REQUEST,
            crate::wire::platform::Answer::error("The body must be a JSON object of protocol fields.", errors).to_value(),
        )
    };
    let Ok(Value::Object(mut obj)) = serde_json::from_str::<Value>(body) else { return Err(bad(&[])) };
    let browser = match obj.remove("browser") {
        None => None,
        Some(v) => Some(Browser::read(&v).map_err(|e| bad(&[("browser".into(), e)]))?),
    };
    let fields = obj
        .into_iter()
        .map(|(k, v)| match v {
            Value::String(s) if s.len() <= 4096 => Ok((k, s)),
            _ => Err(bad(&[(k, "must be a string of at most 4096 bytes".into())])),
        })
        .collect::<AppResult<_>>()?;
    Ok((fields, browser))
}

/// What binds a key to its request: a keyed digest (HMAC-SHA-256 under the backend's own
/// secret) of the body's fields in a canonical order, the CVV2 left out. Keyed, so a stored
/// binding gives nobody the card number back by trying numbers; without the CVV2, which is
/// never kept in any form, and a retry that only retyped it is the same request.
fn binding(secret: &str, request: &BTreeMap<String, String>) -> String {
    let mut bound = request.clone();
    bound.remove(FieldId::CardCvv2.name());
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(serde_json::to_string(&bound).unwrap_or_default().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

pub async fn pay(
    State(app): State<App>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: String,
) -> AppResult<Response> {
    let key = idempotency_key(&headers)?;
    let (request, browser) = read_body(&body)?;
    let order_id = request.get("order_id").map_or("", String::as_str);
    let binding = binding(&app.cfg.binding_secret, &request);
    let seen = attempts::find(app.store.pool(), &key).await?;
    if let Some(attempt) = seen {
        return known_key(&app, attempt, order_id, &binding).await;
    }
    let Some(order) = orders::load(&app.store, order_id).await? else {
        let errors = [("order_id".to_string(), "No such order.".to_string())];
        return Err(AppError::Answer(StatusCode::NOT_FOUND, crate::wire::platform::Answer::error("Unknown order.", &errors).to_value()));
    };
    let customer = customers::of_request(&app, &headers).await?;
    let checked = check(&app, &order, &request, customer.as_deref()).await?;
    reconcile::order(&app, &order).await?;
    let payer = Payer { email: &checked.email, card_part: &checked.card_part };
    let claim = attempts::claim(&app.store, &key, &order.id, &binding, &payer).await?;
    match claim {
        Claim::Won => tracing::info!(order_id = %order.id, attempt_key = %key, "attempt claimed the order"),
        Claim::KeyTaken => return Ok(respond(relay::not_final(order.gateway, &order.id, NotFinal::InFlight), false)),
        Claim::NotPayable(s) => {
            let why = if s.is_paid() { NotFinal::Paid } else { NotFinal::InFlight };
            return Ok(respond(relay::not_final(order.gateway, &order.id, why), false));
        }
    }
    let card = match &checked.pay_with {
        PayWith::Typed(number) => Card::Typed(number),
        PayWith::Saved(token) => Card::Token(token),
    };
    let accept = headers.get("Accept").and_then(|v| v.to_str().ok());
    let browser = browser.map(|b| b.with_accept(accept));
    let sale = Sale { order: &order, values: &checked.values, card, ip: peer.ip(), browser, save_card: checked.save_card };
    let reply = client::sale(&app, &sale).await;
    record(&app, &order, &key, &checked, customer.as_deref(), reply).await
}

/// A key seen before: the same request gets the same answer, once it is final.
async fn known_key(app: &App, attempt: Attempt, order_id: &str, binding: &str) -> AppResult<Response> {
    if attempt.order_id != order_id || !bool::from(attempt.binding.as_bytes().ct_eq(binding.as_bytes())) {
        return Err(AppError::Refused(StatusCode::UNPROCESSABLE_ENTITY, "This Idempotency-Key was used for another request.".into()));
    }
    let order = orders::load_or_404(app, &attempt.order_id).await?;
    if !matches!(attempt.state, AttemptState::Final | AttemptState::Released) {
        reconcile::order(app, &order).await?;
    }
    let attempt = attempts::find(app.store.pool(), &attempt.key).await?.ok_or(AppError::NotFound("attempt"))?;
    match (attempt.state, attempt.http_status, attempt.body) {
        (AttemptState::Final | AttemptState::Released, Some(status), Some(body)) => {
            let body: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            Ok(respond((StatusCode::from_u16(status).unwrap_or(StatusCode::OK), body), true))
        }
        (AttemptState::InFlight, ..) => Ok(respond(relay::not_final(order.gateway, &order.id, NotFinal::InFlight), false)),
        _ => Ok(respond(relay::not_final(order.gateway, &order.id, NotFinal::Unknown), false)),
    }
}

enum PayWith {
    /// The card typed, as ASCII digits.
    Typed(String),
    /// The gateway token of a card this customer saved.
    Saved(String),
}

/// A request the rules accept, ready to send.
struct Checked {
    /// The payer's fields (the card number as ASCII digits; never a token).
    values: Values,
    pay_with: PayWith,
    email: String,
    card_part: String,
    save_card: bool,
}

/// The payer's fields re-checked by the rules crate, as the widget checked them. Fields a
/// browser may not set (amount, currency, keys, URLs) are dropped: they are the backend's.
async fn check(app: &App, order: &Order, request: &BTreeMap<String, String>, customer: Option<&str>) -> AppResult<Checked> {
    if request.contains_key("card_token") {
        let msg = format!("card_token is never accepted from a browser: pay a saved card by its {SAVED_CARD_ID}.");
        return Err(AppError::Answer(StatusCode::BAD_REQUEST, crate::wire::platform::Answer::error(&msg, &[]).to_value()));
    }
    let refuse = |errors: &[(String, String)]| {
        let (status, body) = relay::field_errors(order.gateway, errors);
        Err(AppError::Answer(status, body))
    };
    let (mut values, _unknown): (Values, _) = payment::from_pairs(request.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    values.retain(|f, _| f.rule().source == Source::Payer);
    let save_card = values.remove(&FieldId::ReqToken).is_some_and(|v| v == "Y") && customer.is_some();
    let saved = match (request.get(SAVED_CARD_ID), customer) {
        (None, _) => None,
        (Some(id), Some(c)) if let Some(found) = customers::token_of(app, c, id, order.gateway).await? => Some(found),
        (Some(_), _) => return refuse(&[(SAVED_CARD_ID.into(), "No such saved card in this session.".into())]),
    };
    if let Some((token, _)) = &saved {
        values.retain(|f, _| !f.is_card_data());
        values.insert(FieldId::CardToken, token.clone());
    }
    // Spaces, dashes and no-break spaces out: only ASCII digits go further (or a problem).
    if let Some(digits) = values.get(&FieldId::CardNumber).and_then(|n| card::digits_of(n)) {
        values.insert(FieldId::CardNumber, digits);
    }
    let required = |f: FieldId| payment::sale_requires(f) && f.rule().source == Source::Payer;
    let problems = payment::check_all(&values, required, crate::gateway::today());
    if !problems.is_empty() {
        let errs: Vec<(String, String)> = problems.iter().map(|(f, p)| (f.name().to_string(), p.message_en().to_string())).collect();
        return refuse(&errs);
    }
    values.remove(&FieldId::CardToken);
    let email = values.get(&FieldId::PayerEmail).cloned().unwrap_or_default();
    let (pay_with, card_part) = match saved {
        Some((token, part)) => (PayWith::Saved(token), part),
        None => {
            let number = values.get(&FieldId::CardNumber).cloned().unwrap_or_default();
            let part = sign::card_part(&number);
            (PayWith::Typed(number), part)
        }
    };
    Ok(Checked { values, pay_with, email, card_part, save_card })
}

/// The trans_id, decline reason and descriptor of a SALE answer, each at most 255 characters.
fn facts(said: &Said, verdict: Verdict) -> (Option<String>, Option<String>, Option<String>) {
    let text = |v: Option<&str>| v.map(|s| s.chars().take(255).collect::<String>());
    let declined = verdict == Verdict::Became(status::OrderStatus::Declined);
    let reason = if declined { text(said.decline_reason()) } else { None };
    (text(said.trans_id()), reason, text(said.descriptor()))
}

/// Records the SALE's reply and answers the browser.
async fn record(app: &App, order: &Order, key: &str, checked: &Checked, customer: Option<&str>, reply: Reply) -> AppResult<Response> {
    let (http, mut body) = match reply {
        Reply::Lost { timed_out } => {
            tracing::warn!(order_id = %order.id, attempt_key = %key, timed_out, "no answer from the gateway: outcome unknown");
            attempts::mark_unknown(app.store.pool(), key, None).await?;
            let why = if timed_out { NotFinal::TimedOut } else { NotFinal::Unknown };
            return Ok(respond(relay::not_final(order.gateway, &order.id, why), false));
        }
        Reply::Answer { http, body } => (http, body),
    };
    let said = Said::read(order.gateway, &body);
    let verdict = status::verdict(http, &said);
    let (trans_id, reason, descriptor) = facts(&said, verdict);
    tracing::info!(order_id = %order.id, attempt_key = %key, trans_id = trans_id.as_deref().unwrap_or(""), ?verdict, http, "gateway answered");
    if verdict == Verdict::Unknown {
        attempts::mark_unknown(app.store.pool(), key, trans_id.as_deref()).await?;
        return Ok(respond(relay::not_final(order.gateway, &order.id, NotFinal::Unknown), false));
    }
    if let (Some(customer), PayWith::Typed(number), true) = (customer, &checked.pay_with, checked.save_card) {
        if let (Some(token), Verdict::Became(s)) = (said.card_token(), verdict) {
            if s.is_paid() {
                customers::save(app, customer, order.gateway, token, number).await?;
            }
        }
    }
    relay::strip_credentials(&mut body);
    let mut tx = app.store.begin().await?;
    match verdict {
        Verdict::Became(status) => {
            let change = Advance {
                order_id: &order.id,
                key,
                status,
                trans_id: trans_id.as_deref(),
                reason: reason.as_deref(),
                descriptor: descriptor.as_deref(),
            };
            orders::advance(&mut *tx, &change).await?;
        }
        _ => orders::release(&mut *tx, &order.id, key).await?,
    }
    attempts::finish(&mut *tx, key, trans_id.as_deref(), http, &body.to_string()).await?;
    tx.commit().await?;
    Ok(respond((StatusCode::from_u16(http).unwrap_or(StatusCode::OK), body), false))
}
