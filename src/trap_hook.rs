//! A trap on purpose, for the loader's fail-safe test (tests/e2e/failsafe.test.mjs): with
//! `window.__checkoutWidgetTrap` set, Pay traps before the widget cancels the form's native
//! submit, as a defect in the release build would (its panics are traps). Compiled only
//! with the `trap-hook` feature, which a release build refuses (scripts/build-debug.sh).

#[cfg(not(debug_assertions))]
compile_error!("trap-hook is for debug builds only: the shipped wasm must not carry it");

/// Traps when the page asked for it.
pub fn on_submit() {
    let asked = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &"__checkoutWidgetTrap".into()).ok());
    if asked.is_some_and(|v| v.is_truthy()) {
        core::arch::wasm32::unreachable();
    }
}
