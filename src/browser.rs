//! The payer's browser as 3-D Secure 2 asks for it (PayCross v3 `additional_data.browser`):
//! what an issuer uses to choose a frictionless payment or a challenge. Read at each submit,
//! exactly these fields and nothing else, fitted into EMVCo's limits by the rules crate
//! (an HDR screen's colour depth, a long language tag); `accept_header` and the IP are
//! added by the merchant's backend from the payer's own request (a page cannot read its
//! Accept header). Read in JS: an object literal of browser properties is what JS says best.

use checkout_rules::browser::{Browser, BrowserField};
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
    /// The browser's own values.
    #[wasm_bindgen(js_name = browser)]
    fn read() -> JsValue;
}

/// The `browser` object sent with the payment.
pub fn data() -> JsValue {
    let o = read();
    let get = |f: BrowserField| js_sys::Reflect::get(&o, &f.name().into()).unwrap_or(JsValue::UNDEFINED);
    let num = |f| get(f).as_f64().unwrap_or(0.0);
    let (language, user_agent) = (get(BrowserField::Language).as_string(), get(BrowserField::UserAgent).as_string());
    use BrowserField::*;
    let b = Browser {
        screen_width: num(ScreenWidth),
        screen_height: num(ScreenHeight),
        color_depth: num(ColorDepth),
        window_width: num(WindowWidth),
        window_height: num(WindowHeight),
        time_zone: num(TimeZone),
        language: language.as_deref().unwrap_or_default(),
        user_agent: user_agent.as_deref().unwrap_or_default(),
    }
    .fit();
    let fitted: [(BrowserField, JsValue); 8] = [
        (ScreenWidth, b.screen_width.into()),
        (ScreenHeight, b.screen_height.into()),
        (ColorDepth, b.color_depth.into()),
        (WindowWidth, b.window_width.into()),
        (WindowHeight, b.window_height.into()),
        (TimeZone, b.time_zone.into()),
        (Language, b.language.into()),
        (UserAgent, b.user_agent.into()),
    ];
    for (f, v) in fitted {
        let _ = js_sys::Reflect::set(&o, &f.name().into(), &v);
    }
    o
}
