//! Dialect B: PayCross API v3 (spec/003): `POST /transactions/payments`, and the two
//! queries a merchant settles an unknown outcome with, `GET /transactions/{uid}` and
//! `GET /transactions/tracking_id/{tracking_id}`.

use axum::extract::{FromRequest, Path, State};
use axum::http::HeaderMap;
use axum::Json;
use checkout_rules::payment::{self, Values};
use checkout_rules::{card, FieldId};
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use super::error::{GatewayError, GatewayResult, Kind as ErrorKind, PayCross};
use super::{new_id, paycross_path, today, GwStatus, Path3, Tx};
use crate::browser::Browser;
use crate::wire::paycross::{Kind, Many, One, PaymentMethod, Summary, Transaction};
use crate::{sign, App, Dialect};

type Result<T> = GatewayResult<T, PayCross>;

/// A transaction as PayCross writes it (payment answer, query, notification).
pub fn transaction(app: &App, tx: &Tx) -> Transaction {
    let amount: u64 = tx.amount.parse().unwrap_or(0);
    let (code, friendly) = match tx.status {
        GwStatus::Settled | GwStatus::Pending | GwStatus::Refunded | GwStatus::Reversed => ("S.0000", "The operation was successful."),
        GwStatus::Declined => ("F.9001", "The payment was declined by the bank."),
        GwStatus::ThreeDs | GwStatus::Redirect => ("P.9998", "Incomplete transaction"),
        GwStatus::Processing => ("P.8010", "The payment is being processed."),
    };
    Transaction {
        uid: tx.trans_id.clone(),
        status: tx.status.paycross().into(),
        kind: Some(if tx.auth { Kind::Authorization } else { Kind::Payment }),
        code: Some(code.into()),
        friendly_message: Some(friendly.into()),
        message: Some(friendly.into()),
        amount: Some(amount),
        currency: Some(tx.currency.clone()),
        description: Some("Sandbox payment".into()),
        tracking_id: Some(tx.order_id.clone()),
        test: Some(true),
        redirect_url: tx.status.awaits_payer().then(|| format!("{}/gateway/acs/{}", app.cfg.base, tx.trans_id)),
        payment_method: Some(PaymentMethod {
            payment_method_type: Some("credit_card".into()),
            last_4: Some(tx.last4().into()),
            first_1: tx.card_part.get(..1).map(String::from),
            token: tx.card_token.clone(),
        }),
        summary: Some(Summary {
            billing_descriptor: Some(app.cfg.descriptor.clone()),
            amount: Some(amount),
            currency: Some(tx.currency.clone()),
            status: Some(tx.status.paycross().into()),
        }),
        ..Transaction::default()
    }
}

/// Basic auth with the shop's id and secret.
pub(super) fn authorised(app: &App, headers: &HeaderMap) -> Result<()> {
    use base64::Engine;
    let ok = headers
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .is_some_and(|raw| bool::from(raw.ct_eq(format!("{}:{}", app.cfg.shop_id, app.cfg.shop_secret).as_bytes())));
    ok.then_some(()).ok_or(GatewayError::new(ErrorKind::Unauthorized))
}

/// A request body, `{"request": {...}}`; one that is not JSON is refused in PayCross's shape.
/// The request stays a JSON value: the emulator names each wrong field by its path, as
/// PayCross does, so it reads them one by one.
pub struct Request(pub Value);

impl<S: Send + Sync> FromRequest<S> for Request {
    type Rejection = GatewayError<PayCross>;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self> {
        let Json(mut body) = Json::<Value>::from_request(req, state).await.map_err(|_| GatewayError::new(ErrorKind::Unreadable))?;
        Ok(Request(body.get_mut("request").map(Value::take).unwrap_or_default()))
    }
}

/// Field errors by PayCross's dotted paths (`credit_card.number`).
#[derive(Default)]
struct Errors(Vec<(String, String)>);

impl Errors {
    fn add(&mut self, path: &str, msg: &str) {
        self.0.push((path.into(), msg.into()));
    }
}

/// The expiry as PayCross sends it (numbers), in the protocol's `XX` / `XXXX` text.
fn expiry_text(v: Option<&Value>, width: usize) -> Option<String> {
    let v = v?;
    Some(v.as_u64().map(|n| format!("{n:0width$}")).unwrap_or_else(|| v.as_str().unwrap_or("").to_string()))
}

/// `POST /gateway/v3/transactions/payments`: authorised and captured at once.
pub async fn payment(State(app): State<App>, headers: HeaderMap, Request(r): Request) -> Result<Json<Transaction>> {
    transaction_request(&app, &headers, &r, false).await.map(Json)
}

/// `POST /gateway/v3/transactions/authorizations`: held until a capture.
pub async fn authorization(State(app): State<App>, headers: HeaderMap, Request(r): Request) -> Result<Json<Transaction>> {
    transaction_request(&app, &headers, &r, true).await.map(Json)
}

async fn transaction_request(app: &App, headers: &HeaderMap, r: &Value, hold: bool) -> Result<Transaction> {
    if headers.get("X-API-Version").and_then(|v| v.to_str().ok()) != Some("3") {
        return Err(GatewayError::new(ErrorKind::BadVersion));
    }
    authorised(app, headers)?;
    create(app, r, hold).await
}

/// The request's payer and card fields as the SALE's field table names them, with the
/// expiry (numeric in PayCross) as text, or `None` where it is not a number.
fn fields_of(r: &Value) -> (Values, Option<String>, Option<String>) {
    let mut values = Values::new();
    for (f, path) in crate::wire::PAYCROSS_PATHS {
        // the expiry is numeric in PayCross: read below
        if matches!(f, FieldId::CardExpMonth | FieldId::CardExpYear) {
            continue;
        }
        let val = r.pointer(&format!("/{}", path.replace('.', "/"))).and_then(Value::as_str).unwrap_or("");
        if !val.is_empty() {
            values.insert(*f, val.to_string());
        }
    }
    let month = expiry_text(r.pointer("/credit_card/exp_month"), 2);
    let year = expiry_text(r.pointer("/credit_card/exp_year"), 4);
    for (f, v) in [(FieldId::CardExpMonth, &month), (FieldId::CardExpYear, &year)] {
        if let Some(v) = v {
            values.insert(f, v.clone());
        }
    }
    (values, month, year)
}

/// 3-D Secure 2: the issuer decides on the payer's browser; a 3-D Secure card without it
/// (every field, accept_header included) is refused, naming what is missing.
fn check_browser(browser: &Value, errors: &mut Errors) {
    match Browser::read(browser) {
        Ok(b) if b.accept_header.is_some() => {}
        Ok(_) => errors.add("additional_data.browser.accept_header", "is required for 3-D Secure"),
        Err(e) if browser.is_null() => errors.add("additional_data.browser", &format!("is required for 3-D Secure ({e})")),
        Err(e) => errors.add("additional_data.browser", &e),
    }
}

/// The order's part of a payment request: its amount, description, return URL, currency.
fn check_order(r: &Value, errors: &mut Errors) {
    let s = |p: &str| r.get(p).and_then(Value::as_str).unwrap_or("");
    if r["amount"].as_u64().is_none_or(|a| a == 0) {
        errors.add("amount", "must be a positive integer (minor units)");
    }
    if s("description").trim().is_empty() {
        errors.add("description", "can't be blank");
    }
    if checkout_rules::url::Url::parse(s("return_url")).is_err() {
        errors.add("return_url", "must be an absolute http(s) URL");
    }
    if checkout_rules::data::currency::exponent(s("currency")).is_none() {
        errors.add("currency", "is invalid");
    }
}

async fn create(app: &App, r: &Value, hold: bool) -> Result<Transaction> {
    let s = |p: &str| r.pointer(p).and_then(Value::as_str).unwrap_or("").to_string();
    let mut errors = Errors::default();
    check_order(r, &mut errors);
    let token = s("/credit_card/token");
    let (values, month, year) = fields_of(r);
    let vaulted = if token.is_empty() { None } else { super::vault(app, &token)? };
    if !token.is_empty() && vaulted.is_none() {
        errors.add("credit_card.token", "is invalid");
    }
    let required = |f: FieldId| (vaulted.is_none() && f.is_card_data() && payment::sale_requires(f)) || f == FieldId::PayerEmail;
    for (f, p) in payment::check_all(&values, required, today()) {
        errors.add(crate::wire::paycross_path(f), p.message_en());
    }
    let (number, month, year) = match vaulted {
        Some(card) => card,
        // checked above: digits, spaces and dashes only
        None => (card::digits_of(&s("/credit_card/number")).unwrap_or_default(), month.unwrap_or_default(), year.unwrap_or_default()),
    };
    let path = paycross_path(&number);
    let browser = &r["additional_data"]["browser"];
    if matches!(path, Path3::ThreeDs(_) | Path3::Redirect(_)) {
        check_browser(browser, &mut errors);
    }
    if !errors.0.is_empty() {
        return Err(GatewayError::fields(errors.0));
    }
    let approved = if hold { GwStatus::Pending } else { GwStatus::Settled };
    let status = match path {
        Path3::Direct(true) => approved,
        Path3::Direct(false) => GwStatus::Declined,
        Path3::ThreeDs(_) | Path3::Redirect(_) => GwStatus::ThreeDs,
    };
    let recurring = r["additional_data"]["contract"].as_array().is_some_and(|c| c.iter().any(|x| x == "recurring"));
    let new_token = if recurring && token.is_empty() { Some(super::tokenize(app, &number, &month, &year)?) } else { None };
    let tx = Tx {
        trans_id: format!("{}-{}", &new_id()[..6], &new_id()[..10]),
        dialect: Dialect::PayCross,
        order_id: s("/tracking_id"),
        amount: r["amount"].as_u64().unwrap_or(0).to_string(),
        currency: s("/currency"),
        email: s("/customer/email"),
        card_part: sign::card_part(&number),
        exp: format!("{month}/{year}"),
        status,
        final_ok: path.approves(),
        auth: hold,
        decline_reason: (status == GwStatus::Declined).then(|| "The payment was declined by the bank.".into()),
        return_url: Some(s("/return_url")),
        notify_url: Some(s("/notification_url")).filter(|u| !u.is_empty()),
        card_token: new_token.or(Some(token).filter(|t| !t.is_empty())),
        created_ms: crate::db::now_ms(),
    };
    super::insert_tx(app, &tx)?;
    let answer = transaction(app, &tx);
    Ok(Transaction { additional_data: (!browser.is_null()).then(|| json!({"browser": browser})), ..answer })
}

/// `GET /gateway/v3/transactions/{uid}`: one transaction, as a notification carries it.
pub async fn one(State(app): State<App>, headers: HeaderMap, Path(uid): Path<String>) -> Result<Json<One>> {
    authorised(&app, &headers)?;
    super::expire_abandoned(&app).await;
    match super::load_tx(&app, &uid)? {
        Some(tx) if tx.dialect == Dialect::PayCross => Ok(Json(One { transaction: transaction(&app, &tx) })),
        _ => Err(GatewayError::new(ErrorKind::NotFound)),
    }
}

/// `GET /gateway/v3/transactions/tracking_id/{tracking_id}`: every transaction of an order.
pub async fn by_tracking_id(State(app): State<App>, headers: HeaderMap, Path(id): Path<String>) -> Result<Json<Many>> {
    authorised(&app, &headers)?;
    super::expire_abandoned(&app).await;
    let txs = super::txs_of_order(&app, &id)?;
    let parents = txs.iter().filter(|t| t.dialect == Dialect::PayCross);
    let children = parents.clone().flat_map(super::paycross_children::of);
    Ok(Json(Many { transactions: parents.map(|t| transaction(&app, t)).chain(children).collect() }))
}
