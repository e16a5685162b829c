//! The field table: one row per field of the SALE request that a payer or a merchant's
//! config provides (spec/002, PROTOCOL.md). The row drives validation, labels,
//! `autocomplete`, `inputmode` and the backend's own re-check.

use serde::{Deserialize, Serialize};

/// What kind of value a field holds; picks the validator in [`crate::validate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Free text, trimmed, no control characters.
    Text,
    CardNumber,
    /// `MM/YY` or `MM/YYYY` typed into one input (widget only).
    Expiry,
    /// `XX`, 01–12.
    Month,
    /// `XXXX`.
    Year,
    Cvc,
    Email,
    Phone,
    /// `yyyy-MM-dd`, a real calendar date in the past.
    Date,
    /// ISO 3166-1 alpha-2.
    Country,
    /// Two-letter code for US/CA, free text elsewhere.
    State,
    /// `NNNNN` / `NNNNN-NNNN` for US, free text elsewhere.
    Zip,
    /// `XXXX.XX` without leading zeros.
    Amount,
    /// ISO 4217.
    Currency,
    /// Absolute http(s) URL.
    Url,
    /// `Y` or `N`.
    YesNo,
    /// Exactly 64 characters.
    Token,
}

/// Who fills a field in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Payer,
    Merchant,
}

macro_rules! fields {
    ($( $variant:ident = $name:literal ),* $(,)?) => {
        /// The protocol names in `FieldId::ALL` order: a `static`, so the wasm holds them once
        /// (a `match` compiles to a copy of them in each function that inlines it).
        static FIELD_NAMES: &[&str] = &[$($name),*];

        /// A field id; its wire name is the protocol's (`card_number`, `payer_zip`, ...).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum FieldId { $( #[serde(rename = $name)] $variant ),* }

        impl FieldId {
            pub const ALL: &'static [FieldId] = &[$(FieldId::$variant),*];
            /// The protocol name, used on the wire and as the DOM `name`.
            pub fn name(self) -> &'static str {
                FIELD_NAMES[self as usize]
            }
            /// The field of a protocol name. A scan of `ALL` through `name`: a `match` on
            /// the strings would compile to a second copy of every name in the wasm.
            pub fn from_name(name: &str) -> Option<FieldId> {
                FieldId::ALL.iter().copied().find(|f| f.name() == name)
            }
        }
    };
}

fields! {
    CardNumber = "card_number",
    CardExp = "card_exp",
    CardExpMonth = "card_exp_month",
    CardExpYear = "card_exp_year",
    CardCvv2 = "card_cvv2",
    CardHolder = "card_holder",
    CardToken = "card_token",
    ReqToken = "req_token",
    PayerFirstName = "payer_first_name",
    PayerLastName = "payer_last_name",
    PayerMiddleName = "payer_middle_name",
    PayerBirthDate = "payer_birth_date",
    PayerAddress = "payer_address",
    PayerAddress2 = "payer_address2",
    PayerCountry = "payer_country",
    PayerState = "payer_state",
    PayerCity = "payer_city",
    PayerZip = "payer_zip",
    PayerEmail = "payer_email",
    PayerPhone = "payer_phone",
    OrderId = "order_id",
    OrderAmount = "order_amount",
    OrderCurrency = "order_currency",
    OrderDescription = "order_description",
    ChannelId = "channel_id",
    TermUrl3ds = "term_url_3ds",
    Auth = "auth",
    Async = "async",
    RecurringInit = "recurring_init",
    Ext1 = "ext1",
    Ext2 = "ext2",
    Ext3 = "ext3",
    Ext4 = "ext4",
    Ext5 = "ext5",
    Ext6 = "ext6",
    Ext7 = "ext7",
    Ext8 = "ext8",
    Ext9 = "ext9",
    Ext10 = "ext10",
}

/// The body key a saved card is paid with: the merchant backend's opaque id of a card it
/// keeps for the payer's session (the browser never holds a gateway card token).
pub const SAVED_CARD_ID: &str = "saved_card_id";

/// One row of the table.
#[derive(Clone, Copy, Debug)]
pub struct FieldRule {
    pub id: FieldId,
    /// Maximum length in characters (the spec's "string up to N characters").
    pub max: usize,
    pub format: Format,
    /// Required by default: the `+` column of spec/002 (card fields: unless `card_token`).
    pub required: bool,
    pub source: Source,
    /// HTML `autocomplete` token ("" for merchant fields).
    pub autocomplete: &'static str,
    /// HTML `inputmode` ("" for the default text keyboard).
    pub inputmode: &'static str,
}

const fn row(
    id: FieldId,
    max: usize,
    format: Format,
    required: bool,
    source: Source,
    autocomplete: &'static str,
    inputmode: &'static str,
) -> FieldRule {
    FieldRule { id, max, format, required, source, autocomplete, inputmode }
}

use FieldId as F;
use Format as K;
use Source::{Merchant as M, Payer as P};

/// Every field, in the order a form shows them.
pub static RULES: &[FieldRule] = &[
    row(F::CardNumber, 23, K::CardNumber, true, P, "cc-number", "numeric"),
    row(F::CardExp, 9, K::Expiry, true, P, "cc-exp", "numeric"),
    row(F::CardExpMonth, 2, K::Month, true, P, "cc-exp-month", "numeric"),
    row(F::CardExpYear, 4, K::Year, true, P, "cc-exp-year", "numeric"),
    row(F::CardCvv2, 4, K::Cvc, true, P, "cc-csc", "numeric"),
    row(F::CardHolder, 64, K::Text, false, P, "cc-name", ""),
    row(F::PayerFirstName, 32, K::Text, true, P, "given-name", ""),
    row(F::PayerMiddleName, 32, K::Text, true, P, "additional-name", ""),
    row(F::PayerLastName, 32, K::Text, true, P, "family-name", ""),
    row(F::PayerEmail, 256, K::Email, true, P, "email", "email"),
    row(F::PayerPhone, 32, K::Phone, true, P, "tel", "tel"),
    row(F::PayerBirthDate, 10, K::Date, true, P, "bday", ""),
    row(F::PayerCountry, 2, K::Country, true, P, "country", ""),
    row(F::PayerAddress, 255, K::Text, true, P, "address-line1", ""),
    row(F::PayerAddress2, 255, K::Text, true, P, "address-line2", ""),
    row(F::PayerCity, 32, K::Text, true, P, "address-level2", ""),
    row(F::PayerState, 32, K::State, true, P, "address-level1", ""),
    row(F::PayerZip, 32, K::Zip, true, P, "postal-code", ""),
    row(F::ReqToken, 1, K::YesNo, false, P, "", ""),
    row(F::CardToken, 64, K::Token, false, M, "", ""),
    row(F::OrderId, 255, K::Text, true, M, "", ""),
    row(F::OrderAmount, 32, K::Amount, true, M, "", ""),
    row(F::OrderCurrency, 3, K::Currency, true, M, "", ""),
    row(F::OrderDescription, 1024, K::Text, true, M, "", ""),
    row(F::ChannelId, 16, K::Text, false, M, "", ""),
    row(F::TermUrl3ds, 1024, K::Url, true, M, "", ""),
    row(F::Auth, 1, K::YesNo, false, M, "", ""),
    row(F::Async, 1, K::YesNo, false, M, "", ""),
    row(F::RecurringInit, 1, K::YesNo, false, M, "", ""),
    // ext1..ext10: the spec gives no rule; we bound them like order_description.
    row(F::Ext1, 1024, K::Text, false, M, "", ""),
    row(F::Ext2, 1024, K::Text, false, M, "", ""),
    row(F::Ext3, 1024, K::Text, false, M, "", ""),
    row(F::Ext4, 1024, K::Text, false, M, "", ""),
    row(F::Ext5, 1024, K::Text, false, M, "", ""),
    row(F::Ext6, 1024, K::Text, false, M, "", ""),
    row(F::Ext7, 1024, K::Text, false, M, "", ""),
    row(F::Ext8, 1024, K::Text, false, M, "", ""),
    row(F::Ext9, 1024, K::Text, false, M, "", ""),
    row(F::Ext10, 1024, K::Text, false, M, "", ""),
];

impl FieldId {
    pub fn rule(self) -> &'static FieldRule {
        RULES.iter().find(|r| r.id == self).expect("every FieldId has a row in RULES (checked by test)")
    }

    /// Card data fields, which a `card_token` makes optional.
    pub fn is_card_data(self) -> bool {
        matches!(self, F::CardNumber | F::CardExp | F::CardExpMonth | F::CardExpYear | F::CardCvv2 | F::CardHolder)
    }

    /// Fields that carry card data and so must never reach logs, storage or events.
    pub fn is_secret(self) -> bool {
        matches!(self, F::CardNumber | F::CardCvv2)
    }
}

/// A map from field to value in one slot per field: what a form holds. Much smaller in
/// the wasm than a `BTreeMap` (whose code is instantiated per key/value type) and as fast
/// for a few dozen keys. Iterates in table order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMap<V> {
    slots: Vec<Option<V>>,
}

impl<V> Default for FieldMap<V> {
    fn default() -> Self {
        FieldMap { slots: Vec::new() }
    }
}

impl<V> FieldMap<V> {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn get(&self, f: FieldId) -> Option<&V> {
        self.slots.get(f as usize).and_then(Option::as_ref)
    }
    pub fn contains(&self, f: FieldId) -> bool {
        self.get(f).is_some()
    }
    pub fn insert(&mut self, f: FieldId, v: V) {
        let i = f as usize;
        if self.slots.len() <= i {
            self.slots.resize_with(FieldId::ALL.len(), || None);
        }
        self.slots[i] = Some(v);
    }
    pub fn remove(&mut self, f: FieldId) -> Option<V> {
        self.slots.get_mut(f as usize).and_then(Option::take)
    }
    pub fn clear(&mut self) {
        self.slots.clear();
    }
    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }
    /// Entries in `FieldId::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = (FieldId, &V)> {
        self.slots.iter().enumerate().filter_map(|(i, v)| v.as_ref().map(|v| (FieldId::ALL[i], v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_index_their_own_slot() {
        for (i, f) in FieldId::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
        }
        let mut m = FieldMap::new();
        assert!(m.is_empty());
        m.insert(FieldId::PayerZip, "1");
        m.insert(FieldId::CardNumber, "2");
        m.insert(FieldId::Ext10, "3");
        assert_eq!(m.get(FieldId::PayerZip), Some(&"1"));
        assert_eq!(m.iter().map(|(f, _)| f).collect::<Vec<_>>(), vec![FieldId::CardNumber, FieldId::PayerZip, FieldId::Ext10]);
        assert_eq!(m.remove(FieldId::CardNumber), Some("2"));
        assert!(!m.contains(FieldId::CardNumber));
        m.clear();
        assert!(m.is_empty() && m.get(FieldId::Ext10).is_none());
    }

    #[test]
    fn every_field_has_exactly_one_row() {
        for id in FieldId::ALL {
            assert_eq!(RULES.iter().filter(|r| r.id == *id).count(), 1, "{id:?}");
        }
        assert_eq!(RULES.len(), FieldId::ALL.len());
    }

    #[test]
    fn names_round_trip_and_match_serde() {
        for id in FieldId::ALL {
            assert_eq!(FieldId::from_name(id.name()), Some(*id));
            assert_eq!(serde_json::to_string(id).unwrap(), format!("\"{}\"", id.name()));
        }
        assert_eq!(FieldId::from_name("card_cvv"), None);
    }

    #[test]
    fn documented_lengths() {
        let max = |f: FieldId| f.rule().max;
        assert_eq!(max(F::ChannelId), 16);
        assert_eq!(max(F::OrderId), 255);
        assert_eq!(max(F::OrderDescription), 1024);
        assert_eq!(max(F::PayerFirstName), 32);
        assert_eq!(max(F::PayerMiddleName), 32);
        assert_eq!(max(F::PayerAddress2), 255);
        assert_eq!(max(F::PayerZip), 32);
        assert_eq!(max(F::PayerEmail), 256);
        assert_eq!(max(F::PayerPhone), 32);
        assert_eq!(max(F::TermUrl3ds), 1024);
        assert_eq!(max(F::CardToken), 64);
    }

    #[test]
    fn payer_fields_have_autocomplete_tokens() {
        for r in RULES.iter().filter(|r| r.source == Source::Payer && r.id != F::ReqToken) {
            assert!(!r.autocomplete.is_empty(), "{:?}", r.id);
        }
        assert_eq!(F::CardNumber.rule().autocomplete, "cc-number");
        assert_eq!(F::CardCvv2.rule().inputmode, "numeric");
    }
}
