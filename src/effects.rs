//! What the checkout sets in motion, each as the effect `use_effect_on` runs: on mount
//! (`onReady`, or result mode's status loop) and unmount (every loop and request stopped);
//! after a refused Pay (focus on the first invalid field); on every change (`onChange`);
//! and once per entry into each phase: `onResult` and `onError`, the status loop of a
//! pending or unknown payment, the 3-D Secure navigation or inline dialog (after
//! `beforeRedirect`, and only while the widget lives), and focus on the panel that says
//! what happened.

use std::cell::RefCell;
use std::rc::Rc;

use checkout_rules::TxStatus;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::callbacks::{self, Change, ErrorEvent, RedirectEvent, ResultEvent};
use crate::hooks::{self, Effect};
use crate::i18n::{t, Lang};
use crate::navigate::{self, Target};
use crate::options::{Challenge, Config, Mode};
use crate::running::Running;
use crate::state::{Action, Awaiting, Dialog, ErrorKind, Form, Phase};

/// Mounted: tell the merchant (in result mode, start polling, and tell a framing parent
/// that the payer is back from the bank); unmounted: stop every loop, abort every
/// request, navigate nowhere.
pub fn on_mount(cfg: Rc<Config>, form: UseReducerDispatcher<Form>, running: Rc<RefCell<Running>>, root: web_sys::Element) -> Effect {
    Box::new(move || {
        if cfg.mode == Mode::Result {
            crate::challenge::tell_parent(&cfg.order_id);
            spawn_local(crate::result::poll(cfg, form, running.clone(), Awaiting::Order, 0, false));
        } else {
            callbacks::call_js(&cfg.hooks.on_ready, &JsValue::NULL);
        }
        let unrelay = relay_composition(root);
        Box::new(move || {
            unrelay();
            running.borrow_mut().stop();
        })
    })
}

/// An IME's composition can end without an `input` the field hears (Chromium fires the
/// last one while still composing, which the field skips): `compositionend` is relayed to
/// the field as an `input`. Yew has no composition listeners of its own.
fn relay_composition(root: web_sys::Element) -> impl FnOnce() {
    let relay = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let (Some(target), Ok(input)) = (e.target(), web_sys::Event::new_with_event_init_dict("input", &init)) {
            let _ = target.dispatch_event(&input);
        }
    });
    let _ = root.add_event_listener_with_callback("compositionend", relay.as_ref().unchecked_ref());
    move || {
        let _ = root.remove_event_listener_with_callback("compositionend", relay.as_ref().unchecked_ref());
    }
}

/// After a refused Pay or a backend's field errors (`seq` counts them): focus on the first
/// invalid field.
pub fn on_refused(root: web_sys::Element, seq: u32) -> Effect {
    Box::new(move || {
        if seq > 0 {
            focus(&root, "[aria-invalid=\"true\"]");
        }
        hooks::nothing()
    })
}

/// `onChange` after each edit: the field, its validity and the brand, never the value.
pub fn on_change(cfg: Rc<Config>, form: UseReducerHandle<Form>) -> Effect {
    Box::new(move || {
        let Some(f) = &form.last_changed else { return hooks::nothing() };
        if cfg.hooks.on_change.is_none() {
            return hooks::nothing();
        }
        let problems = form.problems();
        let valid = !form.server.contains(*f) && !problems.iter().any(|(x, _)| x == f);
        let brand = form.brand().map(|b| b.as_str());
        callbacks::call(&cfg.hooks.on_change, &Change { field: f.name(), valid, brand, complete: problems.is_empty() });
        hooks::nothing()
    })
}

/// Whether the payer goes to the bank: `beforeRedirect` (if any) allows it and the widget
/// still lives (`destroy()` while the merchant's hook is pending means no navigation).
async fn allowed(cfg: &Config, plan: &checkout_rules::RedirectPlan, running: &RefCell<Running>) -> bool {
    if let Some(ret) = callbacks::call(&cfg.hooks.before_redirect, &RedirectEvent { url: &plan.url, method: plan.method }) {
        let ret = match ret.dyn_into::<js_sys::Promise>() {
            Ok(p) => JsFuture::from(p).await.unwrap_or(JsValue::FALSE),
            Err(v) => v,
        };
        if ret == JsValue::FALSE {
            return false;
        }
    }
    running.borrow().alive()
}

/// On the way to the bank: the whole page goes there, or (inline) the dialog opens, which
/// sends the bank's page into its frame (`challenge::on_dialog`). Inline, the payer stays
/// and `onResult` waits for the outcome: it is told once, when the payment ends.
fn to_bank(cfg: Rc<Config>, form: UseReducerDispatcher<Form>, plan: checkout_rules::RedirectPlan, running: Rc<RefCell<Running>>) {
    spawn_local(async move {
        if !allowed(&cfg, &plan, &running).await {
            return;
        }
        match cfg.challenge {
            Challenge::Redirect => {
                let _ = navigate::go(&plan, Target::Page);
            }
            Challenge::Inline => form.dispatch(Action::Dialog(Dialog::Open)),
        }
    });
}

/// The effect of entering `form.phase` (run by the checkout through `use_effect_on`,
/// keyed by `form.phase_seq`).
pub fn on_phase(cfg: Rc<Config>, form: UseReducerHandle<Form>, running: Rc<RefCell<Running>>, root: web_sys::Element) -> Effect {
    Box::new(move || {
        let phase = &form.phase;
        let result = |status: Option<TxStatus>, reason: Option<&str>, descriptor: Option<&str>| {
            let event = ResultEvent { state: phase.state().name(), status: status.map(TxStatus::as_str), reason, descriptor };
            callbacks::call(&cfg.hooks.on_result, &event);
        };
        let poll = |wait: u32, once: bool| {
            let (cfg, awaited) = (cfg.clone(), Awaiting::of(&form));
            spawn_local(crate::result::poll(cfg, form.dispatcher(), running.clone(), awaited, wait, once));
        };
        match phase {
            Phase::Success { status, descriptor } => result(Some(*status), None, descriptor.as_deref()),
            Phase::Declined { status, reason } => result(Some(*status), reason.as_deref(), None),
            Phase::Error { kind, other } => {
                result(None, other.first().map(String::as_str), None);
                callbacks::call(&cfg.hooks.on_error, &ErrorEvent { code: kind.code(), message: t(Lang::EN, kind.title()) });
            }
            Phase::Unknown => {
                result(None, None, None);
                poll(0, false);
            }
            Phase::Pending => {
                result(None, None, None);
                poll(cfg.poll_interval_ms, false);
            }
            Phase::Redirecting(plan) if cfg.challenge == Challenge::Inline => {
                to_bank(cfg.clone(), form.dispatcher(), plan.clone(), running.clone());
            }
            Phase::Redirecting(plan) => {
                result(None, None, None);
                if !running.borrow().redirected {
                    running.borrow_mut().redirected = true;
                    to_bank(cfg.clone(), form.dispatcher(), plan.clone(), running.clone());
                }
            }
            Phase::Editing | Phase::Submitting => {}
        }
        // Focus the panel that says what happened, so keyboard users land on it;
        // field errors from the backend keep focus on their first field instead.
        let focus_panel = match phase {
            Phase::Editing | Phase::Submitting => false,
            Phase::Error { kind, .. } => *kind != ErrorKind::Fields,
            _ => true,
        };
        if focus_panel {
            focus(&root, ".cw-panel");
        }
        hooks::nothing()
    })
}

/// Moves the keyboard focus to the first element under `root` that `selector` finds, if any.
pub fn focus(root: &web_sys::Element, selector: &str) {
    if let Ok(Some(el)) = root.query_selector(selector) {
        if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    }
}
