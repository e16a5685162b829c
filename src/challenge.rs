//! The inline 3-D Secure challenge, return side: the bank's page ends on the merchant's
//! return page inside the widget's frame, and that page (the widget in result mode) tells
//! the widget in the parent page, which closes its dialog and asks for the status itself.
//!
//! The message carries no outcome, only "ask now": the parent accepts it only from its own
//! frame's window and from its own origin. Posted to this page's own origin, so a parent of
//! another origin is told nothing. Written in JS, as `browser.rs`: one import instead of
//! five (parent, Object.is, Reflect.set, location.origin, postMessage).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function tell_parent(orderId) {
  if (parent !== window) parent.postMessage({ type: 'checkout-widget:3ds-returned', orderId }, location.origin);
}")]
extern "C" {
    /// Tells the parent page that the payer is back for `order_id`, if this page is framed.
    pub fn tell_parent(order_id: &str);
}
