//! The parts of the checkout only some payments show: a saved card, the save-card box,
//! and the panel of each outcome (success, decline, error, pending, unknown, redirecting).

use checkout_rules::{FieldId, TxStatus};
use yew::prelude::*;

use crate::i18n::{t, Key, Lang};
use crate::navigate::{self, Target};
use crate::state::{Action, Form, Phase};

pub fn saved_card_choice(card: &crate::options::SavedCard, form: &UseReducerHandle<Form>, lang: Lang, uid: &str) -> Html {
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

pub fn save_card_box(form: &UseReducerHandle<Form>, lang: Lang, uid: &str) -> Html {
    let d = form.dispatcher();
    Choice {
        kind: "checkbox",
        id: format!("{uid}-{}", FieldId::ReqToken.name()),
        name: FieldId::ReqToken.name(),
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
pub fn action(class: &'static str, label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" {class} {onclick}>{ label }</button> }
}

/// The frame of every outcome (here and in result mode): a focusable panel, its icon (drawn
/// by the stylesheet for the panel's class; the title says it in words) and its title.
pub fn panel(class: &str, title: String, body: Html) -> Html {
    html! {
        <div class={classes!("cw-panel", class.to_owned())} tabindex="-1">
            <span class="cw-icon" aria-hidden="true"></span>
            <div>
                <p class="cw-title">{ title }</p>
                { body }
            </div>
        </div>
    }
}

/// "Order status: <name>" (`data-status` carries the code), then the bank's reason and the
/// statement descriptor when known.
pub fn status_lines(lang: Lang, code: &str, name: &str, reason: Option<&str>, descriptor: Option<&str>) -> Html {
    html! {
        <>
            <p>{ t(lang, Key::OrderStatus) }{ ": " }<span class="cw-status-name" data-status={code.to_owned()}>{ name.to_owned() }</span></p>
            if let Some(r) = reason { <p>{ r.to_owned() }</p> }
            if let Some(d) = descriptor { <p>{ t(lang, Key::Descriptor) }{ ": " }{ d.to_owned() }</p> }
        </>
    }
}

/// What the buttons of the outcome panels do.
pub struct Actions {
    /// Resend the same payment (same key) after an unknown outcome.
    pub retry: Callback<()>,
    pub check_status: Callback<()>,
    /// Back to the form with the card's fields empty, after a decline.
    pub another_card: Callback<MouseEvent>,
}

/// The panel that says what happened: success, decline, error, pending, unknown, redirecting.
/// `amount` is the order's amount as the Pay button wrote it.
pub fn outcome_panel(phase: &Phase, lang: Lang, amount: &str, actions: &Actions) -> Html {
    let status_btn = || {
        let c = actions.check_status.clone();
        action("cw-secondary", t(lang, Key::CheckAgain), Callback::from(move |_: MouseEvent| c.emit(())))
    };
    let another_card = || action("cw-secondary", t(lang, Key::TryAnotherCard), actions.another_card.clone());
    match phase {
        Phase::Editing | Phase::Submitting => Html::default(),
        Phase::Success { status, descriptor } => panel(
            "cw-success",
            t(lang, Key::SuccessTitle).into(),
            html! {
                <>
                    <p>{ t(lang, Key::AmountPaid) }{ ": " }<strong class="cw-amount">{ amount.to_owned() }</strong></p>
                    { status_lines(lang, status.as_str(), t(lang, Key::Status(*status)), None, descriptor.as_deref()) }
                </>
            },
        ),
        Phase::Declined { status: TxStatus::Declined, reason } => panel(
            "cw-declined",
            t(lang, Key::DeclinedTitle).into(),
            html! { <><p>{ reason.clone().unwrap_or_else(|| t(lang, Key::DeclinedGeneric).into()) }</p>{ another_card() }</> },
        ),
        // not paid after all: voided, refunded, reversed, charged back
        Phase::Declined { status, reason } => panel(
            "cw-declined",
            t(lang, Key::DeclinedTitle).into(),
            html! { <>{ status_lines(lang, status.as_str(), t(lang, Key::Status(*status)), reason.as_deref(), None) }{ another_card() }</> },
        ),
        Phase::Error { kind, other } => panel(
            "cw-error",
            t(lang, kind.title()).into(),
            html! { if !other.is_empty() { <ul>{ for other.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul> } },
        ),
        Phase::Pending => {
            panel("cw-pending", t(lang, Key::PendingTitle).into(), html! { <><p>{ t(lang, Key::PendingBody) }</p>{ status_btn() }</> })
        }
        Phase::Unknown => {
            let retry = actions.retry.clone();
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
                        let _ = navigate::go(&plan, Target::Page);
                    }),
                ),
            )
        }
    }
}
