//! The payer's session cookie: HttpOnly and SameSite=Strict always, Secure wherever the
//! page is not plain loopback HTTP, and it ends on the server after 30 days as in the
//! browser (an old cookie starts a new session, and pays no saved card).

mod common;

use common::*;

async fn set_cookie(base: &str, cookie: Option<&str>) -> Option<String> {
    let mut req = client().get(format!("{base}/"));
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    req.send().await.unwrap().headers().get("set-cookie").map(|v| v.to_str().unwrap().to_string())
}

#[tokio::test]
async fn a_session_is_secure_outside_loopback_and_expires_on_the_server() {
    let s = start("sessions", Setup::default()).await;
    let local = set_cookie(&s.base, None).await.expect("a session starts");
    assert!(local.contains("HttpOnly") && local.contains("SameSite=Strict") && local.contains("Max-Age=2592000"), "{local}");
    assert!(!local.contains("Secure"), "plain loopback HTTP: a Secure cookie would be dropped: {local}");
    let cookie = local.split(';').next().unwrap().to_string();
    assert!(set_cookie(&s.base, Some(&cookie)).await.is_none(), "the session is known");
    let c = rusqlite::Connection::open(sandbox::config::merchant_file(&s.data)).unwrap();
    c.execute("UPDATE customers SET created = created - 31 * 24 * 3600", []).unwrap();
    assert!(set_cookie(&s.base, Some(&cookie)).await.is_some(), "after 30 days the server starts a new session");

    let public = start("sessions-public", Setup { public_base: Some("https://shop.example".into()), ..Setup::default() }).await;
    let remote = set_cookie(&public.base, None).await.expect("a session starts");
    assert!(remote.contains("; Secure"), "{remote}");
}
