//! Country names in the payer's language, from the browser's own CLDR data
//! (`Intl.DisplayNames`, every engine the widget supports has it) and sorted by the
//! browser's collator for that language: the wasm ships the ISO 3166 codes only, no
//! name tables. An engine without `Intl.DisplayNames` shows the codes.

use std::cell::RefCell;
use std::rc::Rc;

use checkout_rules::data::countries;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DisplayNames)]
    type RegionNames;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DisplayNames", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<RegionNames, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn of(this: &RegionNames, code: &str) -> Result<JsValue, JsValue>;
}

/// (index of the code, name), in the language's reading order.
pub type CountryList = Rc<[(usize, String)]>;

thread_local! {
    /// One list per language, made when a payer first opens the country list.
    static LISTS: RefCell<Vec<(&'static str, CountryList)>> = const { RefCell::new(Vec::new()) };
}

/// The name of `countries::code(index)` in `locale`, or the code itself.
fn namer(locale: &str) -> impl Fn(usize) -> String {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"type".into(), &"region".into());
    let names = RegionNames::new(locale, &options).ok();
    move |i| {
        let code = countries::code(i);
        names.as_ref().and_then(|n| n.of(code).ok()).and_then(|v| v.as_string()).unwrap_or_else(|| code.to_string())
    }
}

/// Every country, named and sorted for `locale` (a BCP 47 tag: `en`, `ru`).
pub fn list(locale: &'static str) -> CountryList {
    if let Some(found) = LISTS.with(|l| l.borrow().iter().find(|(k, _)| *k == locale).map(|(_, v)| v.clone())) {
        return found;
    }
    let name = namer(locale);
    let collator = js_sys::Intl::Collator::new(&js_sys::Array::of1(&locale.into()), &js_sys::Object::new());
    let compare = collator.compare();
    let before =
        |a: &str, b: &str| compare.call2(&JsValue::NULL, &a.into(), &b.into()).ok().and_then(|o| o.as_f64()).is_some_and(|o| o < 0.0);
    // Binary insertion, about eight collator calls a country: one list per language, made
    // once (and no general sort routine compiled into the wasm for it).
    let mut all: Vec<(usize, String)> = Vec::with_capacity(countries::COUNT);
    for i in 0..countries::COUNT {
        let n = name(i);
        let (mut lo, mut hi) = (0, all.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if before(&all[mid].1, &n) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        all.insert(lo, (i, n));
    }
    let list: CountryList = all.into();
    LISTS.with(|l| l.borrow_mut().push((locale, list.clone())));
    list
}

/// The name of one country in `locale` (the closed list shows only the chosen one).
pub fn name(index: usize, locale: &str) -> String {
    namer(locale)(index)
}
