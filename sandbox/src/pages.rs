//! The sandbox's pages: the demo checkout, the return page after 3-D Secure, and the
//! embedding examples. No inline script or style: they run under a strict CSP.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::merchant::customers;
use crate::merchant::orders::{self, create_order, NewOrder};
use crate::App;

/// The sandbox pages' policy (what a merchant's page needs for the widget) with its
/// `frame-ancestors` source. `form-action` and `frame-src` name the banks' hosts (the
/// redirect's form, the inline challenge's frame): here the sandbox and loopback servers.
macro_rules! csp {
    ($ancestors:literal) => {
        concat!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; ",
            "object-src 'none'; base-uri 'none'; frame-ancestors ",
            $ancestors,
            "; form-action 'self' http://127.0.0.1:* http://localhost:*; frame-src 'self' http://127.0.0.1:* http://localhost:*"
        )
    };
}

/// The CSP every sandbox page is served with: no page frames a checkout.
pub const CSP: &str = csp!("'none'");

/// The return page's: frameable by the sandbox itself (the inline challenge's frame lands
/// there and tells its parent).
const CSP_RETURN: &str = csp!("'self'");

/// The same policy less 'wasm-unsafe-eval': the widget must say so visibly.
const CSP_NO_WASM: &str = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";

/// Escapes text for HTML content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

pub fn page(status: StatusCode, title: &str, body: &str) -> Response {
    page_with_csp(status, title, body, CSP)
}

/// A page under another CSP (the example of a policy without 'wasm-unsafe-eval').
pub fn page_with_csp(status: StatusCode, title: &str, body: &str, csp: &'static str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"/static/sandbox.css\"></head>\
         <body><main>{}</main></body></html>",
        esc(title),
        body
    );
    let mut r = (status, html).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    h.insert("Content-Security-Policy", HeaderValue::from_static(csp));
    h.insert("Referrer-Policy", HeaderValue::from_static("no-referrer"));
    h.insert("X-Content-Type-Options", HeaderValue::from_static("nosniff"));
    r
}

/// The widget's files as a page that embeds it loads them, each pinned by its SRI hash from
/// the built package's `manifest.json` (read per page, so a rebuild while the sandbox runs
/// is picked up; unpinned without one): the stylesheet, the README's "preload the wasm"
/// line, the ES module (a `modulepreload` carries the hash an `import` cannot), and the
/// script-tag file.
struct Widget(Option<serde_json::Value>);

impl Widget {
    fn of(app: &App) -> Widget {
        let manifest = std::fs::read_to_string(app.cfg.widget_dir.join("manifest.json")).ok();
        Widget(manifest.and_then(|m| serde_json::from_str(&m).ok()))
    }

    fn sri(&self, file: &str) -> Option<&str> {
        self.0.as_ref()?["files"][file]["integrity"].as_str()
    }

    /// ` integrity="sha384-…"`, or nothing for an unbuilt package.
    fn integrity(&self, file: &str) -> String {
        self.sri(file).map(|h| format!(r#" integrity="{}""#, esc(h))).unwrap_or_default()
    }

    /// The stylesheet and the preloads, first in the page's body.
    fn head(&self) -> String {
        let css = format!(r#"<link rel="stylesheet" href="/widget/checkout-widget.css"{}>"#, self.integrity("checkout-widget.css"));
        let module = format!(r#"<link rel="modulepreload" href="/widget/index.js"{}>"#, self.integrity("index.js"));
        let wasm = self.sri("checkout_widget_bg.wasm").map(|h| {
            format!(r#"<link rel="preload" href="/widget/checkout_widget_bg.wasm" as="fetch" type="application/wasm" crossorigin integrity="{}">"#, esc(h))
        });
        format!("{css}{module}{}", wasm.unwrap_or_default())
    }

    fn script_tag(&self) -> String {
        format!(r#"<script src="/widget/checkout-widget.js"{}></script>"#, self.integrity("checkout-widget.js"))
    }
}

/// The `?locale=` of a demo page: a language tag (`de`, `zh-TW`: the widget resolves it and
/// falls back to English for one it has no texts for), else English. Only letters and
/// hyphens: it is written into the page.
fn page_locale(q: Option<&str>) -> &str {
    q.filter(|l| (2..=12).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')).unwrap_or("en")
}

#[derive(Deserialize, Default)]
pub struct DemoQuery {
    amount: Option<String>,
    currency: Option<String>,
    description: Option<String>,
    gateway: Option<String>,
    auth: Option<String>,
    #[serde(rename = "async")]
    is_async: Option<String>,
    locale: Option<String>,
    email: Option<String>,
    challenge: Option<String>,
}

const TEST_CARDS: &str = r#"
<details class="cards"><summary>Sandbox test cards</summary>
<p>Payment Platform (default): card <code>4111 1111 1111 1111</code>, any CVC; the expiry picks the outcome.</p>
<table><thead><tr><th scope="col">Expiry</th><th scope="col">Outcome</th></tr></thead><tbody>
<tr><td>01/38</td><td>Success (SETTLED; with auth=Y: PENDING)</td></tr>
<tr><td>02/38</td><td>Declined</td></tr>
<tr><td>03/38</td><td>Authorised (PENDING)</td></tr>
<tr><td>05/38</td><td>3-D Secure, then SETTLED</td></tr>
<tr><td>06/38</td><td>3-D Secure, then DECLINED</td></tr>
<tr><td>12/38</td><td>Redirect (GET), then SETTLED</td></tr>
<tr><td>12/39</td><td>Redirect (GET), then DECLINED</td></tr>
</tbody></table>
<p>PayCross v3 (<a href="/?gateway=paycross">try it</a>): <code>4200 0000 0000 0000</code> success, <code>4005 5500 0000 0019</code> declined,
<code>4012 0000 0000 1097</code> 3-D Secure then success, <code>4012 0000 0000 1014</code> 3-D Secure failure.</p>
<p>Variants: <a href="/?auth=Y">authorise only</a> · <a href="/?async=Y">asynchronous</a> · <a href="/?gateway=platform-v2">list-shaped redirect params</a> ·
<a href="/?challenge=inline">3-D Secure inline</a> ·
<a href="/?locale=ru">по-русски</a> · <a href="/?locale=de">Deutsch</a> · <a href="/?locale=ar">العربية</a> · <a href="/?locale=he">עברית</a> · <a href="/?locale=ja">日本語</a> · <a href="/?locale=zh-TW">繁體中文</a>. Tick "Save this card" once: this browser's next order offers it (a session cookie; the page never sees the card's token).</p>
</details>"#;

/// `GET /`: a fresh order and the widget. The payer's session (a cookie this backend
/// starts) is where saved cards live: the page gets an opaque id, never a token.
pub async fn demo(State(app): State<App>, headers: HeaderMap, Query(q): Query<DemoQuery>) -> AppResult<Response> {
    let order = NewOrder {
        amount: q.amount.unwrap_or_else(|| "12.00".into()),
        currency: q.currency.unwrap_or_else(|| "USD".into()),
        description: q.description.unwrap_or_else(|| "Sandbox order: 1 × coffee beans".into()),
        auth: q.auth,
        is_async: q.is_async,
        gateway: q.gateway,
    };
    let id = match create_order(&app, &order).await {
        Err(AppError::Field { field, message }) => {
            let body = format!("<h1>Bad order</h1><p>{}: {}</p>", esc(&field), esc(&message));
            return Ok(page(StatusCode::BAD_REQUEST, "Bad order", &body));
        }
        created => created?,
    };
    let gateway = orders::load_or_404(&app, &id).await?.gateway;
    let (customer, new_cookie) = match customers::of_request(&app, &headers).await? {
        Some(c) => (c, None),
        None => {
            let (c, cookie) = customers::start(&app).await?;
            (c, Some(cookie))
        }
    };
    let saved = customers::saved_card(&app, &customer, gateway).await?;
    let saved = saved.and_then(|s| serde_json::to_string(&s).ok()).unwrap_or_default();
    let locale = page_locale(q.locale.as_deref());
    // `?challenge=inline`: the bank's page in the widget's dialog; anything else redirects
    let challenge = if q.challenge.as_deref() == Some("inline") { "inline" } else { "redirect" };
    let body = format!(
        r#"{preload}<h1>Sandbox checkout</h1>
<p class="order">Order <code>{id}</code>: {desc} — <strong>{amount} {currency}</strong></p>
<div id="checkout" data-order-id="{id}" data-amount="{amount}" data-currency="{currency}" data-description="{desc}"
 data-locale="{locale}" data-email="{email}" data-saved-card="{saved}" data-challenge="{challenge}"></div>
<script type="module" src="/static/demo.js"></script>
{cards}"#,
        id = esc(&id),
        desc = esc(&order.description),
        amount = esc(&order.amount),
        currency = esc(&order.currency),
        locale = locale,
        email = esc(&q.email.unwrap_or_default()),
        saved = esc(&saved),
        cards = TEST_CARDS,
        preload = Widget::of(&app).head(),
    );
    let mut r = page(StatusCode::OK, "Sandbox checkout", &body);
    if let Some(cookie) = new_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        r.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(r)
}

#[derive(Deserialize)]
pub struct ReturnQuery {
    order_id: Option<String>,
    locale: Option<String>,
}

/// `GET /return?order_id=…`: where the payer lands after 3-D Secure; the widget in
/// result mode shows the order's final status.
pub async fn return_page(State(app): State<App>, Query(q): Query<ReturnQuery>) -> Response {
    let id = q.order_id.unwrap_or_default();
    if !matches!(orders::load(&app.store, &id).await, Ok(Some(_))) {
        return page(StatusCode::NOT_FOUND, "Unknown order", "<h1>Unknown order</h1><p>No such order.</p>");
    }
    let locale = page_locale(q.locale.as_deref());
    let body = format!(
        r#"{head}<h1>Your payment</h1>
<div id="checkout" data-mode="result" data-order-id="{id}" data-locale="{locale}"></div>
<p><a href="/">New sandbox order</a></p>
<script type="module" src="/static/demo.js"></script>"#,
        id = esc(&id),
        head = Widget::of(&app).head(),
    );
    page_with_csp(StatusCode::OK, "Your payment", &body, CSP_RETURN)
}

/// `GET /examples/{name}`: the three ways to embed, each a full checkout.
pub async fn example(State(app): State<App>, axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let order = NewOrder {
        amount: "4.99".into(),
        currency: "EUR".into(),
        description: "Example order".into(),
        auth: None,
        is_async: None,
        gateway: None,
    };
    let Ok(id) = create_order(&app, &order).await else {
        return page(StatusCode::INTERNAL_SERVER_ERROR, "Error", "<p>Could not create an order.</p>");
    };
    let id = esc(&id);
    let widget = Widget::of(&app);
    let (preload, script) = (widget.head(), widget.script_tag());
    let body = match name.as_str() {
        "script-tag.html" => format!(
            r#"{preload}<h1>Script tag</h1><div id="checkout" data-order-id="{id}"></div>
{script}<script src="/static/example-script-tag.js"></script>"#
        ),
        "es-module.html" => format!(
            r#"{preload}<h1>ES module</h1><div id="checkout" data-order-id="{id}"></div><script type="module" src="/static/example-module.js"></script>"#
        ),
        "custom-element.html" => format!(
            r#"{preload}<h1>Custom element</h1>
<checkout-widget endpoint="/api/pay" status-url="/api/orders/{{order_id}}" order-id="{id}" amount="4.99" currency="EUR" description="Example order" locale="en"
 hidden-fields="payer_middle_name payer_birth_date" optional-fields="payer_address2 payer_phone"></checkout-widget>
<p id="events" aria-live="polite"></p>
<script type="module" src="/static/example-element.js"></script><script type="module" src="/widget/index.js"></script>"#
        ),
        "no-wasm-eval.html" => {
            let body = format!(
                r#"{preload}<h1>CSP without 'wasm-unsafe-eval'</h1><div id="checkout" data-order-id="{id}"></div>
{script}<script src="/static/example-script-tag.js"></script>"#
            );
            return page_with_csp(StatusCode::OK, "Embedding example", &body, CSP_NO_WASM);
        }
        _ => return page(StatusCode::NOT_FOUND, "Not found", "<h1>Not found</h1>"),
    };
    page(StatusCode::OK, "Embedding example", &body)
}
