//! What the browser tests share: a host element, the merchant's options, typing,
//! blurring and reading a field as the payer and a screen reader meet it.

pub use checkout_widget::mount;
pub use wasm_bindgen::prelude::*;
pub use wasm_bindgen::JsCast;
pub use wasm_bindgen_test::*;
pub use web_sys::{Element, HtmlElement, HtmlInputElement};

pub fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn host() -> Element {
    let el = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&el).unwrap();
    el
}

pub fn options(extra: &str) -> JsValue {
    let json = format!(
        r#"{{"endpoint": "/api/pay", "statusUrl": "/api/orders/{{order_id}}", "locale": "en",
            "order": {{"order_id": "ORDER-12345", "order_amount": "1.99", "order_currency": "USD", "order_description": "Product"}},
            "fields": {{"payer_middle_name": "hidden", "payer_birth_date": "optional", "payer_address2": "optional"}} {extra}}}"#
    );
    js_sys::JSON::parse(&json).unwrap()
}

pub async fn flush() {
    yew::scheduler::flush().await;
}

/// Renders, then lets the task after the first render run (the country list fills in there).
pub async fn settle() {
    flush().await;
    checkout_widget::running::sleep(5).await;
    flush().await;
}

pub fn input(root: &Element, name: &str) -> HtmlInputElement {
    root.query_selector(&format!("[name={name}]")).unwrap().unwrap_or_else(|| panic!("no field {name}")).unchecked_into()
}

/// The `input` event a keystroke fires.
pub fn fire_input(el: &HtmlInputElement) {
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_input_type("insertText");
    el.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

/// Types `text` as the payer would: value set, caret at the end, an input event.
pub async fn type_into(root: &Element, name: &str, text: &str) {
    let el = input(root, name);
    el.focus().unwrap();
    el.set_value(text);
    let _ = el.set_selection_range(text.len() as u32, text.len() as u32);
    fire_input(&el);
    flush().await;
}

pub async fn blur(root: &Element, name: &str) {
    let el = input(root, name);
    let init = web_sys::FocusEventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::FocusEvent::new_with_focus_event_init_dict("blur", &init).unwrap()).unwrap();
    el.blur().unwrap();
    flush().await;
}

pub fn invalid(root: &Element, name: &str) -> Option<String> {
    input(root, name).get_attribute("aria-invalid")
}

/// The field's message: the `-error` element among those that describe the input.
pub fn message(root: &Element, name: &str) -> Option<String> {
    let ids = input(root, name).get_attribute("aria-describedby")?;
    let id = ids.split(' ').find(|id| id.ends_with("-error"))?;
    doc().get_element_by_id(id).and_then(|e| e.text_content())
}

pub fn state(root: &Element) -> String {
    root.query_selector("[data-state]").unwrap().unwrap().get_attribute("data-state").unwrap()
}

pub fn mount_err(extra: &str) -> String {
    let h = host();
    let err = mount(h.clone().into(), options(extra)).err().unwrap_or_else(|| panic!("mount must fail: {extra}"));
    let v: JsValue = err.into();
    assert_eq!(h.child_element_count(), 0, "a refused option shows the payer nothing");
    js_sys::Reflect::get(&v, &"message".into()).unwrap().as_string().unwrap()
}

/// The package's Russian texts, as the loader hands them over (`translations.ru`).
pub fn russian() -> String {
    format!(r#", "locale": "ru", "translations": {{"ru": {}}}"#, include_str!("../../www/src/locales/ru.json"))
}
