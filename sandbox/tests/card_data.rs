//! No card data at rest: after payments of every kind, the merchant's tables hold no card
//! number and no CVV2, in any form an attacker with the file could turn back into one
//! (the digits themselves, grouped, or an unkeyed digest of them: brute-forced here as an
//! attacker would). And the key's binding leaves the CVV2 out: the same key with only
//! another CVV2 is the same request, replayed.

mod common;

use base64::Engine;
use common::*;
use md5::Md5;
use serde_json::{json, Value};
use sha1::Sha1;
use sha2::{Digest, Sha256};

const CVV: &str = "739";
const MERCHANT_TABLES: [&str; 6] = ["orders", "attempts", "reversals", "merchant_callbacks", "customers", "saved_cards"];

/// Every value of the merchant's tables, as text, one per line.
fn dump(data: &std::path::Path) -> String {
    let c = rusqlite::Connection::open(sandbox::config::merchant_file(data)).unwrap();
    let mut out = String::new();
    for t in MERCHANT_TABLES {
        let mut st = c.prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                out.push_str(&format!("{t}.{i}: {v:?}\n"));
            }
        }
    }
    out
}

/// Hex (both cases) and base64 of the md5, sha1 and sha256 of `s`.
fn digests(s: &str) -> Vec<String> {
    let raw = [Md5::digest(s).to_vec(), Sha1::digest(s).to_vec(), Sha256::digest(s).to_vec()];
    raw.iter().flat_map(|d| [hex::encode(d), hex::encode_upper(d), base64::engine::general_purpose::STANDARD.encode(d)]).collect()
}

/// What the old binding hashed: the request's fields in canonical order, browser data apart.
fn canonical(body: &Value, with_cvv: bool) -> String {
    let mut m: std::collections::BTreeMap<String, String> = Default::default();
    for (k, v) in body.as_object().unwrap() {
        if let (Some(v), false) = (v.as_str(), k == "browser" || (!with_cvv && k == "card_cvv2")) {
            m.insert(k.clone(), v.to_string());
        }
    }
    serde_json::to_string(&m).unwrap()
}

/// Luhn-valid numbers with these first six and last four digits (16 digits).
fn candidates<'a>(first6: &'a str, last4: &'a str) -> impl Iterator<Item = String> + 'a {
    (0..1_000_000).map(move |mid| format!("{first6}{mid:06}{last4}")).filter(|n| checkout_rules::card::luhn(n))
}

/// What an attacker finds in `dump`, knowing what was sent (`sent`) and the card parts stored.
fn findings(dump: &str, numbers: &[&str], sent: &[Value]) -> Vec<String> {
    let mut found = Vec::new();
    let lower = dump.to_lowercase();
    for n in numbers {
        let grouped = [
            n.to_string(),
            format!("{} {} {} {}", &n[..4], &n[4..8], &n[8..12], &n[12..]),
            format!("{}-{}-{}-{}", &n[..4], &n[4..8], &n[8..12], &n[12..]),
        ];
        found.extend(grouped.iter().filter(|g| dump.contains(g.as_str())).map(|g| format!("card number {g}")));
        found.extend(digests(n).into_iter().filter(|d| dump.contains(d.as_str())).map(|d| format!("digest of {n}: {d}")));
    }
    for key in ["cvv", "verification_value"] {
        if lower.contains(key) {
            found.push(format!("a {key} field"));
        }
    }
    found.extend(digests(CVV).into_iter().filter(|d| dump.contains(d.as_str())).map(|d| format!("digest of the CVV2: {d}")));
    for body in sent {
        for with_cvv in [true, false] {
            found.extend(
                digests(&canonical(body, with_cvv))
                    .into_iter()
                    .filter(|d| dump.contains(d.as_str()))
                    .map(|d| format!("unkeyed digest of a request: {d}")),
            );
        }
    }
    // brute force: every hex digest stored, against every number the stored card parts allow
    let stored: std::collections::BTreeSet<String> =
        dump.split(|c: char| !c.is_ascii_hexdigit()).filter(|w| matches!(w.len(), 32 | 40 | 64)).map(str::to_lowercase).collect();
    for n in numbers.iter().copied().collect::<std::collections::BTreeSet<_>>() {
        for cand in candidates(&n[..6], &n[12..]) {
            if stored.contains(&hex::encode(Md5::digest(&cand))) || stored.contains(&hex::encode(Sha256::digest(&cand))) {
                found.push(format!("brute-forced {cand}"));
            }
        }
    }
    found
}

async fn session(base: &str) -> String {
    let r = client().get(format!("{base}/")).send().await.unwrap();
    r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string()
}

fn with_cvv(mut body: Value) -> Value {
    body["card_cvv2"] = json!(CVV);
    body
}

#[tokio::test]
async fn no_card_number_or_cvv2_at_rest_after_every_kind_of_payment() {
    let s = start("card-data", Setup::default()).await;
    let cookie = session(&s.base).await;
    let mut sent = Vec::new();
    let mut numbers = Vec::new();
    let cases: [(&str, &str, (&str, &str), Value); 8] = [
        ("platform", "4111111111111111", ("01", "2038"), json!({})),
        ("platform", "4111111111111111", ("02", "2038"), json!({})),
        ("platform", "4111111111111111", ("05", "2038"), json!({})),
        ("platform", "4111111111111111", ("01", "2038"), json!({"auth": "Y"})),
        ("platform", "4111111111111111", ("01", "2038"), json!({"async": "Y"})),
        ("paycross", "4200000000000000", ("01", "2038"), json!({})),
        ("paycross", "4005550000000019", ("01", "2038"), json!({})),
        ("paycross", "4012000000001097", ("01", "2038"), json!({})),
    ];
    for (i, (gateway, number, exp, extra)) in cases.into_iter().enumerate() {
        let id = order_extra(&s.base, gateway, extra).await;
        let mut body = with_cvv(payer(&id, number, exp));
        body["req_token"] = json!("Y");
        let (code, _) = pay_at(&s.base, &format!("scan-{i}"), &body, Some(&cookie)).await;
        assert_eq!(code, 200, "{gateway} {number}");
        sent.push(body);
        numbers.push(number);
    }
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await; // the async payment's callback
    let dump = dump(&s.data);
    assert!(dump.contains("saved_cards") && dump.contains("merchant_callbacks"), "the scan reads what was stored");
    let found = findings(&dump, &numbers, &sent);
    assert!(found.is_empty(), "card data at rest: {found:?}");
}

/// The scan itself finds what the old binding stored (an unkeyed MD5 of the request).
#[test]
fn the_scan_finds_an_unkeyed_digest_of_a_request() {
    let body = with_cvv(payer("ORDER-1", "4111111111111111", ("01", "2038")));
    let old = hex::encode(Md5::digest(canonical(&body, true)));
    assert!(!findings(&format!("attempts.2: Text({old:?})"), &["4111111111111111"], std::slice::from_ref(&body)).is_empty());
    let plain = hex::encode(Sha256::digest("4111111111111111"));
    assert!(!findings(&format!("x: {plain}"), &["4111111111111111"], &[]).is_empty(), "an unkeyed digest of the number");
}

#[tokio::test]
async fn the_same_key_with_only_another_cvv2_is_the_same_request() {
    let s = start("cvv-replay", Setup::default()).await;
    let id = order(&s.base, "platform").await;
    let body = with_cvv(payer(&id, "4111111111111111", ("01", "2038")));
    let (code, first) = pay(&s.base, "k", &body).await;
    assert!(code == 200 && is_success(&first), "{first}");
    let mut retyped = body.clone();
    retyped["card_cvv2"] = json!("123");
    let r = client().post(format!("{}/api/pay", s.base)).header("Idempotency-Key", "k").json(&retyped).send().await.unwrap();
    assert_eq!(r.headers().get("Idempotent-Replayed").map(|v| v.to_str().unwrap()), Some("true"));
    let replay: Value = r.json().await.unwrap();
    assert_eq!(replay["trans_id"], first["trans_id"]);
    let mut other = body.clone();
    other["payer_first_name"] = json!("Jane");
    assert_eq!(pay(&s.base, "k", &other).await.0, 422, "another payer with the same key is another request");
    assert_eq!(charges(&s.data, &id), 1);
}
