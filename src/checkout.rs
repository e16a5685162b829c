//! The checkout component: the form, the Pay button, and a panel for each outcome. Its
//! logic lives beside it (`attempt::submit`: Pay and its key; `effects::on_phase`: what
//! each phase sets in motion), its outcome views in `panels`.

use std::rc::Rc;

use checkout_rules::FieldId;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::events::{self, Change};
use crate::fields::Field;
use crate::hooks::{self, use_effect_on};
use crate::i18n::{t, Key};
use crate::options::{Config, Mode};
use crate::panels::{outcome_panel, save_card_box, saved_card_choice, Actions};
use crate::state::{Action, Awaiting, Form, Phase};
use crate::submit::Running;
use crate::{attempt, effects};

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

fn status_text(form: &Form, cfg: &Config) -> String {
    let l = cfg.lang;
    match &form.phase {
        Phase::Editing if form.focus_seq > 0 && !form.problems(cfg).is_empty() => t(l, Key::FieldsInvalid).into(),
        Phase::Editing => String::new(),
        Phase::Submitting => t(l, Key::StatusSubmitting).into(),
        Phase::Redirecting(_) => t(l, Key::StatusRedirecting).into(),
        Phase::Success { status, .. } => format!("{}: {}", t(l, Key::SuccessTitle), t(l, Key::Status(*status))),
        Phase::Declined { .. } => t(l, Key::DeclinedTitle).into(),
        Phase::Error { kind, .. } => t(l, kind.title()).into(),
        Phase::Pending => t(l, Key::PendingTitle).into(),
        Phase::Unknown => t(l, Key::UnknownTitle).into(),
    }
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
    let running = use_mut_ref(Running::default);

    // Mounted: tell the merchant (in result mode, start polling); unmounted: stop every
    // loop, abort every request, navigate nowhere.
    {
        let cfg = cfg.clone();
        let running = running.clone();
        let form = form.dispatcher();
        use_effect_on(
            0,
            Box::new(move || {
                if cfg.mode == Mode::Result {
                    spawn_local(crate::result::poll(cfg, form, running.clone(), Awaiting::Order, 0, false));
                } else {
                    events::call_js(&cfg.hooks.on_ready, &JsValue::NULL);
                }
                Box::new(move || running.borrow_mut().stop())
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
                    effects::focus(&root, "[aria-invalid=\"true\"]");
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

    let submit = attempt::submit(cfg.clone(), form.clone(), running.clone());
    let check_status = {
        let (form, cfg, running) = (form.clone(), cfg.clone(), running.clone());
        Callback::from(move |_: ()| {
            spawn_local(crate::result::poll(cfg.clone(), form.dispatcher(), running.clone(), Awaiting::of(&form), 0, true))
        })
    };
    use_effect_on(form.phase_seq, effects::on_phase(cfg.clone(), form.clone(), running, root));

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
    let another_card = {
        let (form, root) = (form.clone(), props.root.clone());
        Callback::from(move |_: MouseEvent| {
            form.dispatch(Action::AnotherCard);
            // the form is open below the decline: the payer goes on typing in the number
            effects::focus(&root, "[name=card_number]");
        })
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

    let pay_label = if submitting { t(lang, Key::Paying).to_string() } else { format!("{} {}", t(lang, Key::Pay), cfg.amount_text) };

    let actions = Actions { retry: submit, check_status, another_card };
    let panel_html = outcome_panel(&form.phase, lang, &cfg.amount_text, &actions);
    let show_form = form.phase.form_open() || submitting;

    html! {
        <div class="cw" data-state={form.phase.name()} lang={lang.code()} dir={lang.is_rtl().then_some("rtl")}>
            <div class="cw-live" role="status" aria-live="polite">{ status_text(&form, &cfg) }</div>
            { panel_html }
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
