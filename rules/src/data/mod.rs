//! Reference data from well-kept sources: ISO 3166 codes (generated from pycountry by
//! scripts/gen_countries.py; their names in any language come from the browser's CLDR
//! data) and ISO 4217 (the iso_currency crate).

#[rustfmt::skip]
mod countries_table;
#[rustfmt::skip]
mod digits_table;

/// Digits from any keyboard: full-width (４), Arabic-Indic (٤), Persian (۴) and every other
/// Unicode decimal digit read as the ASCII digit it is (table: scripts/gen_digits.py).
pub mod digits {
    use super::digits_table::ZEROS;

    /// The ASCII digit a character stands for, if it is a decimal digit of any script.
    pub fn ascii(c: char) -> Option<char> {
        if c.is_ascii_digit() {
            return Some(c);
        }
        let run = ZEROS.partition_point(|z| *z <= c).checked_sub(1)?;
        let value = u32::from(c) - u32::from(ZEROS[run]);
        (value < 10).then(|| char::from(b'0' + value as u8))
    }

    /// The text with every decimal digit written in ASCII; other characters untouched.
    pub fn to_ascii(text: &str) -> String {
        text.chars().map(|c| ascii(c).unwrap_or(c)).collect()
    }
}

pub mod countries {
    use super::countries_table as table;
    pub use table::{CA_STATES, COUNT, US_STATES};

    /// The index of an alpha-2 code (0..COUNT, in code order), `None` if it is not one.
    pub fn index(code: &str) -> Option<usize> {
        let code: [u8; 2] = code.as_bytes().try_into().ok()?;
        table::CODES.as_bytes().as_chunks::<2>().0.binary_search(&code).ok()
    }

    /// The alpha-2 code at `index`.
    pub fn code(index: usize) -> &'static str {
        table::CODES.get(index * 2..index * 2 + 2).unwrap_or_default()
    }

    /// The two-letter state/province codes that the country requires, if it does (US, CA).
    pub fn states(country: &str) -> Option<&'static [(&'static str, &'static str)]> {
        match country {
            "US" => Some(US_STATES),
            "CA" => Some(CA_STATES),
            _ => None,
        }
    }
}

pub mod currency {
    mod table {
        include!(concat!(env!("OUT_DIR"), "/currencies.rs"));
    }

    /// The number of minor-unit digits of an ISO 4217 code, `None` if it is not one.
    /// (The codes and their digits are the iso_currency crate's, tabled by build.rs.)
    pub fn exponent(code: &str) -> Option<u16> {
        let code: [u8; 3] = code.as_bytes().try_into().ok()?;
        let i = table::CODES.as_bytes().as_chunks::<3>().0.binary_search(&code).ok()?;
        table::EXPONENTS.as_bytes().get(i).map(|d| u16::from(d - b'0'))
    }

    /// An amount written with exactly its currency's decimals, in minor units: USD
    /// `"12.00"` → 1200, JPY `"1200"` → 1200, BHD `"1.505"` → 1505. PayCross amounts are
    /// these integers; an order's amount must be one. Integers only, no floats: `None` for
    /// another number of decimals, leading zeros, signs, an unknown currency or overflow.
    pub fn minor_units(amount: &str, code: &str) -> Option<u64> {
        let exp = usize::from(exponent(code)?);
        let (int, frac) = match amount.split_once('.') {
            Some((i, f)) if exp > 0 => (i, f),
            None if exp == 0 => (amount, ""),
            _ => return None,
        };
        let leading_zero = int.len() > 1 && int.starts_with('0');
        if frac.len() != exp || int.is_empty() || leading_zero || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        int.bytes().chain(frac.bytes()).try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from(b - b'0')))
    }

    /// An amount that can be charged: [`minor_units`], and more than nothing. The one rule
    /// for an order's amount, in the widget's options, the backend's orders and the
    /// emulator's SALE.
    pub fn payable_minor_units(amount: &str, code: &str) -> Option<u64> {
        minor_units(amount, code).filter(|&n| n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payable_amounts_follow_the_currency_and_are_positive() {
        use currency::payable_minor_units as pay;
        for (amount, code, minor) in [("1200", "JPY", 1200), ("12.00", "USD", 1200), ("1.505", "BHD", 1505), ("0.01", "USD", 1)] {
            assert_eq!(pay(amount, code), Some(minor), "{amount} {code}");
        }
        for (amount, code) in [
            ("1.9", "USD"),
            ("1.999", "USD"),
            ("0", "USD"),
            ("0.00", "USD"),
            ("0", "JPY"),
            ("12.00", "JPY"),
            ("1.5", "BHD"),
            ("01.00", "USD"),
            ("-1.00", "USD"),
            ("1.00", "XXY"),
        ] {
            assert_eq!(pay(amount, code), None, "{amount} {code}");
        }
    }

    #[test]
    fn countries_are_sorted_and_unique() {
        use countries::{code, index, COUNT};
        assert_eq!(COUNT, 249);
        assert!((1..COUNT).all(|i| code(i - 1) < code(i)), "codes sorted and unique");
        for i in 0..COUNT {
            assert_eq!(index(code(i)), Some(i));
        }
        assert_eq!(index("DE").map(code), Some("DE"));
        for bad in ["XX", "de", "D", "DEU", "", "ÅÅ"] {
            assert!(index(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn digits_of_every_script_read_as_ascii() {
        use digits::{ascii, to_ascii};
        assert_eq!(to_ascii("４１１１ １１１１"), "4111 1111");
        assert_eq!(to_ascii("٤١١١-٠١/٣٨"), "4111-01/38");
        assert_eq!(to_ascii("۴۱۱۱ ۰۵"), "4111 05");
        assert_eq!(to_ascii("१२३"), "123");
        assert_eq!(to_ascii("SW1A 1AA"), "SW1A 1AA", "letters and ASCII untouched");
        for c in ['a', ' ', '٫', '½', '①', '\u{65f}', '\u{66a}', '\u{ff1a}'] {
            assert_eq!(ascii(c), None, "{c:?} is no decimal digit");
        }
        for zero in super::digits_table::ZEROS {
            for i in 0..10u32 {
                assert_eq!(ascii(char::from_u32(u32::from(zero) + i).unwrap()), char::from_digit(i, 10));
            }
        }
    }

    #[test]
    fn states_of_us_and_canada() {
        let us = countries::states("US").unwrap();
        assert!(us.iter().any(|s| s.0 == "CA") && us.iter().any(|s| s.0 == "DC"));
        let ca = countries::states("CA").unwrap();
        assert_eq!(ca.len(), 13);
        assert!(ca.iter().any(|s| s.0 == "QC"));
        assert!(countries::states("DE").is_none());
    }

    #[test]
    fn currencies_and_minor_units() {
        assert_eq!(currency::exponent("USD"), Some(2));
        assert_eq!(currency::exponent("JPY"), Some(0));
        assert_eq!(currency::exponent("BHD"), Some(3));
        assert_eq!(currency::exponent("usd"), None);
        for bad in ["", "US", "USDD", "XYZ", "ÅÅ", "US\u{0}"] {
            assert_eq!(currency::exponent(bad), None, "{bad:?}");
        }
        use currency::minor_units as m;
        assert!(m("1200", "JPY").is_some() && m("1.505", "BHD").is_some() && m("1.99", "USD").is_some());
        assert!(m("1200.00", "JPY").is_none() && m("1.50", "BHD").is_none() && m("12", "USD").is_none());
        assert_eq!(m("12.00", "USD"), Some(1200));
        assert_eq!(m("1.99", "USD"), Some(199));
        assert_eq!(m("0.99", "EUR"), Some(99));
        assert_eq!(m("1200", "JPY"), Some(1200));
        assert_eq!(m("0", "JPY"), Some(0));
        assert_eq!(m("1.505", "BHD"), Some(1505));
        assert_eq!(m("18446744073709551.615", "BHD"), Some(u64::MAX));
        for (bad, code) in [
            ("1.5", "BHD"),
            ("1.50", "BHD"),
            ("1.99", "JPY"),
            ("1200.", "JPY"),
            ("12", "USD"),
            ("12.0", "USD"),
            ("12.000", "USD"),
            ("012.00", "USD"),
            ("+1.00", "USD"),
            ("-1.00", "USD"),
            ("1.00", "XYZ"),
            ("", "JPY"),
            ("18446744073709551.616", "BHD"),
            ("99999999999999999999", "JPY"),
        ] {
            assert_eq!(m(bad, code), None, "{bad} {code}");
        }
    }

    /// The build-time table holds exactly the iso_currency crate's codes and minor units.
    #[test]
    fn currency_table_agrees_with_iso_currency() {
        use iso_currency::{Currency, IntoEnumIterator};
        let mut n = 0;
        for c in Currency::iter() {
            assert_eq!(currency::exponent(c.code()), Some(c.exponent().unwrap_or(0)), "{}", c.code());
            n += 1;
        }
        assert!(n > 150, "{n} currencies");
        // Every 3-letter uppercase code the table accepts is one the crate knows.
        for a in b'A'..=b'Z' {
            for b in b'A'..=b'Z' {
                for c in b'A'..=b'Z' {
                    let code = String::from_utf8(vec![a, b, c]).unwrap();
                    assert_eq!(currency::exponent(&code).is_some(), Currency::from_code(&code).is_some(), "{code}");
                }
            }
        }
    }
}
