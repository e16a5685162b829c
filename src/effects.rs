//! What each phase sets in motion, once per entry into it: `onResult` and `onError`, the
//! status loop of a pending or unknown payment, the 3-D Secure navigation (after
//! `beforeRedirect`, and only while the widget lives), and focus on the panel that says
//! what happened.

use std::cell::RefCell;
use std::rc::Rc;

use checkout_rules::TxStatus;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::events::{self, ErrorEvent, RedirectEvent, ResultEvent};
use crate::hooks::{self, Teardown};
use crate::i18n::{t, Lang};
use crate::navigate;
use crate::options::Config;
use crate::state::{Awaiting, ErrorKind, Form, Phase};
use crate::submit::Running;

/// Navigates to the bank once `beforeRedirect` (if any) allows it and the widget still
/// lives: `destroy()` while the merchant's hook is pending means no navigation.
async fn redirect(cfg: Rc<Config>, plan: checkout_rules::RedirectPlan, running: Rc<RefCell<Running>>) {
    if let Some(ret) = events::call(&cfg.hooks.before_redirect, &RedirectEvent { url: &plan.url, method: plan.method }) {
        let ret = match ret.dyn_into::<js_sys::Promise>() {
            Ok(p) => JsFuture::from(p).await.unwrap_or(JsValue::FALSE),
            Err(v) => v,
        };
        if ret == JsValue::FALSE {
            return;
        }
    }
    if running.borrow().alive() {
        let _ = navigate::go(&plan);
    }
}

/// The effect of entering `form.phase` (run by the checkout through `use_effect_on`,
/// keyed by `form.phase_seq`).
pub fn on_phase(
    cfg: Rc<Config>,
    form: UseReducerHandle<Form>,
    running: Rc<RefCell<Running>>,
    root: web_sys::Element,
) -> Box<dyn FnOnce() -> Teardown> {
    Box::new(move || {
        let phase = &form.phase;
        let result = |status: Option<TxStatus>, reason: Option<&str>, descriptor: Option<&str>| {
            let event = ResultEvent { state: phase.name(), status: status.map(TxStatus::as_str), reason, descriptor };
            events::call(&cfg.hooks.on_result, &event);
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
                events::call(&cfg.hooks.on_error, &ErrorEvent { code: kind.code(), message: t(Lang::EN, kind.title()) });
            }
            Phase::Unknown => {
                result(None, None, None);
                poll(0, false);
            }
            Phase::Pending => {
                result(None, None, None);
                poll(cfg.poll_interval_ms, false);
            }
            Phase::Redirecting(plan) => {
                result(None, None, None);
                if !running.borrow().redirected {
                    running.borrow_mut().redirected = true;
                    spawn_local(redirect(cfg.clone(), plan.clone(), running.clone()));
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
