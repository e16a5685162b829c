// Script-tag entry: defines the global `CheckoutWidget` with `mount(target, options)`
// (a Promise of the handle) and `<checkout-widget>`. Loads index.js, and the wasm, from
// the folder this file is served from, each checked against the SRI hash written in below
// at build time (scripts/pin.mjs): the page pins this file, this file pins the rest.
(function () {
  'use strict';
  var INDEX_SRI = '@sri:index.js';
  var WASM_SRI = '@sri:checkout_widget_bg.wasm';
  var me = document.currentScript;
  var base = me && me.src ? me.src : location.href;
  var entry = null;
  var wasm = null;
  function pinned(sri) {
    return sri.charAt(0) === '@' ? undefined : sri; // unbuilt source: nothing to pin
  }
  function load() {
    if (!entry) {
      entry = loadIndex(new URL('index.js', base).href, false);
      entry.catch(function (e) {
        entry = null;
        console.error('checkout-widget: ' + e.message);
        document.querySelectorAll('checkout-widget').forEach(function (el) { failed(el, e); });
      });
    }
    return entry;
  }
  // index.js through a module <script integrity>: a module that fails its hash is never
  // run, and import() below then takes the verified module from the page's module map. A
  // download lost on the way is tried once more, by another URL (the module map keeps a
  // failed one's failure).
  function loadIndex(src, retried) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.type = 'module';
      script.src = src;
      if (pinned(INDEX_SRI)) script.integrity = INDEX_SRI;
      script.onload = function () { resolve(import(script.src)); };
      script.onerror = function () {
        indexFailed(src).then(function (e) {
          if (e.code !== 'load_network' || retried) return reject(e);
          setTimeout(function () { resolve(loadIndex(src + '?retry', true)); }, 400);
        });
      };
      document.head.appendChild(script);
    });
  }
  function sri(bytes) {
    return Promise.resolve().then(function () { return crypto.subtle.digest('SHA-384', bytes); }).then(function (d) {
      return 'sha384-' + btoa(String.fromCharCode.apply(null, new Uint8Array(d)));
    }, function () { return null; }); // no WebCrypto (not https): cannot tell, say changed
  }
  // Why index.js did not run, by fetching it again unpinned: unreachable, an HTTP error,
  // another file than the pinned one, or the pinned one (then its download was lost).
  function indexFailed(url) {
    function error(code, what) {
      var e = new Error(url + ' ' + what);
      e.code = code;
      return e;
    }
    return fetch(url, { cache: 'no-store' }).then(function (r) {
      if (!r.ok) return error('load_http', 'answered HTTP ' + r.status);
      return r.arrayBuffer().then(sri).then(function (hash) {
        return hash === INDEX_SRI || !pinned(INDEX_SRI) ? error('load_network', 'could not be fetched (it arrived when asked again)')
          : error('load_integrity', 'does not match its SRI hash ' + INDEX_SRI + '; not run');
      });
    }).catch(function (e) { // no answer, or one cut off
      return error('load_network', 'could not be fetched: ' + e.message);
    });
  }
  // What the payer sees and the developer hears when index.js cannot run.
  function failed(el, e, options) {
    if (typeof el === 'string') el = document.querySelector(el);
    if (el) {
      var p = document.createElement('p');
      p.className = 'cw-load-error';
      p.setAttribute('role', 'alert');
      p.textContent = 'The payment form could not load. Please reload the page.';
      el.replaceChildren(p);
      el.dispatchEvent(new CustomEvent('checkout-error', { detail: { code: e.code, message: e.message }, bubbles: true }));
    }
    if (options && options.onError) options.onError({ code: e.code, message: e.message });
  }
  // The wasm is fetched together with index.js instead of after it and its glue: on a real
  // network that is two round trips less before the form shows.
  function prefetch() {
    if (!wasm) {
      wasm = fetch(new URL('checkout_widget_bg.wasm', base).href, { integrity: pinned(WASM_SRI) });
      wasm.catch(function () { wasm = null; }); // a failed download is fetched again next time
    }
    return wasm;
  }
  window.CheckoutWidget = {
    mount: function (target, options) {
      var bytes = options && options.wasmUrl ? null : prefetch();
      return load().then(function (m) {
        if (bytes) m.load(new URL('checkout_widget_bg.wasm', base), bytes).catch(function () {}); // mount() below reports a failure
        return m.mount(target, options);
      }, function (e) {
        failed(target, e, options);
        throw e;
      });
    },
    load: function () { return load(); },
  };
  // Define the custom element as soon as the module is there, if the page uses it.
  if (document.querySelector('checkout-widget')) load();
  else document.addEventListener('DOMContentLoaded', function () { if (document.querySelector('checkout-widget')) load(); });
})();
