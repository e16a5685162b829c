//! The checkout component: the form, the Pay button, and a panel for each outcome. Its
//! logic lives beside it (`attempt::submit`: Pay and its key; `effects::on_phase`: what
//! each phase sets in motion), its outcome views in `panels`.

use std::rc::Rc;

use checkout_rules::{FieldId, RedirectPlan};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::dialog::{self, DialogActions};
use crate::fields::Field;
use crate::hooks::use_effect_on;
use crate::i18n::{t, Key};
use crate::navigate::{self, Target};
use crate::options::{Challenge, Config, Mode};
use crate::panels::{outcome_panel, save_card_box, saved_card_choice, Actions};
use crate::running::Running;
use crate::state::{Action, Awaiting, Dialog, Form, Phase};
use crate::{attempt, challenge, effects};

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
        Phase::Editing if form.focus_seq > 0 && !form.problems().is_empty() => t(l, Key::FieldsInvalid).into(),
        Phase::Editing => String::new(),
        Phase::Submitting => t(l, Key::StatusSubmitting).into(),
        Phase::Redirecting(_) if form.dialog == Dialog::Returned => t(l, Key::PendingTitle).into(),
        Phase::Redirecting(_) if cfg.challenge == Challenge::Inline => t(l, Key::ChallengeTitle).into(),
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

    // What the checkout sets in motion (effects.rs): on mount and unmount, after a refused
    // Pay, on every change, and on entering each phase.
    use_effect_on(0, effects::on_mount(cfg.clone(), form.dispatcher(), running.clone(), root.clone()));
    use_effect_on(form.focus_seq, effects::on_refused(root.clone(), form.focus_seq));
    use_effect_on(form.change_seq, effects::on_change(cfg.clone(), form.clone()));

    let submit = attempt::submit(cfg.clone(), form.clone(), running.clone(), root.clone());
    let check_status = {
        let (form, cfg, running) = (form.clone(), cfg.clone(), running.clone());
        Callback::from(move |_: ()| {
            spawn_local(crate::result::poll(cfg.clone(), form.dispatcher(), running.clone(), Awaiting::of(&form), 0, true))
        })
    };
    use_effect_on(form.phase_seq, effects::on_phase(cfg.clone(), form.clone(), running.clone(), root.clone()));
    use_effect_on(form.dialog as u32, challenge::on_dialog(cfg.clone(), form.clone(), running, root));

    // Every hook has been called: result mode renders its own page.
    if cfg.mode == Mode::Result {
        return crate::result::view(lang, &form.polled);
    }

    let onsubmit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            #[cfg(feature = "trap-hook")]
            crate::trap_hook::on_submit();
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

    let actions = Actions { retry: submit, check_status, another_card };
    // back from the bank's page in the dialog, the status is asked as for a pending payment
    let shown = if form.dialog == Dialog::Returned { &Phase::Pending } else { &form.phase };
    let panel_html = outcome_panel(shown, lang, &cfg.amount_text, &actions);
    let dialog_html = match &form.phase {
        Phase::Redirecting(plan) if form.dialog == Dialog::Open => dialog::view(lang, &props.uid, &props.root, dialog_actions(&form, plan)),
        _ => Html::default(),
    };
    let show_form = form.phase.form_open() || matches!(form.phase, Phase::Submitting);

    html! {
        <div class="cw" data-state={form.phase.state().name()} lang={lang.code()} dir={lang.is_rtl().then_some("rtl")}>
            <div class="cw-live" role="status" aria-live="polite">{ status_text(&form, &cfg) }</div>
            { panel_html }
            { dialog_html }
            if show_form {
                { form_view(&form, &cfg, &props.uid, onsubmit) }
            }
        </div>
    }
}

/// The inline challenge's buttons: close (back to the form), or the bank's page in the
/// whole window.
fn dialog_actions(form: &UseReducerHandle<Form>, plan: &RedirectPlan) -> DialogActions {
    let d = form.dispatcher();
    let plan = plan.clone();
    DialogActions {
        cancel: Callback::from(move |_: ()| d.dispatch(Action::Dialog(Dialog::Cancelled))),
        full_page: Callback::from(move |_: MouseEvent| {
            let _ = navigate::go(&plan, Target::Page);
        }),
    }
}

/// The form: a saved card (if any), the card's fields and the save-card box, the payer's
/// fields, and the Pay button.
fn form_view(form: &UseReducerHandle<Form>, cfg: &Config, uid: &AttrValue, onsubmit: Callback<SubmitEvent>) -> Html {
    let lang = cfg.lang;
    let submitting = matches!(form.phase, Phase::Submitting);
    let field = |id: FieldId, required: bool| {
        html! {
            <Field {id} uid={uid.clone()} value={AttrValue::from(form.value(id).to_string())}
                shown={form.shown(id, required)} {required} {lang} dispatch={form.dispatcher()}
                brand={form.brand()} country={AttrValue::from(form.value(FieldId::PayerCountry).to_string())} />
        }
    };
    let active = form.active_fields();
    let card_fields: Html = active.iter().filter(|(f, _)| f.is_card_data()).map(|(f, r)| field(*f, *r)).collect();
    let payer: Vec<(FieldId, bool)> =
        active.iter().copied().filter(|(f, _)| !f.is_card_data() && cfg.presence(*f) != crate::options::Presence::Hidden).collect();
    let has_payer = !payer.is_empty();
    let payer_fields: Html = payer.into_iter().map(|(f, r)| field(f, r)).collect();

    let saved = cfg.saved_card.as_ref().map(|card| saved_card_choice(card, form, lang, uid));
    let save_box = (cfg.allow_save_card && !form.use_saved).then(|| save_card_box(form, lang, uid));

    let pay_label = if submitting { t(lang, Key::Paying).to_string() } else { format!("{} {}", t(lang, Key::Pay), cfg.amount_text) };

    html! {
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
}
