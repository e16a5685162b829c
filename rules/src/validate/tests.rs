use super::*;
use FieldId as F;

const TODAY: Today = Today { year: 2026, month: 11, day: 25 };

fn cx(country: &'static str) -> Context<'static> {
    Context { today: TODAY, country, brand: None, required: true }
}
fn chk(f: FieldId, t: &str) -> Check {
    check(f, t, &cx("US"))
}
use Check::{Incomplete as Inc, Invalid as Bad, Valid as Ok};

#[test]
fn card_number_as_typed() {
    assert_eq!(chk(F::CardNumber, "4111 11"), Inc(Problem::CardLength));
    assert_eq!(chk(F::CardNumber, "4111 1111 1111 1111"), Ok);
    assert_eq!(chk(F::CardNumber, "4111 1111 1111 1112"), Inc(Problem::CardLuhn));
    assert_eq!(chk(F::CardNumber, "4111 1111 1111 1112").finish(), Bad(Problem::CardLuhn));
    assert_eq!(chk(F::CardNumber, "4111 1111 1111 1111 1112"), Bad(Problem::CardLength));
    assert_eq!(chk(F::CardNumber, "4111 1111 1111 111x"), Bad(Problem::CardChars));
    assert_eq!(chk(F::CardNumber, "9111"), Bad(Problem::CardBrand));
    assert_eq!(chk(F::CardNumber, "2"), Inc(Problem::CardLength));
    // Amex: 15 digits, the 16th can no longer be right
    assert_eq!(chk(F::CardNumber, "378282246310005"), Ok);
    assert_eq!(chk(F::CardNumber, "3782822463100050"), Bad(Problem::CardLength));
    // Luhn-valid but a wrong length for Mastercard (17 digits)
    assert_eq!(chk(F::CardNumber, "55555555555544440"), Bad(Problem::CardLength));
    assert_eq!(chk(F::CardNumber, ""), Inc(Problem::Required));
    assert_eq!(chk(F::CardNumber, "").finish(), Bad(Problem::Required));
}

/// Appends the Luhn check digit to a digits-only prefix.
fn with_check_digit(body: &str) -> String {
    (0..10).map(|d| format!("{body}{d}")).find(|n| card::luhn(n)).unwrap()
}

#[test]
fn luhn_valid_wrong_length_for_visa_is_invalid_once_finished() {
    let n = with_check_digit("4111111111111111"); // 17 digits; Visa takes 13/16/19
    assert!(card::luhn(&n));
    assert_eq!(chk(F::CardNumber, &n), Inc(Problem::CardLength));
    assert_eq!(chk(F::CardNumber, &n).finish(), Bad(Problem::CardLength));
}

#[test]
fn cvc_by_brand() {
    let amex = Context { brand: Some(Brand::Amex), ..cx("US") };
    let visa = Context { brand: Some(Brand::Visa), ..cx("US") };
    assert_eq!(check(F::CardCvv2, "123", &amex), Inc(Problem::CvcLength));
    assert_eq!(check(F::CardCvv2, "1234", &amex), Ok);
    assert_eq!(check(F::CardCvv2, "123", &visa), Ok);
    assert_eq!(check(F::CardCvv2, "1234", &visa), Bad(Problem::CvcLength));
    assert_eq!(check(F::CardCvv2, "12a", &visa), Bad(Problem::CvcDigits));
    assert_eq!(chk(F::CardCvv2, "1234"), Ok);
}

#[test]
fn names_and_lengths() {
    assert_eq!(chk(F::PayerFirstName, "John"), Ok);
    assert_eq!(chk(F::PayerFirstName, &"a".repeat(32)), Ok);
    assert_eq!(chk(F::PayerFirstName, &"a".repeat(33)), Bad(Problem::TooLong));
    assert_eq!(chk(F::PayerFirstName, &"я".repeat(32)), Ok); // characters, not bytes
    assert_eq!(chk(F::PayerFirstName, "  John  "), Ok);
    assert_eq!(chk(F::PayerFirstName, "Jo\u{7}hn"), Bad(Problem::ControlChars));
    assert_eq!(chk(F::PayerAddress, &"a".repeat(255)), Ok);
    assert_eq!(chk(F::PayerAddress2, &"a".repeat(256)), Bad(Problem::TooLong));
    assert_eq!(chk(F::PayerCity, &"a".repeat(33)), Bad(Problem::TooLong));
    let optional = Context { required: false, ..cx("US") };
    assert_eq!(check(F::PayerMiddleName, "", &optional), Ok);
}

#[test]
fn email() {
    assert_eq!(chk(F::PayerEmail, "doe@example.com"), Ok);
    assert_eq!(chk(F::PayerEmail, "doe"), Inc(Problem::Email));
    assert_eq!(chk(F::PayerEmail, "doe@exa"), Inc(Problem::Email));
    assert_eq!(chk(F::PayerEmail, "doe@exa."), Inc(Problem::Email));
    assert_eq!(chk(F::PayerEmail, "doe@@example.com"), Bad(Problem::Email));
    assert_eq!(chk(F::PayerEmail, "do e@example.com"), Bad(Problem::Email));
    assert_eq!(chk(F::PayerEmail, "doe@example..com"), Bad(Problem::Email));
    assert_eq!(chk(F::PayerEmail, "<script>@x.com"), Bad(Problem::Email));
    let long_label = format!("doe@{}.com", "b".repeat(64));
    assert_eq!(chk(F::PayerEmail, &long_label), Bad(Problem::Email));
    let too_long = format!("{}@{}.com", "a".repeat(64), vec!["b".repeat(60); 4].join("."));
    assert_eq!(chk(F::PayerEmail, &too_long), Bad(Problem::TooLong));
    assert_eq!(chk(F::PayerEmail, "иван@пример.рф"), Ok);
    // Internationalized domains are left to IDNA: a Thai tone mark (not "alphanumeric" in
    // Unicode) is part of real domain names.
    assert_eq!(chk(F::PayerEmail, "a@\u{0e15}\u{0e31}\u{0e27}\u{0e2d}\u{0e22}\u{0e48}\u{0e32}\u{0e07}.\u{0e44}\u{0e17}\u{0e22}"), Ok);
    assert_eq!(chk(F::PayerEmail, "doe@exa_mple.com"), Bad(Problem::Email));
    assert_eq!(chk(F::PayerEmail, "doe@-example.com"), Bad(Problem::Email));
    assert_eq!(chk(F::PayerEmail, "doe@example.c\u{3000}om"), Bad(Problem::Email));
}

#[test]
fn phone() {
    assert_eq!(chk(F::PayerPhone, "199999999"), Ok);
    assert_eq!(chk(F::PayerPhone, "+1 (555) 010-9999"), Ok);
    assert_eq!(chk(F::PayerPhone, "+1"), Inc(Problem::Phone));
    assert_eq!(chk(F::PayerPhone, "555 x12"), Bad(Problem::Phone));
    assert_eq!(chk(F::PayerPhone, "1+2345678"), Bad(Problem::Phone));
    assert_eq!(chk(F::PayerPhone, &"1".repeat(33)), Bad(Problem::TooLong));
}

#[test]
fn birth_date() {
    assert_eq!(chk(F::PayerBirthDate, "1970-02-17"), Ok);
    assert_eq!(chk(F::PayerBirthDate, "1970-02"), Inc(Problem::DateFormat));
    assert_eq!(chk(F::PayerBirthDate, "1970/02/17"), Bad(Problem::DateFormat));
    assert_eq!(chk(F::PayerBirthDate, "1970-02-30"), Bad(Problem::DateNotReal));
    assert_eq!(chk(F::PayerBirthDate, "1970-13-01"), Bad(Problem::DateNotReal));
    assert_eq!(chk(F::PayerBirthDate, "2000-02-29"), Ok);
    assert_eq!(chk(F::PayerBirthDate, "1900-02-29"), Bad(Problem::DateNotReal));
    assert_eq!(chk(F::PayerBirthDate, "2026-11-25"), Bad(Problem::DateFuture));
    assert_eq!(chk(F::PayerBirthDate, "2030-01-01"), Bad(Problem::DateFuture));
}

#[test]
fn country_state_zip() {
    assert_eq!(chk(F::PayerCountry, "US"), Ok);
    assert_eq!(chk(F::PayerCountry, "XX"), Bad(Problem::Country));
    assert_eq!(chk(F::PayerCountry, "us"), Bad(Problem::Country));
    assert_eq!(chk(F::PayerState, "CA"), Ok);
    assert_eq!(chk(F::PayerState, "ZZ"), Bad(Problem::State));
    assert_eq!(chk(F::PayerState, "California"), Bad(Problem::State));
    assert_eq!(check(F::PayerState, "ON", &cx("CA")), Ok);
    assert_eq!(check(F::PayerState, "CA", &cx("CA")), Bad(Problem::State));
    assert_eq!(check(F::PayerState, "Bavaria", &cx("DE")), Ok);
    assert_eq!(chk(F::PayerZip, "96002"), Ok);
    assert_eq!(chk(F::PayerZip, "96002-1234"), Ok);
    assert_eq!(chk(F::PayerZip, "9600"), Inc(Problem::UsZip));
    // the spec's own example zip is 6 digits, which US rules refuse
    assert_eq!(chk(F::PayerZip, "123456"), Bad(Problem::UsZip));
    assert_eq!(check(F::PayerZip, "123456", &cx("RU")), Ok);
    assert_eq!(check(F::PayerZip, "SW1A 1AA", &cx("GB")), Ok);
}

#[test]
fn merchant_fields() {
    // the shape alone: the currency's decimals are checked by currency::minor_units
    for ok in ["1.99", "0.99", "1200.00", "0.00", "1200", "1.505"] {
        assert_eq!(chk(F::OrderAmount, ok), Ok, "{ok}");
    }
    for bad in ["01.99", "1.", "1.99999", "-1.00", "1,99", ".99", "1.9a", "+1"] {
        assert_eq!(chk(F::OrderAmount, bad), Bad(Problem::Amount), "{bad}");
    }
    assert_eq!(chk(F::OrderId, "ORDER-12345"), Ok);
    assert_eq!(chk(F::OrderId, &"o".repeat(256)), Bad(Problem::TooLong));
    assert_eq!(chk(F::OrderCurrency, "USD"), Ok);
    assert_eq!(chk(F::OrderCurrency, "RUB"), Ok);
    assert_eq!(chk(F::OrderCurrency, "usd1"), Bad(Problem::Currency));
    assert_eq!(chk(F::OrderCurrency, "XYZ"), Bad(Problem::Currency));
    assert_eq!(chk(F::OrderDescription, "Product"), Ok);
    assert_eq!(chk(F::OrderDescription, &"d".repeat(1025)), Bad(Problem::TooLong));
    assert_eq!(chk(F::ChannelId, &"c".repeat(17)), Bad(Problem::TooLong));
    assert_eq!(chk(F::TermUrl3ds, "http://client.site.com/return.php"), Ok);
    assert_eq!(chk(F::TermUrl3ds, "javascript:alert(1)"), Bad(Problem::Url));
    assert_eq!(chk(F::TermUrl3ds, &format!("https://a.com/{}", "p".repeat(1011))), Bad(Problem::TooLong));
    assert_eq!(chk(F::Auth, "Y"), Ok);
    assert_eq!(chk(F::RecurringInit, "yes"), Bad(Problem::YesNo));
    assert_eq!(chk(F::CardToken, &"t".repeat(64)), Ok);
    assert_eq!(chk(F::CardToken, &"t".repeat(65)), Bad(Problem::TokenLength));
}
