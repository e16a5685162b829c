//! The backend's answers and the status URL's statuses as the form meets them: the answer
//! kinds, which of them end an attempt, what a status poll awaits, and how long a message
//! may be (`Form::answer` in `form.rs` places them).

use checkout_rules::{Outcome, Settlement};

use crate::backend::OrderStatus;
use crate::i18n::Key;
use crate::state::{Form, Phase};

/// Why a payment ended in an error. `onError`'s `code` and the panel's title come from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The backend put messages on fields the payer can correct.
    Fields,
    /// The backend refused the payment (an ERROR without field messages).
    Refused,
    /// The answer could not be read.
    BadAnswer,
    /// A REDIRECT whose URL or method the plan refused: never navigated.
    RedirectRefused,
}

impl ErrorKind {
    /// The `code` of the `onError` event (index.d.ts lists them).
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Fields => "field_errors",
            ErrorKind::Refused => "payment_refused",
            ErrorKind::BadAnswer => "bad_answer",
            ErrorKind::RedirectRefused => "redirect_refused",
        }
    }
    pub fn title(self) -> Key {
        match self {
            ErrorKind::Fields => Key::FixFields,
            ErrorKind::Refused => Key::ErrorTitle,
            ErrorKind::BadAnswer => Key::BadAnswer,
            ErrorKind::RedirectRefused => Key::RedirectRefused,
        }
    }
}

/// The most backend messages shown, and the most characters of each: a backend that
/// answers 20,000 errors gets a readable panel, not 20,000 list items.
pub const MAX_MESSAGES: usize = 20;
pub const MAX_MESSAGE_CHARS: usize = 300;

/// At most [`MAX_MESSAGE_CHARS`] characters, the last an ellipsis when cut.
pub(crate) fn cut(m: &mut String) {
    if m.chars().count() > MAX_MESSAGE_CHARS {
        let end = m.char_indices().nth(MAX_MESSAGE_CHARS - 1).map_or(0, |(i, _)| i);
        m.truncate(end);
        m.push('…');
    }
}

/// What came back from the merchant backend.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Outcome(Outcome),
    /// The body could not be read as either dialect (HTML, empty, unknown shape).
    Unreadable,
    /// A redirect the plan refused: never navigated.
    RefusedRedirect,
    /// No final answer: a timeout, the connection lost, or the backend saying the outcome
    /// is not known yet (HTTP 409 or 5xx, whatever its body says).
    NotFinal,
}

impl Answer {
    /// Whether this answer ends the attempt: the next Pay is a new payment with a new key.
    /// Only a definite success, decline or refusal does; everything else may still have
    /// charged, so the key stays.
    pub fn ends_attempt(&self) -> bool {
        matches!(self, Answer::Outcome(Outcome::Success { .. } | Outcome::Declined { .. } | Outcome::Error { .. }))
    }
}

/// Whose outcome a poll of the status URL waits for.
#[derive(Clone, Debug, PartialEq)]
pub enum Awaiting {
    /// Result mode: the order's status, whatever attempt made it.
    Order,
    /// The backend took this attempt (ACCEPTED): the order's status is its outcome.
    Accepted(String),
    /// This attempt's outcome is unknown: a status counts only if it is paid (the order
    /// is paid, whoever paid it) or names this attempt (`attempt_key`). A DECLINED left
    /// over from an earlier attempt says nothing of a payment whose answer was lost.
    Unknown(String),
}

impl Awaiting {
    /// What the form waits for now.
    pub fn of(form: &Form) -> Awaiting {
        match (&form.phase, &form.attempt) {
            (Phase::Pending, Some(k)) => Awaiting::Accepted(k.clone()),
            (_, Some(k)) => Awaiting::Unknown(k.clone()),
            (_, None) => Awaiting::Order,
        }
    }

    /// Whether `status` is the final outcome of what is awaited.
    pub fn ends_with(&self, status: &OrderStatus) -> bool {
        match (status.settlement(), self) {
            (Settlement::InProgress, _) => false,
            (Settlement::Paid, _) | (_, Awaiting::Order | Awaiting::Accepted(_)) => true,
            (Settlement::NotPaid(_), Awaiting::Unknown(key)) => status.attempt_key.as_deref() == Some(key.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn messages_are_cut_to_a_readable_length() {
        let cut = |s: &str| {
            let mut m = s.to_string();
            super::cut(&mut m);
            m
        };
        assert_eq!(cut("short"), "short");
        let exact = "é".repeat(super::MAX_MESSAGE_CHARS);
        assert_eq!(cut(&exact), exact);
        let long = cut(&"é".repeat(5000));
        assert_eq!(long.chars().count(), super::MAX_MESSAGE_CHARS);
        assert!(long.ends_with('…'));
    }
}
