//! The names of the catalogue's keys, as locale files and the `translations` option write
//! them: `label.card_number`, `problem.card_luhn`, `status.SETTLED`, `pay`, …

use checkout_rules::{FieldId, Problem, TxStatus};

use super::Key;

/// The keys without a parameter, with their names.
static SIMPLE: &[(Key, &str)] = &[
    (Key::CardSection, "card_section"),
    (Key::PayerSection, "payer_section"),
    (Key::Pay, "pay"),
    (Key::Paying, "paying"),
    (Key::Optional, "optional"),
    (Key::SelectCountry, "select_country"),
    (Key::SelectState, "select_state"),
    (Key::SavedCard, "saved_card"),
    (Key::UseNewCard, "use_new_card"),
    (Key::UseSavedCard, "use_saved_card"),
    (Key::SaveCard, "save_card"),
    (Key::ExpiryHint, "expiry_hint"),
    (Key::CvcBack, "cvc_back"),
    (Key::CvcFront, "cvc_front"),
    (Key::StatusSubmitting, "status_submitting"),
    (Key::StatusRedirecting, "status_redirecting"),
    (Key::ContinueToBank, "continue_to_bank"),
    (Key::ChallengeTitle, "challenge_title"),
    (Key::ChallengeClose, "challenge_close"),
    (Key::ChallengeContinue, "challenge_continue"),
    (Key::SuccessTitle, "success_title"),
    (Key::AmountPaid, "amount_paid"),
    (Key::DeclinedTitle, "declined_title"),
    (Key::DeclinedGeneric, "declined_generic"),
    // the button after a decline; named before it read "Try another card", and kept so
    (Key::TryAnotherCard, "try_again"),
    (Key::ErrorTitle, "error_title"),
    (Key::FixFields, "fix_fields"),
    (Key::PendingTitle, "pending_title"),
    (Key::PendingBody, "pending_body"),
    (Key::UnknownTitle, "unknown_title"),
    (Key::UnknownBody, "unknown_body"),
    (Key::CheckAgain, "check_again"),
    (Key::RetrySame, "retry_same"),
    (Key::Descriptor, "descriptor"),
    (Key::OrderStatus, "order_status"),
    (Key::BadAnswer, "bad_answer"),
    (Key::RedirectRefused, "redirect_refused"),
    (Key::FieldsInvalid, "fields_invalid"),
    (Key::Loading, "loading"),
];

/// Payer-facing problems with their names. (Merchant-option problems — amount, currency,
/// URL, Y/N, token — are refused at mount in English and never translated.)
static PROBLEMS: &[(Problem, &str)] = &[
    (Problem::Required, "required"),
    (Problem::TooLong, "too_long"),
    (Problem::ControlChars, "control_chars"),
    (Problem::CardChars, "card_chars"),
    (Problem::CardBrand, "card_brand"),
    (Problem::CardLength, "card_length"),
    (Problem::CardLuhn, "card_luhn"),
    (Problem::ExpiryFormat, "expiry_format"),
    (Problem::ExpiryMonth, "expiry_month"),
    (Problem::ExpiryPast, "expiry_past"),
    (Problem::ExpiryTooFar, "expiry_too_far"),
    (Problem::CvcDigits, "cvc_digits"),
    (Problem::CvcLength, "cvc_length"),
    (Problem::Email, "email"),
    (Problem::Phone, "phone"),
    (Problem::DateFormat, "date_format"),
    (Problem::DateNotReal, "date_not_real"),
    (Problem::DateFuture, "date_future"),
    (Problem::Country, "country"),
    (Problem::State, "state"),
    (Problem::UsZip, "us_zip"),
];

impl Key {
    /// The key a name stands for, if it is one a locale may translate.
    pub fn from_name(name: &str) -> Option<Key> {
        if let Some(f) = name.strip_prefix("label.") {
            return FieldId::from_name(f).map(Key::Label);
        }
        if let Some(p) = name.strip_prefix("problem.") {
            return PROBLEMS.iter().find(|(_, n)| *n == p).map(|(p, _)| Key::Problem(*p));
        }
        if let Some(s) = name.strip_prefix("status.") {
            return TxStatus::parse(s).map(Key::Status);
        }
        SIMPLE.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }
}

/// Every translatable key with its name: what each locale file must hold.
#[cfg(test)]
pub fn all() -> Vec<(Key, String)> {
    let labels = FieldId::ALL.iter().filter(|f| super::shown_label(**f)).map(|f| (Key::Label(*f), format!("label.{}", f.name())));
    let problems = PROBLEMS.iter().map(|(p, n)| (Key::Problem(*p), format!("problem.{n}")));
    let statuses = TxStatus::ALL.iter().map(|&s| (Key::Status(s), format!("status.{}", s.as_str())));
    let simple = SIMPLE.iter().map(|(k, n)| (*k, n.to_string()));
    labels.chain(problems).chain(statuses).chain(simple).collect()
}
