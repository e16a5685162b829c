//! Message catalogues. Every text the payer sees is a [`Key`]; each locale is one file
//! with one exhaustive `match`, so a missing text is a compile error, never a blank.
//! A new locale is one new file plus one [`Lang`] variant.

mod en;
mod ru;

use checkout_rules::{FieldId, Problem, TxStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
}

impl Lang {
    /// `ru`, `ru-RU`, `RU` → Russian; anything else English.
    pub fn pick(tag: &str) -> Lang {
        if tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("ru")) {
            Lang::Ru
        } else {
            Lang::En
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
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
    StatusSubmitting,
    StatusRedirecting,
    ContinueToBank,
    SuccessTitle,
    DeclinedTitle,
    DeclinedGeneric,
    TryAgain,
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

pub fn t(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::En => en::text(key),
        Lang::Ru => ru::text(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use checkout_rules::field::RULES;

    #[test]
    fn every_label_and_status_is_non_empty_in_both_languages() {
        use checkout_rules::FieldId as F;
        let shown = [F::CardNumber, F::CardExp, F::CardCvv2, F::CardHolder].into_iter().chain(crate::options::PAYER_FIELDS.iter().copied());
        for f in shown {
            for lang in [Lang::En, Lang::Ru] {
                // a field a payer sees has a label of its own, never its protocol name
                let label = t(lang, Key::Label(f));
                assert!(!label.is_empty() && label != f.name(), "{lang:?} {f:?}");
            }
        }
        for lang in [Lang::En, Lang::Ru] {
            for r in RULES {
                assert!(!t(lang, Key::Label(r.id)).is_empty(), "{lang:?} {:?}", r.id);
            }
            for s in TxStatus::ALL {
                assert!(!t(lang, Key::Status(s)).is_empty());
            }
        }
        assert_ne!(t(Lang::En, Key::Pay), t(Lang::Ru, Key::Pay));
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::pick("ru-RU"), Lang::Ru);
        assert_eq!(Lang::pick("en-GB"), Lang::En);
        assert_eq!(Lang::pick("x"), Lang::En);
    }
}
