//! The widget's one effect hook.
//!
//! Every `use_effect_with` call site has a closure type of its own, and Yew compiles its
//! effect machinery (the hook, its state, its drop code) once per type: six call sites cost
//! the wasm six copies. Here every effect is a boxed closure behind one call site, keyed by
//! a counter the state bumps when what the effect watches changes, so the machinery is
//! compiled once.

use yew::prelude::*;

/// What an effect leaves to run when the next one replaces it or its component goes.
pub type Teardown = Box<dyn FnOnce()>;

/// An effect: run after a render, it leaves its teardown.
pub type Effect = Box<dyn FnOnce() -> Teardown>;

/// An effect with nothing to undo.
pub fn nothing() -> Teardown {
    Box::new(|| ())
}

/// Runs `effect` after the first render and after every render in which `seq` changed.
#[hook]
pub fn use_effect_on(seq: u32, effect: Effect) {
    use_effect_with(seq, move |_| effect());
}
