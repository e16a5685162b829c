//! Message catalogues. Every text the payer sees is a [`Key`]. English is built in
//! (`en.rs`, one exhaustive `match`: a missing English text is a compile error). Every other
//! locale is a JSON file of the package (`www/src/locales/<code>.json`, `{"key": "text"}`,
//! key names in `keys.rs`) that the loader fetches beside the wasm and hands over as the
//! `translations` option, under the merchant's own texts; a text a catalogue lacks is the
//! English one. A new locale is one file: a test checks it has every key.

mod en;
mod keys;

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

use checkout_rules::{FieldId, Problem, TxStatus};

/// The package's languages written right to left (the widget's root gets `dir="rtl"`).
pub const RTL: &[&str] = &["ar", "he"];

/// The payer's language: English (built in), or a registered catalogue.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lang(Option<&'static Catalogue>);

#[derive(Debug, PartialEq)]
pub struct Catalogue {
    /// The locale's code as the loader resolved it (`ru`, `pt`, `zh-Hant`).
    code: String,
    texts: Vec<(Key, String)>,
}

impl PartialEq for Lang {
    fn eq(&self, o: &Lang) -> bool {
        match (self.0, o.0) {
            (None, None) => true,
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            _ => false,
        }
    }
}

thread_local! {
    /// Every catalogue registered on this page: mounting again with the same texts finds
    /// its catalogue here instead of keeping another copy.
    static CATALOGUES: RefCell<Vec<&'static Catalogue>> = const { RefCell::new(Vec::new()) };
}

impl Lang {
    pub const EN: Lang = Lang(None);

    pub fn code(self) -> &'static str {
        self.0.map_or("en", |c| c.code.as_str())
    }
    /// Written right to left: one of [`RTL`].
    pub fn is_rtl(self) -> bool {
        RTL.contains(&self.code())
    }

    /// Registers `texts` for `code` and returns its handle. A catalogue lives as long as
    /// the page (a page uses a few: the same code with the same texts is found again).
    pub fn register(code: &str, texts: Vec<(Key, String)>) -> Lang {
        let new = Catalogue { code: code.to_string(), texts };
        CATALOGUES.with(|all| {
            let mut all = all.borrow_mut();
            if let Some(found) = all.iter().find(|c| ***c == new) {
                return Lang(Some(*found));
            }
            let kept: &'static Catalogue = Box::leak(Box::new(new));
            all.push(kept);
            Lang(Some(kept))
        })
    }
}

/// Everything the widget says. (`Label` of a field no payer sees, a merchant field or the
/// split expiry, is its protocol name.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Label(FieldId),
    Problem(Problem),
    Status(TxStatus),
    CardSection,
    PayerSection,
    Pay,
    Paying,
    Optional,
    SelectCountry,
    SelectState,
    SavedCard,
    UseNewCard,
    UseSavedCard,
    SaveCard,
    ExpiryHint,
    CvcBack,
    CvcFront,
    StatusSubmitting,
    StatusRedirecting,
    ContinueToBank,
    ChallengeTitle,
    ChallengeClose,
    ChallengeContinue,
    SuccessTitle,
    AmountPaid,
    DeclinedTitle,
    DeclinedGeneric,
    TryAnotherCard,
    ErrorTitle,
    FixFields,
    PendingTitle,
    PendingBody,
    UnknownTitle,
    UnknownBody,
    CheckAgain,
    RetrySame,
    Descriptor,
    OrderStatus,
    BadAnswer,
    RedirectRefused,
    FieldsInvalid,
    Loading,
}

/// The text of `key` in `lang`, or in English where the catalogue has none.
pub fn t(lang: Lang, key: Key) -> &'static str {
    match lang.0.and_then(|c| c.texts.iter().find(|(k, _)| *k == key)) {
        Some((_, text)) => text,
        None => en::text(key),
    }
}

/// An amount the payer's way: `Intl.NumberFormat` in their language, whose currency style
/// writes each currency's own decimals (CLDR's, as ISO 4217: JPY 0, USD 2, BHD 3): "12,00 $"
/// in German, "¥1,200" in English. The number is only shown: the backend charges the
/// order's own amount. Written once, at mount (`Config::amount_text`).
pub fn money(amount: &str, currency: &str, lang: Lang) -> String {
    // (the currency is an ISO 4217 code, checked at mount: three capital letters)
    let options = format!(r#"{{"style":"currency","currency":"{currency}"}}"#);
    let formatted = js_sys::JSON::parse(&options).ok().and_then(|o| {
        let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&lang.code().into()), o.unchecked_ref()).format();
        // a decimal string is formatted exactly (no float on the way)
        format.call1(&JsValue::NULL, &amount.into()).ok()?.as_string()
    });
    formatted.unwrap_or_else(|| format!("{amount} {currency}"))
}

/// The name of every translatable key (`TextKey` of index.d.ts).
#[cfg(test)]
pub fn key_names() -> Vec<String> {
    keys::all().into_iter().map(|(_, name)| name).collect()
}

/// Fields whose label a payer sees (the card's and the configurable payer fields).
pub fn shown_label(f: FieldId) -> bool {
    matches!(f, FieldId::CardNumber | FieldId::CardExp | FieldId::CardCvv2 | FieldId::CardHolder)
        || crate::options::PAYER_FIELDS.contains(&f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The package's locale files (every file of www/src/locales), each with its code.
    fn files() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/src/locales");
        let mut all: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        all.sort();
        all
    }

    fn load(code: &str, json: &str) -> Lang {
        let map: std::collections::BTreeMap<String, String> =
            serde_json::from_str(json).expect("a locale file is a JSON object of strings");
        let texts = map.into_iter().map(|(k, v)| (Key::from_name(&k).unwrap_or_else(|| panic!("{code}: unknown key {k}")), v)).collect();
        Lang::register(code, texts)
    }

    #[test]
    fn every_locale_file_has_every_key_and_nothing_else() {
        let all = keys::all();
        let files = files();
        assert!(files.len() + 1 >= 32, "English and at least 31 locale files: {}", files.len());
        for (code, json) in &files {
            let map: std::collections::BTreeMap<String, String> = serde_json::from_str(json).unwrap();
            for (_, name) in &all {
                let text = map.get(name).unwrap_or_else(|| panic!("{code}: {name} missing"));
                assert!(!text.trim().is_empty(), "{code}: {name} empty");
            }
            assert_eq!(map.len(), all.len(), "{code}: keys that are not the catalogue's");
            let lang = load(code, json);
            for (k, _) in &all {
                assert_ne!(t(lang, *k), "", "{code} {k:?}");
            }
            // a label a payer sees is in the language, never a protocol name
            for f in FieldId::ALL.iter().filter(|f| shown_label(**f)) {
                assert_ne!(t(lang, Key::Label(*f)), f.name(), "{code} {f:?}");
            }
        }
    }

    #[test]
    fn english_is_built_in_and_the_fallback() {
        for (k, _) in keys::all() {
            assert!(!t(Lang::EN, k).is_empty(), "{k:?}");
        }
        let partial = Lang::register("xx", vec![(Key::Pay, "Zahlen".into())]);
        assert_eq!(t(partial, Key::Pay), "Zahlen");
        assert_eq!(t(partial, Key::TryAnotherCard), t(Lang::EN, Key::TryAnotherCard));
        assert_eq!(Lang::register("xx", vec![(Key::Pay, "Zahlen".into())]), partial, "registered once");
        assert_eq!(partial.code(), "xx");
        assert!(!partial.is_rtl() && Lang::register("ar", vec![]).is_rtl() && Lang::register("he", vec![]).is_rtl());
    }

    #[test]
    fn key_names_round_trip() {
        for (k, name) in keys::all() {
            assert_eq!(Key::from_name(&name), Some(k), "{name}");
        }
        for bad in ["label.nope", "problem.amount", "status.NEW", "nope", ""] {
            assert_eq!(Key::from_name(bad), None, "{bad}");
        }
        let _ = (Problem::Amount, TxStatus::Void);
    }
}
