//! Checking a whole set of fields at once: the widget on submit, the merchant backend
//! on arrival, the gateway emulator on a SALE. One function, so both sides agree.

use std::collections::BTreeMap;

use crate::card;
use crate::expiry;
use crate::field::{FieldId, Source};
use crate::validate::{check, Check, Context, Problem, Today};

pub type Values = BTreeMap<FieldId, String>;

/// Reads wire pairs (`name=value`) into [`Values`]; unknown names are returned apart.
pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Values, Vec<String>) {
    let mut values = Values::new();
    let mut unknown = Vec::new();
    for (k, v) in pairs {
        match FieldId::from_name(k) {
            Some(id) => {
                values.insert(id, v.to_string());
            }
            None => unknown.push(k.to_string()),
        }
    }
    (values, unknown)
}

/// Checks every field of `values`, plus presence of each field `required` says is needed.
/// Card fields stop being required when a `card_token` is given (spec/002 footnote 1).
/// Returns the problems in table order; empty means all good.
pub fn check_all(values: &Values, required: impl Fn(FieldId) -> bool, today: Today) -> Vec<(FieldId, Problem)> {
    let get = |f: FieldId| values.get(&f).map(String::as_str).unwrap_or("");
    let has_token = !get(FieldId::CardToken).trim().is_empty();
    let brand = card::digits_of(get(FieldId::CardNumber)).and_then(|d| card::detect(&d));
    let mut out = Vec::new();
    for rule in crate::field::RULES {
        let id = rule.id;
        let needed = required(id) && !(has_token && id.is_card_data());
        let value = get(id);
        if value.is_empty() && !needed {
            continue;
        }
        let cx = Context { today, country: get(FieldId::PayerCountry), brand, required: needed };
        if let Check::Invalid(p) = check(id, value, &cx).finish() {
            out.push((id, p));
        }
    }
    // Month and year are each well formed: together they must be a date a card can carry.
    let (month, year) = (get(FieldId::CardExpMonth), get(FieldId::CardExpYear));
    let reported = |f| out.iter().any(|(x, _)| *x == f);
    if !month.is_empty() && !year.is_empty() && !reported(FieldId::CardExpMonth) && !reported(FieldId::CardExpYear) {
        if let Err(p) = expiry::check_fields(month, year, today) {
            out.push((FieldId::CardExpYear, p));
        }
    }
    out
}

/// The fields a SALE cannot go without, whatever a merchant's form hides: the order's
/// own (the `+` column of spec/002 for merchant fields) and, of the payer's, the card
/// (unless a token), the email and the name. The merchant backend requires the payer's
/// part of this list; the gateway emulator the whole of it.
pub fn sale_requires(f: FieldId) -> bool {
    let rule = f.rule();
    rule.required
        && match rule.source {
            Source::Merchant => true,
            Source::Payer => matches!(
                f,
                FieldId::CardNumber
                    | FieldId::CardExpMonth
                    | FieldId::CardExpYear
                    | FieldId::CardCvv2
                    | FieldId::PayerEmail
                    | FieldId::PayerFirstName
                    | FieldId::PayerLastName
            ),
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Today = Today { year: 2026, month: 11, day: 25 };

    /// The sample SALE request of spec/000 (with a current expiry and a zip a US address takes).
    fn sample() -> Values {
        let (v, unknown) = from_pairs([
            ("action", "SALE"),
            ("client_key", "ZPR2ZH2J2U"),
            ("order_id", "ORDER-12345"),
            ("order_amount", "1.99"),
            ("order_currency", "USD"),
            ("order_description", "Product"),
            ("card_number", "4111111111111111"),
            ("card_exp_month", "01"),
            ("card_exp_year", "2038"),
            ("card_cvv2", "000"),
            ("payer_first_name", "John"),
            ("payer_last_name", "Doe"),
            ("payer_address", "Big street"),
            ("payer_country", "US"),
            ("payer_state", "CA"),
            ("payer_city", "City"),
            ("payer_zip", "12345"),
            ("payer_email", "doe@example.com"),
            ("payer_phone", "199999999"),
            ("term_url_3ds", "http://client.site.com/return.php"),
            ("recurring_init", "Y"),
        ]);
        assert_eq!(unknown, vec!["action", "client_key"]);
        v
    }

    #[test]
    fn the_spec_sample_passes() {
        assert_eq!(check_all(&sample(), |_| false, TODAY), vec![]);
    }

    #[test]
    fn the_spec_sample_zip_fails_us_rules() {
        let mut v = sample();
        v.insert(FieldId::PayerZip, "123456".into());
        assert_eq!(check_all(&v, |_| false, TODAY), vec![(FieldId::PayerZip, Problem::UsZip)]);
    }

    #[test]
    fn required_fields_are_reported_missing() {
        let mut v = sample();
        v.remove(&FieldId::CardNumber);
        let req = |f: FieldId| matches!(f, FieldId::CardNumber | FieldId::PayerEmail);
        assert_eq!(check_all(&v, req, TODAY), vec![(FieldId::CardNumber, Problem::Required)]);
    }

    #[test]
    fn a_card_token_makes_card_fields_optional() {
        let mut v = sample();
        for f in [FieldId::CardNumber, FieldId::CardExpMonth, FieldId::CardExpYear, FieldId::CardCvv2] {
            v.remove(&f);
        }
        v.insert(FieldId::CardToken, "t".repeat(64));
        let req = |f: FieldId| f.rule().required;
        let problems = check_all(&v, req, TODAY);
        assert!(problems.iter().all(|(f, _)| !f.is_card_data()), "{problems:?}");
    }

    #[test]
    fn month_and_year_are_checked_together_as_a_date() {
        let mut v = sample();
        v.insert(FieldId::CardExpMonth, "01".into());
        v.insert(FieldId::CardExpYear, "2001".into());
        assert_eq!(check_all(&v, |_| false, TODAY), vec![(FieldId::CardExpYear, Problem::ExpiryPast)]);
        v.insert(FieldId::CardExpMonth, "10".into());
        v.insert(FieldId::CardExpYear, "2026".into());
        assert_eq!(check_all(&v, |_| false, TODAY), vec![(FieldId::CardExpYear, Problem::ExpiryPast)]);
        v.insert(FieldId::CardExpMonth, "11".into());
        assert_eq!(check_all(&v, |_| false, TODAY), vec![], "good through its expiry month");
        v.insert(FieldId::CardExpYear, "2099".into());
        assert_eq!(check_all(&v, |_| false, TODAY), vec![(FieldId::CardExpYear, Problem::ExpiryTooFar)]);
    }

    #[test]
    fn a_sale_requires_the_order_the_card_and_who_pays() {
        let required: Vec<&str> = FieldId::ALL.iter().filter(|f| sale_requires(**f)).map(|f| f.name()).collect();
        assert_eq!(
            required,
            [
                "card_number",
                "card_exp_month",
                "card_exp_year",
                "card_cvv2",
                "payer_first_name",
                "payer_last_name",
                "payer_email",
                "order_id",
                "order_amount",
                "order_currency",
                "order_description",
                "term_url_3ds"
            ]
        );
    }

    #[test]
    fn amex_cvc_uses_the_number_brand() {
        let mut v = sample();
        v.insert(FieldId::CardNumber, "378282246310005".into());
        assert_eq!(check_all(&v, |_| false, TODAY), vec![(FieldId::CardCvv2, Problem::CvcLength)]);
    }
}
