//! The Payment Platform's `hash` (spec Appendix A): md5 of an upper-cased string.

use md5::{Digest, Md5};
use subtle::ConstantTimeEq;

fn rev(s: &str) -> String {
    s.chars().rev().collect()
}

fn md5_hex(s: &str) -> String {
    hex::encode(Md5::digest(s.to_uppercase().as_bytes()))
}

/// `substr(card_number,0,6) . substr(card_number,-4)`
pub fn card_part(number: &str) -> String {
    let first6: String = number.chars().take(6).collect();
    let n = number.chars().count();
    let last4: String = number.chars().skip(n.saturating_sub(4)).collect();
    format!("{first6}{last4}")
}

/// SALE (and RECURRING_SALE, RETRY) with card data.
pub fn sale(email: &str, password: &str, card_number: &str) -> String {
    md5_hex(&format!("{}{}{}", rev(email), password, rev(&card_part(card_number))))
}

/// SALE with a card token.
pub fn sale_token(email: &str, password: &str, card_token: &str) -> String {
    md5_hex(&format!("{}{}{}", rev(email), password, rev(card_token)))
}

/// CAPTURE, VOID, CREDITVOID, GET_TRANS_STATUS and every callback. `card_part` is
/// first six plus last four digits.
pub fn callback(email: &str, password: &str, trans_id: &str, card_part: &str) -> String {
    md5_hex(&format!("{}{}{}{}", rev(email), password, trans_id, rev(card_part)))
}

/// GET_TRANS_STATUS_BY_ORDER of the emulator (not in Appendix A: the emulator's own
/// assumption, built like the others): `md5(upper(strrev(email) . PASSWORD . order_id))`.
pub fn by_order(email: &str, password: &str, order_id: &str) -> String {
    md5_hex(&format!("{}{}{}", rev(email), password, order_id))
}

/// Compares two hex digests in constant time, whatever their letters' case.
pub fn same(a: &str, b: &str) -> bool {
    same_text(&a.to_ascii_lowercase(), &b.to_ascii_lowercase())
}

/// Compares two texts (a header, a secret) in constant time (`subtle`).
pub fn same_text(a: &str, b: &str) -> bool {
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_test_vector() {
        assert_eq!(sale("doe@example.com", "13a4822c5907ed235f3a068c76184fc3", "4111111111111111"), "2702ae0c4f99506dc29b5615ba9ee3c0");
    }

    #[test]
    fn token_and_callback_forms_differ() {
        let p = "13a4822c5907ed235f3a068c76184fc3";
        let t = "a".repeat(64);
        assert_ne!(sale_token("doe@example.com", p, &t), sale("doe@example.com", p, "4111111111111111"));
        let c = callback("doe@example.com", p, "T1", &card_part("4111111111111111"));
        assert_eq!(c.len(), 32);
        assert_ne!(c, callback("doe@example.com", p, "T2", &card_part("4111111111111111")));
        assert!(same(&c, &c.to_uppercase()));
        assert!(!same(&c, &c[..31]));
    }
}
