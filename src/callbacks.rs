//! The merchant's callbacks. Payloads are built here and only here, from values that
//! never include the card number or CVC.
//!
//! Each payload is a flat object of a few strings and booleans, built field by field with
//! `Reflect.set`: a serde serializer would compile serde's generic machinery into the wasm
//! for four flat shapes (figures: BENCHMARKS.md, decision log).

use wasm_bindgen::prelude::*;

/// A payload of a merchant's callback: its fields as a plain JS object.
pub trait Payload {
    fn to_js(&self) -> JsValue;
}

/// Calls a hook with one argument (built only if there is a hook); a throwing hook is
/// reported to the console, never allowed to break the payment flow.
pub fn call(hook: &Option<js_sys::Function>, payload: &impl Payload) -> Option<JsValue> {
    hook.as_ref()?;
    call_js(hook, &payload.to_js())
}

/// `{name: value, ...}`; `None` values are `null`, as in JSON.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(name), value);
    }
    o.into()
}

fn text(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
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
pub struct ResultEvent<'a> {
    /// The widget's `data-state`: success, declined, error, pending, unknown, redirecting.
    pub state: &'a str,
    /// The transaction status (`SETTLED`, `DECLINED`, ...), when known.
    pub status: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub descriptor: Option<&'a str>,
}

pub struct ErrorEvent<'a> {
    pub code: &'a str,
    pub message: &'a str,
}

impl Payload for Change {
    fn to_js(&self) -> JsValue {
        object(&[
            ("field", self.field.into()),
            ("valid", self.valid.into()),
            ("brand", text(self.brand)),
            ("complete", self.complete.into()),
        ])
    }
}

impl Payload for ResultEvent<'_> {
    fn to_js(&self) -> JsValue {
        object(&[
            ("state", self.state.into()),
            ("status", text(self.status)),
            ("reason", text(self.reason)),
            ("descriptor", text(self.descriptor)),
        ])
    }
}

impl Payload for ErrorEvent<'_> {
    fn to_js(&self) -> JsValue {
        object(&[("code", self.code.into()), ("message", self.message.into())])
    }
}

/// What `beforeRedirect` sees: where the payer is about to go, and how.
pub struct RedirectEvent<'a> {
    pub url: &'a str,
    pub method: checkout_rules::Method,
}

impl Payload for RedirectEvent<'_> {
    fn to_js(&self) -> JsValue {
        let method = match self.method {
            checkout_rules::Method::Get => "GET",
            checkout_rules::Method::Post => "POST",
        };
        object(&[("url", self.url.into()), ("method", method.into())])
    }
}
