//! The logs of a whole run name orders and attempts and nothing a thief could use: after
//! payments of every kind (typed, declined, 3-D Secure, saved card, refused callbacks), at
//! the most verbose level, no line holds a card number, a CVV2, a gateway token, a callback
//! signature or a secret.

mod common;

use std::time::Duration;

use common::process::spawn_logging;
use common::*;
use serde_json::{json, Value};

const CVV: &str = "739";

/// The ACS page's own button, pressed: where the bank sends the payer is not needed here.
async fn authenticate(base: &str, answer: &Value) {
    let url = answer["redirect_url"].as_str().expect("a 3-D Secure answer");
    let id = url.split('?').next().unwrap().rsplit('/').next().unwrap();
    client().post(format!("{base}/gateway/acs/{id}/complete")).form(&[("decision", "ok")]).send().await.unwrap();
}

#[tokio::test]
async fn no_card_data_token_signature_or_secret_in_any_log_line() {
    let data = temp_db("logs");
    let log_path = data.with_extension("log");
    let log_file = std::fs::File::create(&log_path).unwrap();
    let s = spawn_logging(&data, &["--log-format", "json"], log_file.into(), "trace").await;
    let cookie = client().get(format!("{}/", s.base)).send().await.unwrap().headers()["set-cookie"].to_str().unwrap().to_string();
    let cookie = cookie.split(';').next().unwrap().to_string();
    let mut seen = Vec::new();
    let cases = [
        ("platform", "4111111111111111", ("01", "2038")),
        ("platform", "4111111111111111", ("02", "2038")),
        ("platform", "4111111111111111", ("05", "2038")),
        ("paycross", "4200000000000000", ("01", "2038")),
        ("paycross", "4012000000001097", ("01", "2038")),
    ];
    for (i, (gateway, number, exp)) in cases.iter().enumerate() {
        let id = order(&s.base, gateway).await;
        let mut body = payer(&id, number, *exp);
        body["card_cvv2"] = json!(CVV);
        body["req_token"] = json!("Y");
        let key = format!("log-key-{i}");
        let (_, v) = pay_at(&s.base, &key, &body, Some(&cookie)).await;
        if v["redirect_url"].is_string() {
            authenticate(&s.base, &v).await;
        }
        seen.push((id, key));
    }
    // a forged callback, refused and logged
    let form = [("order_id", seen[0].0.as_str()), ("trans_id", "forged"), ("hash", "0123456789abcdef0123456789abcdef")];
    client().post(format!("{}/api/callback", s.base)).form(&form).send().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    drop(s);

    let db = rusqlite::Connection::open(&data).unwrap();
    let column = |sql: &str| -> Vec<String> { db.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect() };
    let mut secrets: Vec<String> = vec!["4111111111111111".into(), "4200000000000000".into(), "4012000000001097".into()];
    secrets.extend(column("SELECT token FROM gw_tokens"));
    secrets.extend(column("SELECT body FROM gw_callbacks").iter().filter_map(|b| b.split("hash=").nth(1).map(|h| h[..32].to_string())));
    let settings = sandbox::Settings::from_env();
    secrets.extend([settings.password, settings.shop_secret, settings.binding_secret]);
    assert!(secrets.len() > 6, "tokens and signatures were issued: {secrets:?}");

    let logs = std::fs::read_to_string(&log_path).unwrap();
    let lines: Vec<&str> = logs.lines().collect();
    for line in &lines {
        let v: Value = serde_json::from_str(line).unwrap_or_else(|_| panic!("one JSON object a line: {line}"));
        // sqlx's statement lines carry the SQL (its parameters are bound, never in the text)
        assert!(v["fields"]["message"].is_string() || v["target"] == "sqlx::query", "{line}");
        for secret in &secrets {
            assert!(!line.contains(secret.as_str()), "{secret} in a log line: {line}");
        }
        assert!(!line.to_lowercase().contains("cvv") && !line.contains(&format!("\"{CVV}\"")), "{line}");
    }
    for (id, key) in &seen {
        assert!(lines.iter().any(|l| l.contains(id.as_str()) && l.contains(key.as_str())), "a line names {id} and {key}");
    }
    assert!(lines.iter().any(|l| l.contains("callback refused")), "the refused callback is logged");
}
