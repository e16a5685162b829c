//! Property tests: the rules hold for generated inputs, and no input of any bytes panics.

use checkout_rules::card::{self, BRANDS};
use checkout_rules::field::RULES;
use checkout_rules::url::Url;
use checkout_rules::{answer, check, expiry, Check, Context, FieldId, Today};
use proptest::prelude::*;

const TODAY: Today = Today { year: 2026, month: 11, day: 25 };

fn with_check_digit(body: &str) -> String {
    (0..10).map(|d| format!("{body}{d}")).find(|n| card::luhn(n)).unwrap()
}

/// A Luhn-valid number of one of a row's lengths, from one of its IIN ranges: (row, range, number).
fn brand_number() -> impl Strategy<Value = (usize, (u32, u32), String)> {
    (0..BRANDS.len(), any::<u64>(), any::<u64>(), proptest::collection::vec(0u8..10, 19)).prop_map(|(b, r1, r2, fill)| {
        let rule = &BRANDS[b];
        let (lo, hi) = rule.ranges[(r1 as usize) % rule.ranges.len()];
        let prefix = (lo + (r2 % u64::from(hi - lo + 1)) as u32).to_string();
        let len = rule.lengths[(r2 as usize / 7) % rule.lengths.len()];
        let mut body = prefix;
        for d in fill {
            if body.len() + 1 >= len {
                break;
            }
            body.push((b'0' + d) as char);
        }
        (b, (lo, hi), with_check_digit(&body))
    })
}

/// The test's own reading of "the most specific range wins": does a range of another row,
/// longer than `range` (or as long and narrower), hold the number?
fn claimed_by_a_more_specific_range(n: &str, row: usize, (lo, hi): (u32, u32)) -> bool {
    let len = |x: u32| x.to_string().len();
    BRANDS.iter().enumerate().filter(|(i, r)| *i != row && r.brand != BRANDS[row].brand).any(|(_, r)| {
        r.ranges.iter().any(|&(l, h)| {
            let w = len(l);
            let more_specific = w > len(lo) || (w == len(lo) && h - l < hi - lo);
            more_specific && n.len() >= w && (l..=h).contains(&n[..w].parse::<u32>().unwrap())
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn formatting_then_reading_a_number_is_the_identity(d in "[0-9]{1,19}") {
        let shown = card::format_number(&d);
        prop_assert_eq!(card::digits_of(&shown), Some(d.clone()));
        prop_assert_eq!(card::reformat(&shown, shown.len()).0, shown);
    }

    #[test]
    fn every_number_of_a_rows_ranges_and_lengths_is_that_brand_and_valid((b, range, n) in brand_number()) {
        let row = &BRANDS[b];
        if claimed_by_a_more_specific_range(&n, b, range) {
            // e.g. Maestro's 6 generating 65…: Discover's; Maestro's 504176–506698 generating 5061…: Verve's
            prop_assert_ne!(card::detect(&n), Some(row.brand), "{}", n);
        } else {
            prop_assert_eq!(card::detect(&n), Some(row.brand), "{} from {:?}", n, range);
            prop_assert_eq!(check(FieldId::CardNumber, &n, &Context::on(TODAY, false)), Check::Valid, "{}", n);
            prop_assert_eq!(check(FieldId::CardNumber, &card::format_number(&n), &Context::on(TODAY, false)), Check::Valid);
            // every shorter prefix is "potentially valid": quiet while it can still become this number
            for cut in 1..n.len() {
                prop_assert!(card::could_be_any_brand(&n[..cut]), "{}", &n[..cut]);
                prop_assert!(!matches!(check(FieldId::CardNumber, &n[..cut], &Context::on(TODAY, false)), Check::Invalid(checkout_rules::Problem::CardBrand)));
            }
        }
    }

    #[test]
    fn unionpay_numbers_need_no_luhn(tail in "[0-9]{13}") {
        let n = format!("621{tail}"); // (627780 is Elo's)
        prop_assert_eq!(card::detect(&n), Some(card::Brand::Unionpay));
        prop_assert_eq!(check(FieldId::CardNumber, &n, &Context::on(TODAY, false)), Check::Valid, "{}", n);
    }

    #[test]
    fn changing_one_digit_breaks_luhn(n in "4[0-9]{14}", pos in 0usize..16, delta in 1u8..10) {
        let n = with_check_digit(&n);
        let mut b = n.clone().into_bytes();
        b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
        prop_assert!(!card::luhn(std::str::from_utf8(&b).unwrap()));
    }

    #[test]
    fn caret_stays_within_the_text(s in "[0-9 ]{0,30}", caret in 0usize..40) {
        let (v, c) = card::reformat(&s, caret);
        prop_assert!(c <= v.len());
    }

    #[test]
    fn expiry_round_trips(m in 1u8..=12, y in 2027u16..=2046) {
        for text in [format!("{m:02}/{}", y % 100), format!("{m:02}/{y}"), format!("{m:02}{}", y % 100)] {
            let e = expiry::parse(&text, TODAY).unwrap().unwrap();
            prop_assert_eq!((e.month, e.year), (m, y));
        }
    }

    #[test]
    fn text_fields_refuse_one_character_over_their_limit(len in 1usize..300) {
        for id in [FieldId::PayerFirstName, FieldId::PayerCity, FieldId::PayerAddress, FieldId::OrderId, FieldId::ChannelId] {
            let max = id.rule().max;
            let text = "a".repeat(len);
            let c = check(id, &text, &Context::on(TODAY, false));
            prop_assert_eq!(c.is_valid(), len <= max, "{:?} len {}", id, len);
        }
    }

    #[test]
    fn no_input_panics(s in any::<String>(), caret in any::<usize>()) {
        let cx = Context { today: TODAY, country: "US", brand: None, required: true };
        for r in RULES {
            let _ = check(r.id, &s, &cx).finish();
        }
        let _ = expiry::parse(&s, TODAY);
        let _ = expiry::format_typed(&s);
        let _ = expiry::split_pasted(&s);
        let _ = card::reformat(&s, caret);
        let _ = answer::parse(&s);
        let _ = Url::parse(&s);
    }

    #[test]
    fn no_json_answer_panics(v in arb_json()) {
        let _ = answer::parse(&v.to_string());
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{json, Value};
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![
            Just("SUCCESS"),
            Just("REDIRECT"),
            Just("ERROR"),
            Just("incomplete"),
            Just("https://a.com/x?y=1"),
            Just("javascript:alert(1)"),
            Just("POST"),
            Just("GET"),
            Just("card_number: bad")
        ]
        .prop_map(|s| json!(s)),
        ".{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("result".to_string()),
            Just("status".to_string()),
            Just("redirect_url".to_string()),
            Just("redirect_params".to_string()),
            Just("redirect_method".to_string()),
            Just("errors".to_string()),
            Just("code".to_string()),
            Just("error_message".to_string()),
            Just("name".to_string()),
            Just("value".to_string()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(keys, inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
