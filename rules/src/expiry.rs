//! Card expiry typed as one input (`MM/YY` or `MM/YYYY`) and a whole pasted card string.

use crate::card;
use crate::validate::{Problem, Today};

/// A parsed expiry: `card_exp_month` (`XX`) and `card_exp_year` (`XXXX`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expiry {
    pub month: u8,
    pub year: u16,
}

impl Expiry {
    /// `card_exp_month` in the protocol's `XX` form.
    pub fn month_field(self) -> String {
        // (as u32, like every number the widget writes: one integer formatter in the wasm)
        format!("{:02}", u32::from(self.month))
    }
    /// `card_exp_year` in the protocol's `XXXX` form.
    pub fn year_field(self) -> String {
        u32::from(self.year).to_string()
    }
}

/// Years ahead of today an expiry may lie.
pub const MAX_YEARS_AHEAD: u16 = 20;

/// Parses an expiry as typed so far.
/// `Ok(Some)` a complete, acceptable expiry; `Ok(None)` still potentially valid;
/// `Err` can no longer become valid (or is complete but out of range).
pub fn parse(text: &str, today: Today) -> Result<Option<Expiry>, Problem> {
    let t = text.trim();
    if !t.is_ascii() {
        return Err(Problem::ExpiryFormat);
    }
    let (m, y) = match t.split_once(['/', '-', ' ']) {
        Some((m, y)) => (m.trim(), y.trim_start_matches(['/', ' ']).trim()),
        None => t.split_at_checked(2).unwrap_or((t, "")),
    };
    if !m.bytes().all(|b| b.is_ascii_digit()) || !y.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::ExpiryFormat);
    }
    if m.is_empty() {
        return if y.is_empty() { Ok(None) } else { Err(Problem::ExpiryFormat) };
    }
    if m.len() > 2 {
        return Err(Problem::ExpiryFormat);
    }
    let month = crate::digits_value(m, 99).ok_or(Problem::ExpiryFormat)? as u8;
    let month_done = m.len() == 2 || month > 1 || !y.is_empty();
    if month_done && !(1..=12).contains(&month) {
        return Err(Problem::ExpiryMonth);
    }
    let digits = || crate::digits_value(y, 9999).map(|n| n as u16).ok_or(Problem::ExpiryFormat);
    let year = match y.len() {
        0 | 1 | 3 => return Ok(None),
        2 => 2000 + digits()?,
        4 => digits()?,
        _ => return Err(Problem::ExpiryFormat),
    };
    in_range(Expiry { month, year }, today).map(Some)
}

/// A complete expiry as a date: not past (a card is good through its expiry month) and
/// not further ahead than cards are issued. The widget's expiry input, the merchant
/// backend and the gateway emulator all decide with this one function.
pub fn in_range(e: Expiry, today: Today) -> Result<Expiry, Problem> {
    if !(1..=12).contains(&e.month) {
        return Err(Problem::ExpiryMonth);
    }
    if (e.year, e.month) < (today.year, today.month) {
        return Err(Problem::ExpiryPast);
    }
    if e.year > today.year + MAX_YEARS_AHEAD {
        return Err(Problem::ExpiryTooFar);
    }
    Ok(e)
}

/// `card_exp_month` (`XX`) and `card_exp_year` (`XXXX`) of a request, read together as a
/// date by [`in_range`].
pub fn check_fields(month: &str, year: &str, today: Today) -> Result<Expiry, Problem> {
    let two = |s: &str, n: usize| s.len() == n;
    let month = crate::digits_value(month, 99).filter(|_| two(month, 2)).ok_or(Problem::ExpiryMonth)? as u8;
    let year = crate::digits_value(year, 9999).filter(|_| two(year, 4)).ok_or(Problem::ExpiryFormat)? as u16;
    in_range(Expiry { month, year }, today)
}

/// Formats typed expiry digits as `MM/YY`: `1` → `1`, `4` → `04/`, `123` → `12/3`.
pub fn format_typed(text: &str) -> String {
    let has_sep = text.contains('/');
    let digits: String = text.chars().filter(char::is_ascii_digit).take(6).collect();
    match digits.len() {
        0 => String::new(),
        1 if digits != "0" && digits != "1" => format!("0{digits}/"),
        1 => digits,
        2 if has_sep || text.len() > 2 => format!("{digits}/"),
        2 => digits,
        _ => {
            let (mm, yy) = digits.split_at_checked(2).unwrap_or_default();
            format!("{mm}/{yy}")
        }
    }
}

/// A whole card string pasted into the number field: number, and maybe expiry and CVC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pasted {
    pub number: String,
    pub expiry: Option<String>,
    pub cvc: Option<String>,
}

/// Splits "4111 1111 1111 1111 12/38 123" (or with `12/2038`, dashes, new lines) into its
/// parts. `None` when the text is not a card string with at least an expiry or a CVC.
pub fn split_pasted(text: &str) -> Option<Pasted> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let is_exp = |t: &str| {
        let Some((m, y)) = t.split_once(['/', '-']) else { return false };
        (1..=2).contains(&m.len()) && matches!(y.len(), 2 | 4) && m.bytes().chain(y.bytes()).all(|b| b.is_ascii_digit())
    };
    let exp_at = tokens.iter().position(|t| is_exp(t));
    let number_end = exp_at.unwrap_or(tokens.len());
    let mut number = String::new();
    let mut used = 0;
    for t in &tokens[..number_end] {
        let d = card::digits_of(t)?;
        if number.len() + d.len() > 19 {
            break;
        }
        number.push_str(&d);
        used += 1;
    }
    let rest = &tokens[used..];
    let (expiry, after) = match exp_at {
        Some(i) if i == used => (Some(tokens[i].replace('-', "/")), &tokens[i + 1..]),
        Some(_) => return None,
        None => (None, rest),
    };
    let cvc = match after {
        [] => None,
        [c] if (3..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()) => Some((*c).to_string()),
        _ => return None,
    };
    if number.len() < 12 || (expiry.is_none() && cvc.is_none()) {
        return None;
    }
    Some(Pasted { number, expiry, cvc })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Today = Today { year: 2026, month: 11, day: 25 };

    #[test]
    fn signs_are_not_digits() {
        for bad in ["+1/30", "01/+30", "+1/2030", "-1/30"] {
            assert_eq!(parse(bad, TODAY), Err(Problem::ExpiryFormat), "{bad}");
        }
    }

    #[test]
    fn typed_forms() {
        let e = |s| parse(s, TODAY);
        assert_eq!(e("12/38"), Ok(Some(Expiry { month: 12, year: 2038 })));
        assert_eq!(e("01/2038"), Ok(Some(Expiry { month: 1, year: 2038 })));
        assert_eq!(e("0538"), Ok(Some(Expiry { month: 5, year: 2038 })));
        assert_eq!(e("11/26"), Ok(Some(Expiry { month: 11, year: 2026 })));
        assert_eq!(e("1"), Ok(None));
        assert_eq!(e("12/"), Ok(None));
        assert_eq!(e("12/3"), Ok(None));
        assert_eq!(e("12/203"), Ok(None));
        assert_eq!(e("13"), Err(Problem::ExpiryMonth));
        assert_eq!(e("00/30"), Err(Problem::ExpiryMonth));
        assert_eq!(e("10/26"), Err(Problem::ExpiryPast));
        assert_eq!(e("12/47"), Err(Problem::ExpiryTooFar));
        assert_eq!(e("12/46"), Ok(Some(Expiry { month: 12, year: 2046 })));
        assert_eq!(e("ab/cd"), Err(Problem::ExpiryFormat));
        assert_eq!(e("12/20381"), Err(Problem::ExpiryFormat));
    }

    #[test]
    fn protocol_fields() {
        let x = parse("5/38", TODAY).unwrap().unwrap();
        assert_eq!((x.month_field().as_str(), x.year_field().as_str()), ("05", "2038"));
    }

    #[test]
    fn formatting_as_typed() {
        assert_eq!(format_typed("4"), "04/");
        assert_eq!(format_typed("1"), "1");
        assert_eq!(format_typed("12"), "12");
        assert_eq!(format_typed("123"), "12/3");
        assert_eq!(format_typed("12/38"), "12/38");
        assert_eq!(format_typed("122038"), "12/2038");
    }

    #[test]
    fn pasted_card_strings() {
        assert_eq!(
            split_pasted("4111 1111 1111 1111 12/38 123"),
            Some(Pasted { number: "4111111111111111".into(), expiry: Some("12/38".into()), cvc: Some("123".into()) })
        );
        assert_eq!(
            split_pasted("378282246310005\n05-2038\n1234"),
            Some(Pasted { number: "378282246310005".into(), expiry: Some("05/2038".into()), cvc: Some("1234".into()) })
        );
        assert_eq!(
            split_pasted("4111-1111-1111-1111 01/38"),
            Some(Pasted { number: "4111111111111111".into(), expiry: Some("01/38".into()), cvc: None })
        );
        assert_eq!(split_pasted("4111 1111 1111 1111"), None);
        assert_eq!(split_pasted("hello 12/38"), None);
        assert_eq!(split_pasted("4111 1111 1111 1111 12/38 12345"), None);
    }
}
