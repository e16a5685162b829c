//! The brand table: one row per brand (two for JCB, whose old 15-digit ranges have lengths
//! of their own), at parity with braintree/credit-card-type's brands, IIN ranges, lengths
//! and code sizes, with these rows following the networks' published rules instead:
//! - Visa takes 13 digits too (Visa's own 13-digit test number 4222222222222);
//! - UnionPay is all of 62 and 8100–8171 (credit-card-type leaves gaps in 62, e.g. 62183,
//!   to Maestro's broad 6), and is valid without a Luhn check (UnionPay issues such cards);
//! - JCB 2131 and 1800 are the old 15-digit series;
//! - Troy (9792), Verve (506099–506198, 507865–507964, 650002–650027) and Naranja (589562)
//!   are not in credit-card-type; their ranges are the networks' published ones.
//!
//! The most specific range wins: the longest, then the narrowest (Verve's 506099–506198
//! inside Maestro's 504176–506698; Elo's 650031–650033 over Discover's 65).

named! {
    /// A card brand, by its id.
    pub enum Brand {
        Visa = "visa",
        Mastercard = "mastercard",
        Amex = "amex",
        Discover = "discover",
        Diners = "diners",
        Jcb = "jcb",
        Unionpay = "unionpay",
        Maestro = "maestro",
        Mir = "mir",
        Elo = "elo",
        Hiper = "hiper",
        Hipercard = "hipercard",
        Troy = "troy",
        Verve = "verve",
        Naranja = "naranja",
    }
}

/// One brand (or one series of it): IIN ranges (inclusive, both bounds of the same width),
/// lengths, gaps, CVC.
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
    /// Whether a valid number passes the Luhn check (every brand but UnionPay).
    pub luhn: bool,
}

/// A space after every four digits: the gaps of every brand but those that say otherwise.
pub(super) const GAPS_4: &[usize] = &[4, 8, 12, 16];
const ANY_16_19: &[usize] = &[16, 17, 18, 19];

const fn row(
    brand: Brand,
    name: &'static str,
    ranges: &'static [(u32, u32)],
    lengths: &'static [usize],
    cvc: (usize, &'static str),
) -> BrandRule {
    BrandRule { brand, name, ranges, lengths, gaps: GAPS_4, cvc_len: cvc.0, cvc_name: cvc.1, luhn: true }
}

pub static BRANDS: &[BrandRule] = &[
    row(Brand::Visa, "Visa", &[(4, 4)], &[13, 16, 18, 19], (3, "CVV")),
    row(Brand::Mastercard, "Mastercard", &[(51, 55), (2221, 2720)], &[16], (3, "CVC")),
    BrandRule { gaps: &[4, 10], ..row(Brand::Amex, "American Express", &[(34, 34), (37, 37)], &[15], (4, "CID")) },
    row(Brand::Discover, "Discover", &[(6011, 6011), (644, 649), (65, 65)], &[16, 19], (3, "CID")),
    BrandRule { gaps: &[4, 10, 14], ..row(Brand::Diners, "Diners Club", &[(300, 305), (36, 36), (38, 39)], &[14, 16, 19], (3, "CVV")) },
    row(Brand::Jcb, "JCB", &[(3528, 3589)], ANY_16_19, (3, "CVV")),
    row(Brand::Jcb, "JCB", &[(2131, 2131), (1800, 1800)], &[15, 16, 17, 18, 19], (3, "CVV")),
    BrandRule { luhn: false, ..row(Brand::Unionpay, "UnionPay", &[(62, 62), (8100, 8171)], &[14, 15, 16, 17, 18, 19], (3, "CVN")) },
    row(
        Brand::Maestro,
        "Maestro",
        &[(493698, 493698), (500000, 504174), (504176, 506698), (506779, 508999), (56, 59), (63, 63), (67, 67), (6, 6)],
        &[12, 13, 14, 15, 16, 17, 18, 19],
        (3, "CVC"),
    ),
    row(Brand::Mir, "Mir", &[(2200, 2204)], ANY_16_19, (3, "CVP2")),
    row(
        Brand::Elo,
        "Elo",
        &[
            (401178, 401179),
            (431274, 431274),
            (438935, 438935),
            (451416, 451416),
            (457393, 457393),
            (457631, 457632),
            (504175, 504175),
            (506699, 506778),
            (509000, 509999),
            (627780, 627780),
            (636297, 636297),
            (636368, 636368),
            (650031, 650033),
            (650035, 650051),
            (650405, 650439),
            (650485, 650538),
            (650541, 650598),
            (650700, 650718),
            (650720, 650727),
            (650901, 650978),
            (651652, 651679),
            (655000, 655019),
            (655021, 655058),
        ],
        &[16],
        (3, "CVE"),
    ),
    row(
        Brand::Hiper,
        "Hiper",
        &[
            (637095, 637095),
            (637568, 637568),
            (637599, 637599),
            (637609, 637609),
            (637612, 637612),
            (63737423, 63737423),
            (63743358, 63743358),
        ],
        &[16],
        (3, "CVC"),
    ),
    row(Brand::Hipercard, "Hipercard", &[(606282, 606282)], &[16], (3, "CVC")),
    row(Brand::Troy, "Troy", &[(9792, 9792)], &[16], (3, "CVV")),
    row(Brand::Verve, "Verve", &[(506099, 506198), (507865, 507964), (650002, 650027)], &[16, 18, 19], (3, "CVV")),
    row(Brand::Naranja, "Naranja", &[(589562, 589562)], &[16], (3, "CVV")),
];

impl Brand {
    /// The brand's first row (name, CVC and gaps are the same in all of its rows).
    pub fn rule(self) -> &'static BrandRule {
        BRANDS.iter().find(|r| r.brand == self).expect("every brand has a row")
    }
    pub fn cvc_len(self) -> usize {
        self.rule().cvc_len
    }
}
