//! Result mode: the page the payer returns to after 3-D Secure shows the order's final
//! status by name, polling the merchant's status URL while it is still moving. The status
//! loop here serves the checkout's pending and unknown outcomes too.
//!
//! Not a component of its own: the checkout component renders it (its state is the
//! reducer's `Form::polled`), so Yew's component and hook machinery is compiled once.

use std::cell::RefCell;
use std::rc::Rc;

use checkout_rules::{Settlement, TxStatus};
use yew::prelude::*;

use crate::attempt::StoredKey;
use crate::backend::{self, OrderStatus};
use crate::callbacks::{self, ResultEvent};
use crate::i18n::{t, Key, Lang};
use crate::options::{Config, Mode};
use crate::panels::{panel, status_lines};
use crate::running::{self, Running};
use crate::state::{Action, Awaiting, Form, Polled, WidgetState};

/// `data-state` for a status: the payment stands, it does not, or it is still moving.
pub fn state_of(s: &OrderStatus) -> WidgetState {
    match s.settlement() {
        Settlement::Paid => WidgetState::Success,
        Settlement::NotPaid(_) => WidgetState::Declined,
        Settlement::InProgress => WidgetState::Pending,
    }
}

/// Asks the status URL where the order stands: after `first_wait` ms (0: at once), then
/// every `pollIntervalMs` until the status is the final outcome of what is `awaited`
/// ([`Awaiting::ends_with`]) or `pollTimeoutMs` has passed (`once`: one
/// question only). Every answer, or its absence, goes to the reducer; one that ends the
/// attempt also clears its reload copy and, in result mode, is told to `onResult`
/// (checkout mode tells it when the phase changes). Stops when the widget goes.
///
/// The one status loop of the widget: result mode, a pending payment and an unknown
/// outcome's "Check again" all go through it. A newer loop ends an older one.
pub async fn poll(
    cfg: Rc<Config>,
    form: UseReducerDispatcher<Form>,
    running: Rc<RefCell<Running>>,
    awaited: Awaiting,
    first_wait: u32,
    once: bool,
) {
    let Some(url) = cfg.status_url() else { return };
    // One loop at a time: a payment that re-enters "unknown" or "pending" starts a new loop,
    // which ends the one before (a single question, `once`, runs beside it).
    let this_loop = if once { 0 } else { running.borrow().status_loop + 1 };
    if !once {
        running.borrow_mut().status_loop = this_loop;
    }
    let superseded = || !once && running.borrow().status_loop != this_loop;
    let (mut wait, mut waited) = (first_wait, 0);
    loop {
        if wait > 0 {
            running::sleep(wait).await;
            waited += wait;
        }
        if !running.borrow().alive() || superseded() {
            return;
        }
        let got = backend::fetch_status(&cfg, &url, &running).await;
        if !running.borrow().alive() {
            return;
        }
        let done = got.as_ref().is_some_and(|g| awaited.ends_with(g));
        if let (true, Some(g)) = (done, &got) {
            StoredKey::clear(&cfg.order_id);
            if cfg.mode == Mode::Result {
                let (reason, descriptor) = (g.decline_reason.as_deref(), g.descriptor.as_deref());
                callbacks::call(
                    &cfg.hooks.on_result,
                    &ResultEvent { state: state_of(g).name(), status: Some(&g.status), reason, descriptor },
                );
            }
        }
        form.dispatch(Action::Polled(got));
        if done || once || waited >= cfg.poll_timeout_ms {
            return;
        }
        wait = cfg.poll_interval_ms;
    }
}

/// The result page for what the status URL said last.
pub fn view(lang: Lang, polled: &Polled) -> Html {
    let (state, title, body) = match polled {
        Polled::Loading => (WidgetState::Pending, t(lang, Key::Loading).to_string(), Html::default()),
        Polled::Unreachable => {
            (WidgetState::Unknown, t(lang, Key::UnknownTitle).to_string(), html! { <p>{ t(lang, Key::UnknownBody) }</p> })
        }
        Polled::Known(s) => {
            let name = TxStatus::parse(&s.status).map_or(t(lang, Key::PendingTitle), |st| t(lang, Key::Status(st)));
            let body = status_lines(lang, &s.status, name, s.decline_reason.as_deref(), s.descriptor.as_deref());
            (state_of(s), name.to_string(), body)
        }
    };
    let state = state.name();
    html! {
        <div class="cw cw-result" data-state={state} lang={lang.code()} dir={lang.is_rtl().then_some("rtl")}>
            <div class="cw-live" role="status" aria-live="polite">{ title.clone() }</div>
            { panel(&format!("cw-{state}"), title, body) }
        </div>
    }
}
