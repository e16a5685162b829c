//! Values that arrive without typing: autofill's plain `Event`s, a manager's `change` alone,
//! an IME's composition, and fields filled with no event at all (read again at Pay).

use crate::support::*;

fn fire(el: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn a_plain_input_event_and_a_change_alone_are_read_in_autofills_shapes() {
    let h = host();
    let _handle = mount(h.clone().into(), options("")).unwrap();
    flush().await;
    // Chrome's autofill: a plain Event, which has no inputType
    let exp = input(&h, "card_exp");
    exp.set_value("1/38");
    fire(&exp, "input");
    flush().await;
    assert_eq!(input(&h, "card_exp").value(), "01/38");
    // a manager that fires change alone
    let number = input(&h, "card_number");
    number.set_value("4111-1111-1111-1111");
    fire(&number, "change");
    flush().await;
    assert_eq!(input(&h, "card_number").value(), "4111 1111 1111 1111");
    assert!(h.query_selector("[data-brand=visa]").unwrap().is_some(), "the form holds the number");
}

#[wasm_bindgen_test]
async fn a_composition_is_read_when_it_ends_and_left_alone_before() {
    let h = host();
    let _handle = mount(h.clone().into(), options("")).unwrap();
    flush().await;
    let number = input(&h, "card_number");
    number.set_value("４１１１");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    init.set_is_composing(true);
    number.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    flush().await;
    assert_eq!(input(&h, "card_number").value(), "４１１１", "not rewritten while composing");
    fire(&number, "compositionend");
    flush().await;
    assert_eq!(input(&h, "card_number").value(), "4111");
}

#[wasm_bindgen_test]
async fn pay_reads_every_input_again_so_a_silent_fill_is_sent() {
    let h = host();
    let opts = options(
        r#", "fields": {"payer_middle_name": "hidden", "payer_birth_date": "hidden", "payer_address2": "hidden", "payer_phone": "hidden"}"#,
    );
    let _handle = mount(h.clone().into(), opts).unwrap();
    settle().await;
    for (name, value) in [
        ("card_number", "4111 1111 1111 1111"),
        ("card_exp", "01/2038"),
        ("card_cvv2", "123"),
        ("payer_first_name", "John"),
        ("payer_last_name", "Doe"),
        ("payer_email", "doe@example.com"),
        ("payer_country", "US"),
        ("payer_address", "1 Main St"),
        ("payer_city", "Denver"),
        ("payer_state", "Colorado"),
        ("payer_zip", "802021234"),
    ] {
        // no event at all: the element holds the value, the form does not
        js_sys::Reflect::set(&h.query_selector(&format!("[name={name}]")).unwrap().unwrap(), &"value".into(), &value.into()).unwrap();
    }
    let button: HtmlElement = h.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into();
    button.click();
    flush().await;
    let refused: Vec<String> = (0..h.query_selector_all("[aria-invalid=true]").unwrap().length())
        .map(|i| {
            h.query_selector_all("[aria-invalid=true]").unwrap().item(i).unwrap().unchecked_into::<Element>().get_attribute("name").unwrap()
        })
        .collect();
    assert_eq!(refused, Vec::<String>::new(), "every field on screen counted");
    assert_eq!(state(&h), "submitting");
    settle().await;
    assert_eq!(input(&h, "payer_zip").value(), "80202-1234");
    assert_eq!(h.query_selector("[name=payer_state]").unwrap().unwrap().tag_name(), "SELECT", "the state by its name, as its code");
}
