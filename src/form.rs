//! The form: what the payer typed and touched, which fields it shows, where the payment
//! stands, and every method that reads or changes it — what the backend's answers do to
//! it included. The reducer (`state.rs`) and the views call these.

use std::rc::Rc;

use checkout_rules::card::{self, Brand};
use checkout_rules::{autofill, expiry};
use checkout_rules::{check, Check, Context, FieldId, FieldMap, Outcome, PendingKind, Problem, Today, TxStatus};

use crate::challenge::Dialog;
use crate::options::{Config, Presence, PAYER_FIELDS};
use crate::outcome::{cut, Answer, ErrorKind, MAX_MESSAGES};
use crate::payload::Payload;
use crate::state::{Phase, Polled, Shown};

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

    pub(crate) fn set(&mut self, f: FieldId, v: String) {
        if self.values.get(f) != Some(&v) {
            self.change_seq += 1;
            self.values.insert(f, v);
        }
    }

    /// An address as autofill writes it, in the form's shapes: a US or Canadian state by
    /// its name (filled into a text field before the country made it a list), a ZIP+4
    /// without its dash. Run after every change, as the country may come last.
    pub(crate) fn tidy_address(&mut self) {
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

    /// What the backend answered becomes the phase; its field messages go on the fields
    /// the payer sees, the rest (at most [`MAX_MESSAGES`], each cut) into the panel.
    pub(crate) fn answer(&mut self, a: Answer) {
        self.phase = match a {
            Answer::Outcome(Outcome::Success { status, descriptor, .. }) => {
                self.clear_card();
                Phase::Success { status, descriptor }
            }
            Answer::Outcome(Outcome::Declined { reason, .. }) => Phase::Declined { status: TxStatus::Declined, reason },
            Answer::Outcome(Outcome::Redirect { plan, .. }) => Phase::Redirecting(plan),
            // UNDEFINED: the gateway does not know yet; ACCEPTED: it is working on it
            Answer::Outcome(Outcome::Pending { pending: PendingKind::Undefined, .. }) => Phase::Unknown,
            Answer::Outcome(Outcome::Pending { .. }) => Phase::Pending,
            Answer::Outcome(Outcome::Error { message, fields, other, .. }) => {
                self.server.clear();
                let mut general = Vec::new();
                for (f, m) in fields {
                    // the expiry is one input in the widget
                    let f = if matches!(f, FieldId::CardExpMonth | FieldId::CardExpYear) { FieldId::CardExp } else { f };
                    if !self.shows(f) {
                        general.push(m);
                    } else if !self.server.contains(f) {
                        let mut m = m;
                        cut(&mut m);
                        self.server.insert(f, m);
                    }
                }
                general.extend(other);
                if self.server.is_empty() {
                    general.extend(message);
                }
                general.truncate(MAX_MESSAGES);
                general.iter_mut().for_each(cut);
                let other = general;
                if self.server.is_empty() {
                    Phase::Error { kind: ErrorKind::Refused, other }
                } else {
                    self.focus_seq += 1;
                    Phase::Error { kind: ErrorKind::Fields, other }
                }
            }
            Answer::Unreadable => Phase::Error { kind: ErrorKind::BadAnswer, other: vec![] },
            Answer::RefusedRedirect => Phase::Error { kind: ErrorKind::RedirectRefused, other: vec![] },
            Answer::NotFinal => Phase::Unknown,
        };
    }
}
