//! What a mounted widget has running — requests in flight, loops, the one navigation — and
//! the wait its loops use. Everything here stops when the widget is destroyed.

use wasm_bindgen_futures::JsFuture;

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(p).await;
}

/// What a mounted widget has running: the requests in flight, aborted when it is
/// destroyed, and whether it still lives (loops and answers stop when it does not).
pub struct Running {
    alive: bool,
    requests: Vec<web_sys::AbortController>,
    /// A payment POST is in flight: Pay and "Retry safely" wait for it.
    pub paying: bool,
    /// The 3-D Secure navigation was started: it starts once.
    pub redirected: bool,
    /// The status loop that counts (see `result::poll`): a newer one ends the older.
    pub status_loop: u32,
}

impl Default for Running {
    fn default() -> Running {
        Running { alive: true, requests: Vec::new(), paying: false, redirected: false, status_loop: 0 }
    }
}

impl Running {
    pub fn alive(&self) -> bool {
        self.alive
    }
    /// Lists a request, to be aborted if the widget is destroyed first.
    pub fn track(&mut self, request: web_sys::AbortController) {
        self.requests.push(request);
    }
    /// The widget is destroyed: abort what is in flight, start nothing more.
    pub fn stop(&mut self) {
        self.alive = false;
        for c in &self.requests {
            c.abort();
        }
        self.requests.clear();
    }
}
