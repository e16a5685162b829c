// Benchmark page script (served by bench/run.mjs): loads either the widget or the Yew
// hello-world floor the same way, and records when the form is interactive.
const query = new URLSearchParams(location.search);
const which = query.get('app');
const el = document.getElementById('app');
const t = {};
window.__bench = t;

function focusable(sel) {
  const n = document.querySelector(sel);
  return n && !n.disabled && n.offsetParent !== null;
}

function whenInteractive(selectors) {
  return new Promise((resolve) => {
    const check = () => {
      if (selectors.every(focusable)) {
        t.interactive = performance.now();
        resolve();
        return true;
      }
      return false;
    };
    if (check()) return;
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    mo.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
}

if (which === 'hello' || which === 'hello-listening' || which === 'hello-many') {
  const m = await import('/hello/hello_yew.js');
  window.__wasm = await m.default({ module_or_path: '/hello/hello_yew_bg.wasm' });
  t.loaded = performance.now();
  window.__mount = async (target) => ({ hello: m.mount, 'hello-listening': m.mount_listening, 'hello-many': m.mount_many })[which](target);
  window.__options = {};
  window.__handle = await window.__mount(el);
  t.mounted = performance.now();
  await whenInteractive(['input', 'button']);
} else {
  const m = await import('/widget/index.js');
  window.__mount = m.mount;
  window.__options = {
    endpoint: '/api/pay',
    statusUrl: '/api/orders/{order_id}',
    locale: query.get('locale') || 'en',
    order: { order_id: 'ORDER-BENCH', order_amount: '12.00', order_currency: 'USD', order_description: 'Benchmark' },
    fields: { payer_middle_name: 'hidden', payer_birth_date: 'hidden', payer_address2: 'optional' },
  };
  // as a merchant's page does: mount at once (the loader fetches the wasm and the payer's
  // locale file together); `loaded` is when the wasm is ready
  const mounting = m.mount(el, window.__options);
  window.__wasm = await m.load();
  t.loaded = performance.now();
  window.__handle = await mounting;
  t.mounted = performance.now();
  await whenInteractive(['[name=card_number]', '[name=card_exp]', '[name=card_cvv2]', '[name=payer_email]', '[name=payer_zip]', 'button[type=submit]']);
}
