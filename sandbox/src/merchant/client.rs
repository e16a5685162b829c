//! The merchant's gateway client, both dialects: the SALE, the status queries that settle
//! an unknown outcome or confirm a callback, and CAPTURE. Every call ends in a
//! [`Reply`]: an answer the gateway gave, or `Lost` when it may have acted unseen.

use std::net::IpAddr;

use checkout_rules::data::currency;
use checkout_rules::payment::Values;
use checkout_rules::FieldId;
use serde_json::{json, Value};

use super::orders::Order;
use crate::browser::Browser;
use crate::status::{of_paycross, of_platform, OrderStatus};
use crate::wire::paycross::{self, AdditionalData, ChildRequest, CreditCard, Customer, Kind, Payment, PaymentRequest, Transaction};
use crate::wire::platform::Answer;
use crate::wire::word::Word;
use crate::wire::Said;
use crate::{sign, App};
use checkout_rules::answer::ResultCode;

pub enum Reply {
    Answer {
        http: u16,
        body: Value,
    },
    /// No readable answer: connection lost, timeout, or not JSON.
    Lost {
        timed_out: bool,
    },
}

async fn read(sent: reqwest::Result<reqwest::Response>) -> Reply {
    let resp = match sent {
        Ok(r) => r,
        Err(e) => return Reply::Lost { timed_out: e.is_timeout() },
    };
    let http = resp.status().as_u16();
    match resp.json::<Value>().await {
        Ok(body) => Reply::Answer { http, body },
        Err(e) => Reply::Lost { timed_out: e.is_timeout() },
    }
}

/// How the card is paid: typed (ASCII digits) or a token the backend keeps.
pub enum Card<'a> {
    Typed(&'a str),
    Token(&'a str),
}

/// One SALE: the order from the merchant's records, the payer's checked fields.
pub struct Sale<'a> {
    pub order: &'a Order,
    pub values: &'a Values,
    pub card: Card<'a>,
    pub ip: IpAddr,
    /// For 3-D Secure 2: PayCross takes it as `additional_data.browser`; the Payment
    /// Platform's SALE has no such fields (it is not sent there).
    pub browser: Option<Browser>,
    pub save_card: bool,
}

impl Sale<'_> {
    /// A payer field's checked value, empty when the payer left it out.
    fn value(&self, f: FieldId) -> String {
        self.values.get(&f).cloned().unwrap_or_default()
    }
}

/// Sends the SALE in the order's gateway dialect.
pub async fn sale(app: &App, s: &Sale<'_>) -> Reply {
    let return_url = format!("{}/return?order_id={}", app.cfg.base, s.order.id);
    if s.order.gateway.is_platform() {
        platform_sale(app, s, return_url).await
    } else {
        paycross_sale(app, s, return_url).await
    }
}

/// The Payment Platform's SALE: a signed form post (`hash` over the email, the password and
/// the card number or token).
async fn platform_sale(app: &App, s: &Sale<'_>, return_url: String) -> Reply {
    let mut form: Vec<(String, String)> = vec![
        ("action".into(), "SALE".into()),
        ("client_key".into(), app.cfg.client_key.clone()),
        ("order_id".into(), s.order.id.clone()),
        ("order_amount".into(), s.order.amount.clone()),
        ("order_currency".into(), s.order.currency.clone()),
        ("order_description".into(), s.order.description.clone()),
        ("payer_ip".into(), s.ip.to_string()),
        ("term_url_3ds".into(), return_url),
        ("auth".into(), if s.order.auth { "Y" } else { "N" }.into()),
        ("async".into(), if s.order.is_async { "Y" } else { "N" }.into()),
    ];
    let email = s.value(FieldId::PayerEmail);
    let hash = match s.card {
        Card::Typed(number) => {
            form.extend(s.values.iter().map(|(f, v)| (f.name().to_string(), v.clone())));
            sign::sale(&email, &app.cfg.password, number)
        }
        Card::Token(token) => {
            form.extend(s.values.iter().filter(|(f, _)| !f.is_card_data()).map(|(f, v)| (f.name().to_string(), v.clone())));
            form.push(("card_token".into(), token.into()));
            sign::sale_token(&email, &app.cfg.password, token)
        }
    };
    if s.save_card {
        form.push(("req_token".into(), "Y".into()));
    }
    form.push(("hash".into(), hash));
    let path = if s.order.gateway == crate::Dialect::PlatformV2 { "/gateway/v2/post" } else { "/gateway/post" };
    read(app.http.post(format!("{}{}", app.cfg.gateway_base, path)).form(&form).send().await).await
}

/// PayCross API v3's payment: JSON with the amount in minor units, basic auth.
async fn paycross_sale(app: &App, s: &Sale<'_>, return_url: String) -> Reply {
    // Exact minor units (the order's amount was checked against its currency when created).
    let Some(minor) = currency::minor_units(&s.order.amount, &s.order.currency) else { return amount_unfit() };
    let credit_card = match s.card {
        Card::Token(token) => CreditCard { token: Some(token.into()), ..CreditCard::default() },
        Card::Typed(number) => CreditCard {
            number: Some(number.into()),
            verification_value: Some(s.value(FieldId::CardCvv2)),
            exp_month: checkout_rules::digits_value(&s.value(FieldId::CardExpMonth), 12),
            exp_year: checkout_rules::digits_value(&s.value(FieldId::CardExpYear), 9999),
            holder: s.values.get(&FieldId::CardHolder).cloned(),
            token: None,
        },
    };
    let mut billing = serde_json::Map::new();
    for (f, path) in crate::wire::PAYCROSS_PATHS {
        if let (Some(k), Some(v)) = (path.strip_prefix("billing_address."), s.values.get(f)) {
            billing.insert(k.into(), json!(v));
        }
    }
    let additional = AdditionalData { contract: s.save_card.then(|| vec!["recurring"]), browser: s.browser.clone() };
    let request = PaymentRequest {
        request: Payment {
            amount: minor,
            currency: s.order.currency.clone(),
            description: s.order.description.clone(),
            tracking_id: s.order.id.clone(),
            language: "en",
            test: true,
            return_url,
            notification_url: format!("{}/api/callback/paycross", app.cfg.base),
            credit_card,
            customer: Customer { ip: s.ip.to_string(), email: s.value(FieldId::PayerEmail) },
            billing_address: billing,
            additional_data: Some(additional).filter(|a| a.contract.is_some() || a.browser.is_some()),
        },
    };
    let kind = if s.order.auth { "authorizations" } else { "payments" };
    read(paycross(app, app.http.post(format!("{}/gateway/v3/transactions/{kind}", app.cfg.gateway_base))).json(&request).send().await).await
}

/// Refused before sending: an order's amount that does not fit its currency (checked when
/// the order was made, so never expected).
fn amount_unfit() -> Reply {
    let message = Some("The order's amount does not fit its currency.".into());
    Reply::Answer { http: 422, body: paycross::CodeAnswer { code: "E.1025".into(), message, ..Default::default() }.to_value() }
}

fn paycross(app: &App, req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    req.basic_auth(&app.cfg.shop_id, Some(&app.cfg.shop_secret)).header("X-API-Version", "3")
}

/// A gateway transaction as a status query (or a SALE answer) describes it.
#[derive(Clone, Debug)]
pub struct TxView {
    pub trans_id: String,
    /// `None`: a status that is not a payment's outcome (refund, void…): changes nothing.
    pub status: Option<OrderStatus>,
    pub reason: Option<String>,
    pub descriptor: Option<String>,
}

/// Reads a transaction in the order's dialect.
pub fn view(order: &Order, v: &Value) -> Option<TxView> {
    let said = Said::read(order.gateway, v);
    let status = match &said {
        Said::Platform(a) => of_platform(a.status.as_ref()?.known()?),
        Said::PayCross(t) => of_paycross(t),
        _ => return None,
    };
    let text = |v: Option<&str>| v.map(|s| s.chars().take(255).collect::<String>());
    let reason = if status == Some(OrderStatus::Declined) { text(said.decline_reason()) } else { None };
    Some(TxView { trans_id: said.trans_id()?.into(), status, reason, descriptor: text(said.descriptor()) })
}

/// What the gateway says of one transaction now: `Ok(None)` if it does not know it.
pub async fn transaction(app: &App, order: &Order, trans_id: &str) -> Result<Option<Value>, ()> {
    let reply = if order.gateway.is_platform() {
        about_transaction(app, order, "GET_TRANS_STATUS", trans_id).await
    } else {
        let url = format!("{}/gateway/v3/transactions/{}", app.cfg.gateway_base, urlencoded(trans_id));
        read(paycross(app, app.http.get(url)).send().await).await
    };
    match reply {
        Reply::Answer { http: 200, body } if order.gateway.is_platform() => match Said::read(order.gateway, &body) {
            Said::Platform(Answer { result: Some(Word::Said(ResultCode::Error)), .. }) => Ok(None),
            Said::Platform(Answer { result: Some(_), .. }) => Ok(Some(body)),
            _ => Err(()),
        },
        Reply::Answer { http: 200, body } => Ok(Some(body["transaction"].clone()).filter(Value::is_object)),
        Reply::Answer { http: 404, .. } if !order.gateway.is_platform() => Ok(None),
        _ => Err(()),
    }
}

/// Every transaction the gateway holds for the order, oldest first (dialect A: those its
/// current payer signed for).
pub async fn transactions_of_order(app: &App, order: &Order) -> Result<Vec<Value>, ()> {
    transactions_by(app, order, order.email.as_deref().unwrap_or("")).await
}

/// Every transaction the gateway holds for the order; dialect A lists those of one payer.
pub async fn transactions_by(app: &App, order: &Order, email: &str) -> Result<Vec<Value>, ()> {
    let reply = if order.gateway.is_platform() {
        let form = [
            ("action", "GET_TRANS_STATUS_BY_ORDER"),
            ("client_key", app.cfg.client_key.as_str()),
            ("order_id", order.id.as_str()),
            ("payer_email", email),
            ("hash", &sign::by_order(email, &app.cfg.password, &order.id)),
        ];
        read(app.http.post(format!("{}/gateway/post", app.cfg.gateway_base)).form(&form).send().await).await
    } else {
        let url = format!("{}/gateway/v3/transactions/tracking_id/{}", app.cfg.gateway_base, urlencoded(&order.id));
        read(paycross(app, app.http.get(url)).send().await).await
    };
    match reply {
        Reply::Answer { http: 200, body } => body["transactions"].as_array().cloned().ok_or(()),
        _ => Err(()),
    }
}

/// CAPTURE of a held authorisation: dialect A's CAPTURE, PayCross's capture.
pub async fn capture(app: &App, order: &Order, trans_id: &str) -> Reply {
    if order.gateway.is_platform() {
        return about_transaction(app, order, "CAPTURE", trans_id).await;
    }
    on_parent(app, order, "captures", trans_id).await
}

/// Gives a charge back: dialect A's CREDITVOID (signed with that payment's own payer and
/// card); PayCross's void of a held authorisation (`held`) or refund of a captured payment.
pub async fn reverse(app: &App, order: &Order, trans_id: &str, payer: (&str, &str), held: bool) -> Reply {
    if order.gateway.is_platform() {
        return signed_action(app, "CREDITVOID", trans_id, payer).await;
    }
    on_parent(app, order, if held { "voids" } else { "refunds" }, trans_id).await
}

/// Whether a PayCross listing holds a successful `kind` (capture, void, refund) of `parent`.
pub fn has_child(listed: &[Value], parent: &str, kind: Kind) -> bool {
    let child = |t: Transaction| t.kind == Some(kind) && t.parent_uid.as_deref() == Some(parent) && t.is_successful();
    listed.iter().filter_map(Transaction::read).any(child)
}

/// A PayCross transaction on a parent, for the order's whole amount.
async fn on_parent(app: &App, order: &Order, kind: &str, parent: &str) -> Reply {
    let Some(amount) = currency::minor_units(&order.amount, &order.currency) else { return amount_unfit() };
    let request = ChildRequest { request: paycross::Child { parent_uid: parent.into(), amount } };
    let url = format!("{}/gateway/v3/transactions/{kind}", app.cfg.gateway_base);
    read(paycross(app, app.http.post(url)).json(&request).send().await).await
}

/// A dialect A action on one transaction of the order's current attempt.
async fn about_transaction(app: &App, order: &Order, action: &str, trans_id: &str) -> Reply {
    let payer = (order.email.as_deref().unwrap_or(""), order.card_part.as_deref().unwrap_or(""));
    signed_action(app, action, trans_id, payer).await
}

/// A dialect A action on one transaction, signed with the Appendix A `trans_id` formula
/// over its payer's email and card part (first six, last four).
async fn signed_action(app: &App, action: &str, trans_id: &str, (email, part): (&str, &str)) -> Reply {
    let form = [
        ("action", action),
        ("client_key", app.cfg.client_key.as_str()),
        ("trans_id", trans_id),
        ("hash", &sign::callback(email, &app.cfg.password, trans_id, part)),
    ];
    read(app.http.post(format!("{}/gateway/post", app.cfg.gateway_base)).form(&form).send().await).await
}

fn urlencoded(s: &str) -> String {
    let mut out = String::new();
    checkout_rules::redirect::encode(s, &mut out);
    out
}
