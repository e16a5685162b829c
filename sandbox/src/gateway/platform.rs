//! Dialect A: the Payment Platform's form-urlencoded POST protocol (spec/000, spec/002):
//! SALE, CAPTURE, GET_TRANS_STATUS and, for a merchant that lost a SALE's answer,
//! GET_TRANS_STATUS_BY_ORDER.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use checkout_rules::data::currency;
use checkout_rules::payment::{self, Values};
use checkout_rules::{card, FieldId};
use serde_json::{json, Value};

use super::{new_id, notify, platform_path, today, trans_date, GwStatus, Path3, Tx};
use crate::{sign, App, Dialect};

type Form = BTreeMap<String, String>;

fn error(message: &str, errors: &[(String, String)]) -> Response {
    Json(crate::wire::platform_error(message, errors)).into_response()
}

fn storage_error(e: rusqlite::Error) -> Response {
    tracing::error!(error = %e, "gateway emulator: storage failed");
    (axum::http::StatusCode::INTERNAL_SERVER_ERROR, Json(crate::wire::platform_error("Internal error.", &[]))).into_response()
}

/// `POST /gateway/post`: redirect_params as an object.
pub async fn post(State(app): State<App>, body: String) -> Response {
    dispatch(app, body, Dialect::Platform).await
}

/// `POST /gateway/v2/post`: redirect_params as `[{name, value}]`.
pub async fn post_v2(State(app): State<App>, body: String) -> Response {
    dispatch(app, body, Dialect::PlatformV2).await
}

async fn dispatch(app: App, body: String, dialect: Dialect) -> Response {
    let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(&body) else {
        return error("Request body is not form-urlencoded.", &[]);
    };
    let form: Form = pairs.into_iter().collect();
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    if get("client_key") != app.cfg.client_key {
        return error("Unknown client_key.", &[]);
    }
    if form.values().any(|v| v.len() > 4096) {
        return error("Request data is invalid.", &[("request".into(), "a value is too long".into())]);
    }
    super::expire_abandoned(&app).await;
    let answer = match get("action") {
        "SALE" => sale(&app, &form, dialect).await,
        "CAPTURE" => capture(&app, &form),
        "CREDITVOID" => creditvoid(&app, &form),
        "GET_TRANS_STATUS" => status(&app, &form),
        "GET_TRANS_STATUS_BY_ORDER" => status_by_order(&app, &form),
        _ => {
            let actions = "must be SALE, CAPTURE, CREDITVOID, GET_TRANS_STATUS or GET_TRANS_STATUS_BY_ORDER";
            return error("Request data is invalid.", &[("action".into(), actions.into())]);
        }
    };
    answer.unwrap_or_else(storage_error)
}

async fn sale(app: &App, form: &Form, dialect: Dialect) -> rusqlite::Result<Response> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let (mut values, _unknown): (Values, _) = payment::from_pairs(form.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let token = get("card_token").to_string();
    // Paying with a token: the vault fills the card in (a token with card data is ignored).
    let vaulted = if !token.is_empty() && get("card_number").is_empty() {
        match super::vault(app, &token)? {
            Some(card) => Some(card),
            None => return Ok(error("Request data is invalid.", &[("card_token".into(), "Unknown card token.".into())])),
        }
    } else {
        values.remove(&FieldId::CardToken);
        None
    };
    let problems = payment::check_all(&values, payment::sale_requires, today());
    if !problems.is_empty() {
        let errs: Vec<(String, String)> = problems.iter().map(|(f, p)| (f.name().to_string(), p.message_en().to_string())).collect();
        return Ok(error("Request data is invalid.", &errs));
    }
    if get("payer_ip").parse::<std::net::IpAddr>().is_err() {
        return Ok(error("Request data is invalid.", &[("payer_ip".into(), "must be an IP address".into())]));
    }
    if currency::payable_minor_units(get("order_amount"), get("order_currency")).is_none() {
        let msg = "must be positive, with exactly the currency's decimals (1200 JPY, 12.00 USD, 1.505 BHD)";
        return Ok(error("Request data is invalid.", &[("order_amount".into(), msg.into())]));
    }
    if checkout_rules::url::Url::parse(get("term_url_3ds")).is_err() {
        return Ok(error("Request data is invalid.", &[("term_url_3ds".into(), "must be an absolute http(s) URL".into())]));
    }
    let email = get("payer_email");
    let (number, month, year) = match &vaulted {
        Some(card) => card.clone(),
        // checked above: digits, spaces and dashes only
        None => (card::digits_of(get("card_number")).unwrap_or_default(), get("card_exp_month").into(), get("card_exp_year").into()),
    };
    let expected =
        if vaulted.is_some() { sign::sale_token(email, &app.cfg.password, &token) } else { sign::sale(email, &app.cfg.password, &number) };
    if !sign::same(&expected, get("hash")) {
        return Ok(error("Hash is not valid.", &[("hash".into(), "does not match".into())]));
    }

    let path = platform_path(&number, &month, &year);
    let auth = get("auth") == "Y";
    let is_async = get("async") == "Y";
    let held = auth || (number == "4111111111111111" && month == "03" && year == "2038");
    let approved = if held { GwStatus::Pending } else { GwStatus::Settled };
    // Async: the answer says ACCEPTED and the callback carries the outcome (3-D Secure
    // is not part of the emulated async path: its cards settle as their final outcome).
    let outcome = if path.approves() { approved } else { GwStatus::Declined };
    let status = match path {
        _ if is_async => GwStatus::Processing,
        Path3::Direct(true) => approved,
        Path3::Direct(false) => GwStatus::Declined,
        Path3::ThreeDs(_) => GwStatus::ThreeDs,
        Path3::Redirect(_) => GwStatus::Redirect,
    };
    let new_token = if get("req_token") == "Y" && vaulted.is_none() { Some(super::tokenize(app, &number, &month, &year)?) } else { None };
    let tx = Tx {
        trans_id: new_id(),
        dialect,
        order_id: get("order_id").into(),
        amount: get("order_amount").into(),
        currency: get("order_currency").into(),
        email: email.into(),
        card_part: sign::card_part(&number),
        exp: format!("{month}/{year}"),
        status,
        final_ok: path.approves(),
        auth,
        decline_reason: (outcome == GwStatus::Declined).then(|| "Declined by the sandbox test card".into()),
        return_url: Some(get("term_url_3ds").to_string()),
        notify_url: Some(app.cfg.callback_url.clone()),
        card_token: new_token.clone().or(vaulted.map(|_| token)),
        created_ms: crate::db::now_ms(),
    };
    super::insert_tx(app, &tx)?;
    let recurring = get("recurring_init") == "Y";
    Ok(sale_answer(app, &tx, dialect, is_async.then_some(outcome), new_token.as_deref(), recurring))
}

/// The SALE's answer for a recorded transaction. `settles_as`: an async SALE, answered
/// ACCEPTED, whose outcome the callback carries 0.8 s later.
fn sale_answer(app: &App, tx: &Tx, dialect: Dialect, settles_as: Option<GwStatus>, new_token: Option<&str>, recurring: bool) -> Response {
    let mut body = json!({"action": "SALE", "order_id": tx.order_id, "trans_id": tx.trans_id, "trans_date": trans_date()});
    if let Some(outcome) = settles_as {
        body["result"] = json!("ACCEPTED");
        let (app, id, reason) = (app.clone(), tx.trans_id.clone(), tx.decline_reason.clone());
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(800)).await;
            if super::set_tx_status(&app, &id, outcome, reason.as_deref()).is_ok() {
                notify::transaction_changed(&app, &id).await;
            }
        });
        return Json(body).into_response();
    }
    match tx.status {
        GwStatus::Settled | GwStatus::Pending => {
            outcome_fields(app, tx, &mut body);
            if let Some(t) = new_token {
                body["card_token"] = json!(t);
            }
            if recurring {
                body["recurring_token"] = json!(new_id());
            }
        }
        GwStatus::Declined | GwStatus::Processing | GwStatus::Refunded | GwStatus::Reversed => outcome_fields(app, tx, &mut body),
        GwStatus::ThreeDs | GwStatus::Redirect => redirect_fields(app, tx, dialect, &mut body),
    }
    Json(body).into_response()
}

/// `result`, `status` and what goes with them, for an answer or a status query.
fn outcome_fields(app: &App, tx: &Tx, body: &mut Value) {
    if tx.status == GwStatus::Processing {
        body["result"] = json!("ACCEPTED"); // no status yet: the outcome comes by callback
        return;
    }
    body["status"] = json!(tx.status.platform());
    match tx.status {
        GwStatus::Processing => {}
        GwStatus::Settled | GwStatus::Pending => {
            body["result"] = json!("SUCCESS");
            body["descriptor"] = json!(app.cfg.descriptor);
            body["amount"] = json!(tx.amount);
            body["currency"] = json!(tx.currency);
        }
        GwStatus::Declined => {
            body["result"] = json!("DECLINED");
            body["decline_reason"] = json!(tx.decline_reason);
        }
        GwStatus::ThreeDs | GwStatus::Redirect => body["result"] = json!("REDIRECT"),
        GwStatus::Refunded | GwStatus::Reversed => body["result"] = json!("SUCCESS"),
    }
}

fn redirect_fields(app: &App, tx: &Tx, dialect: Dialect, body: &mut Value) {
    let list = dialect == Dialect::PlatformV2;
    let acs = format!("{}/gateway/acs/{}", app.cfg.base, tx.trans_id);
    body["result"] = json!("REDIRECT");
    body["status"] = json!(tx.status.platform());
    if tx.status == GwStatus::ThreeDs {
        let params = [
            ("PaReq", base64_of(&format!("pareq:{}", tx.trans_id))),
            ("MD", tx.trans_id.clone()),
            ("TermUrl", tx.return_url.clone().unwrap_or_default()),
        ];
        body["redirect_url"] = json!(acs);
        body["redirect_method"] = json!("POST");
        body["redirect_params"] = if list {
            Value::Array(params.iter().map(|(n, v)| json!({"name": n, "value": v})).collect())
        } else {
            Value::Object(params.iter().map(|(n, v)| (n.to_string(), json!(v))).collect())
        };
    } else {
        // A GET redirect whose URL already has a query: the widget must merge.
        body["redirect_url"] = json!(format!("{acs}?session={}", &tx.trans_id[..8]));
        body["redirect_method"] = json!("GET");
        body["redirect_params"] = if list { json!([{"name": "MD", "value": tx.trans_id}]) } else { json!([]) };
    }
}

fn base64_of(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// The transaction a `trans_id` + Appendix A `hash` request names, if the hash is right.
fn signed_tx(app: &App, form: &Form) -> rusqlite::Result<Result<Tx, Response>> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let trans_id = get("trans_id");
    let Some(tx) = super::load_tx(app, trans_id)?.filter(|t| t.dialect.is_platform()) else {
        return Ok(Err(error("Request data is invalid.", &[("trans_id".into(), "Unknown transaction.".into())])));
    };
    if !sign::same(&sign::callback(&tx.email, &app.cfg.password, trans_id, &tx.card_part), get("hash")) {
        return Ok(Err(error("Hash is not valid.", &[("hash".into(), "does not match".into())])));
    }
    Ok(Ok(tx))
}

/// CAPTURE of a held (PENDING) authorisation: settles it, except for the 03/2038 test
/// card, whose capture is declined.
fn capture(app: &App, form: &Form) -> rusqlite::Result<Response> {
    let tx = match signed_tx(app, form)? {
        Ok(tx) => tx,
        Err(answer) => return Ok(answer),
    };
    if tx.status != GwStatus::Pending {
        return Ok(error("Only a PENDING (authorised) transaction can be captured.", &[]));
    }
    let declined = tx.card_part == sign::card_part("4111111111111111") && tx.exp == "03/2038";
    let (status, reason) =
        if declined { (GwStatus::Declined, Some("Capture declined by the sandbox test card")) } else { (GwStatus::Settled, None) };
    super::set_tx_status(app, &tx.trans_id, status, reason)?;
    let mut body = json!({"action": "CAPTURE", "result": if declined { "DECLINED" } else { "SUCCESS" }, "status": status.platform(),
        "order_id": tx.order_id, "trans_id": tx.trans_id, "trans_date": trans_date(), "amount": tx.amount, "currency": tx.currency});
    if let Some(r) = reason {
        body["decline_reason"] = json!(r);
    }
    Ok(Json(body).into_response())
}

/// CREDITVOID: a settled payment is refunded (REFUND), a held one reversed (REVERSAL).
/// Answered ACCEPTED, as the platform does; the status query tells the outcome.
fn creditvoid(app: &App, form: &Form) -> rusqlite::Result<Response> {
    let tx = match signed_tx(app, form)? {
        Ok(tx) => tx,
        Err(answer) => return Ok(answer),
    };
    let to = match tx.status {
        GwStatus::Settled => GwStatus::Refunded,
        GwStatus::Pending => GwStatus::Reversed,
        _ => return Ok(error("Only a SETTLED or PENDING transaction can be voided.", &[])),
    };
    super::set_tx_status(app, &tx.trans_id, to, None)?;
    let body =
        json!({"action": "CREDITVOID", "result": "ACCEPTED", "order_id": tx.order_id, "trans_id": tx.trans_id, "trans_date": trans_date()});
    Ok(Json(body).into_response())
}

/// GET_TRANS_STATUS: `trans_id` and the Appendix A hash → the transaction's status now.
fn status(app: &App, form: &Form) -> rusqlite::Result<Response> {
    let tx = match signed_tx(app, form)? {
        Ok(tx) => tx,
        Err(answer) => return Ok(answer),
    };
    Ok(Json(status_json(app, &tx)).into_response())
}

/// A status answer. `card` (first six and last four, masked) is an emulator assumption, as
/// GET_TRANS_DETAILS gives it: a merchant that lost a SALE's answer signs a CREDITVOID with it.
fn status_json(app: &App, tx: &Tx) -> Value {
    let mut body = json!({"action": "GET_TRANS_STATUS", "order_id": tx.order_id, "trans_id": tx.trans_id, "card": tx.masked_card()});
    outcome_fields(app, tx, &mut body);
    body
}

/// GET_TRANS_STATUS_BY_ORDER (an emulator assumption, see README): `order_id`, `payer_email`
/// and `hash = md5(upper(strrev(email) . PASSWORD . order_id))` → every transaction of
/// that order for that payer, oldest first. A merchant whose SALE answer was lost has no
/// trans_id to ask about; this finds it.
fn status_by_order(app: &App, form: &Form) -> rusqlite::Result<Response> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let (order_id, email) = (get("order_id"), get("payer_email"));
    if !sign::same(&sign::by_order(email, &app.cfg.password, order_id), get("hash")) {
        return Ok(error("Hash is not valid.", &[("hash".into(), "does not match".into())]));
    }
    let txs = super::txs_of_order(app, order_id)?;
    let list: Vec<Value> = txs.iter().filter(|t| t.dialect.is_platform() && t.email == email).map(|t| status_json(app, t)).collect();
    Ok(Json(json!({"action": "GET_TRANS_STATUS_BY_ORDER", "result": "SUCCESS", "order_id": order_id, "transactions": list}))
        .into_response())
}
