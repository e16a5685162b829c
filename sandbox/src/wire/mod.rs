//! The two dialects on the wire, as serde types both the emulator and the merchant backend
//! use: [`platform`] (form posts, JSON answers) and [`paycross`] (JSON both ways).

pub mod paycross;
pub mod platform;
pub mod word;

use checkout_rules::FieldId;
use serde::Deserialize;

/// Where each field of ours lives in a PayCross v3 payment request (dotted path). The
/// emulator reads and reports errors by it; the merchant backend writes by it.
pub const PAYCROSS_PATHS: &[(FieldId, &str)] = &[
    (FieldId::CardNumber, "credit_card.number"),
    (FieldId::CardCvv2, "credit_card.verification_value"),
    (FieldId::CardExpMonth, "credit_card.exp_month"),
    (FieldId::CardExpYear, "credit_card.exp_year"),
    (FieldId::CardHolder, "credit_card.holder"),
    (FieldId::PayerEmail, "customer.email"),
    (FieldId::PayerFirstName, "billing_address.first_name"),
    (FieldId::PayerLastName, "billing_address.last_name"),
    (FieldId::PayerCountry, "billing_address.country"),
    (FieldId::PayerCity, "billing_address.city"),
    (FieldId::PayerState, "billing_address.state"),
    (FieldId::PayerZip, "billing_address.zip"),
    (FieldId::PayerAddress, "billing_address.address"),
    (FieldId::PayerPhone, "billing_address.phone"),
];

/// The PayCross path of a field, or our own name for a field PayCross does not carry.
pub fn paycross_path(f: FieldId) -> &'static str {
    PAYCROSS_PATHS.iter().find(|(x, _)| *x == f).map_or(f.name(), |(_, p)| p)
}

/// A gateway's answer about one payment, read in the order's dialect: what the merchant
/// backend decides by. (The browser gets the answer as the gateway wrote it, without its
/// credentials.)
#[derive(Clone, Debug)]
pub enum Said {
    Platform(platform::Answer),
    PayCross(paycross::Transaction),
    /// A PayCross answer without a transaction: a refusal (`E.` codes: nothing was done)
    /// or another code.
    PayCrossCode(paycross::CodeAnswer),
    /// Nothing the dialect writes.
    Unreadable,
}

impl Said {
    pub fn read(dialect: crate::Dialect, v: &serde_json::Value) -> Said {
        let said = if dialect.is_platform() {
            platform::Answer::read(v).map(Said::Platform)
        } else {
            paycross::Transaction::read(v).map(Said::PayCross).or_else(|| paycross::CodeAnswer::deserialize(v).ok().map(Said::PayCrossCode))
        };
        said.unwrap_or(Said::Unreadable)
    }

    pub fn trans_id(&self) -> Option<&str> {
        match self {
            Said::Platform(a) => a.trans_id.as_deref(),
            Said::PayCross(t) => Some(&t.uid),
            _ => None,
        }
    }

    /// The bank's reason, for a declined payment.
    pub fn decline_reason(&self) -> Option<&str> {
        match self {
            Said::Platform(a) => a.decline_reason.as_deref(),
            Said::PayCross(t) => t.friendly_message.as_deref(),
            _ => None,
        }
    }

    /// What the payer's statement will show.
    pub fn descriptor(&self) -> Option<&str> {
        match self {
            Said::Platform(a) => a.descriptor.as_deref(),
            Said::PayCross(t) => t.summary.as_ref().and_then(|s| s.billing_descriptor.as_deref()),
            _ => None,
        }
    }

    /// The reusable card credential of a payment made with "save this card".
    pub fn card_token(&self) -> Option<&str> {
        match self {
            Said::Platform(a) => a.card_token.as_deref(),
            Said::PayCross(t) => t.payment_method.as_ref().and_then(|p| p.token.as_deref()),
            _ => None,
        }
    }
}
