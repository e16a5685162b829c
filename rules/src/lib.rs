//! The rules of the checkout: every documented field rule of the Payment Platform SALE
//! request and PayCross API v3, card intelligence, and the model of a gateway's answer.
//! Pure Rust with no browser dependency: the widget uses it as the payer types, the
//! sandbox's merchant backend and gateway emulator use it to re-check what arrives.

pub mod answer;
pub mod card;
pub mod data;
pub mod expiry;
pub mod field;
pub mod json;
pub mod payment;
pub mod redirect;
pub mod url;
pub mod validate;

pub use answer::{AnswerError, Outcome, PendingKind, TxStatus};
pub use card::Brand;
pub use field::{FieldId, FieldMap, FieldRule, Format, Source, RULES};
pub use redirect::{Method, RedirectError, RedirectPlan};
pub use validate::{check, Check, Context, Problem, Today};
