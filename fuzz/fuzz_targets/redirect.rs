//! The redirect plan from arbitrary url / method / params: never panics; anything it
//! accepts starts with http:// or https:// (any case) and has no whitespace or controls.
#![no_main]

use checkout_rules::RedirectPlan;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.splitn(3, '\u{0}');
    let url = parts.next().unwrap_or("");
    let method = parts.next().map(|m| Value::String(m.to_string()));
    let params = parts.next().and_then(|p| serde_json::from_str::<Value>(p).ok());
    if let Ok(plan) = RedirectPlan::new(Some(&Value::String(url.to_string())), method.as_ref(), params.as_ref()) {
        let lower = plan.url.to_ascii_lowercase();
        assert!(lower.starts_with("https://") || lower.starts_with("http://"), "{}", plan.url);
        assert!(!plan.url.chars().any(|c| c.is_whitespace() || c.is_control()), "{:?}", plan.url);
    }
});
