//! Each wire name is declared in one place: a status, result or brand on its variant
//! (`named!`), a field in the `fields!` table, `saved_card_id` as one constant. Everything
//! else derives from those, so a quoted copy in the code of the rules, the widget or the
//! backend fails here, naming the file.

use std::path::{Path, PathBuf};

use checkout_rules::answer::ResultCode;
use checkout_rules::{Brand, FieldId, PayCrossStatus, TxStatus, SAVED_CARD_ID};

mod scan;
use scan::{quoted, BACKEND, RULES, WIDGET};

/// The workspace's root: this crate's parent.
fn sources() -> Vec<(PathBuf, String)> {
    scan::sources(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap())
}

#[test]
fn a_status_is_named_only_on_its_variant() {
    let src = sources();
    for s in TxStatus::ALL {
        // DECLINED and REDIRECT are dialect A results as well, declared beside the statuses
        let homes = if ResultCode::parse(s.as_str()).is_some() { 2 } else { 1 };
        assert_eq!(quoted(&src, &[RULES, WIDGET], s.as_str()), vec!["rules/src/answer.rs"; homes], "{s:?}");
    }
    for r in ResultCode::ALL.iter().filter(|r| TxStatus::parse(r.as_str()).is_none()) {
        assert_eq!(quoted(&src, &[RULES, WIDGET], r.as_str()), ["rules/src/answer.rs"], "{r:?}");
    }
}

/// PayCross's statuses, in the rules, the widget and the backend (which writes them as the
/// emulator and reads them as the merchant).
#[test]
fn a_paycross_status_is_named_only_on_its_variant() {
    let src = sources();
    for s in PayCrossStatus::ALL {
        let mut at = quoted(&src, &[RULES, WIDGET, BACKEND], s.as_str());
        // the widget's `data-state` names some states alike: its own table, checked in src/dts.rs
        at.retain(|p| p != "src/state.rs");
        assert_eq!(at, ["rules/src/answer.rs"], "{s:?}");
    }
}

#[test]
fn a_brand_is_named_only_on_its_variant() {
    let src = sources();
    for b in Brand::ALL {
        assert_eq!(quoted(&src, &[RULES, WIDGET], b.as_str()), ["rules/src/card/brands.rs"], "{b:?}");
    }
}

#[test]
fn a_field_is_named_only_in_the_field_table() {
    let src = sources();
    for f in FieldId::ALL {
        assert_eq!(quoted(&src, &[RULES, WIDGET], f.name()), ["rules/src/field.rs"], "{f:?}");
    }
}

#[test]
fn saved_card_id_is_one_constant_for_widget_and_backend() {
    let src = sources();
    assert_eq!(quoted(&src, &[RULES, WIDGET, BACKEND], SAVED_CARD_ID), ["rules/src/field.rs"]);
}

/// The scan itself: a copy in a second file is found.
#[test]
fn a_second_copy_is_found() {
    let mut src = sources();
    src.push((PathBuf::from("src/copy.rs"), "const X: &str = \"card_token\";".into()));
    assert_eq!(quoted(&src, &[WIDGET], "card_token"), ["src/copy.rs"]);
    assert_eq!(quoted(&src, &[RULES, WIDGET], "card_token").len(), 2);
}
