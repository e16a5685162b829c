//! The merchant's callbacks. Payloads are built here and only here, from values that
//! never include the card number or CVC.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Calls a hook with one argument; a throwing hook is reported to the console, never
/// allowed to break the payment flow.
pub fn call(hook: &Option<js_sys::Function>, payload: &impl Serialize) -> Option<JsValue> {
    hook.as_ref()?;
    let arg = payload.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    call_js(hook, &arg)
}

/// Calls a hook with a payload already built as a JS value.
pub fn call_js(hook: &Option<js_sys::Function>, arg: &JsValue) -> Option<JsValue> {
    let f = hook.as_ref()?;
    match f.call1(&JsValue::NULL, arg) {
        Ok(v) => Some(v),
        Err(e) => {
            web_sys::console::error_2(&"checkout-widget: a merchant callback threw".into(), &e);
            None
        }
    }
}

#[derive(Serialize)]
pub struct Change {
    /// The protocol name of the field that changed.
    pub field: &'static str,
    pub valid: bool,
    /// The card brand detected so far (`visa`, `amex`, ...), if any.
    pub brand: Option<&'static str>,
    /// Whether every field of the form is valid.
    pub complete: bool,
}

/// What `onResult` sees, in checkout and result mode alike.
#[derive(Serialize)]
pub struct ResultEvent<'a> {
    /// The widget's `data-state`: success, declined, error, pending, unknown, redirecting.
    pub state: &'a str,
    /// The transaction status (`SETTLED`, `DECLINED`, ...), when known.
    pub status: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub descriptor: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ErrorEvent<'a> {
    pub code: &'a str,
    pub message: &'a str,
}
