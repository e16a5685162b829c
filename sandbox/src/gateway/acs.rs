//! The bank's 3-D Secure page (ACS): the payer authenticates or fails, the gateway tells
//! the merchant by callback and sends the payer back to the merchant's return URL.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::{load_tx, notify, GwStatus};
use crate::pages::esc;
use crate::App;

fn small_page(status: StatusCode, title: &str) -> Response {
    (status, Html(format!("<!doctype html><title>{title}</title><p>{title}.</p>"))).into_response()
}

/// `GET|POST /gateway/acs/{trans_id}`
pub async fn page(State(app): State<App>, Path(trans_id): Path<String>) -> Response {
    super::expire_abandoned(&app).await;
    let tx = match load_tx(&app, &trans_id) {
        Ok(Some(tx)) => tx,
        Ok(None) => return small_page(StatusCode::NOT_FOUND, "Unknown transaction"),
        Err(_) => return small_page(StatusCode::INTERNAL_SERVER_ERROR, "Internal error"),
    };
    if !tx.status.awaits_payer() {
        return small_page(StatusCode::CONFLICT, "This authentication is already completed");
    }
    let action = format!("/gateway/acs/{}/complete", esc(&trans_id));
    let page = format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox bank — 3-D Secure</title><link rel="stylesheet" href="/static/sandbox.css"></head>
<body><main class="acs">
<h1>Sandbox bank: confirm your payment</h1>
<p>Amount: <strong>{amount} {currency}</strong>, order <code>{order}</code>, card ending <code>{last4}</code>.</p>
<p>This is the sandbox's 3-D Secure page. Choose what the bank should answer.</p>
<form method="post" action="{action}"><input type="hidden" name="decision" value="ok"><button type="submit" id="acs-authenticate">Authenticate</button></form>
<form method="post" action="{action}"><input type="hidden" name="decision" value="fail"><button type="submit" id="acs-fail">Fail</button></form>
</main></body></html>"#,
        amount = esc(&tx.amount),
        currency = esc(&tx.currency),
        order = esc(&tx.order_id),
        last4 = esc(tx.last4()),
    );
    let mut r = Html(page).into_response();
    // The inline challenge frames this page in the merchant's page (the sandbox's own
    // origin); the refusing variant is a bank that allows no frame at all.
    let h = r.headers_mut();
    if app.cfg.acs_refuses_framing {
        h.insert("Content-Security-Policy", HeaderValue::from_static("frame-ancestors 'none'"));
        h.insert("X-Frame-Options", HeaderValue::from_static("DENY"));
    } else {
        h.insert("Content-Security-Policy", HeaderValue::from_static("frame-ancestors 'self'"));
    }
    r
}

/// `POST /gateway/acs/{trans_id}/complete`: settle or decline, tell the merchant, send the
/// payer back to the merchant's return URL.
pub async fn complete(State(app): State<App>, Path(trans_id): Path<String>, body: String) -> Response {
    let form: BTreeMap<String, String> = serde_urlencoded::from_str(&body).unwrap_or_default();
    super::expire_abandoned(&app).await;
    let tx = match load_tx(&app, &trans_id) {
        Ok(Some(tx)) => tx,
        Ok(None) => return small_page(StatusCode::NOT_FOUND, "Unknown transaction"),
        Err(_) => return small_page(StatusCode::INTERNAL_SERVER_ERROR, "Internal error"),
    };
    // the merchant's return URL as the widget checks a redirect's: http(s), nothing a
    // browser would read differently (the SALE refused others; this is the last gate)
    let back = tx.return_url.clone().filter(|u| !u.is_empty()).unwrap_or_else(|| format!("{}/return", app.cfg.base));
    if checkout_rules::url::Url::parse(&back).is_err() {
        return small_page(StatusCode::BAD_REQUEST, "The merchant's return address is not a valid http(s) URL");
    }
    if tx.status.awaits_payer() {
        let ok = tx.final_ok && form.get("decision").map(String::as_str) == Some("ok");
        let status = match ok {
            true if tx.auth => GwStatus::Pending,
            true => GwStatus::Settled,
            false => GwStatus::Declined,
        };
        let reason = (!ok).then_some("3-D Secure authentication failed");
        if super::set_tx_status(&app, &trans_id, status, reason).is_err() {
            return small_page(StatusCode::INTERNAL_SERVER_ERROR, "Internal error");
        }
        notify::transaction_changed(&app, &trans_id).await;
    }
    Redirect::to(&back).into_response()
}
