//! Who may frame which page (the inline challenge): the bank's 3-D Secure page and
//! the return page are frameable by the sandbox's own origin, its checkout pages by no one;
//! the variant whose bank refuses framing (`acs_refuses_framing`) says so both ways browsers
//! read it.

mod common;

use checkout_rules::answer::{self, Outcome};
use common::*;
use sandbox::Dialect;

fn three_ds_card(gateway: &str) -> (&'static str, (&'static str, &'static str)) {
    if gateway == "paycross" {
        ("4012000000001097", ("01", "2038"))
    } else {
        ("4111111111111111", ("05", "2038"))
    }
}

/// Pays with a 3-D Secure card and opens the ACS page as the redirect says; its headers.
async fn acs_headers(s: &Server, gateway: &str) -> reqwest::header::HeaderMap {
    let id = order(&s.base, gateway).await;
    let (number, exp) = three_ds_card(gateway);
    let (_, a) = pay(&s.base, &format!("k-frame-{gateway}"), &payer(&id, number, exp)).await;
    let Ok(Outcome::Redirect { plan, .. }) = answer::parse_value(&a) else { panic!("{gateway}: not a redirect: {a}") };
    let c = client();
    let page = match plan.method {
        checkout_rules::Method::Post => c.post(&plan.url).form(&plan.params).send().await.unwrap(),
        checkout_rules::Method::Get => c.get(&plan.url).send().await.unwrap(),
    };
    assert_eq!(page.status(), 200, "{gateway}");
    page.headers().clone()
}

fn csp(h: &reqwest::header::HeaderMap) -> String {
    h.get("content-security-policy").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

#[tokio::test]
async fn the_acs_and_the_return_page_are_frameable_by_the_sandbox_only() {
    for gateway in ["platform", "paycross"] {
        let setup = Setup { dialect: Dialect::parse(gateway).unwrap(), ..Setup::default() };
        let s = start(&format!("framing-{gateway}"), setup).await;
        let h = acs_headers(&s, gateway).await;
        assert!(csp(&h).contains("frame-ancestors 'self'"), "{gateway}: {h:?}");
        assert!(h.get("x-frame-options").is_none(), "{gateway}: {h:?}");
        let id = order(&s.base, gateway).await;
        let back = client().get(format!("{}/return?order_id={id}", s.base)).send().await.unwrap();
        assert!(csp(back.headers()).contains("frame-ancestors 'self'"), "the return page tells its framing parent");
        let checkout = client().get(format!("{}/", s.base)).send().await.unwrap();
        assert!(csp(checkout.headers()).contains("frame-ancestors 'none'"), "the checkout itself is never framed");
    }
}

#[tokio::test]
async fn the_refusing_bank_denies_every_frame() {
    let s = start("framing-deny", Setup { acs_refuses_framing: true, ..Setup::default() }).await;
    let h = acs_headers(&s, "platform").await;
    assert_eq!(h.get("x-frame-options").map(|v| v.to_str().unwrap()), Some("DENY"));
    assert!(csp(&h).contains("frame-ancestors 'none'"), "{h:?}");
}
