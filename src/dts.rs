//! `www/src/index.d.ts` against the tables it mirrors: each union of string literals there
//! must name exactly what the Rust tables (and, for the loader's own codes, the JS
//! sources) hold. A brand, status, state, field, text or error code added on one side only
//! fails here, naming it.

use std::collections::BTreeSet;

use checkout_rules::card::{Brand, BRANDS};
use checkout_rules::{FieldId, TxStatus};
use sandbox::db::SqlName;
use sandbox::status::OrderStatus;

use crate::i18n;
use crate::options::{KNOWN, PAYER_FIELDS};
use crate::state::{ErrorKind, WidgetState};

// the one-definition scan of rules/tests, for the widget's own tables
#[path = "../rules/tests/scan/mod.rs"]
mod scan;

const DTS: &str = include_str!("../www/src/index.d.ts");
const INDEX_JS: &str = include_str!("../www/src/index.js");
const SCRIPT_JS: &str = include_str!("../www/src/checkout-widget.js");
const FAILSAFE_JS: &str = include_str!("../www/src/failsafe.js");
const REACT_JS: &str = include_str!("../www/src/react.js");
const REACT_DTS: &str = include_str!("../www/src/react.d.ts");

type Names = BTreeSet<String>;

/// The text with its `/* … */` and `// …` comments removed (a comment may quote a name).
fn without_comments(src: &str) -> String {
    let mut out = String::new();
    let mut rest = src;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The string literals of `export type <name> = …;`, those of the types it names included.
fn union(name: &str) -> Names {
    let src = without_comments(DTS);
    let head = format!("export type {name} =");
    let start = src.find(&head).unwrap_or_else(|| panic!("index.d.ts has no `{head}`")) + head.len();
    let body = &src[start..start + src[start..].find(';').expect("a type ends with ;")];
    let mut all = Names::new();
    for part in body.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        match part.strip_prefix('\'').and_then(|p| p.strip_suffix('\'')) {
            Some(literal) => all.insert(literal.to_string()),
            None => {
                all.extend(union(part));
                true
            }
        };
    }
    all
}

/// The member names of `export interface <name> { … }` (one per line, `name?:` or `name:`).
fn members(name: &str) -> Names {
    let src = without_comments(DTS);
    let head = format!("export interface {name} {{");
    let start = src.find(&head).unwrap_or_else(|| panic!("index.d.ts has no `{head}`")) + head.len();
    let body = &src[start..start + src[start..].find("\n}").expect("an interface ends with }")];
    let is_ident = |n: &&str| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric());
    body.lines().filter_map(|l| l.trim().split([':', '?']).next().filter(is_ident)).map(String::from).collect()
}

/// The quoted names between `open` and the next `close` of `src`.
fn quoted_after(src: &str, open: &str, close: char) -> Names {
    let start = src.find(open).unwrap_or_else(|| panic!("no `{open}`")) + open.len();
    let body = &src[start..start + src[start..].find(close).expect("closed")];
    body.split('\'').skip(1).step_by(2).map(String::from).collect()
}

/// Every `'load_…'` literal of a JS source, and every `code: '…'`. (Read from each opening,
/// not by pairs of quotes: the sources' messages quote `'wasm-unsafe-eval'`.)
fn js_codes(src: &str) -> Names {
    let quoted = src.split("'load_").skip(1).filter_map(|s| s.split('\'').next()).map(|s| format!("load_{s}"));
    let coded = src.split("code: '").skip(1).filter_map(|s| s.split('\'').next()).map(String::from);
    let set = src.split(".code = '").skip(1).filter_map(|s| s.split('\'').next()).map(String::from);
    quoted.chain(coded).chain(set).collect()
}

fn names<'a>(it: impl IntoIterator<Item = &'a str>) -> Names {
    it.into_iter().map(String::from).collect()
}

fn error_kinds() -> [ErrorKind; 4] {
    let all = [ErrorKind::Fields, ErrorKind::Refused, ErrorKind::BadAnswer, ErrorKind::RedirectRefused];
    for k in all {
        match k {
            ErrorKind::Fields | ErrorKind::Refused | ErrorKind::BadAnswer | ErrorKind::RedirectRefused => {}
        }
    }
    all
}

#[test]
fn brands_are_the_brand_table() {
    assert_eq!(union("Brand"), names(BRANDS.iter().map(|r| r.brand.as_str())));
    let _: fn(Brand) -> &'static str = Brand::as_str;
}

#[test]
fn transaction_and_order_statuses_are_the_rust_enums() {
    assert_eq!(union("TxStatus"), names(TxStatus::ALL.iter().map(|s| s.as_str())));
    assert_eq!(union("OrderStatus"), names(OrderStatus::ALL.iter().map(|s| s.as_str())), "the reference backend's order statuses");
}

#[test]
fn widget_states_are_the_rust_enum() {
    assert_eq!(union("WidgetState"), names(WidgetState::ALL.iter().map(|s| s.name())));
}

#[test]
fn a_widget_state_is_named_only_on_its_variant() {
    let sources = scan::sources(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
    for s in WidgetState::ALL {
        assert_eq!(scan::quoted(&sources, &[scan::WIDGET], s.name()), ["src/state.rs"], "{s:?}");
    }
}

#[test]
fn payer_fields_are_the_configurable_fields() {
    let fields = PAYER_FIELDS.iter().chain([&FieldId::CardHolder]).map(|f| f.name());
    assert_eq!(union("PayerField"), names(fields));
}

#[test]
fn form_fields_are_the_fields_a_payer_edits() {
    let shown = FieldId::ALL.iter().filter(|f| i18n::shown_label(**f)).map(|f| f.name());
    assert_eq!(union("FormField"), names(shown));
}

#[test]
fn text_keys_are_the_catalogue() {
    assert_eq!(union("TextKey"), i18n::key_names().into_iter().collect::<Names>());
}

#[test]
fn error_codes_are_the_widget_s_and_the_loader_s() {
    let mut codes = names(error_kinds().map(ErrorKind::code));
    codes.extend(js_codes(INDEX_JS));
    codes.extend(js_codes(SCRIPT_JS));
    codes.extend(js_codes(FAILSAFE_JS));
    assert!(
        codes.contains("locale_unavailable") && codes.contains("mount") && codes.contains("load_csp") && codes.contains("internal"),
        "{codes:?}"
    );
    assert_eq!(union("ErrorCode"), codes);
}

#[test]
fn locales_are_the_locale_files() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/src/locales");
    let mut files: Names =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_string()).collect();
    files.insert("en".into());
    assert_eq!(union("Locale"), files);
}

#[test]
fn options_are_the_options_the_widget_reads() {
    // wasmUrl is the loader's (index.js), never handed to the wasm
    let known = names(KNOWN.iter().copied().chain(["wasmUrl"]));
    assert_eq!(members("Options"), known);
}

/// The callbacks: index.js's events of the custom element, the React component's list and
/// its props' type, all the options' `on…`/`before…` keys.
#[test]
fn callbacks_are_the_same_everywhere() {
    let hooks = names(KNOWN.iter().copied().filter(|k| k.starts_with("on") || k.starts_with("before")));
    assert_eq!(hooks.len(), 6, "{hooks:?}");
    let events: Names = without_comments(INDEX_JS)
        .split("const EVENTS = {")
        .nth(1)
        .and_then(|s| s.split('}').next())
        .map(|body| body.lines().filter_map(|l| l.trim().split(':').next()).filter(|n| !n.is_empty()).map(String::from).collect())
        .expect("index.js has its EVENTS");
    assert_eq!(events, hooks, "index.js EVENTS");
    assert_eq!(quoted_after(REACT_JS, "const HOOKS = [", ']'), hooks, "react.js HOOKS");
    assert_eq!(quoted_after(REACT_DTS, "Pick<Options, ", '>'), hooks, "react.d.ts");
}
