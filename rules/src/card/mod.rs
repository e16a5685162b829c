//! Card intelligence: brands by IIN (a table: a new brand is a new row), Luhn, per-brand
//! lengths, CVC sizes and display gaps.

mod brands;
#[cfg(test)]
mod tests;

use brands::GAPS_4;
pub use brands::{Brand, BrandRule, BRANDS};

/// Lengths accepted when no brand is recognised (ISO/IEC 7812 PANs).
pub const ANY_LENGTHS: std::ops::RangeInclusive<usize> = 12..=19;

fn width(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// The leading `w` digits of `digits` as a number, if it has that many.
fn prefix(digits: &[u8], w: usize) -> Option<u32> {
    (digits.len() >= w).then(|| digits[..w].iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0')))
}

/// Could `digits` (shorter than the range width) still grow into the range?
fn could_match(digits: &[u8], lo: u32, hi: u32) -> bool {
    let w = width(lo);
    if digits.len() >= w {
        return prefix(digits, w).is_some_and(|p| (lo..=hi).contains(&p));
    }
    let n = digits.len();
    let p = prefix(digits, n).unwrap_or(0);
    let cut = 10u32.pow((w - n) as u32);
    (lo / cut..=hi / cut).contains(&p)
}

/// The row of a (digits-only) number: the most specific fully matched IIN range wins
/// (the longest; of equal length, the narrowest).
pub fn detect_rule(digits: &str) -> Option<&'static BrandRule> {
    let d = digits.as_bytes();
    let mut best: Option<((usize, u32), &BrandRule)> = None;
    for rule in BRANDS {
        for &(lo, hi) in rule.ranges {
            let w = width(lo);
            // more specific: longer, or as long and narrower
            let better = |(bw, bspan): (usize, u32)| w > bw || (w == bw && hi - lo < bspan);
            if prefix(d, w).is_some_and(|p| (lo..=hi).contains(&p)) && best.is_none_or(|(b, _)| better(b)) {
                best = Some(((w, hi - lo), rule));
            }
        }
    }
    best.map(|(_, r)| r)
}

/// The brand of a (digits-only) number (see `detect_rule`).
pub fn detect(digits: &str) -> Option<Brand> {
    detect_rule(digits).map(|r| r.brand)
}

/// Whether some brand could still match once more digits are typed.
pub fn could_be_any_brand(digits: &str) -> bool {
    let d = digits.as_bytes();
    BRANDS.iter().any(|r| r.ranges.iter().any(|&(lo, hi)| could_match(d, lo, hi)))
}

/// The Luhn (mod 10) check over a digits-only string.
pub fn luhn(digits: &str) -> bool {
    let mut sum = 0u32;
    for (i, c) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// The digits of a typed card number, or `None` if it holds anything but digits,
/// spaces and dashes.
pub fn digits_of(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => out.push(c),
            ' ' | '-' | '\u{a0}' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Groups the digits with the brand's gaps: `4111111111111111` → `4111 1111 1111 1111`,
/// Amex `378282246310005` → `3782 822463 10005`.
pub fn format_number(digits: &str) -> String {
    let gaps = detect_rule(digits).map_or(GAPS_4, |r| r.gaps);
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && gaps.contains(&i) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Reformats a typed value and keeps the caret after the same digit it followed.
/// `caret` and the returned caret count UTF-16 units, as the DOM does; non-digit
/// characters are dropped (the input only ever holds digits and gaps).
pub fn reformat(text: &str, caret: usize) -> (String, usize) {
    let mut digits = String::new();
    let mut before = 0;
    let mut units = 0;
    for c in text.chars() {
        if c.is_ascii_digit() && digits.len() < 19 {
            digits.push(c);
            if units < caret {
                before += 1;
            }
        }
        units += c.len_utf16();
    }
    let formatted = format_number(&digits);
    let mut seen = 0;
    let mut pos = 0;
    if before > 0 {
        for (i, c) in formatted.char_indices() {
            if c.is_ascii_digit() {
                seen += 1;
                if seen == before {
                    pos = i + 1;
                    break;
                }
            }
        }
    }
    (formatted, pos)
}

/// The last four digits, for display of a saved or typed card.
pub fn last4(digits: &str) -> &str {
    digits.get(digits.len().saturating_sub(4)..).unwrap_or(digits)
}
