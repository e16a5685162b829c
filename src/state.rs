//! The form's state: what the payer typed, what has been touched, where the payment
//! stands. One reducer, so what changes together changes in one place.

use std::rc::Rc;

use checkout_rules::card::{self, Brand};
use checkout_rules::{autofill, expiry};
use checkout_rules::{check, Check, Context, FieldId, FieldMap, Problem, RedirectPlan, Settlement, Today, TxStatus};
use yew::Reducible;

use crate::backend::OrderStatus;
pub use crate::challenge::Dialog;
use crate::options::{Config, Presence, PAYER_FIELDS};
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

impl Phase {
    /// The `data-state` value of the widget's root.
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Editing => "editing",
            Phase::Submitting => "submitting",
            Phase::Redirecting(_) => "redirecting",
            Phase::Success { .. } => "success",
            Phase::Declined { .. } => "declined",
            Phase::Error { .. } => "error",
            Phase::Pending => "pending",
            Phase::Unknown => "unknown",
        }
    }
    /// Whether the payer may edit and press Pay.
    pub fn form_open(&self) -> bool {
        matches!(self, Phase::Editing | Phase::Declined { .. } | Phase::Error { .. })
    }
}

/// The card's own fields, in form order: typed by the payer unless a saved card pays.
const CARD_FIELDS: [FieldId; 3] = [FieldId::CardNumber, FieldId::CardExp, FieldId::CardCvv2];

/// A field's place in the form ([`Form::role`]).
enum Role {
    Shown {
        required: bool,
    },
    /// Hidden by the merchant but given a value: sent, so checked, never shown.
    Sent,
    Absent,
}

#[derive(Clone, PartialEq)]
pub struct Form {
    pub values: FieldMap<String>,
    pub touched: FieldMap<()>,
    /// Messages the backend put on fields; cleared when the payer edits the field.
    pub server: FieldMap<String>,
    pub phase: Phase,
    /// The inline challenge's dialog (always `Closed` in redirect mode).
    pub dialog: Dialog,
    pub use_saved: bool,
    pub save_card: bool,
    /// Bumped when focus must go to the first invalid field.
    pub focus_seq: u32,
    pub last_changed: Option<FieldId>,
    /// Bumped when a field's value changes (the `onChange` effect watches it).
    pub change_seq: u32,
    /// Bumped when the phase changes (what a phase sets in motion runs once per entry).
    pub phase_seq: u32,
    /// Result mode: what the status URL said last.
    pub polled: Polled,
    pub today: Today,
    /// The Idempotency-Key of the attempt whose outcome is not known to be final yet:
    /// every resend of the payment carries it, until a final outcome of this attempt.
    pub attempt: Option<String>,
    /// The options it was made with (which fields the payer sees).
    pub cfg: Rc<Config>,
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

impl Form {
    pub fn new(cfg: &Rc<Config>, today: Today) -> Form {
        Form {
            values: cfg.values.clone(),
            touched: FieldMap::new(),
            server: FieldMap::new(),
            phase: Phase::Editing,
            dialog: Dialog::Closed,
            use_saved: cfg.saved_card.is_some(),
            save_card: false,
            focus_seq: 0,
            last_changed: None,
            change_seq: 0,
            phase_seq: 0,
            polled: Polled::Loading,
            today,
            attempt: None,
            cfg: cfg.clone(),
        }
    }

    pub fn value(&self, f: FieldId) -> &str {
        self.values.get(f).map_or("", String::as_str)
    }

    pub fn brand(&self) -> Option<Brand> {
        card::digits_of(self.value(FieldId::CardNumber)).and_then(|d| card::detect(&d))
    }

    fn check(&self, f: FieldId, required: bool) -> Check {
        let cx = Context { today: self.today, country: self.value(FieldId::PayerCountry), brand: self.brand(), required };
        check(f, self.value(f), &cx)
    }

    /// The problem to show on a field now: the backend's message first, then ours:
    /// an invalid value at once, an incomplete one only after the field was left.
    pub fn shown(&self, f: FieldId, required: bool) -> Option<Shown> {
        if let Some(m) = self.server.get(f) {
            return Some(Shown::Server(m.clone()));
        }
        match self.check(f, required) {
            Check::Valid => None,
            Check::Invalid(p) => Some(Shown::Rule(p)),
            Check::Incomplete(p) => self.touched.contains(f).then_some(Shown::Rule(p)),
        }
    }

    /// How the form treats `f`, decided here only: card fields give way to a saved card,
    /// a payer field (and the cardholder name) follows the merchant's `fields`.
    fn role(&self, f: FieldId) -> Role {
        let presence = match f {
            _ if CARD_FIELDS.contains(&f) => return if self.use_saved { Role::Absent } else { Role::Shown { required: true } },
            FieldId::CardHolder if self.use_saved => return Role::Absent,
            FieldId::CardHolder => self.cfg.presence(f),
            _ if PAYER_FIELDS.contains(&f) => self.cfg.presence(f),
            _ => return Role::Absent,
        };
        match presence {
            // hidden but prefilled: still sent, so still checked
            Presence::Hidden if self.values.contains(f) && f != FieldId::CardHolder => Role::Sent,
            Presence::Hidden => Role::Absent,
            p => Role::Shown { required: p == Presence::Required },
        }
    }

    /// The fields this form collects, in form order, with whether each is required.
    pub fn active_fields(&self) -> Vec<(FieldId, bool)> {
        let order = CARD_FIELDS.iter().chain([&FieldId::CardHolder]).chain(PAYER_FIELDS);
        order
            .filter_map(|&f| match self.role(f) {
                Role::Shown { required } => Some((f, required)),
                Role::Sent => Some((f, false)),
                Role::Absent => None,
            })
            .collect()
    }

    /// Every problem of the form as it stands, in form order.
    pub fn problems(&self) -> Vec<(FieldId, Problem)> {
        self.active_fields().into_iter().filter_map(|(f, req)| self.check(f, req).finish().problem().map(|p| (f, p))).collect()
    }

    /// The JSON body for the merchant backend: protocol names, card digits only,
    /// `card_exp` split into `card_exp_month`/`card_exp_year`. Call only when valid.
    pub fn payload(&self, cfg: &Config) -> Payload {
        let mut out = Payload::default();
        out.insert(FieldId::OrderId.name().into(), cfg.order_id.clone());
        for (f, _) in self.active_fields() {
            let v = self.value(f).trim();
            if v.is_empty() {
                continue;
            }
            match f {
                FieldId::CardNumber => {
                    out.insert(f.name().into(), card::digits_of(v).unwrap_or_default());
                }
                FieldId::CardExp => {
                    if let Ok(Some(e)) = expiry::parse(v, self.today) {
                        out.insert(FieldId::CardExpMonth.name().into(), e.month_field());
                        out.insert(FieldId::CardExpYear.name().into(), e.year_field());
                    }
                }
                _ => {
                    out.insert(f.name().into(), v.to_string());
                }
            }
        }
        match (&cfg.saved_card, self.use_saved) {
            (Some(card), true) => {
                out.insert(checkout_rules::SAVED_CARD_ID.into(), card.id.clone());
            }
            _ if cfg.allow_save_card && self.save_card => {
                out.insert(FieldId::ReqToken.name().into(), "Y".into());
            }
            _ => {}
        }
        out
    }

    /// Whether the payer sees the field (a backend message for any other goes to the panel).
    pub fn shows(&self, f: FieldId) -> bool {
        matches!(self.role(f), Role::Shown { .. })
    }

    fn set(&mut self, f: FieldId, v: String) {
        if self.values.get(f) != Some(&v) {
            self.change_seq += 1;
            self.values.insert(f, v);
        }
    }

    /// An address as autofill writes it, in the form's shapes: a US or Canadian state by
    /// its name (filled into a text field before the country made it a list), a ZIP+4
    /// without its dash. Run after every change, as the country may come last.
    fn tidy_address(&mut self) {
        let country = self.value(FieldId::PayerCountry).trim().to_string();
        if let Some(code) = autofill::state(&country, self.value(FieldId::PayerState)) {
            self.set(FieldId::PayerState, code.to_string());
        }
        if let Some(zip) = autofill::zip(&country, self.value(FieldId::PayerZip)) {
            self.set(FieldId::PayerZip, zip);
        }
    }

    pub(crate) fn clear_card(&mut self) {
        for f in CARD_FIELDS {
            self.values.remove(f);
            self.touched.remove(f);
        }
    }
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
