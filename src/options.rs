//! The merchant's options, read from the JS object given to `mount` and checked by the
//! rules crate. A bad option fails `mount` with an error naming the option and the rule,
//! and shows the payer nothing.

use checkout_rules::field::Source;
use checkout_rules::{check, Check, Context, FieldId, FieldMap, Today};
use wasm_bindgen::prelude::*;

use crate::i18n::{self, Key, Lang};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Checkout,
    Result,
}

/// Per payer field: shown and required, shown and optional, or not shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Required,
    Optional,
    Hidden,
}

/// The body key a saved card is paid with: the merchant backend's opaque id of a card it
/// keeps for the payer's session. The browser never holds a gateway card token.
pub const SAVED_CARD_ID: &str = "saved_card_id";

#[derive(Clone, Debug, PartialEq)]
pub struct SavedCard {
    /// Opaque to the widget: meaningful only to the merchant backend, only in the payer's session.
    pub id: String,
    pub last4: String,
    pub brand: String,
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

fn opt_string(obj: &JsValue, key: &str, name: &str) -> Result<Option<String>, JsError> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| err(name, "must be a string"))
}

fn opt_u32(obj: &JsValue, key: &str) -> Result<Option<u32>, JsError> {
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
const KNOWN: &[&str] = &[
    "mode",
    "endpoint",
    "statusUrl",
    "orderId",
    "order",
    "locale",
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
    pub endpoint: String,
    pub status_url: Option<String>,
    pub order_id: String,
    /// Merchant fields of the order (amount, currency, description, ...), all valid.
    pub order: FieldMap<String>,
    pub lang: Lang,
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
fn configurable(f: FieldId) -> bool {
    PAYER_FIELDS.contains(&f) || f == FieldId::CardHolder
}

fn err(option: &str, rule: &str) -> JsError {
    JsError::new(&format!("checkout-widget: option `{option}`: {rule}"))
}

/// [`err`] for a key of an object option (`order.order_amount`), formatted here once
/// rather than at each refusal.
fn err_at(option: &str, key: &str, rule: &str) -> JsError {
    JsError::new(&format!("checkout-widget: option `{option}.{key}`: {rule}"))
}

/// The string entries of an object option (`order`, `values`, `headers`, `fields`),
/// without serde's map machinery: the keys are few, and each map type instantiated
/// costs the wasm kilobytes.
fn string_entries(v: &JsValue, name: &str) -> Result<Vec<(String, String)>, JsError> {
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

fn function(v: JsValue, name: &str) -> Result<Option<js_sys::Function>, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.dyn_into::<js_sys::Function>().map(Some).map_err(|_| err(name, "must be a function"))
}

/// An endpoint or status URL: a path on the merchant's site or an absolute http(s) URL.
pub fn today() -> Today {
    let d = js_sys::Date::new_0();
    Today { year: d.get_full_year() as u16, month: d.get_month() as u8 + 1, day: d.get_date() as u8 }
}

// Each option is read where it is checked, by a function of its own: a refusal then drops
// only what that function holds (one `from_js` holding every option alive at each of its
// thirty refusals compiled to ~10 KB of drop code).

fn mode(o: &JsValue) -> Result<Mode, JsError> {
    match opt_string(o, "mode", "mode")?.as_deref() {
        None | Some("checkout") => Ok(Mode::Checkout),
        Some("result") => Ok(Mode::Result),
        Some(_) => Err(err("mode", "must be \"checkout\" or \"result\"")),
    }
}

fn lang(o: &JsValue) -> Result<Lang, JsError> {
    match opt_string(o, "locale", "locale")? {
        Some(l) if l == "en" || l == "ru" || l.starts_with("en-") || l.starts_with("ru-") => Ok(Lang::pick(&l)),
        Some(_) => Err(err("locale", "must be \"en\" or \"ru\"")),
        None => Ok(Lang::pick(&web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default())),
    }
}

fn explain(p: checkout_rules::Problem) -> &'static str {
    i18n::t(Lang::En, Key::Problem(p))
}

/// `order`: merchant fields of the SALE request, each valid by its rule, the amount
/// written with its currency's own decimals (JPY 1200, USD 12.00, BHD 1.505).
fn order(o: &JsValue, today: Today) -> Result<FieldMap<String>, JsError> {
    // quoted by hand: `{:?}` would pull Unicode escape tables into the wasm
    let refused = |k: &str, v: &str, p| err_at("order", k, &format!("\"{v}\" is refused: {}", explain(p)));
    let mut order = FieldMap::new();
    for (k, v) in string_entries(&get(o, "order"), "order")? {
        let id = FieldId::from_name(&k).filter(|f| f.rule().source == Source::Merchant && *f != FieldId::CardToken);
        let id = id.ok_or_else(|| err_at("order", &k, "is not a merchant field of the SALE request"))?;
        if let Check::Invalid(p) | Check::Incomplete(p) = check(id, &v, &Context::on(today, true)) {
            return Err(refused(&k, &v, p));
        }
        order.insert(id, v.trim().to_string());
    }
    if let (Some(amount), Some(code)) = (order.get(FieldId::OrderAmount), order.get(FieldId::OrderCurrency)) {
        if !checkout_rules::data::currency::decimals_fit(amount, code) {
            return Err(refused(FieldId::OrderAmount.name(), amount, checkout_rules::Problem::Amount));
        }
    }
    Ok(order)
}

/// `orderId`, or `order.order_id`; both only when they agree.
fn order_id(o: &JsValue, order: &FieldMap<String>, today: Today) -> Result<String, JsError> {
    let id = match (opt_string(o, "orderId", "orderId")?, order.get(FieldId::OrderId)) {
        (Some(a), Some(b)) if a != *b => return Err(err("orderId", "differs from order.order_id")),
        (Some(a), _) => a,
        (None, Some(b)) => b.clone(),
        (None, None) => return Err(err("order.order_id", "is required")),
    };
    if let Check::Invalid(p) | Check::Incomplete(p) = check(FieldId::OrderId, &id, &Context::on(today, true)) {
        return Err(err("order.order_id", explain(p)));
    }
    Ok(id)
}

/// `endpoint` (checkout mode) and `statusUrl` (required in result mode).
fn urls(o: &JsValue, mode: Mode, order: &FieldMap<String>) -> Result<(String, Option<String>), JsError> {
    let endpoint = opt_string(o, "endpoint", "endpoint")?.unwrap_or_default();
    if mode == Mode::Checkout {
        for f in [FieldId::OrderAmount, FieldId::OrderCurrency] {
            if !order.contains(f) {
                return Err(err_at("order", f.name(), "is required (it is shown on the Pay button)"));
            }
        }
        if !checkout_rules::url::is_backend_url(&endpoint) {
            return Err(err("endpoint", "must be a path on your site (/api/pay) or an https URL (http only on loopback)"));
        }
    }
    let status_url = opt_string(o, "statusUrl", "statusUrl")?;
    match &status_url {
        Some(s) if !checkout_rules::url::is_backend_url(s) => {
            Err(err("statusUrl", "must be a path on your site or an https URL (http only on loopback)"))
        }
        None if mode == Mode::Result => Err(err("statusUrl", "is required in result mode")),
        _ => Ok((endpoint, status_url)),
    }
}

/// `fields`: per payer field, required / optional / hidden.
fn presence(o: &JsValue) -> Result<FieldMap<Presence>, JsError> {
    let mut presence = FieldMap::new();
    for (k, p) in string_entries(&get(o, "fields"), "fields")? {
        let id = FieldId::from_name(&k).filter(|f| configurable(*f));
        let id = id.ok_or_else(|| err_at("fields", &k, "is not a payer field the widget shows"))?;
        let p = match p.as_str() {
            "required" => Presence::Required,
            "optional" => Presence::Optional,
            "hidden" => Presence::Hidden,
            _ => return Err(err_at("fields", &k, "must be \"required\", \"optional\" or \"hidden\"")),
        };
        presence.insert(id, p);
    }
    Ok(presence)
}

/// `values`: prefilled payer fields. A hidden field is still sent, so its value must
/// already be right.
fn values(o: &JsValue, presence: &FieldMap<Presence>, today: Today) -> Result<FieldMap<String>, JsError> {
    let mut values = FieldMap::new();
    for (k, v) in string_entries(&get(o, "values"), "values")? {
        let id = FieldId::from_name(&k).filter(|f| configurable(*f));
        let id = id.ok_or_else(|| err_at("values", &k, "is not a payer field (card data is never prefilled)"))?;
        values.insert(id, v);
    }
    let country = values.get(FieldId::PayerCountry).map_or("", String::as_str);
    for (id, v) in values.iter() {
        if presence.get(id) == Some(&Presence::Hidden) {
            let cx = Context { today, country, brand: None, required: false };
            if let Some(p) = check(id, v, &cx).finish().problem() {
                return Err(err_at("values", id.name(), &format!("is hidden but refused: {}", explain(p))));
            }
        }
    }
    Ok(values)
}

/// `allowSaveCard`.
fn allow_save_card(o: &JsValue) -> Result<bool, JsError> {
    let v = get(o, "allowSaveCard");
    match v.as_bool() {
        Some(b) => Ok(b),
        None if absent(&v) => Ok(false),
        None => Err(err("allowSaveCard", "must be true or false")),
    }
}

/// `savedCard`: the backend's opaque id of a card it keeps for this payer, with what
/// identifies the card to the payer. A gateway token is refused: it never belongs in a page.
fn saved_card(o: &JsValue) -> Result<Option<SavedCard>, JsError> {
    let card = get(o, "savedCard");
    if absent(&card) {
        return Ok(None);
    }
    if !card.is_object() {
        return Err(err("savedCard", "must be an object"));
    }
    for key in js_sys::Object::keys(card.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()) {
        if !["id", "last4", "brand"].contains(&key.as_str()) {
            return Err(err_at("savedCard", &key, "is not a known key"));
        }
    }
    let id = opt_string(&card, "id", "savedCard.id")?.ok_or_else(|| err("savedCard.id", "is required"))?;
    let last4 = opt_string(&card, "last4", "savedCard.last4")?.unwrap_or_default();
    let brand = opt_string(&card, "brand", "savedCard.brand")?.unwrap_or_default();
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(err("savedCard.id", "is not a saved-card id"));
    }
    Ok(Some(SavedCard { id, last4, brand }))
}

/// `headers`: extra request headers for the merchant's backend.
fn headers(o: &JsValue) -> Result<Vec<(String, String)>, JsError> {
    let mut headers = Vec::new();
    for (k, v) in string_entries(&get(o, "headers"), "headers")? {
        if k.is_empty() || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(err_at("headers", &k, "is not a valid HTTP header"));
        }
        // what fetch() can send: visible ISO-8859-1 (anything else throws at the first Pay)
        if !v.chars().all(|c| matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}')) {
            return Err(err_at("headers", &k, "must be visible ISO-8859-1 text"));
        }
        if k.eq_ignore_ascii_case("content-type") || k.eq_ignore_ascii_case("idempotency-key") {
            return Err(err_at("headers", &k, "is set by the widget itself"));
        }
        headers.push((k, v));
    }
    Ok(headers)
}

/// A duration option in milliseconds, 100 to 600000.
fn millis(o: &JsValue, key: &str, default: u32) -> Result<u32, JsError> {
    match opt_u32(o, key)? {
        None => Ok(default),
        Some(n) if (100..=600_000).contains(&n) => Ok(n),
        Some(_) => Err(err(key, "must be between 100 and 600000 milliseconds")),
    }
}

fn hooks(o: &JsValue) -> Result<Hooks, JsError> {
    let f = |key| function(get(o, key), key);
    Ok(Hooks {
        on_ready: f("onReady")?,
        on_change: f("onChange")?,
        on_submit: f("onSubmit")?,
        on_result: f("onResult")?,
        on_error: f("onError")?,
        before_redirect: f("beforeRedirect")?,
    })
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
        // instead of a cascade of every option read before it (−1 KB of drop code).
        let mut c = Config::default();
        c.mode = mode(o)?;
        c.allow_save_card = allow_save_card(o)?;
        c.saved_card = saved_card(o)?;
        c.lang = lang(o)?;
        let today = today();
        c.order = order(o, today)?;
        c.order_id = order_id(o, &c.order, today)?;
        (c.endpoint, c.status_url) = urls(o, c.mode, &c.order)?;
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
