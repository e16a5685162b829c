//! One form control per field: label, input or select, message. The rules crate decides
//! what is valid; this only shows it. Each field is its own component with comparable
//! props, so a keystroke re-renders the one field it changed.

use checkout_rules::card::Brand;
use checkout_rules::data::countries as iso3166;
use checkout_rules::{FieldId, Format};
use yew::prelude::*;

use crate::countries;
use crate::hooks::{self, use_effect_on};
use crate::i18n::{t, Key, Lang};
use crate::state::{Action, Form, Shown};
use crate::typing;

#[derive(Properties, PartialEq, Clone)]
pub struct FieldProps {
    pub id: FieldId,
    /// Prefix that makes DOM ids unique per widget instance.
    pub uid: AttrValue,
    pub value: AttrValue,
    pub shown: Option<Shown>,
    pub required: bool,
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<Form>,
    /// For the number (badge) and CVC (length).
    #[prop_or_default]
    pub brand: Option<Brand>,
    /// For the state/province control.
    #[prop_or_default]
    pub country: AttrValue,
    #[prop_or_default]
    pub disabled: bool,
}

fn country_option(index: usize, name: &str, chosen: Option<usize>) -> Html {
    html! { <option value={iso3166::code(index)} selected={chosen == Some(index)}>{ name.to_string() }</option> }
}

fn message(lang: Lang, shown: &Shown) -> String {
    match shown {
        Shown::Rule(p) => t(lang, Key::Problem(*p)).to_string(),
        Shown::Server(m) => m.clone(),
    }
}

/// Besides its message, the CVC is described by where to find the code, and the number
/// by its brand's name (the mark inside the field is drawn for the eye only).
fn hint(p: &FieldProps) -> Option<&'static str> {
    match p.id.rule().format {
        Format::Cvc if p.brand.is_some_and(|b| b.cvc_len() == 4) => Some(t(p.lang, Key::CvcFront)),
        Format::Cvc => Some(t(p.lang, Key::CvcBack)),
        Format::CardNumber => Some(p.brand.map_or("", |b| b.rule().name)),
        _ => None,
    }
}

/// Runs `f` in the next task (boxed: one future type for every late change of a field).
fn in_next_task(f: Box<dyn FnOnce()>) {
    wasm_bindgen_futures::spawn_local(async move {
        crate::running::sleep(0).await;
        f();
    });
}

/// The effect that lets a country select show all its options, in the task after the
/// first render.
fn fill_later(is_country: bool, full_list: UseStateHandle<bool>) -> hooks::Effect {
    Box::new(move || {
        if is_country {
            in_next_task(Box::new(move || full_list.set(true)));
        }
        hooks::nothing()
    })
}

/// The effect that makes the state control a list from the task after the country came to
/// have one: autofill fills a whole form within one task, and a state control that changed
/// kind in between (text field → list) would lose what it wrote into the replaced one.
fn follow_later(has_list: bool, list_drawn: UseStateHandle<bool>) -> hooks::Effect {
    Box::new(move || {
        if *list_drawn != has_list {
            in_next_task(Box::new(move || list_drawn.set(has_list)));
        }
        hooks::nothing()
    })
}

#[component(Field)]
pub fn field(p: &FieldProps) -> Html {
    let name = p.id.name();
    let dom_id = format!("{}-{}", p.uid, name);
    let err_id = format!("{dom_id}-error");
    let rule = p.id.rule();
    let invalid = p.shown.is_some();
    let hint_id = format!("{dom_id}-hint");
    let hint = hint(p);
    let describedby = match (invalid, hint.is_some()) {
        (true, true) => Some(format!("{err_id} {hint_id}")),
        (true, false) => Some(err_id.clone()),
        (false, true) => Some(hint_id.clone()),
        (false, false) => None,
    };

    let set = {
        let d = p.dispatch.clone();
        let id = p.id;
        move |v: String| d.dispatch(Action::Set(id, v))
    };
    let onblur = {
        let d = p.dispatch.clone();
        let id = p.id;
        Callback::from(move |_: FocusEvent| d.dispatch(Action::Blur(id)))
    };

    // The country select's 250 options cost about as much to build and lay out as the
    // rest of the form: they come in the task after the first render, so the form is
    // interactive sooner (the chosen country, if any, is there from the start).
    let full_list = use_state(|| false);
    use_effect_on(0, fill_later(rule.format == Format::Country, full_list.clone()));
    let states = iso3166::states(&p.country);
    let list_drawn = use_state(|| states.is_some());
    use_effect_on(u32::from(states.is_some()), follow_later(states.is_some(), list_drawn.clone()));

    let label_text = t(p.lang, Key::Label(p.id));
    let label = html! {
        <label for={dom_id.clone()}>
            { label_text }
            if !p.required { <span class="cw-optional">{ " " }{ t(p.lang, Key::Optional) }</span> }
        </label>
    };
    // Always rendered, so the children of a field never change in number: Yew matches
    // unkeyed children from the end, and a node appearing would replace the input (and
    // take the payer's focus with it).
    let msg = html! { <p id={err_id.clone()} class="cw-message">{ p.shown.as_ref().map(|s| message(p.lang, s)).unwrap_or_default() }</p> };

    let c = Control { p, name, dom_id: &dom_id, invalid, describedby, onblur };
    let control = match rule.format {
        Format::Country => country_select(c, *full_list, set),
        Format::State => match states.filter(|_| *list_drawn) {
            Some(list) => state_select(c, list, set),
            None => text_input(c, set),
        },
        _ => text_input(c, set),
    };

    // The brand's mark inside the number field, a blank card until the brand is known.
    let mark = (rule.format == Format::CardNumber)
        .then(|| html! { <span class="cw-brand" data-brand={p.brand.map(Brand::as_str)} aria-hidden="true"></span> });
    let hint = hint.map(|text| {
        let class = if rule.format == Format::CardNumber { "cw-sr" } else { "cw-hint" };
        html! { <p id={hint_id} {class}>{ text }</p> }
    });
    html! {
        <div class={classes!("cw-field", format!("cw-field-{name}"), invalid.then_some("cw-invalid"))}>
            { label }
            <div class="cw-control">{ control }{ mark }</div>
            { hint }
            { msg }
        </div>
    }
}

/// What every control of a field shares.
struct Control<'a> {
    p: &'a FieldProps,
    name: &'static str,
    dom_id: &'a str,
    invalid: bool,
    describedby: Option<String>,
    onblur: Callback<FocusEvent>,
}

// One function per kind of control.

fn country_select(c: Control, full_list: bool, set: impl Fn(String) + 'static) -> Html {
    let p = c.p;
    let chosen = iso3166::index(&p.value);
    let list: Html = if full_list {
        countries::list(p.lang.code()).iter().map(|(i, name)| country_option(*i, name, chosen)).collect()
    } else {
        chosen.map(|i| country_option(i, &countries::name(i, p.lang.code()), chosen)).unwrap_or_default()
    };
    select(c, set, html! { <option value="" selected={p.value.is_empty()}>{ t(p.lang, Key::SelectCountry) }</option> }, list)
}

fn state_select(c: Control, list: &[(&'static str, &'static str)], set: impl Fn(String) + 'static) -> Html {
    let p = c.p;
    let placeholder = html! { <option value="" selected={!list.iter().any(|s| *p.value == *s.0)}>{ t(p.lang, Key::SelectState) }</option> };
    let options = list
        .iter()
        .map(|(code, n)| html! { <option value={*code} selected={*p.value == **code}>{ format!("{code} — {n}") }</option> })
        .collect();
    select(c, set, placeholder, options)
}

/// A `<select>` of the field: its placeholder option, then the options.
fn select(c: Control, set: impl Fn(String) + 'static, placeholder: Html, options: Html) -> Html {
    let Control { p, name, dom_id, invalid, describedby, onblur } = c;
    let rule = p.id.rule();
    // `change` as a payer or a filler picks an option, `input` as autofill may fire alone
    let onchange = Callback::from(move |e: Event| set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()));
    let oninput = onchange.reform(InputEvent::into);
    html! {
        <select id={dom_id.to_string()} {name} autocomplete={rule.autocomplete} required={p.required}
            aria-invalid={invalid.then_some("true")} aria-describedby={describedby} {onchange} {oninput} {onblur} disabled={p.disabled}>
            { placeholder }
            { options }
        </select>
    }
}

fn text_input(c: Control, set: impl Fn(String) + 'static) -> Html {
    let Control { p, name, dom_id, invalid, describedby, onblur } = c;
    let rule = p.id.rule();
    let (kind, maxlength) = match rule.format {
        Format::Email => ("email", rule.max),
        Format::Phone => ("tel", rule.max),
        Format::Date => ("date", rule.max),
        Format::CardNumber => ("text", 23),
        Format::Expiry => ("text", 7),
        Format::Cvc => ("text", 4),
        _ => ("text", rule.max),
    };
    // Every way a value arrives, read from the element (typing.rs): typed (`input`),
    // autofilled (`input` as a plain Event, or `change` alone), composed by an IME (its
    // `compositionend` relayed as `input`, effects::relay_composition).
    let onchange = typing::on_value(rule.format, set);
    let oninput = onchange.reform(InputEvent::into);
    let onpaste = (rule.format == Format::CardNumber).then(|| typing::on_paste(p.dispatch.clone()));
    let placeholder = (rule.format == Format::Expiry).then(|| t(p.lang, Key::ExpiryHint));
    let inputmode = (!rule.inputmode.is_empty() && kind == "text").then_some(rule.inputmode);
    let cvc_len = (rule.format == Format::Cvc).then(|| p.brand.map_or(4, Brand::cvc_len).to_string());
    html! {
        <input id={dom_id.to_string()} {name} type={kind} value={p.value.clone()}
            autocomplete={rule.autocomplete} {inputmode} {placeholder}
            maxlength={cvc_len.unwrap_or_else(|| maxlength.to_string())}
            required={p.required} spellcheck={(kind == "text").then_some("false")}
            aria-invalid={invalid.then_some("true")} aria-describedby={describedby}
            {oninput} {onchange} {onblur} onpaste={onpaste} disabled={p.disabled} />
    }
}
