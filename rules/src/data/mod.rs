//! Reference data from well-kept sources: ISO 3166 (generated from pycountry by
//! scripts/gen_countries.py) and ISO 4217 (the iso_currency crate).

#[rustfmt::skip]
mod countries_table;

pub mod countries {
    pub use super::countries_table::{CA_STATES, COUNTRIES, US_STATES};

    /// A country by its alpha-2 code: `(code, English name, Russian name)`.
    pub fn find(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
        COUNTRIES.binary_search_by(|c| c.0.cmp(code)).ok().map(|i| &COUNTRIES[i])
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
    use iso_currency::Currency;

    /// The number of minor-unit digits of an ISO 4217 code, `None` if it is not one.
    pub fn exponent(code: &str) -> Option<u16> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        Currency::from_code(code).map(|c| c.exponent().unwrap_or(0))
    }

    /// `"12.00"` in USD → `1200`: PayCross amounts are integers in minor units.
    pub fn to_minor_units(amount: &str, code: &str) -> Option<u64> {
        let exp = usize::from(exponent(code)?);
        let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
        if frac.len() > exp || int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = format!("{int}{frac:0<exp$}");
        digits.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_sorted_unique_and_named_in_both_languages() {
        assert!(countries::COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(countries::COUNTRIES.len(), 249);
        assert_eq!(countries::find("DE").map(|c| c.2), Some("Германия"));
        assert_eq!(countries::find("US").map(|c| c.1), Some("United States"));
        assert!(countries::find("XX").is_none());
        for (code, en, ru) in countries::COUNTRIES {
            assert!(code.len() == 2 && !en.is_empty() && !ru.is_empty());
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
        assert_eq!(currency::to_minor_units("12.00", "USD"), Some(1200));
        assert_eq!(currency::to_minor_units("1.99", "USD"), Some(199));
        assert_eq!(currency::to_minor_units("0.99", "EUR"), Some(99));
        assert_eq!(currency::to_minor_units("1200", "JPY"), Some(1200));
        assert_eq!(currency::to_minor_units("1.5", "BHD"), Some(1500));
        assert_eq!(currency::to_minor_units("1.99", "JPY"), None);
    }
}
