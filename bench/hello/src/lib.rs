//! Hello world in Yew: one input and a button, mounted the same way as the widget.
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[component(Hello)]
fn hello() -> Html {
    let name = use_state(String::new);
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    html! {
        <div class="cw" data-state="editing">
            <label for="hello-name">{ "Name" }</label>
            <input id="hello-name" name="name" value={(*name).clone()} {oninput} />
            <button type="submit">{ format!("Hello {}", *name) }</button>
        </div>
    }
}

/// A mounted hello world, so the memory benchmark can cycle it like the widget.
#[wasm_bindgen]
pub struct HelloHandle(Option<yew::AppHandle<Hello>>);

#[wasm_bindgen]
impl HelloHandle {
    pub fn destroy(&mut self) {
        if let Some(a) = self.0.take() {
            a.destroy();
        }
    }
}

#[wasm_bindgen]
pub fn mount(target: web_sys::Element) -> HelloHandle {
    HelloHandle(Some(yew::Renderer::<Hello>::with_root(target).render()))
}
