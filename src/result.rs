//! Result mode: the page the payer returns to after 3-D Secure shows the order's final
//! status by name, polling the merchant's status URL while it is still moving.

use std::rc::Rc;

use checkout_rules::TxStatus;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::checkout::{panel, status_lines, Props};
use crate::events;
use crate::hooks::use_effect_on;
use crate::i18n::{t, Key};
use crate::submit::{self, IdemKey, OrderStatus};

#[derive(serde::Serialize)]
struct ResultEvent {
    state: &'static str,
    status: Option<String>,
}

#[derive(Clone, PartialEq)]
enum View {
    Loading,
    Known(OrderStatus),
    Unreachable,
}

/// `data-state` for a final status: the payment stands, or it does not.
fn state_of(s: &OrderStatus) -> &'static str {
    match TxStatus::parse(&s.status) {
        Some(TxStatus::Settled | TxStatus::Pending | TxStatus::ArbitrationWon | TxStatus::SecondPresentment) => "success",
        Some(st) if st.is_in_progress() => "pending",
        Some(_) => "declined",
        None => "pending",
    }
}

#[component(ResultView)]
pub fn result_view(props: &Props) -> Html {
    let cfg = props.cfg.clone();
    let lang = cfg.lang;
    let view = use_state(|| View::Loading);
    {
        let view = view.clone();
        let cfg = cfg.clone();
        use_effect_on(
            0,
            Box::new(move || {
                let alive = Rc::new(std::cell::Cell::new(true));
                let a = alive.clone();
                if let Some(url) = cfg.status_url() {
                    spawn_local(async move {
                        let mut waited = 0;
                        loop {
                            let got = submit::fetch_status(&url, &cfg.headers).await;
                            if !a.get() {
                                return;
                            }
                            let done = match &got {
                                Some(s) => s.final_status().is_some(),
                                None => false,
                            };
                            view.set(got.clone().map_or(View::Unreachable, View::Known));
                            if done {
                                IdemKey::finish(&cfg.order_id);
                                let s = got.as_ref().map(|s| state_of(s)).unwrap_or("unknown");
                                events::call(&cfg.hooks.on_result, &ResultEvent { state: s, status: got.map(|g| g.status) });
                                return;
                            }
                            if waited >= cfg.poll_timeout_ms {
                                return;
                            }
                            submit::sleep(cfg.poll_interval_ms).await;
                            waited += cfg.poll_interval_ms;
                        }
                    });
                }
                Box::new(move || alive.set(false))
            }),
        );
    }
    let (state, title, body) = match &*view {
        View::Loading => ("pending", t(lang, Key::Loading).to_string(), Html::default()),
        View::Unreachable => ("unknown", t(lang, Key::UnknownTitle).to_string(), html! { <p>{ t(lang, Key::UnknownBody) }</p> }),
        View::Known(s) => {
            let name = TxStatus::parse(&s.status).map_or(t(lang, Key::PendingTitle), |st| t(lang, Key::Status(st)));
            let body = status_lines(lang, &s.status, name, s.decline_reason.as_deref(), s.descriptor.as_deref());
            (state_of(s), name.to_string(), body)
        }
    };
    html! {
        <div class="cw cw-result" data-state={state} lang={lang.code()}>
            <div class="cw-live" role="status" aria-live="polite">{ title.clone() }</div>
            { panel(&format!("cw-{state}"), title, body) }
        </div>
    }
}
