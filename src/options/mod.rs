//! The merchant's options, read from the JS object given to `mount` and checked by the
//! rules crate. A bad option fails `mount` with an error naming the option and the rule,
//! and shows the payer nothing. The readers of each option are in [`read`].

use checkout_rules::{FieldId, FieldMap, Today};
use wasm_bindgen::prelude::*;

use crate::i18n::Lang;

mod read;
use read::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Checkout,
    Result,
}

/// Where the bank's 3-D Secure page opens: the whole page goes there (`redirect`), or it
/// opens in a dialog of the widget and the payer never leaves the merchant's page (`inline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Challenge {
    #[default]
    Redirect,
    Inline,
}

/// Per payer field: shown and required, shown and optional, or not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
    Hidden,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SavedCard {
    /// Opaque to the widget: meaningful only to the merchant backend, only in the payer's session.
    pub id: String,
    pub last4: String,
    pub brand: String,
}

pub(super) fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

pub(super) fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

pub(super) fn opt_string(obj: &JsValue, key: &str, name: &str) -> Result<Option<String>, JsError> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| err(name, "must be a string"))
}

pub(super) fn opt_u32(obj: &JsValue, key: &str) -> Result<Option<u32>, JsError> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(Some(n as u32)),
        _ => Err(err(key, "must be a whole number of milliseconds")),
    }
}

/// Every key `options` may have (camelCase, as the merchant writes them).
pub(super) const KNOWN: &[&str] = &[
    "mode",
    "challenge",
    "endpoint",
    "statusUrl",
    "orderId",
    "order",
    "locale",
    "translations",
    "fields",
    "values",
    "allowSaveCard",
    "savedCard",
    "headers",
    "timeoutMs",
    "pollIntervalMs",
    "pollTimeoutMs",
    "onReady",
    "onChange",
    "onSubmit",
    "onResult",
    "onError",
    "beforeRedirect",
];

/// The merchant's JS callbacks; `None` where not given.
#[derive(Clone, Default)]
pub struct Hooks {
    pub on_ready: Option<js_sys::Function>,
    pub on_change: Option<js_sys::Function>,
    pub on_submit: Option<js_sys::Function>,
    pub on_result: Option<js_sys::Function>,
    pub on_error: Option<js_sys::Function>,
    pub before_redirect: Option<js_sys::Function>,
}

/// Checked options.
#[derive(Clone, Default)]
pub struct Config {
    pub mode: Mode,
    pub challenge: Challenge,
    pub endpoint: String,
    pub status_url: Option<String>,
    pub order_id: String,
    /// Merchant fields of the order (amount, currency, description, ...), all valid.
    pub order: FieldMap<String>,
    pub lang: Lang,
    /// The order's amount as the Pay button writes it, in the payer's language (checkout mode).
    pub amount_text: String,
    pub presence: FieldMap<Presence>,
    pub values: FieldMap<String>,
    pub allow_save_card: bool,
    pub saved_card: Option<SavedCard>,
    pub headers: Vec<(String, String)>,
    pub timeout_ms: u32,
    pub poll_interval_ms: u32,
    pub poll_timeout_ms: u32,
    pub hooks: Hooks,
}

impl PartialEq for Config {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The payer fields a form can show, in the order it shows them.
pub const PAYER_FIELDS: &[FieldId] = &[
    FieldId::PayerFirstName,
    FieldId::PayerMiddleName,
    FieldId::PayerLastName,
    FieldId::PayerEmail,
    FieldId::PayerPhone,
    FieldId::PayerBirthDate,
    FieldId::PayerCountry,
    FieldId::PayerAddress,
    FieldId::PayerAddress2,
    FieldId::PayerCity,
    FieldId::PayerState,
    FieldId::PayerZip,
];

/// Fields whose presence the merchant decides (payer fields and the cardholder name).
pub(super) fn configurable(f: FieldId) -> bool {
    PAYER_FIELDS.contains(&f) || f == FieldId::CardHolder
}

pub(super) fn err(option: &str, rule: &str) -> JsError {
    JsError::new(&format!("checkout-widget: option `{option}`: {rule}"))
}

/// [`err`] for a key of an object option (`order.order_amount`), formatted here once
/// rather than at each refusal.
pub(super) fn err_at(option: &str, key: &str, rule: &str) -> JsError {
    JsError::new(&format!("checkout-widget: option `{option}.{key}`: {rule}"))
}

/// The string entries of an object option (`order`, `values`, `headers`, `fields`),
/// without serde's map machinery: the keys are few, and each map type instantiated
/// costs the wasm kilobytes.
pub(super) fn string_entries(v: &JsValue, name: &str) -> Result<Vec<(String, String)>, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(Vec::new());
    }
    if !v.is_object() || js_sys::Array::is_array(v) {
        return Err(err(name, "must be an object"));
    }
    let mut out = Vec::new();
    for pair in js_sys::Object::entries(v.unchecked_ref::<js_sys::Object>()).iter() {
        let pair: js_sys::Array = pair.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let Some(value) = pair.get(1).as_string() else {
            return Err(err_at(name, &key, "must be a string"));
        };
        out.push((key, value));
    }
    Ok(out)
}

pub(super) fn function(v: JsValue, name: &str) -> Result<Option<js_sys::Function>, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.dyn_into::<js_sys::Function>().map(Some).map_err(|_| err(name, "must be a function"))
}

pub fn today() -> Today {
    let d = js_sys::Date::new_0();
    Today { year: d.get_full_year() as u16, month: d.get_month() as u8 + 1, day: d.get_date() as u8 }
}

impl Config {
    // One field at a time on purpose (see below); the struct literal clippy suggests
    // brings the drop cascade back.
    #[allow(clippy::field_reassign_with_default)]
    pub fn from_js(options: JsValue) -> Result<Config, JsError> {
        let o = &options;
        if !o.is_object() {
            return Err(err("options", "must be an object"));
        }
        // A misspelt option would otherwise pass silently: name it instead.
        for key in js_sys::Object::keys(o.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()) {
            if !KNOWN.contains(&key.as_str()) {
                return Err(err(&key, "is not an option of the widget"));
            }
        }
        // Filled in one option at a time: a refusal then drops one half-built config
        // instead of a cascade of every option read before it (drop code at each refusal).
        let mut c = Config::default();
        c.mode = mode(o)?;
        c.challenge = challenge(o)?;
        c.allow_save_card = allow_save_card(o)?;
        c.saved_card = saved_card(o)?;
        c.lang = lang(o)?;
        let today = today();
        c.order = order(o, today)?;
        c.order_id = order_id(o, &c.order, today)?;
        (c.endpoint, c.status_url) = urls(o, c.mode, &c.order)?;
        if c.mode == Mode::Checkout {
            // (checked by `urls`: checkout mode has both)
            let text = |f| c.order.get(f).map_or("", String::as_str);
            c.amount_text = crate::i18n::money(text(FieldId::OrderAmount), text(FieldId::OrderCurrency), c.lang);
        }
        c.presence = presence(o)?;
        c.values = values(o, &c.presence, today)?;
        c.headers = headers(o)?;
        c.timeout_ms = millis(o, "timeoutMs", 30_000)?;
        c.poll_interval_ms = millis(o, "pollIntervalMs", 2_000)?;
        c.poll_timeout_ms = millis(o, "pollTimeoutMs", 120_000)?;
        c.hooks = hooks(o)?;
        Ok(c)
    }

    /// Shown, optional or hidden: the merchant's word, else the spec's `+` column.
    pub fn presence(&self, f: FieldId) -> Presence {
        match self.presence.get(f) {
            Some(p) => *p,
            None if f == FieldId::CardHolder => Presence::Hidden,
            None if f.rule().required => Presence::Required,
            None => Presence::Optional,
        }
    }

    /// The status URL for this order (`{order_id}` replaced).
    pub fn status_url(&self) -> Option<String> {
        self.status_url.as_deref().map(|u| checkout_rules::redirect::fill_order_id(u, &self.order_id))
    }
}
