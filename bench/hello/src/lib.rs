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

#[wasm_bindgen]
pub fn mount(target: web_sys::Element) {
    yew::Renderer::<Hello>::with_root(target).render();
}
