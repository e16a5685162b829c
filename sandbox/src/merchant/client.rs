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
use crate::status::{of_transaction, OrderStatus};
use crate::{sign, App};

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
    let Some(minor) = currency::minor_units(&s.order.amount, &s.order.currency) else {
        return Reply::Answer { http: 422, body: json!({"code": "E.1025", "message": "The order's amount does not fit its currency."}) };
    };
    let card = match s.card {
        Card::Token(token) => json!({"token": token}),
        Card::Typed(number) => {
            let mut c = json!({"number": number, "verification_value": s.value(FieldId::CardCvv2),
                "exp_month": checkout_rules::digits_value(&s.value(FieldId::CardExpMonth), 12),
                "exp_year": checkout_rules::digits_value(&s.value(FieldId::CardExpYear), 9999)});
            if let Some(h) = s.values.get(&FieldId::CardHolder) {
                c["holder"] = json!(h);
            }
            c
        }
    };
    let mut billing = serde_json::Map::new();
    for (f, path) in crate::wire::PAYCROSS_PATHS {
        if let (Some(k), Some(v)) = (path.strip_prefix("billing_address."), s.values.get(f)) {
            billing.insert(k.into(), json!(v));
        }
    }
    let mut request = json!({
        "amount": minor, "currency": s.order.currency, "description": s.order.description, "tracking_id": s.order.id,
        "language": "en", "test": true, "return_url": return_url,
        "notification_url": format!("{}/api/callback/paycross", app.cfg.base),
        "credit_card": card, "customer": {"ip": s.ip.to_string(), "email": s.value(FieldId::PayerEmail)}, "billing_address": billing,
    });
    if s.save_card {
        request["additional_data"]["contract"] = json!(["recurring"]);
    }
    if let Some(b) = &s.browser {
        request["additional_data"]["browser"] = json!(b);
    }
    let kind = if s.order.auth { "authorizations" } else { "payments" };
    read(
        paycross(app, app.http.post(format!("{}/gateway/v3/transactions/{kind}", app.cfg.gateway_base)))
            .json(&json!({"request": request}))
            .send()
            .await,
    )
    .await
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
    let text = |v: &Value| v.as_str().map(|s| s.chars().take(255).collect::<String>());
    if order.gateway.is_platform() {
        let status = of_transaction(v["status"].as_str()?);
        let reason = (status == Some(OrderStatus::Declined)).then(|| text(&v["decline_reason"])).flatten();
        Some(TxView { trans_id: v["trans_id"].as_str()?.into(), status, reason, descriptor: text(&v["descriptor"]) })
    } else {
        let status = match v["status"].as_str()? {
            "successful" if crate::status::is_authorization(v) => Some(OrderStatus::Pending),
            s => of_transaction(s),
        };
        let reason = (status == Some(OrderStatus::Declined)).then(|| text(&v["friendly_message"])).flatten();
        Some(TxView { trans_id: v["uid"].as_str()?.into(), status, reason, descriptor: text(&v["transaction"]["billing_descriptor"]) })
    }
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
        Reply::Answer { http: 200, body } if order.gateway.is_platform() => match body["result"].as_str() {
            Some("ERROR") => Ok(None),
            Some(_) => Ok(Some(body)),
            None => Err(()),
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
pub fn has_child(listed: &[Value], parent: &str, kind: &str) -> bool {
    listed.iter().any(|c| c["type"] == kind && c["parent_uid"] == parent && c["status"] == "successful")
}

/// A PayCross transaction on a parent, for the order's whole amount.
async fn on_parent(app: &App, order: &Order, kind: &str, parent: &str) -> Reply {
    let amount = currency::minor_units(&order.amount, &order.currency);
    let request = json!({"request": {"parent_uid": parent, "amount": amount}});
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
