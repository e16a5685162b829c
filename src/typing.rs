//! What a field does as the payer types or pastes: the card number regrouped with the
//! caret kept, the expiry's slash put in (not while deleting), digits from any keyboard
//! made ASCII, and a whole card string pasted into the number split into number, expiry
//! and CVC. The rules crate does the text work; this wires it to the input's events.

use checkout_rules::data::digits;
use checkout_rules::{card, expiry, FieldId, Format};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, Form};

/// The input's `oninput` for a field of `format`: the value as the form should hold it,
/// written back to the input when it differs, then handed to `set`.
pub fn on_input(format: Format, set: impl Fn(String) + 'static) -> Callback<InputEvent> {
    // Digits from any keyboard (full-width, Arabic-Indic, Persian…) are read, shown and
    // sent as ASCII in every numeric field.
    let numeric = matches!(format, Format::CardNumber | Format::Expiry | Format::Cvc | Format::Phone | Format::Zip);
    match format {
        Format::CardNumber => Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let raw = input.value();
            let caret = input.selection_start().ok().flatten().map_or(raw.len(), |c| c as usize);
            let (v, pos) = card::reformat(&digits::to_ascii(&raw), caret);
            if v != raw {
                input.set_value(&v);
                let _ = input.set_selection_range(pos as u32, pos as u32);
            }
            set(v);
        }),
        Format::Expiry => Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let raw = input.value();
            let typed = digits::to_ascii(&raw);
            let deleting = e.input_type().starts_with("delete");
            let v = if deleting { typed } else { expiry::format_typed(&typed) };
            if v != raw {
                input.set_value(&v);
            }
            set(v);
        }),
        _ => Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let raw = input.value();
            if !numeric {
                return set(raw);
            }
            let v = digits::to_ascii(&raw);
            if v != raw {
                input.set_value(&v);
            }
            set(v);
        }),
    }
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
