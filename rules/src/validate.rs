//! Validation as the payer types. Each field answers [`Check::Valid`],
//! [`Check::Incomplete`] (still potentially valid: stay quiet) or [`Check::Invalid`]
//! (can no longer become valid: speak now). On blur and submit the form calls
//! [`Check::finish`], which turns an incomplete value into the problem it would be.

use serde::Serialize;

use crate::card::{self, Brand};
use crate::data::{countries, currency};
use crate::expiry;
use crate::field::{FieldId, Format};
use crate::url;

/// Why a value is not acceptable. Each variant is a message key of the catalogues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong,
    ControlChars,
    CardChars,
    CardBrand,
    CardLength,
    CardLuhn,
    ExpiryFormat,
    ExpiryMonth,
    ExpiryPast,
    ExpiryTooFar,
    CvcDigits,
    CvcLength,
    Email,
    Phone,
    DateFormat,
    DateNotReal,
    DateFuture,
    Country,
    State,
    UsZip,
    Amount,
    Currency,
    Url,
    YesNo,
    TokenLength,
}

impl Problem {
    /// The English message: what the sandbox's merchant backend answers, and the
    /// widget's English catalogue.
    pub fn message_en(self) -> &'static str {
        match self {
            Problem::Required => "This field is required.",
            Problem::TooLong => "This is too long.",
            Problem::ControlChars => "Remove the special characters.",
            Problem::CardChars => "Use digits only.",
            Problem::CardBrand => "This card number is not recognised.",
            Problem::CardLength => "The card number is incomplete.",
            Problem::CardLuhn => "This card number is not valid. Check the digits.",
            Problem::ExpiryFormat => "Enter the expiry date as MM/YY.",
            Problem::ExpiryMonth => "The month must be 01 to 12.",
            Problem::ExpiryPast => "This card has expired.",
            Problem::ExpiryTooFar => "The expiry date is too far in the future.",
            Problem::CvcDigits => "Use digits only.",
            Problem::CvcLength => "Enter the 3 or 4 digits on your card (4 for American Express).",
            Problem::Email => "Enter an email address like name@example.com.",
            Problem::Phone => "Enter a phone number: digits, spaces, + - ( ).",
            Problem::DateFormat => "Enter the date as YYYY-MM-DD.",
            Problem::DateNotReal => "This date does not exist.",
            Problem::DateFuture => "The date must be in the past.",
            Problem::Country => "Choose a country.",
            Problem::State => "Choose a state or province.",
            Problem::UsZip => "Enter a ZIP code like 12345 or 12345-6789.",
            Problem::Amount => "A positive amount in the currency's decimals (1200 JPY, 1.99 USD, 1.505 BHD), no leading zeros.",
            Problem::Currency => "Not an ISO 4217 currency code.",
            Problem::Url => "Not an absolute http(s) URL.",
            Problem::YesNo => "Must be Y or N.",
            Problem::TokenLength => "A card token is 64 characters.",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    Valid,
    /// Not acceptable yet, but typing more could make it so; carries what it is now.
    Incomplete(Problem),
    Invalid(Problem),
}

impl Check {
    /// The verdict once the payer has left the field or pressed Pay.
    pub fn finish(self) -> Check {
        match self {
            Check::Incomplete(p) => Check::Invalid(p),
            c => c,
        }
    }
    pub fn problem(self) -> Option<Problem> {
        match self {
            Check::Valid => None,
            Check::Incomplete(p) | Check::Invalid(p) => Some(p),
        }
    }
    pub fn is_valid(self) -> bool {
        self == Check::Valid
    }
}

/// Today's date, given by the caller (the browser's clock, or the server's): keeps the
/// rules pure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Today {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// What other fields say that a rule depends on.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// Today's date: every caller says which clock it reads (the browser's, the server's).
    pub today: Today,
    /// `payer_country` as entered.
    pub country: &'a str,
    /// The brand of the card number entered, for the CVC length.
    pub brand: Option<Brand>,
    /// Whether the field is required in this form (empty optional fields are valid).
    pub required: bool,
}

impl Context<'_> {
    /// A context for a field that depends on no other field: only the date and whether
    /// it is required.
    pub fn on(today: Today, required: bool) -> Context<'static> {
        Context { today, country: "", brand: None, required }
    }
}

/// Checks one field's text.
pub fn check(field: FieldId, text: &str, cx: &Context) -> Check {
    let rule = field.rule();
    let t = text.trim();
    if t.is_empty() {
        return if cx.required { Check::Incomplete(Problem::Required) } else { Check::Valid };
    }
    if t.chars().any(char::is_control) {
        return Check::Invalid(Problem::ControlChars);
    }
    let today = cx.today;
    let by_format = match rule.format {
        Format::CardNumber => return check_card_number(t),
        Format::Expiry => {
            return match expiry::parse(t, today) {
                Ok(Some(_)) => Check::Valid,
                Ok(None) => Check::Incomplete(Problem::ExpiryFormat),
                Err(p) => Check::Invalid(p),
            }
        }
        Format::Cvc => return check_cvc(t, cx.brand),
        Format::Text => Check::Valid,
        Format::Month => digits_in(t, 2, |n| (1..=12).contains(&n), Problem::ExpiryMonth),
        Format::Year => digits_in(t, 4, |_| true, Problem::ExpiryFormat),
        Format::Email => check_email(t),
        Format::Phone => check_phone(t),
        Format::Date => check_date(t, today),
        Format::Country => match countries::index(t) {
            Some(_) => Check::Valid,
            None => Check::Invalid(Problem::Country),
        },
        Format::State => check_state(t, cx.country),
        Format::Zip => check_zip(t, cx.country),
        Format::Amount => check_amount(t),
        Format::Currency => match currency::exponent(t) {
            Some(_) => Check::Valid,
            None => Check::Invalid(Problem::Currency),
        },
        Format::Url => match url::Url::parse(t) {
            Ok(_) => Check::Valid,
            Err(_) => Check::Invalid(Problem::Url),
        },
        Format::YesNo => match t {
            "Y" | "N" => Check::Valid,
            _ => Check::Invalid(Problem::YesNo),
        },
        Format::Token => match t.chars().count() {
            64 => Check::Valid,
            n if n < 64 => Check::Incomplete(Problem::TokenLength),
            _ => Check::Invalid(Problem::TokenLength),
        },
    };
    // A format problem says more than a length problem (`usd1` is not a currency).
    if matches!(by_format, Check::Invalid(_)) {
        return by_format;
    }
    if t.chars().count() > rule.max {
        return Check::Invalid(Problem::TooLong);
    }
    by_format
}

fn digits_in(t: &str, len: usize, ok: impl Fn(u32) -> bool, p: Problem) -> Check {
    if !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > len {
        return Check::Invalid(p);
    }
    if t.len() < len {
        return Check::Incomplete(p);
    }
    match crate::digits_value(t, u32::MAX) {
        Some(n) if ok(n) => Check::Valid,
        _ => Check::Invalid(p),
    }
}

fn check_card_number(t: &str) -> Check {
    let Some(d) = card::digits_of(t) else { return Check::Invalid(Problem::CardChars) };
    if d.is_empty() {
        return Check::Invalid(Problem::CardChars);
    }
    let (lengths, max, luhn): (&[usize], usize, bool) = match card::detect_rule(&d) {
        Some(rule) => (rule.lengths, rule.lengths[rule.lengths.len() - 1], rule.luhn),
        None if card::could_be_any_brand(&d) => return Check::Incomplete(Problem::CardLength),
        None => return Check::Invalid(Problem::CardBrand),
    };
    if d.len() > max {
        return Check::Invalid(Problem::CardLength);
    }
    // UnionPay issues numbers that fail Luhn: its row says so
    let sum_ok = !luhn || card::luhn(&d);
    if lengths.contains(&d.len()) && sum_ok {
        return Check::Valid;
    }
    if d.len() == max {
        return Check::Invalid(if lengths.contains(&d.len()) { Problem::CardLuhn } else { Problem::CardLength });
    }
    // Shorter than the brand's longest length: more digits may still come. Say what
    // it is if the payer stops here.
    let p = if lengths.contains(&d.len()) { Problem::CardLuhn } else { Problem::CardLength };
    Check::Incomplete(p)
}

fn check_cvc(t: &str, brand: Option<Brand>) -> Check {
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Check::Invalid(Problem::CvcDigits);
    }
    let (min, max) = match brand {
        Some(b) => (b.cvc_len(), b.cvc_len()),
        None => (3, 4),
    };
    match t.len() {
        n if n < min => Check::Incomplete(Problem::CvcLength),
        n if n > max => Check::Invalid(Problem::CvcLength),
        _ => Check::Valid,
    }
}

/// A character of a domain label: ASCII letters, digits and `-`, or any non-ASCII character
/// (internationalized domains; whitespace and controls are refused before this).
fn domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii()
}

fn check_email(t: &str) -> Check {
    if t.chars().count() > 256 {
        return Check::Invalid(Problem::TooLong);
    }
    if t.chars().any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | ':' | '\\' | '"' | '[' | ']')) {
        return Check::Invalid(Problem::Email);
    }
    let mut parts = t.split('@');
    let (local, domain) = match (parts.next(), parts.next(), parts.next()) {
        (Some(l), None, _) => return if l.len() <= 64 { Check::Incomplete(Problem::Email) } else { Check::Invalid(Problem::Email) },
        (Some(l), Some(d), None) => (l, d),
        _ => return Check::Invalid(Problem::Email),
    };
    if local.is_empty()
        || local.len() > 64
        || local.starts_with('.')
        || local.ends_with('.')
        || local.as_bytes().windows(2).any(|w| w == b"..")
    {
        return Check::Invalid(Problem::Email);
    }
    let label_ok = |l: &str| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(domain_char);
    let labels: Vec<&str> = domain.split('.').collect();
    let (last, head) = labels.split_last().expect("split yields one at least");
    if head.iter().any(|l| !label_ok(l)) {
        return Check::Invalid(Problem::Email);
    }
    if domain.len() > 253 || !last.chars().all(domain_char) {
        return Check::Invalid(Problem::Email);
    }
    if head.is_empty() || last.chars().count() < 2 || !label_ok(last) {
        return Check::Incomplete(Problem::Email);
    }
    Check::Valid
}

fn check_phone(t: &str) -> Check {
    if t.chars().count() > 32 {
        return Check::Invalid(Problem::TooLong);
    }
    if !t.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')')) {
        return Check::Invalid(Problem::Phone);
    }
    if t.get(1..).is_some_and(|rest| rest.contains('+')) {
        return Check::Invalid(Problem::Phone);
    }
    if t.bytes().filter(u8::is_ascii_digit).count() < 5 {
        return Check::Incomplete(Problem::Phone);
    }
    Check::Valid
}

fn check_date(t: &str, today: Today) -> Check {
    let b = t.as_bytes();
    let shape_ok = b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !shape_ok || b.len() > 10 {
        return Check::Invalid(Problem::DateFormat);
    }
    if b.len() < 10 {
        return Check::Incomplete(Problem::DateFormat);
    }
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|s| crate::digits_value(s, 9999)).unwrap_or(0) as u16;
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let Ok(month) = time::Month::try_from(m as u8) else { return Check::Invalid(Problem::DateNotReal) };
    if y < 1900 || time::Date::from_calendar_date(i32::from(y), month, d as u8).is_err() {
        return Check::Invalid(Problem::DateNotReal);
    }
    if (y, m as u8, d as u8) >= (today.year, today.month, today.day) {
        return Check::Invalid(Problem::DateFuture);
    }
    Check::Valid
}

fn check_state(t: &str, country: &str) -> Check {
    match countries::states(country.trim()) {
        Some(list) => {
            if list.iter().any(|(code, _)| *code == t) {
                Check::Valid
            } else if t.len() < 2 && t.bytes().all(|b| b.is_ascii_uppercase()) {
                Check::Incomplete(Problem::State)
            } else {
                Check::Invalid(Problem::State)
            }
        }
        None => Check::Valid,
    }
}

fn check_zip(t: &str, country: &str) -> Check {
    if country.trim() != "US" {
        return Check::Valid;
    }
    let b = t.as_bytes();
    let ok_prefix = b.iter().enumerate().all(|(i, c)| if i == 5 { *c == b'-' } else { c.is_ascii_digit() });
    match b.len() {
        _ if !ok_prefix => Check::Invalid(Problem::UsZip),
        5 | 10 => Check::Valid,
        n if n < 10 => Check::Incomplete(Problem::UsZip),
        _ => Check::Invalid(Problem::UsZip),
    }
}

/// `XXXX.XX` without leading zeros: `1.99`, `0.99`, `1200.00`; not `01.99`, `1.9`.
/// The shape of an amount alone (`1200`, `12.00`, `1.505`); whether its decimals fit the
/// currency is [`currency::minor_units`], which needs the currency too.
fn check_amount(t: &str) -> Check {
    let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || frac.len() > 4 || (int.len() > 1 && int.starts_with('0')) {
        return Check::Invalid(Problem::Amount);
    }
    Check::Valid
}

#[cfg(test)]
mod tests;
