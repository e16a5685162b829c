// Script-tag entry: defines the global `CheckoutWidget` with `mount(target, options)`
// (a Promise of the handle) and `<checkout-widget>`. Loads index.js, and the wasm, from
// the folder this file is served from.
(function () {
  'use strict';
  var me = document.currentScript;
  var base = me && me.src ? me.src : location.href;
  var entry = null;
  function load() {
    if (!entry) entry = import(new URL('index.js', base).href);
    return entry;
  }
  window.CheckoutWidget = {
    mount: function (target, options) {
      return load().then(function (m) { return m.mount(target, options); });
    },
    load: function () { return load(); },
  };
  // Define the custom element as soon as the module is there, if the page uses it.
  if (document.querySelector('checkout-widget')) load();
  else document.addEventListener('DOMContentLoaded', function () { if (document.querySelector('checkout-widget')) load(); });
})();
