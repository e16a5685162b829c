//! One payment attempt, one Idempotency-Key. The key lives in the form's state for the
//! attempt (`Form::attempt`); sessionStorage holds only the copy that survives a reload,
//! so a browser that refuses storage (a sandboxed iframe) still resends the same key. It
//! ends only on a final outcome of this attempt (`Answer::ends_attempt`,
//! `state::ends_attempt`); every other answer keeps it for "Retry safely".

use std::cell::RefCell;
use std::rc::Rc;

use checkout_rules::{FieldId, SAVED_CARD_ID};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew::Reducible;

use crate::backend;
use crate::options::Config;
use crate::running::Running;
use crate::state::{Action, Form, Payload, Phase};
use crate::{callbacks, typing};

/// The reload copy of the key, in sessionStorage (the only thing the widget stores).
pub struct StoredKey;

impl StoredKey {
    fn slot(order_id: &str) -> String {
        format!("checkout-widget:idem:{order_id}")
    }
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }
    /// The key a reload left, if storage works and holds one.
    pub fn load(order_id: &str) -> Option<String> {
        Self::storage()?.get_item(&Self::slot(order_id)).ok()?.filter(|k| k.len() == 36)
    }
    pub fn save(order_id: &str, key: &str) {
        if let Some(s) = Self::storage() {
            let _ = s.set_item(&Self::slot(order_id), key);
        }
    }
    pub fn clear(order_id: &str) {
        if let Some(s) = Self::storage() {
            let _ = s.remove_item(&Self::slot(order_id));
        }
    }
}

/// The key for the next send: this attempt's, the reload copy's, or a new one.
fn key_for(form: &Form, order_id: &str) -> String {
    form.attempt.clone().or_else(|| StoredKey::load(order_id)).unwrap_or_else(uuid_v4)
}

/// What `onSubmit` sees: the payer's non-card fields and the brand, never card data.
/// Returns `None` when the merchant's hook said no, else the extra fields it returned.
fn on_submit(cfg: &Config, form: &Form, body: &Payload) -> Option<Vec<(String, String)>> {
    let fields = js_sys::Object::new();
    for (k, v) in &body.0 {
        if FieldId::from_name(k).is_none_or(|f| !f.is_card_data()) && k != SAVED_CARD_ID {
            let _ = js_sys::Reflect::set(&fields, &k.into(), &v.into());
        }
    }
    let info = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&info, &FieldId::OrderId.name().into(), &cfg.order_id.as_str().into());
    let _ = js_sys::Reflect::set(&info, &"brand".into(), &form.brand().map_or(JsValue::NULL, |b| b.as_str().into()));
    let _ = js_sys::Reflect::set(&info, &"fields".into(), &fields);
    let Some(ret) = callbacks::call_js(&cfg.hooks.on_submit, &info) else { return Some(Vec::new()) };
    if ret == JsValue::FALSE {
        return None;
    }
    // Extra merchant fields: strings only, never card data or a card reference.
    let mut extra = Vec::new();
    if ret.is_object() {
        for pair in js_sys::Object::entries(ret.unchecked_ref::<js_sys::Object>()).iter() {
            let pair: js_sys::Array = pair.unchecked_into();
            let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) else { continue };
            if !(FieldId::from_name(&k).is_some_and(|f| f.is_card_data()) || k == SAVED_CARD_ID || k == FieldId::CardToken.name()) {
                extra.push((k, v));
            }
        }
    }
    Some(extra)
}

/// The form with what its inputs show now: a filler the widget did not hear (no event, or
/// none it listens to) still fills the request. The form's state takes the same values.
fn as_on_screen(form: &UseReducerHandle<Form>, root: &web_sys::Element) -> Rc<Form> {
    let now = Rc::new((**form).clone());
    let missed = typing::read_inputs(root, form);
    if missed.is_empty() {
        return now;
    }
    form.dispatch(Action::SetMany(missed.clone()));
    now.reduce(Action::SetMany(missed))
}

/// Pay (and "Retry safely" after an unknown outcome): one request in flight at a time.
pub fn submit(cfg: Rc<Config>, form: UseReducerHandle<Form>, running: Rc<RefCell<Running>>, root: web_sys::Element) -> Callback<()> {
    Callback::from(move |_: ()| {
        let retry = matches!(form.phase, Phase::Unknown);
        if running.borrow().paying || !(form.phase.form_open() || retry) {
            return;
        }
        let now = if retry { Rc::new((*form).clone()) } else { as_on_screen(&form, &root) };
        if !retry && !now.problems().is_empty() {
            form.dispatch(Action::Invalid);
            return;
        }
        let mut body = now.payload(&cfg);
        let Some(extra) = on_submit(&cfg, &now, &body) else { return };
        for (k, v) in extra {
            body.insert_new(k, v);
        }
        let key = key_for(&now, &cfg.order_id);
        StoredKey::save(&cfg.order_id, &key);
        running.borrow_mut().paying = true;
        form.dispatch(Action::Submitting(key.clone()));
        let (form, cfg, running) = (form.clone(), cfg.clone(), running.clone());
        spawn_local(async move {
            let answer = backend::pay(&cfg, &body, &key, &running).await;
            drop(body);
            if answer.ends_attempt() {
                StoredKey::clear(&cfg.order_id);
            }
            running.borrow_mut().paying = false;
            if running.borrow().alive() {
                form.dispatch(Action::Answer(answer));
            }
        });
    })
}

/// A UUID v4 from the browser's CSPRNG.
pub fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut b);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, x) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push(char::from_digit(u32::from(x >> 4), 16).unwrap_or('0'));
        s.push(char::from_digit(u32::from(x & 15), 16).unwrap_or('0'));
    }
    s
}
