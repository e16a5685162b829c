// The loader's safety net around the wasm, in JavaScript because it has to hold when the
// wasm does not: the widget's form never submits natively, one widget per element, and a
// widget whose wasm traps (or throws through its glue) is replaced by a calm message and
// reported as `internal`. Bundled into index.js by scripts/build.sh.

/** Shown to the payer in place of a widget that stopped. */
const STOPPED = 'Something went wrong. Please reload the page.';

/** Host element → its widget: `{root, onError, note}` once mounted, null while mounting. */
const live = new Map();
/** The error that stopped the wasm, once one has: its state is unknown after it. */
let stopped = null;

/** Enter in a field submits a form natively, which for a form without `action` is a GET of
 *  the page's own URL with every named field in the query: card data in the address bar,
 *  history and logs. The wasm cancels that too, but only while it runs. */
function noNativeSubmit(e) {
  if (e.target.closest?.('.cw')) e.preventDefault();
}

function describe(el) {
  return el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
}

/** A message in place of `at` (the target or the widget's root), announced as an alert. */
export function showMessage(at, text, replaceChildren) {
  const p = document.createElement('p');
  p.className = 'cw-load-error';
  p.setAttribute('role', 'alert');
  p.textContent = text;
  if (replaceChildren) at.replaceChildren(p);
  else at.replaceWith(p);
  return p;
}

/** Whether an uncaught error comes from the widget: a WebAssembly trap, or an exception
 *  thrown in this module (the wasm-bindgen glue is bundled into it) — where it was thrown,
 *  the stack's first frame, as a merchant's listener of a checkout-* event has this module
 *  below it. The widget's own reports (load errors, refused options) are meant. */
function fromWidget(err) {
  if (!err || err.code || /^checkout-widget:/.test(err.message)) return false;
  if (err instanceof WebAssembly.RuntimeError) return true;
  // V8 `    at f (url:1:2)`, Gecko and WebKit `f@url:1:2`
  const thrownAt = String(err.stack || '').split('\n').find((line) => /:\d+:\d+\)?$/.test(line.trim()));
  return !!thrownAt && thrownAt.includes(import.meta.url);
}

function internal(err) {
  const e = new Error(`checkout-widget: stopped after an internal error (${err}); the payer is asked to reload the page`);
  e.code = 'internal';
  return e;
}

/** The wasm failed: every widget of the page (they share its memory) gives way to the
 *  message, and each merchant hears `internal`. */
function stop(err) {
  if (stopped || !fromWidget(err) || !live.size) return;
  stopped = internal(err);
  console.error(stopped.message);
  for (const w of live.values()) {
    if (!w) continue;
    w.note = showMessage(w.root, STOPPED);
    w.onError?.({ code: stopped.code, message: stopped.message });
  }
}

// only in a browser: importing the package on a server (SSR) touches no global of a page
if (typeof addEventListener === 'function') {
  addEventListener('error', (e) => stop(e.error));
  addEventListener('unhandledrejection', (e) => stop(e.reason));
}

/** Reserves `el` for one widget: a second mount while one lives (or mounts) there rejects. */
export function claim(el) {
  if (!(el instanceof Element)) return;
  if (live.has(el)) throw new Error(`checkout-widget: ${describe(el)} already holds a checkout widget; destroy() it before mounting another`);
  live.set(el, null);
}

export function release(el) {
  live.delete(el);
}

/** Mounts through `mountWasm` behind the submit guard; the handle's destroy() undoes both.
 *  After a failure of the wasm, nothing mounts again: the payer reads the message. */
export function attach(el, onError, mountWasm) {
  if (stopped) {
    if (el) showMessage(el, STOPPED, true);
    release(el);
    onError?.({ code: stopped.code, message: stopped.message });
    throw stopped;
  }
  el?.addEventListener('submit', noNativeSubmit, true);
  const detach = () => {
    el?.removeEventListener('submit', noNativeSubmit, true);
    release(el);
  };
  let handle;
  try {
    handle = mountWasm();
  } catch (e) {
    detach();
    stop(e);
    throw stopped || e;
  }
  const w = { root: handle.root, onError, note: null };
  if (el) live.set(el, w);
  const destroy = handle.destroy;
  handle.destroy = () => {
    if (live.get(el) !== w) return;
    detach();
    // a stopped wasm is not called again: its message goes, as the widget would have
    if (w.note) w.note.remove();
    else destroy.call(handle);
  };
  return handle;
}
