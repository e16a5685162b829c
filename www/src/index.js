// ES module entry of the checkout widget: `mount(target, options)` → Promise<Handle>.
// Also defines the <checkout-widget> custom element.
import init, { mount as mountWasm } from './checkout_widget.js';
import { attach, claim, release, showMessage } from './failsafe.js';

let ready = null;

/** The SRI hashes of the wasm and of locales.json (which holds each locale file's), written
 *  in by scripts/build.sh from the built files: a byte changed on the way (CDN, proxy, cache)
 *  makes the fetch fail instead of running or showing it. Empty in the unbuilt source. */
const INTEGRITY = { '@sri': 0 };

/** Importing this module is safe anywhere (a server rendering the page imports it too);
 *  only mounting needs a browser. */
const NOT_A_BROWSER = 'checkout-widget: mount() needs a browser (no document here): call it once the page runs in one, e.g. in an effect';

/** A load failure the developer can act on: `code` says what happened, `message` names the URL. */
class LoadError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * Loads the wasm once. `wasmUrl` defaults to the file next to this module; `response` is a
 * fetch of that URL already under way (the script-tag loader starts it early, with the same
 * integrity). Rejects with a LoadError.
 */
export function load(wasmUrl, response) {
  if (typeof document === 'undefined') return Promise.reject(new Error(NOT_A_BROWSER));
  if (!ready) {
    const url = wasmUrl ? new URL(wasmUrl, location.href) : new URL('checkout_widget_bg.wasm', import.meta.url);
    const refused = [];
    const onViolation = (e) => refused.push(`${e.effectiveDirective} ${e.blockedURI}`);
    document.addEventListener('securitypolicyviolation', onViolation);
    ready = fetchPinned(url, INTEGRITY['checkout_widget_bg.wasm'], response, true)
      .then((r) => init({ module_or_path: r }))
      .catch(async (e) => {
        if (e instanceof LoadError) throw e;
        // a violation event arrives as a task after the error: give it that task
        await new Promise((r) => setTimeout(r));
        const text = String(e && e.message ? e.message : e);
        if (refused.some((v) => /^script-src/.test(v) && /eval/.test(v)) || /Content.Security.Policy|unsafe-eval|\bCSP\b/i.test(text)) {
          throw new LoadError('load_csp', `the page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src (${refused[0] || text})`);
        }
        throw (await diagnose(url, null, true)) || new LoadError('load_failed', `${url} did not start: ${text}`);
      })
      .finally(() => document.removeEventListener('securitypolicyviolation', onViolation));
    ready.catch(() => { ready = null; }); // a failed load is tried again by the next mount
  }
  return ready;
}

/** How long a download lost on the way waits before its one retry. */
const RETRY_MS = 400;

/** Fetches `url` with its SRI hash (when built). A failure is diagnosed by diagnose(); one
 *  lost on the way (not an HTTP error, not a changed file) is tried once more. */
async function fetchPinned(url, integrity, response = null, wasm = false) {
  for (let retried = false; ; retried = true) {
    const r = await (response || fetch(url, integrity ? { integrity } : {})).catch(() => null);
    if (r && r.ok) return r;
    // unpinned (the unbuilt source), a file that looks fine now was lost on the way
    const e = (await diagnose(url, r, wasm, integrity)) || new LoadError('load_network', `${url} could not be fetched`);
    if (e.code !== 'load_network' || retried) throw e;
    response = null;
    await new Promise((done) => setTimeout(done, RETRY_MS));
  }
}

/** The SRI form of `bytes`' SHA-384, or null where the page has no WebCrypto (not https). */
async function sri(bytes) {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
    return `sha384-${btoa(String.fromCharCode(...digest))}`;
  } catch {
    return null;
  }
}

/** What is wrong with `url` (fetched again, without integrity, only to be looked at; never
 *  run): unreachable, an HTTP error, or (`wasm`) not WebAssembly. With `integrity`, a file
 *  that arrives now is either another file (load_integrity) or the pinned one, whose first
 *  download was lost (load_network). Without, null when it looks fine. */
async function diagnose(url, answered, wasm, integrity = null) {
  let r = answered;
  let bytes;
  try {
    r = r || (await fetch(url, { cache: 'no-store' }));
    if (!r.ok) return new LoadError('load_http', `${url} answered HTTP ${r.status}`);
    bytes = new Uint8Array(await r.arrayBuffer());
  } catch (e) {
    return new LoadError('load_network', `${url} could not be fetched: ${e.message}`);
  }
  const head = bytes.subarray(0, 4);
  if (wasm && head.join() !== '0,97,115,109') {
    const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
    // Vite 5–7's dev server pre-bundles this module into .vite/deps/, away from its wasm
    const vite = url.pathname.includes('/.vite/') ? ": Vite pre-bundled the package; add optimizeDeps: { exclude: ['rust-card-checkout'] } to vite.config" : '';
    return new LoadError('load_not_wasm', `${url} answered ${r.headers.get('content-type') || 'no content type'}, not WebAssembly (first bytes ${hex})${vite}`);
  }
  if (!integrity) return null;
  if ((await sri(bytes)) === integrity) return new LoadError('load_network', `${url} could not be fetched (it arrived when asked again)`);
  return new LoadError('load_integrity', `${url} does not match its SRI hash ${integrity}; not run`);
}

/** Shown to the payer when the form cannot load; the developer gets the LoadError. */
const LOAD_FAILED = 'The payment form could not load. Please reload the page.';

function targetElement(target) {
  return typeof target === 'string' ? document.querySelector(target) : target;
}

/** The languages the package has a locale file for, each with the file's URL beside this
 *  module (filled in by scripts/build.sh). Written as `new URL('locale-xx.json',
 *  import.meta.url)`, the form Vite, webpack, Rollup and esbuild find and ship as assets.
 *  English is built into the wasm. */
const LOCALES = /*LOCALES*/ {};

/** The package's locale for a BCP 47 tag: its language subtag (three-letter ones are not
 *  cut to two), except Chinese, by script or by the region's usual script, and Norwegian,
 *  written as Bokmål. 'en' for English, undefined for a language without a file. The only
 *  place a tag is mapped: the wasm takes the answer as it is. */
function packageLocale(tag) {
  const [lang, ...sub] = String(tag || '').toLowerCase().split(/[-_]/);
  const traditional = sub.includes('hant') || (!sub.includes('hans') && sub.some((s) => ['tw', 'hk', 'mo'].includes(s)));
  const code = { zh: traditional ? 'zh-Hant' : 'zh-Hans', no: 'nb', nn: 'nb', iw: 'he' }[lang] || lang;
  return code === 'en' || Object.hasOwn(LOCALES, code) ? code : undefined;
}

/** The payer's language: the `locale` option, else the page's `<html lang>`, else the
 *  browser's languages (packageLocale). A language the package has no file for is English
 *  (asked for by the option, or found nowhere). */
function resolveLocale(option) {
  for (const tag of [option, document.documentElement.lang, ...(navigator.languages || [])]) {
    const code = packageLocale(tag);
    if (code) return code;
    if (tag && tag === option) break;
  }
  return 'en';
}

/** A locale's texts, checked against the hash that the (pinned) locales.json gives for them:
 *  an English payer downloads no locale's hash. */
async function fetchTexts(locale) {
  const pins = await (await fetchPinned(new URL('locales.json', import.meta.url), INTEGRITY['locales.json'])).json();
  return (await fetchPinned(LOCALES[locale], pins[`locale-${locale}.json`])).json();
}

/**
 * Mounts the widget. Rejects with an Error naming the option and the rule when an option
 * is refused (nothing is shown then), or when the wasm cannot load (a visible message is
 * shown in the target instead of a blank). A locale file that cannot be fetched leaves the
 * payer in English, with a console warning and `onError({code: 'locale_unavailable'})`.
 * An element holds one widget: mounting into one that holds a live widget rejects, naming
 * it (destroy() the first). A widget whose wasm fails later reports `internal` (failsafe.js).
 */
export async function mount(target, options = {}) {
  if (typeof document === 'undefined') throw new Error(NOT_A_BROWSER);
  const { wasmUrl, ...rest } = options || {};
  const el = targetElement(target);
  claim(el);
  const locale = resolveLocale(rest.locale);
  // The downloads start first; everything else here runs while they are under way.
  const loading = load(wasmUrl);
  // fetched together with the wasm, looked at once the wasm is there
  const texts = locale !== 'en' && fetchTexts(locale);
  texts && texts.catch(() => {});
  // The first Intl.NumberFormat of a page loads its locale data, which takes a while:
  // done here, while the wasm downloads, instead of when the Pay button is first drawn.
  try {
    new Intl.NumberFormat(locale, { style: 'currency', currency: rest.order?.order_currency || 'USD' });
  } catch {}
  try {
    await loading;
  } catch (e) {
    release(el);
    if (el) showMessage(el, LOAD_FAILED, true);
    console.error(`checkout-widget: ${e.message}`);
    rest.onError?.({ code: e.code || 'load_failed', message: e.message });
    throw e;
  }
  rest.locale = locale;
  if (texts) {
    try {
      rest.translations = { ...rest.translations, [locale]: { ...(await texts), ...rest.translations?.[locale] } };
    } catch (e) {
      const message = `checkout-widget: ${locale} texts not loaded (${e.message}), showing English`;
      console.warn(message);
      rest.onError?.({ code: 'locale_unavailable', message });
    }
  }
  return attach(el, rest.onError, () => mountWasm(target, rest));
}

const EVENTS = {
  onReady: 'checkout-ready',
  onChange: 'checkout-change',
  onSubmit: 'checkout-submit',
  onResult: 'checkout-result',
  onError: 'checkout-error',
  beforeRedirect: 'checkout-before-redirect',
};

const ATTRIBUTES = ['endpoint', 'order-id', 'amount', 'currency', 'description', 'locale', 'status-url', 'mode', 'challenge', 'wasm-url',
  'required-fields', 'optional-fields', 'hidden-fields'];

/** `<checkout-widget endpoint order-id amount currency description locale status-url mode challenge wasm-url
 *  required-fields optional-fields hidden-fields>` (the last three: space-separated field names).
 *  Only attributes that are set become options; result mode needs `mode="result"`, `order-id`
 *  and `status-url` alone. Changing an attribute after mount mounts the widget again (a
 *  payment in progress keeps its Idempotency-Key: it lives in sessionStorage too). */
// (on a server there is no HTMLElement: the class is still there, never defined as an element)
export class CheckoutWidgetElement extends (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) {
  static get observedAttributes() {
    return ATTRIBUTES;
  }
  options() {
    const a = (n) => this.getAttribute(n) ?? undefined;
    const options = { endpoint: a('endpoint'), statusUrl: a('status-url'), locale: a('locale'), orderId: a('order-id'), mode: a('mode'), challenge: a('challenge'), wasmUrl: a('wasm-url') };
    const order = {};
    for (const [attr, field] of [['amount', 'order_amount'], ['currency', 'order_currency'], ['description', 'order_description']]) {
      if (a(attr) !== undefined) order[field] = a(attr);
    }
    if (Object.keys(order).length) options.order = order;
    // hidden-fields="payer_middle_name payer_birth_date" optional-fields="payer_address2"
    const fields = {};
    for (const [attr, presence] of [['required-fields', 'required'], ['optional-fields', 'optional'], ['hidden-fields', 'hidden']]) {
      for (const f of (a(attr) || '').split(/\s+/).filter(Boolean)) fields[f] = presence;
    }
    if (Object.keys(fields).length) options.fields = fields;
    for (const [hook, type] of Object.entries(EVENTS)) {
      options[hook] = (detail) => {
        const ev = new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: true });
        const allowed = this.dispatchEvent(ev);
        // preventDefault() on checkout-submit / checkout-before-redirect cancels them
        if (!allowed && (hook === 'onSubmit' || hook === 'beforeRedirect')) return false;
        return undefined;
      };
    }
    for (const k of Object.keys(options)) if (options[k] === undefined) delete options[k];
    return options;
  }
  connectedCallback() {
    if (this._handle || this._mounting) return;
    this._mounting = mount(this, this.options())
      .then((h) => {
        // removed (or changed) while mounting: this mount is already out of date
        if (!this.isConnected) h.destroy();
        else this._handle = h;
      })
      .catch((e) => {
        if (e.code) return; // a load error: already reported through onError → checkout-error
        this.dispatchEvent(new CustomEvent('checkout-error', { detail: { code: 'mount', message: String(e && e.message ? e.message : e) }, bubbles: true }));
      })
      .finally(() => {
        this._mounting = null;
        if (this._again) this.remount();
      });
  }
  attributeChangedCallback(_name, before, after) {
    if (before !== after && (this._handle || this._mounting)) this.remount();
  }
  remount() {
    if (this._mounting) {
      this._again = true;
      return;
    }
    this._again = false;
    this.disconnectedCallback();
    if (this.isConnected) this.connectedCallback();
  }
  disconnectedCallback() {
    if (this._handle) {
      this._handle.destroy();
      this._handle = null;
    }
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('checkout-widget')) {
  customElements.define('checkout-widget', CheckoutWidgetElement);
}
