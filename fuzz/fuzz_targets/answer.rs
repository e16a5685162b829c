//! Any bytes a backend may relay: the answer parser never panics, and whatever redirect
//! it accepts is an http(s) navigation the plan's own rules allow.
#![no_main]

use checkout_rules::url::{Scheme, Url};
use checkout_rules::{answer, Outcome};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(Outcome::Redirect { plan, .. }) = answer::parse(text) {
        let u = Url::parse(&plan.url).expect("an accepted plan has a URL that parses");
        assert!(u.scheme == Scheme::Https || u.is_loopback(), "insecure plan {}", plan.url);
        assert!(plan.url.len() <= checkout_rules::redirect::MAX_URL);
    }
});
