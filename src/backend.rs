//! Talking to the merchant's backend: the payment POST (idempotent) and the status GET,
//! each with a timeout, a size cap and an abort when the widget is destroyed. Every
//! answer goes through the rules crate's outcome type.

use std::cell::RefCell;

use checkout_rules::json::Json;
use checkout_rules::{answer, AnswerError, Settlement};
use gloo_net::http::{Request, Response};
use wasm_bindgen::prelude::*;

use crate::options::Config;
use crate::running::Running;
use crate::state::{Answer, Payload};

/// Sends `req` and reads at most `cap` bytes of its answer. Aborted after `timeout_ms`,
/// or when the widget is destroyed; `Err` for any failure.
async fn send(
    req: gloo_net::http::RequestBuilder,
    body: Option<String>,
    timeout_ms: u32,
    running: &RefCell<Running>,
    cap: usize,
) -> Result<(u16, String), ()> {
    let controller = web_sys::AbortController::new().map_err(|_| ())?;
    if !running.borrow().alive() {
        return Err(());
    }
    running.borrow_mut().track(controller.clone());
    // The timeout aborts the fetch; the closure lives until it fires or the call ends.
    let abort = {
        let c = controller.clone();
        Closure::once(move || c.abort())
    };
    let window = web_sys::window().ok_or(())?;
    let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(abort.as_ref().unchecked_ref(), timeout_ms as i32).ok();
    let req = req.abort_signal(Some(&controller.signal()));
    let sent = match body {
        Some(b) => req.body(b).map_err(|_| ()),
        None => req.build().map_err(|_| ()),
    };
    let result = match sent {
        Ok(r) => read(r, cap).await,
        Err(()) => Err(()),
    };
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    // (the controller stays listed until the widget goes: aborting a finished fetch does nothing)
    drop(abort);
    result
}

async fn read(r: Request, cap: usize) -> Result<(u16, String), ()> {
    let resp: Response = r.send().await.map_err(|_| ())?;
    let text = resp.text().await.map_err(|_| ())?;
    if text.len() > cap {
        return Err(());
    }
    Ok((resp.status(), text))
}

/// The most bytes of an answer read: a status answer is a few hundred.
const STATUS_CAP: usize = 64 * 1024;
const PAY_CAP: usize = 1024 * 1024;

/// POSTs the payment and turns what comes back into an [`Answer`].
pub async fn pay(cfg: &Config, body: &Payload, key: &str, running: &RefCell<Running>) -> Answer {
    let mut req = Request::post(&cfg.endpoint).header("Idempotency-Key", key).header("Accept", "application/json");
    for (k, v) in &cfg.headers {
        req = req.header(k, v);
    }
    let req = req.header("Content-Type", "application/json");
    let body = body.to_js();
    let _ = js_sys::Reflect::set(&body, &"browser".into(), &crate::browser::data());
    let Some(json) = js_sys::JSON::stringify(&body).ok().and_then(|s| s.as_string()) else { return Answer::NotFinal };
    match send(req, Some(json), cfg.timeout_ms, running, PAY_CAP).await {
        Err(()) => Answer::NotFinal,
        Ok((status, text)) => classify(status, &text),
    }
}

/// An HTTP status and body → the answer. Known shapes win whatever the status (a 422
/// with field errors is an answer), except that an ERROR, a pending or an unreadable body
/// with 409 (in flight) or 5xx (the backend does not know the outcome) is not final: a
/// backend may write `{"result":"ERROR"}` there while the gateway charged.
pub fn classify(status: u16, body: &str) -> Answer {
    let not_final = status == 409 || status >= 500;
    match parse_in_browser(body) {
        Ok(checkout_rules::Outcome::Error { .. } | checkout_rules::Outcome::Pending { .. }) | Err(_) if not_final => Answer::NotFinal,
        Ok(o) => Answer::Outcome(o),
        Err(AnswerError::Redirect(_)) => Answer::RefusedRedirect,
        Err(_) => Answer::Unreadable,
    }
}

/// The answer parser of the rules crate, reading the browser's own `JSON.parse` result:
/// the wasm carries no JSON parser or value type of its own.
fn parse_in_browser(body: &str) -> Result<checkout_rules::Outcome, AnswerError> {
    if body.trim().is_empty() {
        return Err(AnswerError::Empty);
    }
    let js = js_sys::JSON::parse(body).map_err(|_| AnswerError::NotJson)?;
    answer::parse_value(Js(js))
}

/// A value made by `JSON.parse`, read through the rules crate's [`Json`] view.
struct Js(JsValue);

impl Json for Js {
    fn get(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let v = js_sys::Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!v.is_undefined()).then_some(Js(v))
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<String> {
        self.0.as_f64().map(|_| String::from(self.0.unchecked_ref::<js_sys::Number>().to_string_with_radix(10).unwrap_or_default()))
    }
    fn is_null(&self) -> bool {
        self.0.is_null()
    }
    fn is_object(&self) -> bool {
        self.0.is_object() && !js_sys::Array::is_array(&self.0)
    }
    fn is_array(&self) -> bool {
        js_sys::Array::is_array(&self.0)
    }
    fn items(&self) -> Vec<Self> {
        if !self.is_array() {
            return Vec::new();
        }
        self.0.unchecked_ref::<js_sys::Array>().iter().map(Js).collect()
    }
    fn entries(&self) -> Vec<(String, Self)> {
        if !self.is_object() {
            return Vec::new();
        }
        js_sys::Object::entries(self.0.unchecked_ref::<js_sys::Object>())
            .iter()
            .filter_map(|pair| {
                let pair: js_sys::Array = pair.unchecked_into();
                Some((pair.get(0).as_string()?, Js(pair.get(1))))
            })
            .collect()
    }
}

/// The order status the merchant backend answers at its status URL.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderStatus {
    pub status: String,
    pub decline_reason: Option<String>,
    pub descriptor: Option<String>,
    /// The Idempotency-Key of the order's current attempt, when the backend says it: a
    /// not-paid status counts for an attempt only when it is that attempt's.
    pub attempt_key: Option<String>,
}

impl OrderStatus {
    pub fn settlement(&self) -> Settlement {
        Settlement::of(&self.status)
    }
}

/// One GET of the status URL: bounded in time and size, aborted if the widget goes.
pub async fn fetch_status(cfg: &Config, url: &str, running: &RefCell<Running>) -> Option<OrderStatus> {
    let mut req = Request::get(url).header("Accept", "application/json");
    for (k, v) in &cfg.headers {
        req = req.header(k, v);
    }
    let (status, text) = send(req, None, cfg.timeout_ms, running, STATUS_CAP).await.ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let v = Js(js_sys::JSON::parse(&text).ok()?);
    let field = |k: &str| v.get(k).and_then(|x| x.string()).map(|s| s.chars().take(checkout_rules::answer::MAX_TEXT).collect());
    Some(OrderStatus {
        status: field("status")?,
        decline_reason: field("decline_reason"),
        descriptor: field("descriptor"),
        attempt_key: field("attempt_key"),
    })
}
