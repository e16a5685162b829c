//! The widget in headless Chromium (wasm-bindgen-test): mounting, validation as the
//! payer types (en and ru), formatting and caret, paste split, focus on submit, and
//! refused merchant options; one module per subject, the helpers they share in `support`.

mod answers;
mod autofill;
mod language;
mod lifecycle;
mod options;
mod support;
mod typing;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
