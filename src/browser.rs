//! The payer's browser as 3-D Secure 2 asks for it (PayCross v3 `additional_data.browser`):
//! what an issuer uses to choose a frictionless payment or a challenge. Read at each submit,
//! exactly these fields and nothing else; `accept_header` and the IP are added by the
//! merchant's backend from the payer's own request (a page cannot read its Accept header).
//! Written in JS: an object literal of browser properties is what JS says best (the same
//! in Rust through `Reflect` compiled to 1 KB of wasm).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function browser() {
  return {
    screen_width: screen.width,
    screen_height: screen.height,
    screen_color_depth: screen.colorDepth,
    language: navigator.language,
    java_enabled: false,
    user_agent: navigator.userAgent,
    time_zone: new Date().getTimezoneOffset(), // minutes: UTC+3 is -180, as the spec's Vilnius example
    time_zone_name: Intl.DateTimeFormat().resolvedOptions().timeZone,
    window_height: innerHeight,
    window_width: innerWidth,
  };
}")]
extern "C" {
    /// The `browser` object sent with the payment.
    #[wasm_bindgen(js_name = browser)]
    pub fn data() -> JsValue;
}
