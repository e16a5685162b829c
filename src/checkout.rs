//! The checkout component: the form, the Pay button, and a panel for each outcome.

use std::rc::Rc;

use checkout_rules::{FieldId, Outcome, TxStatus};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::events::{self, Change, ErrorEvent, ResultEvent};
use crate::fields::Field;
use crate::hooks::{self, use_effect_on};
use crate::i18n::{t, Key, Lang};
use crate::navigate;
use crate::options::{Config, Mode};
use crate::state::{Action, Answer, Form, Phase};
use crate::submit::{self, IdemKey};

#[derive(Properties, Clone)]
pub struct Props {
    pub cfg: Rc<Config>,
    pub uid: AttrValue,
    /// The element the widget renders into, and nothing else does: where focus is looked
    /// for (no `NodeRef` hook needed).
    pub root: web_sys::Element,
}

impl PartialEq for Props {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.cfg, &o.cfg) && self.uid == o.uid
    }
}

#[derive(Serialize)]
struct RedirectEvent<'a> {
    url: &'a str,
    method: checkout_rules::Method,
}

fn status_text(form: &Form, cfg: &Config) -> String {
    let l = cfg.lang;
    match &form.phase {
        Phase::Editing if form.focus_seq > 0 && !form.problems(cfg).is_empty() => t(l, Key::FieldsInvalid).into(),
        Phase::Editing => String::new(),
        Phase::Submitting => t(l, Key::StatusSubmitting).into(),
        Phase::Redirecting(_) => t(l, Key::StatusRedirecting).into(),
        Phase::Success { status, .. } => format!("{}: {}", t(l, Key::SuccessTitle), t(l, Key::Status(*status))),
        Phase::Declined { .. } => t(l, Key::DeclinedTitle).into(),
        Phase::Error { key, .. } => t(l, *key).into(),
        Phase::Pending => t(l, Key::PendingTitle).into(),
        Phase::Unknown => t(l, Key::UnknownTitle).into(),
    }
}

/// Whether an answer ends the attempt (the next Pay is a new payment, with a new key).
fn definitive(a: &Answer) -> bool {
    matches!(a, Answer::Outcome(Outcome::Success { .. } | Outcome::Declined { .. } | Outcome::Error { .. }))
}

#[component(Checkout)]
pub fn checkout(props: &Props) -> Html {
    let cfg = props.cfg.clone();
    let lang = cfg.lang;
    let form = {
        let cfg = cfg.clone();
        use_reducer(move || Form::new(&cfg, crate::options::today()))
    };
    let root = props.root.clone();
    let inflight = use_mut_ref(|| false);
    // (a RefCell like the two above: one hook type for all three)
    let alive = use_mut_ref(|| true);
    let redirected = use_mut_ref(|| false);

    // Mounted: tell the merchant (in result mode, start polling); unmounted: stop every loop.
    {
        let cfg = cfg.clone();
        let alive = alive.clone();
        let form = form.dispatcher();
        use_effect_on(
            0,
            Box::new(move || {
                if cfg.mode == Mode::Result {
                    spawn_local(crate::result::poll(cfg, form, alive.clone(), 0, false));
                } else {
                    events::call_js(&cfg.hooks.on_ready, &JsValue::NULL);
                }
                Box::new(move || *alive.borrow_mut() = false)
            }),
        );
    }

    // Focus the first invalid field after a refused Pay or a backend's field errors.
    {
        let root = root.clone();
        let seq = form.focus_seq;
        use_effect_on(
            seq,
            Box::new(move || {
                if seq > 0 {
                    if let Ok(Some(first)) = root.query_selector("[aria-invalid=\"true\"]") {
                        if let Ok(h) = first.dyn_into::<web_sys::HtmlElement>() {
                            let _ = h.focus();
                        }
                    }
                }
                hooks::nothing()
            }),
        );
    }

    // onChange: validity and brand, never the value.
    {
        let cfg = cfg.clone();
        let form = form.clone();
        use_effect_on(
            form.change_seq,
            Box::new(move || {
                if let Some(f) = &form.last_changed {
                    if cfg.hooks.on_change.is_none() {
                        return hooks::nothing();
                    }
                    let problems = form.problems(&cfg);
                    let valid = !form.server.contains(*f) && !problems.iter().any(|(x, _)| x == f);
                    let brand = form.brand().map(|b| b.as_str());
                    events::call(&cfg.hooks.on_change, &Change { field: f.name(), valid, brand, complete: problems.is_empty() });
                }
                hooks::nothing()
            }),
        );
    }

    let submit = {
        let form = form.clone();
        let cfg = cfg.clone();
        let inflight = inflight.clone();
        let alive = alive.clone();
        Callback::from(move |_: ()| {
            if *inflight.borrow() || !(form.phase.form_open() || matches!(form.phase, Phase::Unknown)) {
                return;
            }
            if !matches!(form.phase, Phase::Unknown) && !form.problems(&cfg).is_empty() {
                form.dispatch(Action::Invalid);
                return;
            }
            let mut body = form.payload(&cfg);
            // What `onSubmit` sees: the payer's non-card fields and the brand. Never card data.
            let fields = js_sys::Object::new();
            for (k, v) in &body.0 {
                if FieldId::from_name(k).is_none_or(|f| !f.is_card_data()) && k != crate::options::SAVED_CARD_ID {
                    let _ = js_sys::Reflect::set(&fields, &k.into(), &v.into());
                }
            }
            let info = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&info, &"order_id".into(), &cfg.order_id.as_str().into());
            let _ = js_sys::Reflect::set(&info, &"brand".into(), &form.brand().map_or(JsValue::NULL, |b| b.as_str().into()));
            let _ = js_sys::Reflect::set(&info, &"fields".into(), &fields);
            if let Some(ret) = events::call_js(&cfg.hooks.on_submit, &info) {
                if ret == JsValue::FALSE {
                    return;
                }
                // Extra merchant fields: strings only, never overriding what the payer typed.
                if ret.is_object() {
                    for pair in js_sys::Object::entries(ret.unchecked_ref::<js_sys::Object>()).iter() {
                        let pair: js_sys::Array = pair.unchecked_into();
                        let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) else { continue };
                        if FieldId::from_name(&k).is_some_and(|f| f.is_card_data())
                            || k == crate::options::SAVED_CARD_ID
                            || k == "card_token"
                        {
                            continue;
                        }
                        body.insert_new(k, v);
                    }
                }
            }
            *inflight.borrow_mut() = true;
            form.dispatch(Action::Submitting);
            let (form, cfg, inflight, alive) = (form.clone(), cfg.clone(), inflight.clone(), alive.clone());
            spawn_local(async move {
                let key = IdemKey::current(&cfg.order_id);
                let answer = submit::pay(&cfg, &body, &key).await;
                drop(body);
                if definitive(&answer) {
                    IdemKey::finish(&cfg.order_id);
                }
                *inflight.borrow_mut() = false;
                if *alive.borrow() {
                    form.dispatch(Action::Answer(answer));
                }
            });
        })
    };

    let check_status = {
        let (form, cfg, alive) = (form.dispatcher(), cfg.clone(), alive.clone());
        Callback::from(move |_: ()| spawn_local(crate::result::poll(cfg.clone(), form.clone(), alive.clone(), 0, true)))
    };

    // What each phase sets in motion, once per entry into it.
    {
        let cfg = cfg.clone();
        let form = form.clone();
        let alive = alive.clone();
        let redirected = redirected.clone();
        let check_status = check_status.clone();
        let root = root.clone();
        use_effect_on(
            form.phase_seq,
            Box::new(move || {
                let phase = &form.phase;
                let result = |status: Option<TxStatus>, reason: Option<&str>, descriptor: Option<&str>| {
                    events::call(
                        &cfg.hooks.on_result,
                        &ResultEvent { state: phase.name(), status: status.map(TxStatus::as_str), reason, descriptor },
                    );
                };
                match phase {
                    Phase::Success { status, descriptor } => result(Some(*status), None, descriptor.as_deref()),
                    Phase::Declined { reason } => result(Some(TxStatus::Declined), reason.as_deref(), None),
                    Phase::Error { key, other } => {
                        result(None, other.first().map(String::as_str), None);
                        events::call(&cfg.hooks.on_error, &ErrorEvent { code: "payment_error", message: t(crate::i18n::Lang::En, *key) });
                    }
                    Phase::Unknown => {
                        result(None, None, None);
                        check_status.emit(());
                    }
                    Phase::Pending => {
                        result(None, None, None);
                        let wait = cfg.poll_interval_ms;
                        spawn_local(crate::result::poll(cfg.clone(), form.dispatcher(), alive.clone(), wait, false));
                    }
                    Phase::Redirecting(plan) => {
                        result(None, None, None);
                        if !*redirected.borrow() {
                            *redirected.borrow_mut() = true;
                            let (plan, cfg) = (plan.clone(), cfg.clone());
                            spawn_local(async move {
                                if let Some(ret) =
                                    events::call(&cfg.hooks.before_redirect, &RedirectEvent { url: &plan.url, method: plan.method })
                                {
                                    let ret = match ret.dyn_into::<js_sys::Promise>() {
                                        Ok(p) => JsFuture::from(p).await.unwrap_or(JsValue::FALSE),
                                        Err(v) => v,
                                    };
                                    if ret == JsValue::FALSE {
                                        return;
                                    }
                                }
                                let _ = navigate::go(&plan);
                            });
                        }
                    }
                    Phase::Editing | Phase::Submitting => {}
                }
                // Move focus to the panel that says what happened, so keyboard users land on
                // it; field errors from the backend keep focus on their first field instead.
                let focus_panel = match phase {
                    Phase::Editing | Phase::Submitting => false,
                    Phase::Error { key, .. } => *key != Key::FixFields,
                    _ => true,
                };
                if focus_panel {
                    if let Ok(Some(p)) = root.query_selector(".cw-panel") {
                        if let Ok(h) = p.dyn_into::<web_sys::HtmlElement>() {
                            let _ = h.focus();
                        }
                    }
                }
                hooks::nothing()
            }),
        );
    }

    // Every hook has been called: result mode renders its own page.
    if cfg.mode == Mode::Result {
        return crate::result::view(lang, &form.polled);
    }

    let onsubmit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit.emit(());
        })
    };
    let again = {
        let form = form.clone();
        Callback::from(move |_: MouseEvent| form.dispatch(Action::Edit))
    };

    let submitting = matches!(form.phase, Phase::Submitting);
    let field = |id: FieldId, required: bool| {
        html! {
            <Field {id} uid={props.uid.clone()} value={AttrValue::from(form.value(id).to_string())}
                shown={form.shown(id, required)} {required} {lang} dispatch={form.dispatcher()}
                brand={form.brand()} country={AttrValue::from(form.value(FieldId::PayerCountry).to_string())} />
        }
    };
    let active = form.active_fields(&cfg);
    let card_fields: Html = active.iter().filter(|(f, _)| f.is_card_data()).map(|(f, r)| field(*f, *r)).collect();
    let payer: Vec<(FieldId, bool)> =
        active.iter().copied().filter(|(f, _)| !f.is_card_data() && cfg.presence(*f) != crate::options::Presence::Hidden).collect();
    let has_payer = !payer.is_empty();
    let payer_fields: Html = payer.into_iter().map(|(f, r)| field(f, r)).collect();

    let saved = cfg.saved_card.as_ref().map(|card| saved_card_choice(card, &form, lang, &props.uid));
    let save_box = (cfg.allow_save_card && !form.use_saved).then(|| save_card_box(&form, lang, &props.uid));

    let amount = cfg.order.get(FieldId::OrderAmount).cloned().unwrap_or_default();
    let currency = cfg.order.get(FieldId::OrderCurrency).cloned().unwrap_or_default();
    let pay_label = if submitting { t(lang, Key::Paying).to_string() } else { format!("{} {} {}", t(lang, Key::Pay), amount, currency) };

    let panel_html = outcome_panel(&form.phase, lang, &submit, &check_status);
    let show_form = form.phase.form_open() || submitting;
    let try_again = matches!(form.phase, Phase::Declined { .. }).then(|| action("cw-secondary", t(lang, Key::TryAgain), again));

    html! {
        <div class="cw" data-state={form.phase.name()} lang={lang.code()}>
            <div class="cw-live" role="status" aria-live="polite">{ status_text(&form, &cfg) }</div>
            { panel_html }
            { try_again }
            if show_form {
                <form class="cw-form" novalidate=true {onsubmit} aria-busy={submitting.then_some("true")}>
                    { saved }
                    <fieldset class="cw-card">
                        <legend>{ t(lang, Key::CardSection) }</legend>
                        { card_fields }
                        { save_box }
                    </fieldset>
                    if has_payer {
                        <fieldset class="cw-payer">
                            <legend>{ t(lang, Key::PayerSection) }</legend>
                            { payer_fields }
                        </fieldset>
                    }
                    <button type="submit" class="cw-pay" disabled={submitting} aria-busy={submitting.then_some("true")}>{ pay_label }</button>
                </form>
            }
        </div>
    }
}

// The parts only some payments show: a saved card, the panel of an outcome.

fn saved_card_choice(card: &crate::options::SavedCard, form: &UseReducerHandle<Form>, lang: Lang, uid: &str) -> Html {
    let (d1, d2) = (form.dispatcher(), form.dispatcher());
    let saved = Choice {
        kind: "radio",
        id: format!("{uid}-saved"),
        name: "saved_card",
        value: "saved",
        checked: form.use_saved,
        label: format!("{} {} •••• {}", t(lang, Key::UseSavedCard), card.brand, card.last4),
        onchange: Callback::from(move |_: Event| d1.dispatch(Action::UseSaved(true))),
    };
    let new = Choice {
        kind: "radio",
        id: format!("{uid}-new"),
        name: "saved_card",
        value: "new",
        checked: !form.use_saved,
        label: t(lang, Key::UseNewCard).into(),
        onchange: Callback::from(move |_: Event| d2.dispatch(Action::UseSaved(false))),
    };
    html! {
        <div class="cw-saved" role="radiogroup" aria-label={t(lang, Key::SavedCard)}>
            { saved.view() }
            { new.view() }
        </div>
    }
}

fn save_card_box(form: &UseReducerHandle<Form>, lang: Lang, uid: &str) -> Html {
    let d = form.dispatcher();
    Choice {
        kind: "checkbox",
        id: format!("{uid}-req_token"),
        name: "req_token",
        value: "Y",
        checked: form.save_card,
        label: t(lang, Key::SaveCard).into(),
        onchange: Callback::from(move |e: Event| {
            d.dispatch(Action::SaveCard(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
        }),
    }
    .view()
}

/// A radio button or checkbox with its label.
struct Choice {
    kind: &'static str,
    id: String,
    name: &'static str,
    value: &'static str,
    checked: bool,
    label: String,
    onchange: Callback<Event>,
}

impl Choice {
    fn view(self) -> Html {
        let Choice { kind, id, name, value, checked, label, onchange } = self;
        html! {
            <div class="cw-choice">
                <input type={kind} id={id.clone()} {name} {value} {checked} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    }
}

/// A button of an outcome panel (the form's own Pay button is its submit button).
fn action(class: &'static str, label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" {class} {onclick}>{ label }</button> }
}

/// The frame of every outcome (here and in result mode): a focusable panel and its title.
pub(crate) fn panel(class: &str, title: String, body: Html) -> Html {
    html! {
        <div class={classes!("cw-panel", class.to_owned())} tabindex="-1">
            <p class="cw-title">{ title }</p>
            { body }
        </div>
    }
}

/// "Order status: <name>" (`data-status` carries the code), then the bank's reason and the
/// statement descriptor when known.
pub(crate) fn status_lines(lang: Lang, code: &str, name: &str, reason: Option<&str>, descriptor: Option<&str>) -> Html {
    html! {
        <>
            <p>{ t(lang, Key::OrderStatus) }{ ": " }<span class="cw-status-name" data-status={code.to_owned()}>{ name.to_owned() }</span></p>
            if let Some(r) = reason { <p>{ r.to_owned() }</p> }
            if let Some(d) = descriptor { <p>{ t(lang, Key::Descriptor) }{ ": " }{ d.to_owned() }</p> }
        </>
    }
}

/// The panel that says what happened: success, decline, error, pending, unknown, redirecting.
fn outcome_panel(phase: &Phase, lang: Lang, submit: &Callback<()>, check_status: &Callback<()>) -> Html {
    let status_btn = || {
        let c = check_status.clone();
        action("cw-secondary", t(lang, Key::CheckAgain), Callback::from(move |_: MouseEvent| c.emit(())))
    };
    match phase {
        Phase::Editing | Phase::Submitting => Html::default(),
        Phase::Success { status, descriptor } => panel(
            "cw-success",
            t(lang, Key::SuccessTitle).into(),
            status_lines(lang, status.as_str(), t(lang, Key::Status(*status)), None, descriptor.as_deref()),
        ),
        Phase::Declined { reason } => panel(
            "cw-declined",
            t(lang, Key::DeclinedTitle).into(),
            html! { <p>{ reason.clone().unwrap_or_else(|| t(lang, Key::DeclinedGeneric).into()) }</p> },
        ),
        Phase::Error { key, other } => panel(
            "cw-error",
            t(lang, *key).into(),
            html! { if !other.is_empty() { <ul>{ for other.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul> } },
        ),
        Phase::Pending => {
            panel("cw-pending", t(lang, Key::PendingTitle).into(), html! { <><p>{ t(lang, Key::PendingBody) }</p>{ status_btn() }</> })
        }
        Phase::Unknown => {
            let retry = submit.clone();
            panel(
                "cw-unknown",
                t(lang, Key::UnknownTitle).into(),
                html! {
                    <>
                        <p>{ t(lang, Key::UnknownBody) }</p>
                        { status_btn() }
                        { action("cw-secondary", t(lang, Key::RetrySame), Callback::from(move |_: MouseEvent| retry.emit(()))) }
                    </>
                },
            )
        }
        Phase::Redirecting(plan) => {
            let plan = plan.clone();
            panel(
                "cw-redirecting",
                t(lang, Key::StatusRedirecting).into(),
                action(
                    "cw-pay",
                    t(lang, Key::ContinueToBank),
                    Callback::from(move |_: MouseEvent| {
                        let _ = navigate::go(&plan);
                    }),
                ),
            )
        }
    }
}
