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

/// The same page listening to the event kinds the widget uses (input, focusout, change,
/// paste, submit, click): the memory benchmark's control for Yew's per-kind listeners.
#[component(HelloListening)]
fn hello_listening() -> Html {
    let name = use_state(String::new);
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let noop = Callback::from(|_: Event| ());
    html! {
        <form class="cw" data-state="editing" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label for="hello-name">{ "Name" }</label>
            <input id="hello-name" name="name" value={(*name).clone()} {oninput} onblur={Callback::from(|_: FocusEvent| ())}
                onchange={noop.clone()} onpaste={noop} />
            <button type="submit" onclick={Callback::from(|_: MouseEvent| ())}>{ format!("Hello {}", *name) }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ChildProps {
    n: usize,
}

#[component(Child)]
fn child(p: &ChildProps) -> Html {
    let v = use_state(String::new);
    let oninput = {
        let v = v.clone();
        Callback::from(move |e: InputEvent| v.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let id = format!("f{}", p.n);
    html! { <div><label for={id.clone()}>{ format!("Field {}", p.n) }</label><input id={id} value={(*v).clone()} {oninput} onblur={Callback::from(|_: FocusEvent| ())} /></div> }
}

/// Sixteen components (a form and fifteen fields), like the widget's tree: the memory
/// benchmark's control for Yew's per-component cost.
#[component(HelloMany)]
fn hello_many() -> Html {
    html! {
        <form class="cw" data-state="editing" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            { for (0..15).map(|n| html! { <Child {n} /> }) }
            <select onchange={Callback::from(|_: Event| ())}><option>{ "x" }</option></select>
            <button type="submit" onclick={Callback::from(|_: MouseEvent| ())}>{ "Pay" }</button>
        </form>
    }
}

#[wasm_bindgen]
pub fn mount_many(target: web_sys::Element) -> ManyHandle {
    ManyHandle(Some(yew::Renderer::<HelloMany>::with_root(target).render()))
}

#[wasm_bindgen]
pub struct ManyHandle(Option<yew::AppHandle<HelloMany>>);

#[wasm_bindgen]
impl ManyHandle {
    pub fn destroy(&mut self) {
        if let Some(a) = self.0.take() {
            a.destroy();
        }
    }
}

#[wasm_bindgen]
pub fn mount_listening(target: web_sys::Element) -> ListeningHandle {
    ListeningHandle(Some(yew::Renderer::<HelloListening>::with_root(target).render()))
}

#[wasm_bindgen]
pub struct ListeningHandle(Option<yew::AppHandle<HelloListening>>);

#[wasm_bindgen]
impl ListeningHandle {
    pub fn destroy(&mut self) {
        if let Some(a) = self.0.take() {
            a.destroy();
        }
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
