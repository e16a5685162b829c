//! The inline 3-D Secure challenge (`challenge: 'inline'`): the bank's page opens in a
//! dialog of the widget (`dialog.rs`) and the payer never leaves the merchant's page.
//!
//! The bank's page ends on the merchant's return page inside the dialog's frame; that page
//! (the widget in result mode) tells the widget in the parent page, which closes its dialog
//! and asks for the status itself. The message carries no outcome, only "ask now": the
//! parent accepts it only from its own frame's window and from its own origin. Posted to
//! the return page's own origin, so a parent of another origin is told nothing. Both sides
//! are written in JS, as `browser.rs`: a few imports instead of many.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::effects::focus;
use crate::hooks::{self, Effect};
use crate::navigate::{self, Target};
use crate::options::Config;
use crate::running::Running;
use crate::state::{Action, Awaiting, Form, Phase};

#[wasm_bindgen(inline_js = "const RETURNED = 'checkout-widget:3ds-returned';
export function tell_parent(orderId) {
  if (parent !== window) parent.postMessage({ type: RETURNED, orderId }, location.origin);
}
export function listen(frame, back) {
  const heard = (e) => {
    if (e.source === frame.contentWindow && e.origin === location.origin && e.data && e.data.type === RETURNED) back();
  };
  addEventListener('message', heard);
  return () => removeEventListener('message', heard);
}")]
extern "C" {
    /// Tells the parent page that the payer is back for `order_id`, if this page is framed.
    pub fn tell_parent(order_id: &str);
    /// Calls `back` when `frame`'s page says the payer is back; the returned function stops listening.
    fn listen(frame: &web_sys::Element, back: &Closure<dyn Fn()>) -> js_sys::Function;
}

/// Where the inline challenge's dialog stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialog {
    Closed,
    /// The bank's page is in the dialog's frame.
    Open,
    /// The payer closed the dialog: the form is back, the attempt kept, its status asked.
    Cancelled,
    /// The bank's page is done: the status is asked.
    Returned,
}

impl Form {
    /// Moves the dialog on: it opens only on the way to the bank, and only an open one is
    /// cancelled or returned from.
    pub(crate) fn move_dialog(&mut self, next: Dialog) {
        match (next, self.dialog) {
            (Dialog::Open, _) if matches!(self.phase, Phase::Redirecting(_)) => self.dialog = Dialog::Open,
            (Dialog::Cancelled, Dialog::Open) => {
                self.dialog = Dialog::Cancelled;
                self.phase = Phase::Editing;
            }
            (Dialog::Returned, Dialog::Open) => self.dialog = Dialog::Returned,
            _ => {}
        }
    }
}

/// The effect of the dialog's state (keyed by it): open, it shows the bank's page in its
/// frame and listens for the return page; cancelled or returned, the status is asked as
/// after an unknown outcome, and focus goes where the payer goes on.
pub fn on_dialog(cfg: Rc<Config>, form: UseReducerHandle<Form>, running: Rc<RefCell<Running>>, root: web_sys::Element) -> Effect {
    Box::new(move || {
        let ask_status = || {
            let (cfg, awaited) = (cfg.clone(), Awaiting::of(&form));
            spawn_local(crate::result::poll(cfg, form.dispatcher(), running.clone(), awaited, 0, false));
        };
        match (form.dialog, &form.phase) {
            (Dialog::Open, Phase::Redirecting(plan)) => return open(plan, &root, form.dispatcher()),
            (Dialog::Cancelled, _) => {
                ask_status();
                focus(&root, ".cw-pay");
            }
            (Dialog::Returned, _) => {
                ask_status();
                focus(&root, ".cw-panel");
            }
            _ => {}
        }
        hooks::nothing()
    })
}

/// Shows the dialog as a modal, focuses it, sends the bank's page into its frame and
/// listens for the return; the teardown stops listening and removes the redirect form.
fn open(plan: &checkout_rules::RedirectPlan, root: &web_sys::Element, form: UseReducerDispatcher<Form>) -> hooks::Teardown {
    let found = |selector| root.query_selector(selector).ok().flatten();
    let (Some(dialog), Some(frame)) = (found("dialog.cw-dialog"), found("iframe.cw-bank")) else { return hooks::nothing() };
    let dialog: web_sys::HtmlDialogElement = dialog.unchecked_into();
    // (a browser without modal dialogs still shows it, in the page's flow)
    if dialog.show_modal().is_err() {
        dialog.set_open(true);
    }
    focus(root, ".cw-dialog-close");
    let back = Closure::<dyn Fn()>::new(move || form.dispatch(Action::Dialog(Dialog::Returned)));
    let unlisten = listen(&frame, &back);
    let _ = navigate::go(plan, Target::Frame(&frame));
    Box::new(move || {
        let _ = unlisten.call0(&JsValue::NULL);
        drop(back);
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            navigate::remove_forms(&doc);
        }
    })
}
