// Script-tag entry: defines the global `CheckoutWidget` with `mount(target, options)`
// (a Promise of the handle) and `<checkout-widget>`. Loads index.js, and the wasm, from
// the folder this file is served from.
(function () {
  'use strict';
  var me = document.currentScript;
  var base = me && me.src ? me.src : location.href;
  var entry = null;
  var wasm = null;
  function load() {
    if (!entry) entry = import(new URL('index.js', base).href);
    return entry;
  }
  // The wasm is fetched together with index.js instead of after it and its glue: on a real
  // network that is two round trips less before the form shows.
  function prefetch() {
    if (!wasm) {
      wasm = fetch(new URL('checkout_widget_bg.wasm', base).href);
      wasm.catch(function () { wasm = null; }); // a failed download is fetched again next time
    }
    return wasm;
  }
  window.CheckoutWidget = {
    mount: function (target, options) {
      var bytes = options && options.wasmUrl ? null : prefetch();
      return load().then(function (m) {
        if (bytes) m.load(bytes).catch(function () {}); // mount() below reports a failure
        return m.mount(target, options);
      });
    },
    load: function () { return load(); },
  };
  // Define the custom element as soon as the module is there, if the page uses it.
  if (document.querySelector('checkout-widget')) load();
  else document.addEventListener('DOMContentLoaded', function () { if (document.querySelector('checkout-widget')) load(); });
})();
