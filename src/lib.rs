//! The checkout widget: a Yew component compiled to WebAssembly that collects card and
//! payer fields, validates them as the payer types (rules crate), posts them to the
//! merchant's own backend, and turns the answer into the right screen.
//!
//! JS API: `mount(target, options)` → a handle with `destroy()`.

mod attempt;
pub mod backend;
mod browser;
mod callbacks;
mod challenge;
mod checkout;
mod countries;
mod dialog;
// native only: it reads the sources and the reference backend's statuses
#[cfg(all(test, not(target_arch = "wasm32")))]
mod dts;
mod effects;
mod fields;
mod form;
mod hooks;
pub mod i18n;
mod navigate;
pub mod options;
mod outcome;
mod panels;
mod payload;
mod result;
pub mod running;
pub mod state;
#[cfg(feature = "trap-hook")]
mod trap_hook;
mod typing;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;
use yew::AppHandle;

use crate::checkout::{Checkout, Props};
use crate::options::Config;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    static NEXT_UID: Cell<u32> = const { Cell::new(1) };
    /// Yew apps of destroyed widgets, idle and detached, for the next `mount` to reuse.
    /// Yew registers one listener per event kind on an app's root element and never frees
    /// it (by design: a Yew app normally lives as long as its page), so an app made per
    /// mount would leak those listeners on every mount/destroy cycle. A pooled app keeps
    /// its root, and its root keeps its listeners: the pool holds as many apps as there
    /// were widgets mounted at once, usually one.
    static POOL: RefCell<Vec<(AppHandle<Root>, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
}

#[derive(Properties, PartialEq, Clone, Default)]
struct RootProps {
    /// The mounted widget, or `None` while the app waits in the pool.
    widget: Option<Props>,
}

/// The app's root: the widget of the current mount (keyed by its uid, so every mount
/// starts from a fresh state), or nothing while pooled.
#[component(Root)]
fn root(p: &RootProps) -> Html {
    match &p.widget {
        None => Html::default(),
        Some(w) => html! { <Checkout key={w.uid.to_string()} ..w.clone() /> },
    }
}

/// A mounted widget.
#[wasm_bindgen]
pub struct Handle {
    app: Option<(AppHandle<Root>, web_sys::Element)>,
}

#[wasm_bindgen]
impl Handle {
    /// The widget's own element in the target (the loader puts its fail-safe message there).
    #[wasm_bindgen(getter)]
    pub fn root(&self) -> Option<web_sys::Element> {
        self.app.as_ref().map(|(_, root)| root.clone())
    }

    /// Unmounts the widget: its DOM (card inputs included) is removed and its state,
    /// timers and polls end. The Yew app behind it goes back to the pool, empty.
    pub fn destroy(&mut self) {
        if let Some((mut app, root)) = self.app.take() {
            app.update(RootProps::default());
            root.remove();
            POOL.with(|p| p.borrow_mut().push((app, root)));
        }
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
    let (mut app, root) = match POOL.with(|p| p.borrow_mut().pop()) {
        Some(pooled) => pooled,
        None => {
            let root = host
                .owner_document()
                .and_then(|d| d.create_element("div").ok())
                .ok_or_else(|| JsError::new("checkout-widget: no document"))?;
            (yew::Renderer::<Root>::with_root_and_props(root.clone(), RootProps::default()).render(), root)
        }
    };
    if host.append_child(&root).is_err() {
        POOL.with(|p| p.borrow_mut().push((app, root)));
        return Err(JsError::new("checkout-widget: target cannot hold the widget"));
    }
    app.update(RootProps { widget: Some(Props { cfg, uid: uid.into(), root: root.clone() }) });
    Ok(Handle { app: Some((app, root)) })
}
