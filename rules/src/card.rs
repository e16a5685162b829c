//! Card intelligence: brands by IIN (a table: a new brand is a new row), Luhn, per-brand
//! lengths, CVC sizes and display gaps.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Brand {
    Visa,
    Mastercard,
    Amex,
    Discover,
    Diners,
    Jcb,
    Unionpay,
    Maestro,
    Mir,
}

/// One brand: IIN ranges (inclusive, both bounds of the same width), lengths, gaps, CVC.
pub struct BrandRule {
    pub brand: Brand,
    pub name: &'static str,
    pub ranges: &'static [(u32, u32)],
    pub lengths: &'static [usize],
    /// Positions (in digits) after which a space is shown.
    pub gaps: &'static [usize],
    pub cvc_len: usize,
    /// The brand's own name for the CVC (shown in the label).
    pub cvc_name: &'static str,
}

const GAPS_4: &[usize] = &[4, 8, 12, 16];

/// The brand table. Order matters only for equal-width overlaps (none today); otherwise
/// the longest matching prefix wins, so Maestro's broad `6` loses to Discover's `65`.
pub static BRANDS: &[BrandRule] = &[
    BrandRule { brand: Brand::Visa, name: "Visa", ranges: &[(4, 4)], lengths: &[13, 16, 19], gaps: GAPS_4, cvc_len: 3, cvc_name: "CVV" },
    BrandRule {
        brand: Brand::Mastercard,
        name: "Mastercard",
        ranges: &[(51, 55), (2221, 2720)],
        lengths: &[16],
        gaps: GAPS_4,
        cvc_len: 3,
        cvc_name: "CVC",
    },
    BrandRule {
        brand: Brand::Amex,
        name: "American Express",
        ranges: &[(34, 34), (37, 37)],
        lengths: &[15],
        gaps: &[4, 10],
        cvc_len: 4,
        cvc_name: "CID",
    },
    BrandRule {
        brand: Brand::Discover,
        name: "Discover",
        ranges: &[(6011, 6011), (644, 649), (65, 65)],
        lengths: &[16, 19],
        gaps: GAPS_4,
        cvc_len: 3,
        cvc_name: "CID",
    },
    BrandRule {
        brand: Brand::Diners,
        name: "Diners Club",
        ranges: &[(300, 305), (36, 36), (38, 39)],
        lengths: &[14, 16, 19],
        gaps: &[4, 10, 14],
        cvc_len: 3,
        cvc_name: "CVV",
    },
    BrandRule {
        brand: Brand::Jcb,
        name: "JCB",
        ranges: &[(2131, 2131), (1800, 1800), (3528, 3589)],
        lengths: &[16, 17, 18, 19],
        gaps: GAPS_4,
        cvc_len: 3,
        cvc_name: "CVV",
    },
    BrandRule {
        brand: Brand::Unionpay,
        name: "UnionPay",
        ranges: &[
            (620, 620),
            (624, 626),
            (62100, 62182),
            (62184, 62187),
            (62185, 62197),
            (62200, 62205),
            (622010, 622999),
            (6270, 6299),
            (8100, 8171),
        ],
        lengths: &[14, 15, 16, 17, 18, 19],
        gaps: GAPS_4,
        cvc_len: 3,
        cvc_name: "CVN",
    },
    BrandRule {
        brand: Brand::Maestro,
        name: "Maestro",
        ranges: &[(493698, 493698), (500000, 504174), (504176, 506698), (506779, 508999), (56, 59), (63, 63), (67, 67), (6, 6)],
        lengths: &[12, 13, 14, 15, 16, 17, 18, 19],
        gaps: GAPS_4,
        cvc_len: 3,
        cvc_name: "CVC",
    },
    BrandRule {
        brand: Brand::Mir,
        name: "Mir",
        ranges: &[(2200, 2204)],
        lengths: &[16, 17, 18, 19],
        gaps: GAPS_4,
        cvc_len: 3,
        cvc_name: "CVP2",
    },
];

/// Lengths accepted when no brand is recognised (ISO/IEC 7812 PANs).
pub const ANY_LENGTHS: std::ops::RangeInclusive<usize> = 12..=19;

impl Brand {
    pub fn rule(self) -> &'static BrandRule {
        BRANDS.iter().find(|r| r.brand == self).expect("every brand has a row")
    }
    pub fn cvc_len(self) -> usize {
        self.rule().cvc_len
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Brand::Visa => "visa",
            Brand::Mastercard => "mastercard",
            Brand::Amex => "amex",
            Brand::Discover => "discover",
            Brand::Diners => "diners",
            Brand::Jcb => "jcb",
            Brand::Unionpay => "unionpay",
            Brand::Maestro => "maestro",
            Brand::Mir => "mir",
        }
    }
}

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

/// The brand of a (digits-only) number: the longest fully matched IIN range wins.
pub fn detect(digits: &str) -> Option<Brand> {
    let d = digits.as_bytes();
    let mut best: Option<(usize, Brand)> = None;
    for rule in BRANDS {
        for &(lo, hi) in rule.ranges {
            let w = width(lo);
            if prefix(d, w).is_some_and(|p| (lo..=hi).contains(&p)) && best.is_none_or(|(bw, _)| w > bw) {
                best = Some((w, rule.brand));
            }
        }
    }
    best.map(|(_, b)| b)
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
    let gaps = detect(digits).map_or(GAPS_4, |b| b.rule().gaps);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Real test numbers published by the networks / processors.
    const CARDS: &[(&str, Brand)] = &[
        ("4111111111111111", Brand::Visa),
        ("4012888888881881", Brand::Visa),
        ("4222222222222", Brand::Visa),
        ("4200000000000000", Brand::Visa),
        ("5555555555554444", Brand::Mastercard),
        ("5105105105105100", Brand::Mastercard),
        ("2221000000000009", Brand::Mastercard),
        ("2720990000000007", Brand::Mastercard),
        ("378282246310005", Brand::Amex),
        ("371449635398431", Brand::Amex),
        ("6011111111111117", Brand::Discover),
        ("6011000990139424", Brand::Discover),
        ("30569309025904", Brand::Diners),
        ("38520000023237", Brand::Diners),
        ("3530111333300000", Brand::Jcb),
        ("3566002020360505", Brand::Jcb),
        ("6200000000000005", Brand::Unionpay),
        ("6221260000000000", Brand::Unionpay),
        ("6759649826438453", Brand::Maestro),
        ("5018000000000009", Brand::Maestro),
        ("2200000000000004", Brand::Mir),
        ("2201382000000013", Brand::Mir),
    ];

    #[test]
    fn real_numbers_detect_and_pass_luhn() {
        for (n, b) in CARDS {
            assert_eq!(detect(n), Some(*b), "{n}");
            assert!(luhn(n), "{n}");
            assert!(b.rule().lengths.contains(&n.len()), "{n}");
        }
    }

    #[test]
    fn luhn_rejects_one_digit_off() {
        assert!(!luhn("4111111111111112"));
        assert!(!luhn("378282246310006"));
        assert!(!luhn(""));
    }

    #[test]
    fn mastercard_two_series_bounds() {
        assert_eq!(detect("2220999999999999"), None);
        assert_eq!(detect("2221"), Some(Brand::Mastercard));
        assert_eq!(detect("2720"), Some(Brand::Mastercard));
        assert_eq!(detect("2721"), None);
        assert_eq!(detect("2200"), Some(Brand::Mir));
    }

    #[test]
    fn longest_prefix_wins() {
        assert_eq!(detect("65"), Some(Brand::Discover));
        assert_eq!(detect("62"), Some(Brand::Maestro)); // only `6` matched so far
        assert_eq!(detect("620"), Some(Brand::Unionpay));
        assert_eq!(detect("6"), Some(Brand::Maestro));
        assert_eq!(detect("1"), None);
    }

    #[test]
    fn partial_prefixes_could_match() {
        assert!(could_be_any_brand("2"));
        assert!(could_be_any_brand("22"));
        assert!(could_be_any_brand("272"));
        assert!(!could_be_any_brand("9"));
        assert!(!could_be_any_brand("273"));
    }

    #[test]
    fn gaps_by_brand() {
        assert_eq!(format_number("4111111111111111"), "4111 1111 1111 1111");
        assert_eq!(format_number("378282246310005"), "3782 822463 10005");
        assert_eq!(format_number("30569309025904"), "3056 930902 5904");
        assert_eq!(format_number("4111111111111111111"), "4111 1111 1111 1111 111");
        assert_eq!(format_number("411"), "411");
    }

    #[test]
    fn caret_stays_after_the_same_digit() {
        // typing the 5th digit at the end
        assert_eq!(reformat("41111", 5), ("4111 1".into(), 6));
        // inserting a digit in the middle: "4111 1|111" + "9" typed at caret 6
        assert_eq!(reformat("4111 19111", 7), ("4111 1911 1".into(), 7));
        // deleting the digit before a gap keeps the caret before the gap
        assert_eq!(reformat("411 1111", 3), ("4111 111".into(), 3));
        assert_eq!(reformat("4111", 0), ("4111".into(), 0));
    }

    #[test]
    fn cvc_by_brand() {
        assert_eq!(Brand::Amex.cvc_len(), 4);
        assert_eq!(Brand::Visa.cvc_len(), 3);
    }
}
