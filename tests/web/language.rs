//! The payer's language: a locale file's texts, a merchant's own texts over them, and
//! country names from the browser's CLDR data.

use crate::support::*;

#[wasm_bindgen_test]
async fn a_merchant_text_overrides_the_locale_file_and_unknown_keys_are_refused() {
    let h = host();
    let _handle = mount(
        h.clone().into(),
        options(r#", "locale": "de", "translations": {"de": {"label.card_number": "Kartennummer", "pay": "Jetzt zahlen"}}"#),
    )
    .unwrap();
    settle().await;
    let label = h.query_selector(&format!("label[for=\"{}\"]", input(&h, "card_number").id())).unwrap().unwrap();
    assert_eq!(label.text_content().as_deref(), Some("Kartennummer"));
    let pay = h.query_selector("button[type=submit]").unwrap().unwrap().text_content().unwrap();
    assert!(pay.starts_with("Jetzt zahlen ") && pay.contains("1,99"), "{pay}");
    assert_eq!(h.query_selector(".cw").unwrap().unwrap().get_attribute("lang").as_deref(), Some("de"));
    let m = mount_err(r#", "locale": "de", "translations": {"de": {"label.card_numbr": "x"}}"#);
    assert!(m.contains("translations.de.label.card_numbr") && m.contains("not a text"), "{m}");
    let m = mount_err(r#", "locale": "en", "translations": {"fr": {"pai": "x"}}"#);
    assert!(m.contains("translations.fr.pai"), "a typo in another language fails too: {m}");
}

#[wasm_bindgen_test]
async fn russian_messages_and_labels() {
    let h = host();
    let opts = options(&russian());
    let _handle = mount(h.clone().into(), opts).unwrap();
    settle().await;
    let label = h.query_selector(&format!("label[for=\"{}\"]", input(&h, "card_number").id())).unwrap().unwrap();
    assert_eq!(label.text_content().as_deref(), Some("Номер карты"));
    type_into(&h, "card_exp", "13").await;
    assert_eq!(message(&h, "card_exp").as_deref(), Some("Месяц должен быть от 01 до 12."));
    let country = h.query_selector("[name=payer_country] option[value=DE]").unwrap().unwrap();
    assert_eq!(country.text_content().as_deref(), Some("Германия"));
}

/// Country names are the browser's CLDR data (Intl.DisplayNames) in the payer's language,
/// sorted by its collator: the wasm carries codes only.
#[wasm_bindgen_test]
async fn country_names_come_from_the_browser_in_the_payers_language() {
    let h = host();
    let _handle = mount(h.clone().into(), options(&russian())).unwrap();
    flush().await;
    settle().await;
    let options = h.query_selector_all("[name=payer_country] option").unwrap();
    assert_eq!(options.length(), 250);
    let names: Vec<String> = (1..options.length()).map(|i| options.item(i).unwrap().text_content().unwrap()).collect();
    let at = |n: &str| names.iter().position(|x| x == n).unwrap_or_else(|| panic!("{n} in {names:?}"));
    assert_eq!(names[0], "Австралия");
    assert!(at("Германия") < at("Гренада"));
    let de = options.item(1 + at("Германия") as u32).unwrap();
    assert_eq!(de.unchecked_ref::<web_sys::Element>().get_attribute("value").as_deref(), Some("DE"));
}
