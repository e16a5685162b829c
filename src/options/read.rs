//! One reader per option: each reads its option where it checks it, so a refusal drops
//! only what that reader holds.

use checkout_rules::{check, Check, Context, FieldId, FieldMap, Source, Today};
use wasm_bindgen::prelude::*;

use super::*;
use crate::i18n::{self, Key, Lang};

// Each option is read where it is checked, by a function of its own: a refusal then drops
// only what that function holds, not every option read before it (which compiles to a
// cascade of drop code at each refusal).

pub(super) fn mode(o: &JsValue) -> Result<Mode, JsError> {
    match opt_string(o, "mode", "mode")?.as_deref() {
        None | Some("checkout") => Ok(Mode::Checkout),
        Some("result") => Ok(Mode::Result),
        Some(_) => Err(err("mode", "must be \"checkout\" or \"result\"")),
    }
}

pub(super) fn challenge(o: &JsValue) -> Result<Challenge, JsError> {
    match opt_string(o, "challenge", "challenge")?.as_deref() {
        None | Some("redirect") => Ok(Challenge::Redirect),
        Some("inline") => Ok(Challenge::Inline),
        Some(_) => Err(err("challenge", "must be \"redirect\" or \"inline\"")),
    }
}

/// A locale code as the loader writes it (`de`, `zh-Hant`): letters and hyphens.
fn is_code(tag: &str) -> bool {
    (2..=12).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
}

/// `locale` (the loader resolves it to one of the package's codes, from the option, the
/// page's `<html lang>` or the browser's languages; taken here as it is) and `translations`: `{"<language>": {"<key>": "text"}}`, where the loader
/// puts the package's locale file under the merchant's own texts. Every key of every
/// language is checked; the payer's language's texts make its catalogue; a language
/// without texts is English.
pub(super) fn lang(o: &JsValue) -> Result<Lang, JsError> {
    let code = match opt_string(o, "locale", "locale")? {
        Some(l) if is_code(&l) => l,
        Some(_) => return Err(err("locale", "must be a language tag such as \"de\" or \"zh-Hant\"")),
        None => "en".to_string(),
    };
    let all = get(o, "translations");
    if absent(&all) {
        return Ok(Lang::EN);
    }
    if !all.is_object() {
        return Err(err("translations", "must be an object of languages"));
    }
    // every language's keys are checked, not only the payer's: a typo fails every mount
    let mut catalogue = None;
    for language in js_sys::Object::keys(all.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()) {
        let name = format!("translations.{language}");
        let mut texts = Vec::new();
        for (k, v) in string_entries(&get(&all, &language), &name)? {
            texts.push((Key::from_name(&k).ok_or_else(|| err_at(&name, &k, "is not a text of the widget"))?, v));
        }
        if language == code {
            catalogue = Some(texts);
        }
    }
    let Some(catalogue) = catalogue else { return Ok(Lang::EN) };
    Ok(Lang::register(&code, catalogue))
}

pub(super) fn explain(p: checkout_rules::Problem) -> &'static str {
    i18n::t(Lang::EN, Key::Problem(p))
}

/// `order`: merchant fields of the SALE request, each valid by its rule, the amount
/// written with its currency's own decimals (JPY 1200, USD 12.00, BHD 1.505).
pub(super) fn order(o: &JsValue, today: Today) -> Result<FieldMap<String>, JsError> {
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
        if checkout_rules::data::currency::payable_minor_units(amount, code).is_none() {
            return Err(refused(FieldId::OrderAmount.name(), amount, checkout_rules::Problem::Amount));
        }
    }
    Ok(order)
}

/// `orderId`, or `order.order_id`; both only when they agree.
pub(super) fn order_id(o: &JsValue, order: &FieldMap<String>, today: Today) -> Result<String, JsError> {
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
pub(super) fn urls(o: &JsValue, mode: Mode, order: &FieldMap<String>) -> Result<(String, Option<String>), JsError> {
    let endpoint = opt_string(o, "endpoint", "endpoint")?.unwrap_or_default();
    if mode == Mode::Checkout {
        for f in [FieldId::OrderAmount, FieldId::OrderCurrency] {
            if !order.contains(f) {
                return Err(err_at("order", f.name(), "is required (it is shown on the Pay button)"));
            }
        }
        if !checkout_rules::url::is_backend_url(&endpoint) {
            return Err(err("endpoint", "must be a path on your site (/api/pay) or an https URL"));
        }
    }
    let status_url = opt_string(o, "statusUrl", "statusUrl")?;
    match &status_url {
        Some(s) if !checkout_rules::url::is_backend_url(s) => Err(err("statusUrl", "must be a path on your site or an https URL")),
        None if mode == Mode::Result => Err(err("statusUrl", "is required in result mode")),
        _ => Ok((endpoint, status_url)),
    }
}

/// `fields`: per payer field, required / optional / hidden.
pub(super) fn presence(o: &JsValue) -> Result<FieldMap<Presence>, JsError> {
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
pub(super) fn values(o: &JsValue, presence: &FieldMap<Presence>, today: Today) -> Result<FieldMap<String>, JsError> {
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
pub(super) fn allow_save_card(o: &JsValue) -> Result<bool, JsError> {
    let v = get(o, "allowSaveCard");
    match v.as_bool() {
        Some(b) => Ok(b),
        None if absent(&v) => Ok(false),
        None => Err(err("allowSaveCard", "must be true or false")),
    }
}

/// `savedCard`: the backend's opaque id of a card it keeps for this payer, with what
/// identifies the card to the payer. Any other key is refused, `cardToken` too: a gateway
/// token never belongs in a page.
pub(super) fn saved_card(o: &JsValue) -> Result<Option<SavedCard>, JsError> {
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
pub(super) fn headers(o: &JsValue) -> Result<Vec<(String, String)>, JsError> {
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
pub(super) fn millis(o: &JsValue, key: &str, default: u32) -> Result<u32, JsError> {
    match opt_u32(o, key)? {
        None => Ok(default),
        Some(n) if (100..=600_000).contains(&n) => Ok(n),
        Some(_) => Err(err(key, "must be between 100 and 600000 milliseconds")),
    }
}

pub(super) fn hooks(o: &JsValue) -> Result<Hooks, JsError> {
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
