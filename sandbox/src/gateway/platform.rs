//! Dialect A: the Payment Platform's form-urlencoded POST protocol (spec/000, spec/002):
//! SALE, CAPTURE, GET_TRANS_STATUS and, for a merchant that lost a SALE's answer,
//! GET_TRANS_STATUS_BY_ORDER. Answers are [`Answer`]s; refusals [`GatewayError`]s.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::extract::{FromRequest, Request, State};
use axum::Json;
use checkout_rules::data::currency;
use checkout_rules::payment::{self, Values};
use checkout_rules::{card, FieldId};
use serde_json::{json, Value};

use super::error::{GatewayError, GatewayResult, Kind, Platform};
use super::{new_id, notify, platform_path, today, trans_date, Card, GwStatus, Path3, Tx};
use checkout_rules::answer::ResultCode;

use crate::wire::platform::{Action, Answer};
use crate::wire::word::Word;
use crate::{sign, App, Dialect};

type Result<T> = GatewayResult<T, Platform>;

/// A request's fields (form-urlencoded); an unreadable body is refused in the platform's shape.
pub struct PlatformForm(BTreeMap<String, String>);

impl<S: Send + Sync> FromRequest<S> for PlatformForm {
    type Rejection = GatewayError<Platform>;

    async fn from_request(req: Request, state: &S) -> Result<Self> {
        let axum::Form(pairs) =
            axum::Form::<Vec<(String, String)>>::from_request(req, state).await.map_err(|_| GatewayError::new(Kind::Unreadable))?;
        Ok(PlatformForm(pairs.into_iter().collect()))
    }
}

impl PlatformForm {
    /// A field's value, empty when absent.
    fn get(&self, k: &str) -> &str {
        self.0.get(k).map(String::as_str).unwrap_or("")
    }
}

/// `POST /gateway/post`: redirect_params as an object.
pub async fn post(State(app): State<App>, form: PlatformForm) -> Result<Json<Answer>> {
    dispatch(app, form, Dialect::Platform).await.map(Json)
}

/// `POST /gateway/v2/post`: redirect_params as `[{name, value}]`.
pub async fn post_v2(State(app): State<App>, form: PlatformForm) -> Result<Json<Answer>> {
    dispatch(app, form, Dialect::PlatformV2).await.map(Json)
}

async fn dispatch(app: App, form: PlatformForm, dialect: Dialect) -> Result<Answer> {
    if form.get("client_key") != app.cfg.client_key {
        return Err(GatewayError::new(Kind::Unauthorized));
    }
    if form.0.values().any(|v| v.len() > 4096) {
        return Err(GatewayError::field("request", "a value is too long"));
    }
    super::expire_abandoned(&app).await;
    let actions = "must be SALE, CAPTURE, CREDITVOID, GET_TRANS_STATUS or GET_TRANS_STATUS_BY_ORDER";
    match form.get("action").parse::<Action>().map_err(|_| GatewayError::field("action", actions))? {
        Action::Sale => sale(&app, &form, dialect).await,
        Action::Capture => capture(&app, &form),
        Action::Creditvoid => creditvoid(&app, &form),
        Action::GetTransStatus => status(&app, &form),
        Action::GetTransStatusByOrder => status_by_order(&app, &form),
    }
}

async fn sale(app: &App, form: &PlatformForm, dialect: Dialect) -> Result<Answer> {
    let get = |k: &str| form.get(k);
    let ((number, month, year), vault_token) = checked_card(app, form)?;
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
    let new_token =
        if get("req_token") == "Y" && vault_token.is_none() { Some(super::tokenize(app, &number, &month, &year)?) } else { None };
    let tx = Tx {
        trans_id: new_id(),
        dialect,
        order_id: get("order_id").into(),
        amount: get("order_amount").into(),
        currency: get("order_currency").into(),
        email: get("payer_email").into(),
        card_part: sign::card_part(&number),
        exp: format!("{month}/{year}"),
        status,
        final_ok: path.approves(),
        auth,
        decline_reason: (outcome == GwStatus::Declined).then(|| "Declined by the sandbox test card".into()),
        return_url: Some(get("term_url_3ds").to_string()),
        notify_url: Some(app.cfg.callback_url.clone()),
        card_token: new_token.clone().or(vault_token),
        created_ms: crate::db::now_ms(),
    };
    super::insert_tx(app, &tx)?;
    let recurring = get("recurring_init") == "Y";
    Ok(sale_answer(app, &tx, dialect, is_async.then_some(outcome), new_token.as_deref(), recurring))
}

/// A SALE's card, once the request is right (its fields, IP, amount, return URL and hash):
/// typed in, or the vault's for a `card_token` sent without card data (with that token).
fn checked_card(app: &App, form: &PlatformForm) -> Result<(Card, Option<String>)> {
    let get = |k: &str| form.get(k);
    let (mut values, _unknown): (Values, _) = payment::from_pairs(form.0.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let token = get("card_token");
    // Paying with a token: the vault fills the card in (a token with card data is ignored).
    let vaulted = if !token.is_empty() && get("card_number").is_empty() {
        match super::vault(app, token)? {
            Some(card) => Some(card),
            None => return Err(GatewayError::field("card_token", "Unknown card token.")),
        }
    } else {
        values.remove(&FieldId::CardToken);
        None
    };
    let problems = payment::check_all(&values, payment::sale_requires, today());
    if !problems.is_empty() {
        let errs: Vec<(String, String)> = problems.iter().map(|(f, p)| (f.name().to_string(), p.message_en().to_string())).collect();
        return Err(GatewayError::fields(errs));
    }
    if get("payer_ip").parse::<std::net::IpAddr>().is_err() {
        return Err(GatewayError::field("payer_ip", "must be an IP address"));
    }
    if currency::payable_minor_units(get("order_amount"), get("order_currency")).is_none() {
        let msg = "must be positive, with exactly the currency's decimals (1200 JPY, 12.00 USD, 1.505 BHD)";
        return Err(GatewayError::field("order_amount", msg));
    }
    if checkout_rules::url::Url::parse(get("term_url_3ds")).is_err() {
        return Err(GatewayError::field("term_url_3ds", "must be an absolute http(s) URL"));
    }
    let (email, password) = (get("payer_email"), &app.cfg.password);
    let (card, token, expected) = match vaulted {
        Some(card) => (card, Some(token.to_string()), sign::sale_token(email, password, token)),
        None => {
            // checked above: digits, spaces and dashes only
            let number = card::digits_of(get("card_number")).unwrap_or_default();
            let expected = sign::sale(email, password, &number);
            ((number, get("card_exp_month").into(), get("card_exp_year").into()), None, expected)
        }
    };
    if !sign::same(&expected, get("hash")) {
        return Err(GatewayError::new(Kind::BadHash));
    }
    Ok((card, token))
}

/// The SALE's answer for a recorded transaction. `settles_as`: an async SALE, answered
/// ACCEPTED, whose outcome the callback carries 0.8 s later.
fn sale_answer(app: &App, tx: &Tx, dialect: Dialect, settles_as: Option<GwStatus>, new_token: Option<&str>, recurring: bool) -> Answer {
    let mut answer = about(Action::Sale, tx);
    answer.trans_date = Some(trans_date());
    if let Some(outcome) = settles_as {
        let (app, id, reason) = (app.clone(), tx.trans_id.clone(), tx.decline_reason.clone());
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(800)).await;
            if super::set_tx_status(&app, &id, outcome, reason.as_deref()).is_ok() {
                notify::transaction_changed(&app, &id).await;
            }
        });
        return Answer { result: Some(ResultCode::Accepted.into()), ..answer };
    }
    if tx.status.awaits_payer() {
        return redirect(app, tx, dialect, answer);
    }
    let mut answer = outcome(app, tx, answer);
    if tx.status.is_charge() {
        answer.card_token = new_token.map(String::from);
        answer.recurring_token = recurring.then(new_id);
    }
    answer
}

/// An answer about `tx` to `action`, before its outcome.
fn about(action: Action, tx: &Tx) -> Answer {
    Answer { action: Some(action), order_id: Some(tx.order_id.clone()), trans_id: Some(tx.trans_id.clone()), ..Answer::default() }
}

/// `result`, `status` and what goes with them, for an answer or a status query.
fn outcome(app: &App, tx: &Tx, answer: Answer) -> Answer {
    let status = tx.status.platform().map(Word::Said);
    match tx.status {
        // no status yet: the outcome comes by callback
        GwStatus::Processing => Answer { result: Some(ResultCode::Accepted.into()), ..answer },
        GwStatus::Settled | GwStatus::Pending => Answer {
            result: Some(ResultCode::Success.into()),
            status,
            descriptor: Some(app.cfg.descriptor.clone()),
            amount: Some(tx.amount.clone()),
            currency: Some(tx.currency.clone()),
            ..answer
        },
        GwStatus::Declined => {
            Answer { result: Some(ResultCode::Declined.into()), status, decline_reason: tx.decline_reason.clone(), ..answer }
        }
        GwStatus::ThreeDs | GwStatus::Redirect => Answer { result: Some(ResultCode::Redirect.into()), status, ..answer },
        GwStatus::Refunded | GwStatus::Reversed => Answer { result: Some(ResultCode::Success.into()), status, ..answer },
    }
}

/// Where the payer goes next: the ACS by POST (3-D Secure), or a GET redirect whose URL
/// already has a query (the widget must merge).
fn redirect(app: &App, tx: &Tx, dialect: Dialect, answer: Answer) -> Answer {
    let list = dialect == Dialect::PlatformV2;
    let acs = format!("{}/gateway/acs/{}", app.cfg.base, tx.trans_id);
    let params: Vec<(&str, String)> = if tx.status == GwStatus::ThreeDs {
        let pareq = base64_of(&format!("pareq:{}", tx.trans_id));
        vec![("PaReq", pareq), ("MD", tx.trans_id.clone()), ("TermUrl", tx.return_url.clone().unwrap_or_default())]
    } else if list {
        vec![("MD", tx.trans_id.clone())]
    } else {
        vec![]
    };
    let redirect_params = if list {
        Value::Array(params.iter().map(|(n, v)| json!({"name": n, "value": v})).collect())
    } else if tx.status == GwStatus::ThreeDs {
        Value::Object(params.iter().map(|(n, v)| (n.to_string(), json!(v))).collect())
    } else {
        json!([])
    };
    let (url, method) = match tx.status {
        GwStatus::ThreeDs => (acs, "POST"),
        _ => (format!("{acs}?session={}", &tx.trans_id[..8]), "GET"),
    };
    Answer {
        result: Some(ResultCode::Redirect.into()),
        status: tx.status.platform().map(Word::Said),
        redirect_url: Some(url),
        redirect_method: Some(method.into()),
        redirect_params: Some(redirect_params),
        ..answer
    }
}

fn base64_of(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// The transaction a `trans_id` + Appendix A `hash` request names, if the hash is right.
fn signed_tx(app: &App, form: &PlatformForm) -> Result<Tx> {
    let trans_id = form.get("trans_id");
    let Some(tx) = super::load_tx(app, trans_id)?.filter(|t| t.dialect.is_platform()) else {
        return Err(GatewayError::field("trans_id", "Unknown transaction."));
    };
    if !sign::same(&sign::callback(&tx.email, &app.cfg.password, trans_id, &tx.card_part), form.get("hash")) {
        return Err(GatewayError::new(Kind::BadHash));
    }
    Ok(tx)
}

/// CAPTURE of a held (PENDING) authorisation: settles it, except for the 03/2038 test
/// card, whose capture is declined.
fn capture(app: &App, form: &PlatformForm) -> Result<Answer> {
    let tx = signed_tx(app, form)?;
    if tx.status != GwStatus::Pending {
        return Err(GatewayError::new(Kind::Rule("Only a PENDING (authorised) transaction can be captured.")));
    }
    let declined = tx.card_part == sign::card_part("4111111111111111") && tx.exp == "03/2038";
    let (status, reason) =
        if declined { (GwStatus::Declined, Some("Capture declined by the sandbox test card")) } else { (GwStatus::Settled, None) };
    super::set_tx_status(app, &tx.trans_id, status, reason)?;
    Ok(Answer {
        result: Some(if declined { ResultCode::Declined } else { ResultCode::Success }.into()),
        status: status.platform().map(Word::Said),
        trans_date: Some(trans_date()),
        amount: Some(tx.amount.clone()),
        currency: Some(tx.currency.clone()),
        decline_reason: reason.map(String::from),
        ..about(Action::Capture, &tx)
    })
}

/// CREDITVOID: a settled payment is refunded (REFUND), a held one reversed (REVERSAL).
/// Answered ACCEPTED, as the platform does; the status query tells the outcome.
fn creditvoid(app: &App, form: &PlatformForm) -> Result<Answer> {
    let tx = signed_tx(app, form)?;
    let to = match tx.status {
        GwStatus::Settled => GwStatus::Refunded,
        GwStatus::Pending => GwStatus::Reversed,
        _ => return Err(GatewayError::new(Kind::Rule("Only a SETTLED or PENDING transaction can be voided."))),
    };
    super::set_tx_status(app, &tx.trans_id, to, None)?;
    Ok(Answer { result: Some(ResultCode::Accepted.into()), trans_date: Some(trans_date()), ..about(Action::Creditvoid, &tx) })
}

/// GET_TRANS_STATUS: `trans_id` and the Appendix A hash → the transaction's status now.
fn status(app: &App, form: &PlatformForm) -> Result<Answer> {
    Ok(status_answer(app, &signed_tx(app, form)?))
}

/// A status answer. `card` (first six and last four, masked) is an emulator assumption, as
/// GET_TRANS_DETAILS gives it: a merchant that lost a SALE's answer signs a CREDITVOID with it.
fn status_answer(app: &App, tx: &Tx) -> Answer {
    outcome(app, tx, Answer { card: Some(tx.masked_card()), ..about(Action::GetTransStatus, tx) })
}

/// GET_TRANS_STATUS_BY_ORDER (an emulator assumption, see README): `order_id`, `payer_email`
/// and `hash = md5(upper(strrev(email) . PASSWORD . order_id))` → every transaction of
/// that order for that payer, oldest first. A merchant whose SALE answer was lost has no
/// trans_id to ask about; this finds it.
fn status_by_order(app: &App, form: &PlatformForm) -> Result<Answer> {
    let (order_id, email) = (form.get("order_id"), form.get("payer_email"));
    if !sign::same(&sign::by_order(email, &app.cfg.password, order_id), form.get("hash")) {
        return Err(GatewayError::new(Kind::BadHash));
    }
    let txs = super::txs_of_order(app, order_id)?;
    let list = txs.iter().filter(|t| t.dialect.is_platform() && t.email == email).map(|t| status_answer(app, t)).collect();
    Ok(Answer {
        action: Some(Action::GetTransStatusByOrder),
        result: Some(ResultCode::Success.into()),
        order_id: Some(order_id.into()),
        transactions: Some(list),
        ..Answer::default()
    })
}
