//! Values as browsers' autofill and password managers write them, in the shapes the form
//! holds: an expiry in any of their layouts, a state by its name, a ZIP+4 without its dash.
//! `None` where a value is not in such a shape: it is then read as typed.

use crate::data::countries;

/// `MM/YY`, `MM/YYYY`, `M/YY`, `MM / YY`, `MM-YY`, `MM.YY`, `MMYY` or `MMYYYY` as `MM/YY`
/// (`MM/YYYY` for a four-digit year), for a month 01–12.
pub fn expiry(text: &str) -> Option<String> {
    let t = text.trim();
    let (m, y) = match t.split_once(['/', '-', '.', ' ']) {
        Some((m, y)) => (m.trim(), y.trim_start_matches(['/', '-', '.', ' '])),
        None if matches!(t.len(), 4 | 6) => t.split_at_checked(2)?,
        None => return None,
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(1..=2).contains(&m.len()) || !matches!(y.len(), 2 | 4) || !digits(m) || !digits(y) {
        return None;
    }
    let month = crate::digits_value(m, 12).filter(|n| *n >= 1)?;
    Some(format!("{month:02}/{y}"))
}

/// A state or province of `country` (US, CA) by its code in any case or its name: its code.
pub fn state(country: &str, text: &str) -> Option<&'static str> {
    let t = text.trim();
    let list = countries::states(country)?;
    list.iter().find(|(code, name)| code.eq_ignore_ascii_case(t) || name.eq_ignore_ascii_case(t)).map(|(code, _)| *code)
}

/// A US ZIP+4 written as nine digits, or with a space: `NNNNN-NNNN`.
pub fn zip(country: &str, text: &str) -> Option<String> {
    let t = text.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let shaped = t.bytes().all(|b| b.is_ascii_digit() || b == b' ' || b == b'-');
    (country == "US" && shaped && digits.len() == 9).then(|| format!("{}-{}", &digits[..5], &digits[5..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_autofill_expiry_shape_is_the_same_month() {
        for shape in ["01/38", "1/38", "01 / 38", "0138", "01-38", "01.38", " 01/38 "] {
            assert_eq!(expiry(shape).as_deref(), Some("01/38"), "{shape:?}");
        }
        for shape in ["01/2038", "1/2038", "012038", "01 - 2038"] {
            assert_eq!(expiry(shape).as_deref(), Some("01/2038"), "{shape:?}");
        }
        for partial in ["", "1", "12/3", "123", "13/38", "00/38", "12/038", "1a/38", "12345"] {
            assert_eq!(expiry(partial), None, "{partial:?}");
        }
    }

    #[test]
    fn a_state_by_code_or_name_and_zip_plus_four() {
        assert_eq!(state("US", "Colorado"), Some("CO"));
        assert_eq!(state("US", "co"), Some("CO"));
        assert_eq!(state("CA", "british columbia"), Some("BC"));
        assert_eq!(state("US", "Ontario"), None);
        assert_eq!(state("DE", "Bayern"), None);
        assert_eq!(zip("US", "802021234").as_deref(), Some("80202-1234"));
        assert_eq!(zip("US", "80202 1234").as_deref(), Some("80202-1234"));
        assert_eq!(zip("US", "80202"), None);
        assert_eq!(zip("CA", "802021234"), None);
    }
}
