//! Talking to the merchant's backend: the payment POST (idempotent, with a timeout) and
//! the status poll. Every answer goes through the rules crate's outcome type.

use checkout_rules::json::Json;
use checkout_rules::{answer, AnswerError, TxStatus};
use gloo_net::http::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::options::Config;
use crate::state::{Answer, Payload};

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(p).await;
}

/// A UUID v4 from the browser's CSPRNG.
pub fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut b);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, x) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push(char::from_digit(u32::from(x >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(x & 15), 16).unwrap_or('0'));
    }
    s
}

/// The Idempotency-Key of the current attempt. Kept in sessionStorage (the only thing
/// the widget ever stores) so a reload after a timeout does not pay twice.
pub struct IdemKey;

impl IdemKey {
    fn slot(order_id: &str) -> String {
        format!("checkout-widget:idem:{order_id}")
    }
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }
    /// The key of the pending attempt, or a new one.
    pub fn current(order_id: &str) -> String {
        let slot = Self::slot(order_id);
        if let Some(k) = Self::storage().and_then(|s| s.get_item(&slot).ok().flatten()) {
            if k.len() == 36 {
                return k;
            }
        }
        let k = uuid_v4();
        if let Some(s) = Self::storage() {
            let _ = s.set_item(&slot, &k);
        }
        k
    }
    /// After a definitive answer the next attempt is a new payment.
    pub fn finish(order_id: &str) {
        if let Some(s) = Self::storage() {
            let _ = s.remove_item(&Self::slot(order_id));
        }
    }
}

/// POSTs the payment and turns what comes back into an [`Answer`].
pub async fn pay(cfg: &Config, body: &Payload, key: &str) -> Answer {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    // The timeout aborts the fetch; the closure lives until it fires or the call ends.
    let abort = controller.clone().map(|c| Closure::once(move || c.abort()));
    let timer = abort.as_ref().and_then(|a| {
        web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(a.as_ref().unchecked_ref(), cfg.timeout_ms as i32).ok()
    });
    let mut req = Request::post(&cfg.endpoint).header("Idempotency-Key", key).header("Accept", "application/json");
    for (k, v) in &cfg.headers {
        req = req.header(k, v);
    }
    let json = js_sys::JSON::stringify(&body.to_js()).ok().and_then(|s| s.as_string());
    let req = req.header("Content-Type", "application/json").abort_signal(signal.as_ref());
    let result = match json.map(|j| req.body(j)) {
        Some(Ok(r)) => send_and_read(r).await,
        _ => Err(()),
    };
    if let (Some(t), Some(w)) = (timer, web_sys::window()) {
        w.clear_timeout_with_handle(t);
    }
    drop(abort);
    match result {
        Err(()) => Answer::Lost,
        Ok((status, text)) => classify(status, &text),
    }
}

async fn send_and_read(r: Request) -> Result<(u16, String), ()> {
    let resp: Response = r.send().await.map_err(|_| ())?;
    let status = resp.status();
    let text = resp.text().await.map_err(|_| ())?;
    Ok((status, text))
}

/// An HTTP status and body → the answer. Known shapes win whatever the status (a 422
/// with field errors is an answer); anything unreadable says only what kind it was.
pub fn classify(status: u16, body: &str) -> Answer {
    match parse_in_browser(body) {
        Ok(o) => Answer::Outcome(o),
        Err(AnswerError::Redirect(_)) => Answer::RefusedRedirect,
        Err(_) => Answer::Unreadable { server_error: status >= 500 },
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
}

impl OrderStatus {
    /// The status if it is final (not new, processing, 3-D Secure or redirect).
    pub fn final_status(&self) -> Option<TxStatus> {
        TxStatus::parse(&self.status).filter(|s| !s.is_in_progress())
    }
}

/// One GET of the status URL.
pub async fn fetch_status(url: &str, headers: &[(String, String)]) -> Option<OrderStatus> {
    let mut req = Request::get(url).header("Accept", "application/json");
    for (k, v) in headers {
        req = req.header(k, v);
    }
    let resp = req.send().await.ok()?;
    if !resp.ok() {
        return None;
    }
    let text = resp.text().await.ok()?;
    let v = Js(js_sys::JSON::parse(&text).ok()?);
    let field = |k: &str| v.get(k).and_then(|x| x.string());
    Some(OrderStatus { status: field("status")?, decline_reason: field("decline_reason"), descriptor: field("descriptor") })
}
