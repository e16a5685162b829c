//! The form's state machine: the phases a payment goes through, the actions that move it,
//! and one reducer, so what changes together changes in one place. The form itself and
//! its methods are `form.rs`'s.

use std::rc::Rc;

use checkout_rules::{FieldId, Problem, RedirectPlan, Settlement, TxStatus};
use yew::Reducible;

use crate::backend::OrderStatus;
pub use crate::challenge::Dialog;
pub use crate::form::Form;
pub use crate::outcome::{Answer, Awaiting, ErrorKind};
pub use crate::payload::Payload;

#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Editing,
    Submitting,
    Redirecting(RedirectPlan),
    Success {
        status: TxStatus,
        descriptor: Option<String>,
    },
    /// Not paid: declined, or (by the status URL) voided, refunded, reversed, charged back.
    Declined {
        status: TxStatus,
        reason: Option<String>,
    },
    /// What went wrong, plus the backend's texts that name no shown field.
    Error {
        kind: ErrorKind,
        other: Vec<String>,
    },
    Pending,
    /// The outcome is not known yet: the status URL is asked, "Retry safely" resends the
    /// same Idempotency-Key.
    Unknown,
}

/// The widget root's `data-state` (`WidgetState` in `index.d.ts`), in checkout and result
/// mode alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetState {
    Editing,
    Submitting,
    Redirecting,
    Success,
    Declined,
    Error,
    Pending,
    Unknown,
}

impl WidgetState {
    pub const ALL: [WidgetState; 8] = [
        WidgetState::Editing,
        WidgetState::Submitting,
        WidgetState::Redirecting,
        WidgetState::Success,
        WidgetState::Declined,
        WidgetState::Error,
        WidgetState::Pending,
        WidgetState::Unknown,
    ];

    pub fn name(self) -> &'static str {
        match self {
            WidgetState::Editing => "editing",
            WidgetState::Submitting => "submitting",
            WidgetState::Redirecting => "redirecting",
            WidgetState::Success => "success",
            WidgetState::Declined => "declined",
            WidgetState::Error => "error",
            WidgetState::Pending => "pending",
            WidgetState::Unknown => "unknown",
        }
    }
}

impl Phase {
    /// The `data-state` of the widget's root in this phase.
    pub fn state(&self) -> WidgetState {
        match self {
            Phase::Editing => WidgetState::Editing,
            Phase::Submitting => WidgetState::Submitting,
            Phase::Redirecting(_) => WidgetState::Redirecting,
            Phase::Success { .. } => WidgetState::Success,
            Phase::Declined { .. } => WidgetState::Declined,
            Phase::Error { .. } => WidgetState::Error,
            Phase::Pending => WidgetState::Pending,
            Phase::Unknown => WidgetState::Unknown,
        }
    }
    /// Whether the payer may edit and press Pay.
    pub fn form_open(&self) -> bool {
        matches!(self, Phase::Editing | Phase::Declined { .. } | Phase::Error { .. })
    }
}

pub enum Action {
    Set(FieldId, String),
    /// The inline challenge moves on: its dialog opens, the payer closes it (back to the
    /// form, the attempt kept), or the bank's page is done.
    Dialog(Dialog),
    /// Several fields at once (a pasted card string).
    SetMany(Vec<(FieldId, String)>),
    Blur(FieldId),
    UseSaved(bool),
    SaveCard(bool),
    /// Pay pressed with problems: show them all and focus the first.
    Invalid,
    /// The payment is sent with this attempt's key.
    Submitting(String),
    Answer(Answer),
    /// "Try another card" after a decline: back to the form, the card's fields empty.
    AnotherCard,
    /// The status URL's answer, `None` when there was none: result mode shows it; a final
    /// status ends a pending or unknown payment.
    Polled(Option<OrderStatus>),
}

/// Where the order's status stands by the status URL (what result mode shows).
#[derive(Clone, Debug, PartialEq)]
pub enum Polled {
    Loading,
    Known(OrderStatus),
    Unreachable,
}

/// A message on a field: one of our rules, or the backend's own words.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Rule(Problem),
    Server(String),
}

impl Reducible for Form {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Set(f, v) => {
                s.server.remove(f);
                s.last_changed = Some(f);
                s.set(f, v);
                if f == FieldId::PayerCountry {
                    s.server.remove(FieldId::PayerState);
                }
                s.tidy_address();
            }
            Action::SetMany(pairs) => {
                for (f, v) in pairs {
                    s.server.remove(f);
                    s.last_changed = Some(f);
                    s.set(f, v);
                }
                s.tidy_address();
            }
            Action::Blur(f) => {
                // Leaving a field that is still empty says nothing yet (Tab through the
                // form stays quiet); Pay pressed does.
                if !s.value(f).trim().is_empty() {
                    s.touched.insert(f, ());
                }
            }
            Action::UseSaved(b) => s.use_saved = b,
            Action::SaveCard(b) => s.save_card = b,
            Action::Invalid => {
                for f in FieldId::ALL {
                    s.touched.insert(*f, ());
                }
                s.focus_seq += 1;
            }
            Action::Submitting(key) => {
                s.phase = Phase::Submitting;
                s.attempt = Some(key);
            }
            Action::AnotherCard => {
                s.clear_card();
                s.use_saved = false;
                s.phase = Phase::Editing;
            }
            Action::Polled(got) => {
                if let Some(g) = got.as_ref().filter(|g| Awaiting::of(&s).ends_with(g)) {
                    s.attempt = None;
                    let status = TxStatus::parse(&g.status);
                    s.phase = match g.settlement() {
                        Settlement::Paid => {
                            s.clear_card();
                            Phase::Success { status: status.unwrap_or(TxStatus::Settled), descriptor: g.descriptor.clone() }
                        }
                        _ => Phase::Declined { status: status.unwrap_or(TxStatus::Declined), reason: g.decline_reason.clone() },
                    };
                }
                s.polled = got.map_or(Polled::Unreachable, Polled::Known);
            }
            Action::Answer(a) => {
                if a.ends_attempt() {
                    s.attempt = None;
                }
                s.answer(a);
            }
            Action::Dialog(d) => s.move_dialog(d),
        }
        // The dialog belongs to the bank's page: any other phase closes it (a payer's own
        // "close" stays known until the next challenge, for its status check and focus).
        if !matches!(s.phase, Phase::Redirecting(_)) && s.dialog != Dialog::Cancelled {
            s.dialog = Dialog::Closed;
        }
        // A phase is never entered from itself (Pay always passes through Submitting), so
        // its kind tells a new one.
        if std::mem::discriminant(&s.phase) != std::mem::discriminant(&self.phase) {
            s.phase_seq += 1;
        }
        Rc::new(s)
    }
}
