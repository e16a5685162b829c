//! The one place the widget navigates: carrying out a [`RedirectPlan`] that the rules
//! crate has already accepted. POST builds a form with DOM APIs (one hidden input per
//! parameter, values set as properties, never markup) and submits it; GET assigns the
//! merged URL.

use checkout_rules::{Method, RedirectPlan};
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement};

/// Starts the navigation. `Err` if the browser refused (the fallback button stays).
pub fn go(plan: &RedirectPlan) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    // Belt and braces: the plan only holds http(s) URLs; check again at the door.
    if checkout_rules::url::Url::parse(&plan.url).is_err() {
        return Err(());
    }
    match plan.method {
        Method::Get => window.location().assign(&plan.url).map_err(|_| ()),
        Method::Post => {
            let doc = window.document().ok_or(())?;
            let form: HtmlFormElement = doc.create_element("form").map_err(|_| ())?.unchecked_into();
            form.set_method("post");
            form.set_action(&plan.url);
            form.set_hidden(true);
            form.set_attribute("data-checkout-redirect", "").map_err(|_| ())?;
            for (name, value) in &plan.params {
                let input: HtmlInputElement = doc.create_element("input").map_err(|_| ())?.unchecked_into();
                input.set_type("hidden");
                input.set_name(name);
                input.set_value(value);
                form.append_child(&input).map_err(|_| ())?;
            }
            doc.body().ok_or(())?.append_child(&form).map_err(|_| ())?;
            form.submit().map_err(|_| ())
        }
    }
}
