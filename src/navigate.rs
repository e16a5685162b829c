//! The one place the widget navigates: carrying out a [`RedirectPlan`] that the rules
//! crate has already accepted, in the whole page or in the inline challenge's frame. POST
//! builds a form with DOM APIs (one hidden input per parameter, values set as properties,
//! never markup) and submits it; GET assigns the merged URL.
//!
//! A form's inputs shadow its own properties by name (`submit`, `action`, `method`,
//! `target`, even `appendChild`): the form is finished before its inputs join it (they
//! arrive in one fragment), and it is submitted through `HTMLFormElement.prototype.submit`,
//! which no parameter can shadow.

use checkout_rules::{Method, RedirectPlan};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement};

/// Marks the widget's redirect forms: one at most, as an earlier one (whose navigation
/// did not happen) is removed before the next, and a refused submit removes its own.
const MARK: &str = "data-checkout-redirect";

fn prototype_submit() -> Option<js_sys::Function> {
    let class = js_sys::Reflect::get(&js_sys::global(), &"HTMLFormElement".into()).ok()?;
    let proto = js_sys::Reflect::get(&class, &"prototype".into()).ok()?;
    js_sys::Reflect::get(&proto, &"submit".into()).ok()?.dyn_into().ok()
}

/// Where a plan is carried out.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    /// The whole page goes to the bank.
    Page,
    /// The `<iframe>` of the inline challenge: a POST form targets it by its `name`.
    Frame(&'a Element),
}

/// Removes the widget's redirect forms (a "Continue" pressed again starts afresh).
pub fn remove_forms(doc: &Document) {
    if let Ok(list) = doc.query_selector_all(&format!("form[{MARK}]")) {
        for i in 0..list.length() {
            if let Some(node) = list.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
}

fn post_form(doc: &Document, plan: &RedirectPlan, target: Target) -> Result<Element, JsValue> {
    let form = doc.create_element("form")?;
    form.set_attribute("method", "post")?;
    form.set_attribute("action", &plan.url)?;
    if let Target::Frame(frame) = target {
        form.set_attribute("target", &frame.get_attribute("name").unwrap_or_default())?;
    }
    form.set_attribute("hidden", "")?;
    form.set_attribute(MARK, "")?;
    let inputs = doc.create_document_fragment();
    for (name, value) in &plan.params {
        let input: HtmlInputElement = doc.create_element("input")?.unchecked_into();
        input.set_type("hidden");
        input.set_name(name);
        input.set_value(value);
        inputs.append_child(&input)?;
    }
    form.append_child(&inputs)?;
    Ok(form)
}

/// Starts the navigation. `Err` if the browser refused (the fallback button stays).
pub fn go(plan: &RedirectPlan, target: Target) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    // Belt and braces: the plan only holds http(s) URLs; check again at the door.
    if checkout_rules::url::Url::parse(&plan.url).is_err() {
        return Err(());
    }
    match (plan.method, target) {
        (Method::Get, Target::Page) => window.location().assign(&plan.url).map_err(|_| ()),
        (Method::Get, Target::Frame(frame)) => frame.set_attribute("src", &plan.url).map_err(|_| ()),
        (Method::Post, _) => {
            let doc = window.document().ok_or(())?;
            remove_forms(&doc);
            let form = post_form(&doc, plan, target).map_err(|_| ())?;
            let body = doc.body().ok_or(())?;
            body.append_child(&form).map_err(|_| ())?;
            let submitted = prototype_submit().ok_or(())?.call0(&form);
            if submitted.is_err() {
                remove_forms(&doc);
            }
            submitted.map(|_| ()).map_err(|_| ())
        }
    }
}
