// ES module entry of the checkout widget: `mount(target, options)` → Promise<Handle>.
// Also defines the <checkout-widget> custom element.
import init, { mount as mountWasm } from './checkout_widget.js';

let ready = null;

/** Loads the wasm once. `wasmUrl` defaults to the file next to this module (a fetch already
 *  under way, a `Response` promise, is taken too). */
export function load(wasmUrl) {
  if (!ready) {
    const url = wasmUrl || new URL('checkout_widget_bg.wasm', import.meta.url);
    ready = init({ module_or_path: url }).catch((e) => {
      ready = null;
      throw e;
    });
  }
  return ready;
}

function explain(err) {
  const text = String(err && err.message ? err.message : err);
  if (/Content Security Policy|wasm-unsafe-eval|WebAssembly\.(instantiate|compile)/i.test(text)) {
    return "The payment form could not start: this page's Content-Security-Policy must allow 'wasm-unsafe-eval' in script-src.";
  }
  return 'The payment form could not load. Please reload the page.';
}

function targetElement(target) {
  return typeof target === 'string' ? document.querySelector(target) : target;
}

/** The languages the package has a locale file for (`locale-<code>.json` beside this
 *  module; filled in by scripts/build.sh). English is built into the wasm. */
const LOCALES = /*LOCALES*/ [];

/** The payer's language: the `locale` option, else the page's `<html lang>`, else the
 *  browser's languages; a region falls back to its language (pt-BR → pt). A language the
 *  package has no file for is English (asked for by the option, or found nowhere). */
function resolveLocale(option) {
  for (const tag of [option, document.documentElement.lang, ...(navigator.languages || [])]) {
    const lang = String(tag || '').slice(0, 2).toLowerCase();
    if (LOCALES.includes(lang)) return lang;
    if (lang === 'en' || (tag && tag === option)) break;
  }
  return 'en';
}

/**
 * Mounts the widget. Rejects with an Error naming the option and the rule when an option
 * is refused (nothing is shown then), or when the wasm cannot load (a visible message is
 * shown in the target instead of a blank). A locale file that cannot be fetched leaves the
 * payer in English, with a console warning and `onError({code: 'locale_unavailable'})`.
 */
export async function mount(target, options = {}) {
  const { wasmUrl, ...rest } = options || {};
  const locale = resolveLocale(rest.locale);
  // fetched together with the wasm, looked at once the wasm is there
  const texts = locale !== 'en' && fetch(new URL(`locale-${locale}.json`, import.meta.url)).then((r) => (r.ok ? r.json() : Promise.reject(r.status)));
  texts && texts.catch(() => {});
  // The first Intl.NumberFormat of a page loads its locale data (10–20 ms): done here, while
  // the wasm downloads, instead of when the Pay button is first drawn.
  try {
    new Intl.NumberFormat(locale, { style: 'currency', currency: rest.order?.order_currency || 'USD' });
  } catch {}
  try {
    await load(wasmUrl);
  } catch (e) {
    const el = targetElement(target);
    if (el) {
      const p = document.createElement('p');
      p.className = 'cw-load-error';
      p.setAttribute('role', 'alert');
      p.textContent = explain(e);
      el.replaceChildren(p);
    }
    throw e;
  }
  rest.locale = locale;
  if (texts) {
    try {
      rest.translations = { ...rest.translations, [locale]: { ...(await texts), ...rest.translations?.[locale] } };
    } catch (e) {
      const message = `checkout-widget: ${locale} texts not loaded (${e}), showing English`;
      console.warn(message);
      rest.onError?.({ code: 'locale_unavailable', message });
    }
  }
  return mountWasm(target, rest);
}

const EVENTS = {
  onReady: 'checkout-ready',
  onChange: 'checkout-change',
  onSubmit: 'checkout-submit',
  onResult: 'checkout-result',
  onError: 'checkout-error',
  beforeRedirect: 'checkout-before-redirect',
};

const ATTRIBUTES = ['endpoint', 'order-id', 'amount', 'currency', 'description', 'locale', 'status-url', 'mode', 'wasm-url',
  'required-fields', 'optional-fields', 'hidden-fields'];

/** `<checkout-widget endpoint order-id amount currency description locale status-url mode wasm-url
 *  required-fields optional-fields hidden-fields>` (the last three: space-separated field names).
 *  Only attributes that are set become options; result mode needs `mode="result"`, `order-id`
 *  and `status-url` alone. Changing an attribute after mount mounts the widget again (a
 *  payment in progress keeps its Idempotency-Key: it lives in sessionStorage too). */
export class CheckoutWidgetElement extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }
  options() {
    const a = (n) => this.getAttribute(n) ?? undefined;
    const options = { endpoint: a('endpoint'), statusUrl: a('status-url'), locale: a('locale'), orderId: a('order-id'), mode: a('mode'), wasmUrl: a('wasm-url') };
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
