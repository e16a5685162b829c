//! Mount and destroy: nothing left behind, and no memory kept across cycles.

use crate::support::*;

#[wasm_bindgen_test]
async fn a_destroyed_widget_leaves_nothing_and_the_next_mount_starts_fresh() {
    let a = host();
    let keep = doc().create_element("p").unwrap();
    a.append_child(&keep).unwrap();
    let mut first = mount(a.clone().into(), options("")).unwrap();
    flush().await;
    type_into(&a, "card_number", "4111 1111 1111 1111").await;
    type_into(&a, "payer_email", "not-an-email").await;
    blur(&a, "payer_email").await;
    assert_eq!(invalid(&a, "payer_email").as_deref(), Some("true"));
    first.destroy();
    flush().await;
    assert_eq!(a.child_element_count(), 1, "only the merchant's own element is left");
    assert!(a.query_selector("input").unwrap().is_none(), "no card input survives destroy");

    // The next mounts reuse the destroyed widget's app (and may run side by side):
    // each starts from an empty form in its own target.
    let b = host();
    let mut second = mount(b.clone().into(), options("")).unwrap();
    let mut third = mount(a.clone().into(), options(&russian())).unwrap();
    flush().await;
    for root in [&a, &b] {
        assert_eq!(state(root), "editing");
        assert_eq!(input(root, "card_number").value(), "", "no value carried over");
        assert_eq!(invalid(root, "payer_email"), None, "no message carried over");
    }
    assert_eq!(a.query_selector("[lang]").unwrap().unwrap().get_attribute("lang").as_deref(), Some("ru"));
    assert_eq!(b.query_selector("[lang]").unwrap().unwrap().get_attribute("lang").as_deref(), Some("en"));
    // Input ids stay unique across the two live widgets.
    assert_ne!(input(&a, "card_number").id(), input(&b, "card_number").id());
    type_into(&b, "card_number", "4111").await;
    assert_eq!(input(&a, "card_number").value(), "", "typing in one widget leaves the other alone");
    second.destroy();
    third.destroy();
    flush().await;
    assert_eq!(b.child_element_count(), 0);
    assert_eq!(a.child_element_count(), 1);
}

/// Mount/destroy cycles (an SPA's route changes, a custom element moved around) must not
/// grow the wasm memory: Yew keeps the listeners of every app's root forever, so the widget
/// reuses its apps instead of making one per mount. Memory grows by 64 KB pages, and the
/// cycles below are enough for a per-mount leak to add several (BENCHMARKS.md, memory).
#[wasm_bindgen_test]
async fn mount_destroy_cycles_do_not_grow_memory() {
    fn memory_bytes() -> f64 {
        let buffer = js_sys::Reflect::get(&wasm_bindgen::memory(), &"buffer".into()).unwrap();
        js_sys::Reflect::get(&buffer, &"byteLength".into()).unwrap().as_f64().unwrap()
    }
    let h = host();
    let cycle = || async {
        let mut handle = mount(h.clone().into(), options("")).unwrap();
        flush().await;
        type_into(&h, "card_number", "4111 1111").await;
        handle.destroy();
        // one mount/destroy per task, as a page does it: the task after the first render
        // (the country list) runs before the next cycle
        checkout_widget::running::sleep(0).await;
        flush().await;
    };
    for _ in 0..50 {
        cycle().await;
    }
    let before = memory_bytes();
    for _ in 0..300 {
        cycle().await;
    }
    assert_eq!(memory_bytes(), before, "wasm memory grew over 300 mount/destroy cycles");
    assert_eq!(h.child_element_count(), 0);
}
