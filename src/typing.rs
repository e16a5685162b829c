//! How a value gets into a field: typed key by key, pasted, composed by an IME, or filled
//! at once by the browser's autofill or a password manager (which fire plain `Event`s, or
//! only `change`). Every one is read from the element itself, whatever the event's class:
//! the card number regrouped with the caret kept, the expiry's slash put in (not while
//! deleting) and autofill's expiry shapes read, digits from any keyboard made ASCII, and a
//! whole card string pasted into the number split into number, expiry and CVC. The rules
//! crate does the text work; this wires it to the element's events.

use checkout_rules::data::digits;
use checkout_rules::{autofill, card, expiry, FieldId, Format};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, Form};

/// A property of the event, read whatever its class: a plain `Event` has no `inputType`
/// or `isComposing`, and a getter of `InputEvent` would throw on it.
fn prop(e: &Event, name: &str) -> JsValue {
    js_sys::Reflect::get(e, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The value as the form holds it, from the element's text; `caret` (UTF-16 units) gives
/// where the caret goes after it. A missing `inputType` (autofill) is an insertion.
pub fn normalize(format: Format, raw: &str, caret: usize, deleting: bool) -> (String, usize) {
    // Digits from any keyboard (full-width, Arabic-Indic, Persian…) are read, shown and
    // sent as ASCII in every numeric field.
    let ascii = || digits::to_ascii(raw);
    let v = match format {
        Format::CardNumber => return card::reformat(&ascii(), caret),
        Format::Expiry if deleting => ascii(),
        Format::Expiry => autofill::expiry(&ascii()).unwrap_or_else(|| expiry::format_typed(&ascii())),
        Format::Cvc | Format::Phone | Format::Zip => ascii(),
        _ => raw.to_string(),
    };
    let end = v.encode_utf16().count();
    (v, end)
}

/// The field's handler of `input`, `change` and `compositionend`: the element's value as
/// the form should hold it, written back to the element when it differs, then handed to `set`.
pub fn on_value(format: Format, set: impl Fn(String) + 'static) -> Callback<Event> {
    Callback::from(move |e: Event| {
        // Mid-composition the text is not the payer's yet, and rewriting it would end the
        // composition: `compositionend` brings it.
        if prop(&e, "isComposing").is_truthy() {
            return;
        }
        let input: HtmlInputElement = e.target_unchecked_into();
        let raw = input.value();
        let deleting = prop(&e, "inputType").as_string().is_some_and(|t| t.starts_with("delete"));
        let caret = input.selection_start().ok().flatten().map_or(raw.len(), |c| c as usize);
        let (v, pos) = normalize(format, &raw, caret, deleting);
        if v != raw {
            input.set_value(&v);
            if format == Format::CardNumber {
                let _ = input.set_selection_range(pos as u32, pos as u32);
            }
        }
        set(v);
    })
}

/// The values on screen that the form does not hold yet (a filler that fired no event
/// the widget hears), read once more from the elements at Pay.
pub fn read_inputs(root: &web_sys::Element, form: &Form) -> Vec<(FieldId, String)> {
    let mut out = Vec::new();
    for (f, _) in form.active_fields() {
        let Some(el) = root.query_selector(&format!("[name={}]", f.name())).ok().flatten() else { continue };
        let Some(raw) = js_sys::Reflect::get(&el, &"value".into()).ok().and_then(|v| v.as_string()) else { continue };
        let (v, _) = normalize(f.rule().format, &raw, raw.len(), false);
        if v != form.value(f) {
            out.push((f, v));
        }
    }
    out
}

/// The number's `onpaste`: "4111 1111 1111 1111 12/38 123" fills the number, the expiry and
/// the CVC at once; anything else pastes as usual.
pub fn on_paste(d: UseReducerDispatcher<Form>) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let Ok(e) = e.dyn_into::<web_sys::ClipboardEvent>() else { return };
        let text = e.clipboard_data().and_then(|c| c.get_data("text").ok()).unwrap_or_default();
        if let Some(parts) = expiry::split_pasted(&digits::to_ascii(&text)) {
            e.prevent_default();
            let mut set = vec![(FieldId::CardNumber, card::format_number(&parts.number))];
            set.extend(parts.expiry.map(|x| (FieldId::CardExp, x)));
            set.extend(parts.cvc.map(|x| (FieldId::CardCvv2, x)));
            d.dispatch(Action::SetMany(set));
        }
    })
}
