//! The browser never holds a card token: the backend keeps gateway tokens per customer
//! session (an HttpOnly cookie the demo page starts), relays no token in any answer or
//! page, and pays a saved card by its opaque id only inside the session that saved it.

mod common;

use common::*;
use serde_json::{json, Value};

/// Opens the demo page (starting a session when `cookie` is None): (cookie, page HTML).
async fn demo(base: &str, query: &str, cookie: Option<&str>) -> (String, String) {
    let mut req = client().get(format!("{base}/{query}"));
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    let r = req.send().await.unwrap();
    let set = r.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_string());
    if let Some(set) = &set {
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"), "{set}");
    }
    let cookie = cookie.map(str::to_string).or_else(|| set.map(|s| s.split(';').next().unwrap().to_string())).expect("a session");
    (cookie, r.text().await.unwrap())
}

fn gateway_tokens(s: &Server) -> Vec<String> {
    let c = rusqlite::Connection::open(&s.data).unwrap();
    let mut st = c.prepare("SELECT token FROM gw_tokens").unwrap();
    st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn saved_id(page: &str, number: &str) -> String {
    let attr = page.split("data-saved-card=\"").nth(1).unwrap().split('"').next().unwrap().replace("&quot;", "\"");
    let v: Value = serde_json::from_str(&attr).unwrap_or_else(|_| panic!("saved card offered: {attr:?}"));
    assert_eq!((v["last4"].as_str(), v["brand"].as_str()), (Some(&number[12..]), Some("visa")), "{v}");
    v["id"].as_str().unwrap().to_string()
}

fn by_saved_card(order_id: &str, id: &str) -> Value {
    json!({"order_id": order_id, "saved_card_id": id, "payer_first_name": "John", "payer_last_name": "Doe", "payer_email": "doe@example.com"})
}

async fn saved_card_flow(gateway: &str) {
    let s = start(&format!("saved-{gateway}"), Setup::default()).await;
    let query = format!("?gateway={gateway}");
    let (alice, page) = demo(&s.base, &query, None).await;
    assert!(page.contains("data-saved-card=\"\""), "nothing saved yet");

    let first = order(&s.base, gateway).await;
    let mut body = payer(&first, good_card(gateway), ("01", "2038"));
    body["req_token"] = json!("Y");
    let (code, v) = pay_at(&s.base, "a1", &body, Some(&alice)).await;
    assert!(code == 200 && is_success(&v), "{v}");
    let tokens = gateway_tokens(&s);
    assert_eq!(tokens.len(), 1, "the gateway issued a token");
    let leaks = |text: &str| tokens.iter().any(|t| text.contains(t.as_str())) || text.contains("card_token") || text.contains("\"token\"");
    assert!(!leaks(&v.to_string()), "no token in the pay answer: {v}");
    assert!(!leaks(&status(&s.base, &first).await.to_string()));
    let (_, replay) = pay_at(&s.base, "a1", &body, Some(&alice)).await;
    assert!(!leaks(&replay.to_string()), "nor in its replay");

    let (_, page) = demo(&s.base, &query, Some(&alice)).await;
    assert!(!leaks(&page), "no token in the page");
    let id = saved_id(&page, good_card(gateway));

    // Alice pays her next order with it
    let second = order(&s.base, gateway).await;
    let (code, v) = pay_at(&s.base, "a2", &by_saved_card(&second, &id), Some(&alice)).await;
    assert!(code == 200 && is_success(&v), "{v}");
    assert!(!leaks(&v.to_string()));
    assert_eq!(charges(&s.data, &second), 1);

    // Bob, another session, or no session at all, pays nothing with Alice's id
    let (bob, _) = demo(&s.base, &query, None).await;
    let third = order(&s.base, gateway).await;
    for (key, cookie) in [("b1", Some(bob.as_str())), ("b2", None)] {
        let (code, v) = pay_at(&s.base, key, &by_saved_card(&third, &id), cookie).await;
        assert!(!is_success(&v) && v.to_string().contains("saved_card_id"), "{code} {v}");
    }
    // a raw token pays nothing either, whoever sends it
    for cookie in [Some(alice.as_str()), Some(bob.as_str()), None] {
        let raw = json!({"order_id": third, "card_token": tokens[0], "payer_first_name": "John", "payer_last_name": "Doe", "payer_email": "doe@example.com"});
        let (code, v) = pay_at(&s.base, &format!("raw-{cookie:?}"), &raw, cookie).await;
        assert_eq!(code, 400, "{v}");
    }
    assert_eq!(charges(&s.data, &third), 0);
    assert_eq!(status(&s.base, &third).await["status"], "NEW");
}

#[tokio::test]
async fn platform_saved_cards_stay_in_their_session() {
    saved_card_flow("platform").await;
}

#[tokio::test]
async fn paycross_saved_cards_stay_in_their_session() {
    saved_card_flow("paycross").await;
}
