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
    // Adyen's test cards (Elo, Hiper, Hipercard), PayTR's (Troy), Flutterwave's (Verve),
    // a Brazilian processor's published table (Naranja), Stripe's (UnionPay, 19 digits)
    ("5066991111111118", Brand::Elo),
    ("6362970000457013", Brand::Elo),
    ("6370950000000005", Brand::Hiper),
    ("6062828888666688", Brand::Hipercard),
    ("9792030394440796", Brand::Troy),
    ("5061460410120223210", Brand::Verve),
    ("5895620000000002", Brand::Naranja),
    ("6205500000000000004", Brand::Unionpay),
];

#[test]
fn real_numbers_detect_and_pass_luhn() {
    for (n, b) in CARDS {
        assert_eq!(detect(n), Some(*b), "{n}");
        assert!(luhn(n), "{n}");
        assert!(detect_rule(n).unwrap().lengths.contains(&n.len()), "{n}");
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
fn the_most_specific_range_wins() {
    assert_eq!(detect("65"), Some(Brand::Discover));
    assert_eq!(detect("6500"), Some(Brand::Discover));
    assert_eq!(detect("650031"), Some(Brand::Elo)); // 6 digits over Discover's 2
    assert_eq!(detect("650027"), Some(Brand::Verve));
    assert_eq!(detect("62"), Some(Brand::Unionpay)); // all of 62
    assert_eq!(detect("62183"), Some(Brand::Unionpay));
    assert_eq!(detect("622126"), Some(Brand::Unionpay)); // not Discover
    assert_eq!(detect("623456"), Some(Brand::Unionpay)); // not Maestro
    assert_eq!(detect("6"), Some(Brand::Maestro));
    assert_eq!(detect("506150"), Some(Brand::Verve)); // inside Maestro's 504176–506698: narrower wins
    assert_eq!(detect("506098"), Some(Brand::Maestro));
    assert_eq!(detect("506699"), Some(Brand::Elo));
    assert_eq!(detect("401178"), Some(Brand::Elo)); // over Visa's 4
    assert_eq!(detect("4011"), Some(Brand::Visa)); // until the sixth digit
    assert_eq!(detect("63737423"), Some(Brand::Hiper)); // 8-digit IIN
    assert_eq!(detect("6373742"), Some(Brand::Maestro));
    assert_eq!(detect("9792"), Some(Brand::Troy));
    assert_eq!(detect("1"), None);
    assert_eq!(detect("9"), None);
}

#[test]
fn partial_prefixes_could_match() {
    for p in ["2", "22", "272", "9", "97", "979", "5", "50609", "63737", "1", "18", "180", "21"] {
        assert!(could_be_any_brand(p), "{p}");
    }
    for p in ["0", "273", "98", "9793", "7", "1900", "2130"] {
        assert!(!could_be_any_brand(p), "{p}");
    }
}

#[test]
fn rows_of_a_brand_keep_their_own_lengths() {
    // JCB's old 2131/1800 series has 15 digits; its 3528–3589 series 16 to 19
    assert!(detect_rule("213100000000000").unwrap().lengths.contains(&15));
    assert!(!detect_rule("3528000000000000").unwrap().lengths.contains(&15));
    assert_eq!(detect("180000"), Some(Brand::Jcb));
}

#[test]
fn every_brand_has_a_row_name_and_cvc() {
    let all = [
        Brand::Visa,
        Brand::Mastercard,
        Brand::Amex,
        Brand::Discover,
        Brand::Diners,
        Brand::Jcb,
        Brand::Unionpay,
        Brand::Maestro,
        Brand::Mir,
        Brand::Elo,
        Brand::Hiper,
        Brand::Hipercard,
        Brand::Troy,
        Brand::Verve,
        Brand::Naranja,
    ];
    for b in all {
        let r = b.rule();
        assert!(!r.name.is_empty() && !r.cvc_name.is_empty());
        assert_eq!(r.cvc_len, if b == Brand::Amex { 4 } else { 3 }, "{b:?}");
        assert!(r.lengths.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(r.luhn, b != Brand::Unionpay, "{b:?}");
    }
    // every range's bounds have the same width and are in order
    for r in BRANDS {
        for &(lo, hi) in r.ranges {
            assert!(lo <= hi && width(lo) == width(hi), "{:?} {lo}–{hi}", r.brand);
        }
    }
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
