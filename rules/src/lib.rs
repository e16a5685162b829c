//! The rules of the checkout: every documented field rule of the Payment Platform SALE
//! request and PayCross API v3, card intelligence, and the model of a gateway's answer.
//! Pure Rust with no browser dependency: the widget uses it as the payer types, the
//! sandbox's merchant backend and gateway emulator use it to re-check what arrives.

#[macro_use]
mod named;

pub mod answer;
pub mod autofill;
pub mod browser;
pub mod card;
pub mod data;
pub mod expiry;
pub mod field;
pub mod json;
pub mod payment;
pub mod redirect;
pub mod settlement;
pub mod url;
pub mod validate;

pub use answer::{AnswerError, Outcome, PayCrossStatus, PendingKind, TxStatus};
pub use card::Brand;
pub use field::{FieldId, FieldMap, FieldRule, Format, Source, RULES, SAVED_CARD_ID};
pub use redirect::{Method, RedirectError, RedirectPlan};
pub use settlement::{NotPaid, Settlement};
pub use validate::{check, Check, Context, Problem, Today};

/// A number written in ASCII digits only, at most `max`; `None` for anything else (also a
/// sign, which `str::parse` accepts). The one number reader of the rules: `parse` at each
/// integer type would compile to a parser of its own in the wasm.
pub fn digits_value(s: &str, max: u32) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))).filter(|n| *n <= max)
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_value_reads_plain_digits_only() {
        use super::digits_value as d;
        assert_eq!(d("0", 9), Some(0));
        assert_eq!(d("007", 9), Some(7));
        assert_eq!(d("255", 255), Some(255));
        assert_eq!(d("256", 255), None);
        assert_eq!(d("65535", 65535), Some(65535));
        assert_eq!(d("999999999", u32::MAX), Some(999_999_999));
        for bad in ["", "+1", "-1", " 1", "1 ", "1.0", "1e3", "١", "9999999999"] {
            assert_eq!(d(bad, u32::MAX), None, "{bad:?}");
        }
    }
}
