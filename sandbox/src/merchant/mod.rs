//! The reference merchant backend: what a merchant writes behind the widget, and what the
//! README tells merchants to copy. It keeps the order (the browser never decides the
//! amount), re-checks the payer's fields with the same rules crate, lets one attempt at a
//! time claim an order, signs, calls the gateway, and settles every outcome it did not
//! see by asking the gateway.
//!
//! - [`orders`]: creating and reading orders; the state machine's writes.
//! - [`attempts`]: one Idempotency-Key, one attempt: claimed, finished, replayed.
//! - [`pay`]: `POST /api/pay`.
//! - [`client`]: the gateway client (SALE, status queries, CAPTURE) in both dialects.
//! - [`reconcile`]: settling an attempt whose outcome is unknown; the sweep on a clock.
//! - [`reversal`]: giving back a charge nobody waits for (a SALE that arrived late).
//! - [`callbacks`]: callbacks as hints, confirmed with the gateway.
//! - [`customers`]: the payer's session and the cards kept for it.
//! - [`capture`]: capturing a held authorisation.

pub mod attempts;
pub mod callbacks;
pub mod capture;
pub mod client;
pub mod customers;
pub mod orders;
pub mod pay;
pub mod reconcile;
pub mod relay;
pub mod reversal;
