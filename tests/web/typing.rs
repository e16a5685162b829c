//! The form as the payer types: the DOM contract, validation and its messages, formatting
//! and caret, a pasted card, focus on a refused Pay, the US state select.

use crate::support::*;

#[wasm_bindgen_test]
async fn mounts_a_form_with_the_dom_contract() {
    let h = host();
    let mut handle = mount(h.clone().into(), options("")).unwrap();
    flush().await;
    assert_eq!(state(&h), "editing");
    for (name, ac) in [
        ("card_number", "cc-number"),
        ("card_exp", "cc-exp"),
        ("card_cvv2", "cc-csc"),
        ("payer_email", "email"),
        ("payer_zip", "postal-code"),
    ] {
        let el = input(&h, name);
        assert_eq!(el.get_attribute("autocomplete").as_deref(), Some(ac), "{name}");
        let label = h.query_selector(&format!("label[for=\"{}\"]", el.id())).unwrap();
        assert!(label.is_some(), "{name} has a label");
    }
    assert_eq!(input(&h, "card_number").get_attribute("inputmode").as_deref(), Some("numeric"));
    assert!(h.query_selector("[name=payer_middle_name]").unwrap().is_none(), "hidden field not shown");
    let live = h.query_selector("[role=status][aria-live=polite]").unwrap();
    assert!(live.is_some(), "live region present from the first render");
    assert!(h.query_selector("button[type=submit]").unwrap().is_some());
    handle.destroy();
    assert_eq!(h.child_element_count(), 0, "destroy removes the widget");
}

#[wasm_bindgen_test]
async fn card_number_stays_quiet_while_it_can_still_become_valid() {
    let h = host();
    let _handle = mount(h.clone().into(), options("")).unwrap();
    flush().await;
    type_into(&h, "card_number", "4111 11").await;
    assert_eq!(invalid(&h, "card_number"), None, "quiet while typing");
    blur(&h, "card_number").await;
    assert_eq!(invalid(&h, "card_number").as_deref(), Some("true"), "speaks on blur");
    assert_eq!(message(&h, "card_number").as_deref(), Some("The card number is incomplete."));
    type_into(&h, "card_number", "4111111111111111").await;
    assert_eq!(invalid(&h, "card_number"), None);
    assert_eq!(input(&h, "card_number").value(), "4111 1111 1111 1111", "grouped as typed");
    assert!(h.query_selector("[data-brand=visa]").unwrap().is_some(), "brand shown");
    type_into(&h, "card_number", "9111").await;
    assert_eq!(invalid(&h, "card_number").as_deref(), Some("true"), "an impossible prefix speaks at once");
}

#[wasm_bindgen_test]
async fn each_field_validates_with_the_right_message() {
    let h = host();
    let _handle = mount(h.clone().into(), options("")).unwrap();
    flush().await;
    let cases = [
        ("card_exp", "13", "The month must be 01 to 12."),
        ("card_exp", "01/20", "This card has expired."),
        ("card_cvv2", "12a", "Use digits only."),
        ("payer_email", "doe@@example.com", "Enter an email address like name@example.com."),
        ("payer_phone", "555 x12", "Enter a phone number: digits, spaces, + - ( )."),
        ("payer_first_name", "abcdefghijklmnopqrstuvwxyzabcdefg", "This is too long."),
    ];
    for (name, text, msg) in cases {
        type_into(&h, name, text).await;
        assert_eq!(invalid(&h, name).as_deref(), Some("true"), "{name}={text}");
        assert_eq!(message(&h, name).as_deref(), Some(msg), "{name}={text}");
    }
    type_into(&h, "card_exp", "12/38").await;
    assert_eq!(invalid(&h, "card_exp"), None);
    type_into(&h, "payer_email", "doe@example.com").await;
    assert_eq!(invalid(&h, "payer_email"), None);
}

#[wasm_bindgen_test]
async fn caret_is_kept_when_editing_in_the_middle() {
    let h = host();
    let _handle = mount(h.clone().into(), options("")).unwrap();
    flush().await;
    type_into(&h, "card_number", "4111111111111111").await;
    // the payer puts the caret after "4111 1" and types a 9
    let el = input(&h, "card_number");
    el.set_value("4111 19111 1111 1111");
    el.set_selection_range(7, 7).unwrap();
    fire_input(&el);
    flush().await;
    assert_eq!(el.value(), "4111 1911 1111 1111 1");
    assert_eq!(el.selection_start().unwrap(), Some(7), "caret stays after the typed digit");
}

#[wasm_bindgen_test]
async fn pasting_a_whole_card_string_fills_number_expiry_and_cvc() {
    let h = host();
    let _handle = mount(h.clone().into(), options("")).unwrap();
    flush().await;
    let el = input(&h, "card_number");
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.set_data("text", "4111 1111 1111 1111 12/38 123").unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&dt));
    el.dispatch_event(&web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap()).unwrap();
    flush().await;
    assert_eq!(input(&h, "card_number").value(), "4111 1111 1111 1111");
    assert_eq!(input(&h, "card_exp").value(), "12/38");
    assert_eq!(input(&h, "card_cvv2").value(), "123");
}

#[wasm_bindgen_test]
async fn submit_with_errors_sends_nothing_and_focuses_the_first_invalid_field() {
    let h = host();
    let opts = options("");
    // an endpoint that would fail loudly if called
    js_sys::Reflect::set(&opts, &"endpoint".into(), &"/must-not-be-called".into()).unwrap();
    let _handle = mount(h.clone().into(), opts).unwrap();
    flush().await;
    type_into(&h, "card_number", "4111111111111111").await;
    type_into(&h, "card_exp", "01/20").await;
    let button: HtmlElement = h.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into();
    button.click();
    flush().await;
    flush().await;
    assert_eq!(state(&h), "editing", "nothing submitted");
    let active = doc().active_element().unwrap();
    assert_eq!(active.get_attribute("name").as_deref(), Some("card_exp"), "focus on the first invalid field");
    assert_eq!(invalid(&h, "card_cvv2").as_deref(), Some("true"), "empty required fields speak on submit");
    assert!(h.query_selector("[role=status]").unwrap().unwrap().text_content().unwrap().contains("not valid"));
}

#[wasm_bindgen_test]
async fn us_state_becomes_a_select_of_real_codes() {
    let h = host();
    let _handle = mount(h.clone().into(), options("")).unwrap();
    // first render: the country select is there, its 250 options come in the next task
    flush().await;
    assert!(h.query_selector("[name=payer_country]").unwrap().is_some());
    settle().await;
    let options = h.query_selector_all("[name=payer_country] option").unwrap();
    assert_eq!(options.length(), 250);
    let names: Vec<String> = (1..options.length()).map(|i| options.item(i).unwrap().text_content().unwrap()).collect();
    assert_eq!(names[0], "Afghanistan", "in the order a payer reads them");
    let at = |n: &str| names.iter().position(|x| x == n).unwrap();
    assert_eq!(at("Åland Islands") + 1, at("Albania"), "accents do not send Åland after Zimbabwe");
    let select: web_sys::HtmlSelectElement = h.query_selector("[name=payer_country]").unwrap().unwrap().unchecked_into();
    select.set_value("US");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    // (a task later: autofill may still be writing the state into the text field)
    settle().await;
    let state_el = h.query_selector("[name=payer_state]").unwrap().unwrap();
    assert_eq!(state_el.tag_name(), "SELECT");
    assert!(h.query_selector("[name=payer_state] option[value=CA]").unwrap().is_some());
    type_into(&h, "payer_zip", "123456").await;
    assert_eq!(invalid(&h, "payer_zip").as_deref(), Some("true"), "a US zip is NNNNN or NNNNN-NNNN");
}

#[wasm_bindgen_test]
async fn inputs_keep_identity_and_focus_while_brand_and_messages_appear() {
    let h = host();
    let _handle = mount(h.clone().into(), options("")).unwrap();
    flush().await;
    for (name, texts) in [("card_number", ["4", "41", "9"]), ("card_exp", ["1", "13", "12/38"]), ("payer_email", ["a", "a@@", "a@b.co"])] {
        let before = input(&h, name);
        for t in texts {
            type_into(&h, name, t).await;
            let now = input(&h, name);
            assert!(before.is_same_node(Some(&now)), "{name} was replaced after typing {t:?}");
            assert!(doc().active_element().is_some_and(|a| a.is_same_node(Some(&now))), "{name} lost focus after {t:?}");
        }
    }
}
