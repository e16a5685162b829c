//! The checkout widget: a Yew component compiled to WebAssembly that collects card and
//! payer fields, validates them as the payer types (rules crate), posts them to the
//! merchant's own backend, and turns the answer into the right screen.
//!
//! JS API: `mount(target, options)` → a handle with `destroy()`.

mod checkout;
mod events;
mod fields;
pub mod i18n;
mod navigate;
pub mod options;
mod result;
pub mod state;
pub mod submit;

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::checkout::{Checkout, Props};
use crate::options::{Config, Mode};
use crate::result::ResultView;

thread_local! {
    static NEXT_UID: Cell<u32> = const { Cell::new(1) };
}

enum App {
    Checkout(AppHandle<Checkout>),
    Result(AppHandle<ResultView>),
}

/// A mounted widget.
#[wasm_bindgen]
pub struct Handle {
    app: Option<App>,
    host: web_sys::Element,
}

#[wasm_bindgen]
impl Handle {
    /// Unmounts the widget: its DOM (card inputs included) is removed and its state,
    /// timers and polls end.
    pub fn destroy(&mut self) {
        match self.app.take() {
            Some(App::Checkout(a)) => a.destroy(),
            Some(App::Result(a)) => a.destroy(),
            None => {}
        }
        self.host.set_inner_html("");
    }
}

fn resolve_target(target: &JsValue) -> Result<web_sys::Element, JsError> {
    if let Some(s) = target.as_string() {
        let doc = web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsError::new("checkout-widget: no document"))?;
        return doc
            .query_selector(&s)
            .ok()
            .flatten()
            .ok_or_else(|| JsError::new(&format!("checkout-widget: target `{s}` matches no element")));
    }
    target.clone().dyn_into::<web_sys::Element>().map_err(|_| JsError::new("checkout-widget: target must be an element or a CSS selector"))
}

/// Mounts the widget into `target` (an element or a CSS selector) with `options`.
/// Throws, and shows nothing, when an option is refused.
#[wasm_bindgen]
pub fn mount(target: JsValue, options: JsValue) -> Result<Handle, JsError> {
    let host = resolve_target(&target)?;
    let cfg = Rc::new(Config::from_js(options)?);
    let uid = NEXT_UID.with(|n| {
        let v = n.get();
        n.set(v + 1);
        format!("cw{v}")
    });
    let props = Props { cfg: cfg.clone(), uid: uid.into() };
    let app = match cfg.mode {
        Mode::Checkout => App::Checkout(yew::Renderer::<Checkout>::with_root_and_props(host.clone(), props).render()),
        Mode::Result => App::Result(yew::Renderer::<ResultView>::with_root_and_props(host.clone(), props).render()),
    };
    Ok(Handle { app: Some(app), host })
}
