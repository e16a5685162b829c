//! The inline challenge's dialog: a modal `<dialog>` in the widget's own root holding the
//! bank's page in a frame (EMVCo's 390×400 window, the full screen on a phone), with a
//! close button before it and, after it, the full-page way to the bank for a bank that
//! refuses to be framed. Focus stays inside: Tab past the last button comes back to the
//! first, Shift-Tab past the first to the last; Escape closes, as the close button does.

use yew::prelude::*;

use crate::i18n::{t, Key, Lang};

/// What the dialog's buttons do.
pub struct DialogActions {
    /// Close: back to the form, the attempt left as it is.
    pub cancel: Callback<()>,
    /// The bank's page in the whole window, as the redirect mode does.
    pub full_page: Callback<MouseEvent>,
}

const FIRST: &str = ".cw-dialog-close";
const LAST: &str = ".cw-dialog-continue";

/// Whether `e`'s target matches `selector`.
fn on(e: &KeyboardEvent, selector: &str) -> bool {
    e.target_dyn_into::<web_sys::Element>().is_some_and(|el| el.matches(selector).unwrap_or(false))
}

/// Escape closes; Tab and Shift-Tab wrap around at the dialog's two ends. (Focus inside
/// the bank's page leaves it through the buttons on each side of its frame.) Tab is known
/// by its `code`: WebKitGTK may name Shift-Tab's `key` "Unidentified".
fn keys(root: web_sys::Element, cancel: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        let wrap_to = match (e.key().as_str(), e.code().as_str()) {
            ("Escape", _) => {
                e.prevent_default();
                return cancel.emit(());
            }
            (_, "Tab") if e.shift_key() && (on(&e, FIRST) || on(&e, "dialog")) => LAST,
            (_, "Tab") if !e.shift_key() && on(&e, LAST) => FIRST,
            _ => return,
        };
        e.prevent_default();
        crate::effects::focus(&root, wrap_to);
    })
}

/// The dialog, rendered while the bank's page is in it (`challenge::on_dialog` shows it as
/// a modal and fills its frame once it is in the page).
pub fn view(lang: Lang, uid: &str, root: &web_sys::Element, actions: DialogActions) -> Html {
    let title_id = format!("{uid}-dialog-title");
    let title = t(lang, Key::ChallengeTitle);
    let (close, close_request) = (actions.cancel.clone(), actions.cancel.clone());
    // the browser's own close request (Android's back button, Escape where the key was not
    // heard) closes as the button does, through the widget's state
    let oncancel = Callback::from(move |e: Event| {
        e.prevent_default();
        close_request.emit(());
    });
    html! {
        <dialog class="cw-dialog" role="dialog" aria-modal="true" aria-labelledby={title_id.clone()}
            onkeydown={keys(root.clone(), actions.cancel)} {oncancel}>
            <div class="cw-dialog-head">
                <h2 id={title_id} class="cw-dialog-title">{ title }</h2>
                <button type="button" class="cw-secondary cw-dialog-close" onclick={Callback::from(move |_: MouseEvent| close.emit(()))}>
                    { t(lang, Key::ChallengeClose) }
                </button>
            </div>
            <iframe class="cw-bank" name={format!("{uid}-bank")} {title}></iframe>
            <button type="button" class="cw-secondary cw-dialog-continue" onclick={actions.full_page}>{ t(lang, Key::ChallengeContinue) }</button>
        </dialog>
    }
}
