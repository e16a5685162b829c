// How the package loads, as a merchant serves it (the installed tarball from a plain HTTP
// host): every byte the script tag brings in is checked against the hash built into the file
// before it, and a load that fails says what happened — to the developer precisely (console,
// onError code), to the payer calmly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packPackage, installPackage, fakeServer, sendFile, launch, newPage, waitState, scratchDir, wasmPreload } from './harness.mjs';

const ORDER = "{ order_id: 'o-1', order_amount: '4.99', order_currency: 'EUR', order_description: 'Example order' }";
const PAGES = {
  // the script-tag loader, as the README shows it
  '/script.html': `<div id="c"></div><script src="/w/checkout-widget.js"></script><script>
    window.events = [];
    CheckoutWidget.mount('#c', { endpoint: '/api/pay', order: ${ORDER}, onError: (e) => events.push(e) })
      .catch((e) => events.push({ rejected: e.code }));</script>`,
  // the ES module entry; ?wasm= and ?locale= become options
  '/module.html': `<div id="c"></div><script type="module">
    import { mount } from '/w/index.js';
    const q = new URLSearchParams(location.search);
    window.events = [];
    mount('#c', { endpoint: '/api/pay', order: ${ORDER}, wasmUrl: q.get('wasm') || undefined, locale: q.get('locale') || undefined,
      onError: (e) => events.push(e) }).catch((e) => events.push({ rejected: e.code }));</script>`,
};

let dist;
let browser;
let host; // { base, tamper: {file: bytes}, drop: {file: how many requests of it fail at the network level} }

before(async () => {
  dist = installPackage(packPackage(), join(scratchDir('widget-load-'), 'shop'));
  const tamper = {};
  const drop = {};
  const asked = {};
  const { base, server } = await fakeServer((req, res) => {
    const path = new URL(req.url, 'http://h').pathname;
    // /preload/<page>: the page with the wasm preloaded in its head, as the README suggests
    const preload = path.startsWith('/preload/');
    const page = PAGES[preload ? path.slice('/preload'.length) : path];
    if (page) {
      const head = preload ? wasmPreload(dist, '/w/') : '';
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(`<!doctype html><html lang="en"><title>t</title>${head}${page}`);
    }
    const file = path.startsWith('/w/') ? path.slice(3) : '';
    asked[file] = (asked[file] || 0) + 1;
    if (drop[file] > 0) {
      // the connection lost halfway through the file (a lost connection before any answer
      // would be retried by the browser itself when it was a reused one)
      drop[file] -= 1;
      const bytes = readFileSync(join(dist, file));
      res.writeHead(200, { 'content-length': bytes.length });
      return res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
    }
    sendFile(res, dist, file, tamper[file]);
  });
  host = { base, tamper, drop, asked, server };
  browser = await launch();
});

after(async () => {
  await browser?.close();
  host?.server.close();
});

/** Opens a page and waits for the load to fail; returns what the payer and the developer see. */
async function failedLoad(path) {
  const { page, context, log } = await newPage(browser);
  await page.goto(host.base + path);
  await page.locator('.cw-load-error').waitFor({ timeout: 15000 });
  await page.waitForFunction(() => window.events.some((e) => e.rejected));
  const seen = {
    payer: await page.locator('.cw-load-error').textContent(),
    role: await page.locator('.cw-load-error').getAttribute('role'),
    events: await page.evaluate(() => window.events),
    console: log.console,
    form: await page.locator('[name=card_number]').count(),
  };
  await context.close();
  return seen;
}

function assertReported(seen, code, ...about) {
  assert.equal(seen.form, 0, 'no form');
  assert.match(seen.payer, /^The payment form could not load\. Please reload the page\.$/);
  assert.equal(seen.role, 'alert');
  const reported = seen.events.find((e) => e.code);
  assert.equal(reported?.code, code, JSON.stringify(seen.events));
  assert.equal(seen.events.find((e) => e.rejected).rejected, code, 'mount() rejects with the same code');
  for (const text of about) {
    assert.ok(reported.message.includes(text), `"${reported.message}" names ${text}`);
    assert.ok(seen.console.some((m) => m.startsWith('checkout-widget: ') && m.includes(text)), `console names ${text}`);
  }
}

test('a wasm URL that answers HTML: load_not_wasm, naming the URL, its content type and first bytes', async () => {
  const seen = await failedLoad('/module.html?wasm=/script.html');
  assertReported(seen, 'load_not_wasm', `${host.base}/script.html`, 'text/html', '3c 21 64 6f');
  assert.ok(!seen.events[0].message.includes('Content-Security-Policy'), 'not blamed on the CSP');
});

test('a wasm URL that answers 404: load_http, naming the URL and the status', async () => {
  const seen = await failedLoad('/module.html?wasm=/w/nothing.wasm');
  assertReported(seen, 'load_http', `${host.base}/w/nothing.wasm`, 'HTTP 404');
});

test('a wasm host that cannot be reached: load_network', async () => {
  const seen = await failedLoad('/module.html?wasm=http://127.0.0.1:9/checkout.wasm');
  assertReported(seen, 'load_network', 'http://127.0.0.1:9/checkout.wasm');
});

test('the untampered package runs from the script tag and the ES module', async () => {
  for (const path of ['/script.html', '/module.html']) {
    const { page, context, log } = await newPage(browser);
    await page.goto(host.base + path);
    await waitState(page, 'editing');
    assert.deepEqual(await page.evaluate(() => window.events), []);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test("a wasm preloaded in the page's head (README, slow networks) is the download the widget runs: one request, still pinned", async () => {
  for (const path of ['/preload/script.html', '/preload/module.html']) {
    const { page, context, log } = await newPage(browser);
    await page.goto(host.base + path);
    await waitState(page, 'editing');
    const wasm = log.urls.filter((u) => u.endsWith('/checkout_widget_bg.wasm'));
    assert.equal(wasm.length, 1, `${path}: the widget's fetch took the preloaded response (${wasm.length} requests)`);
    assert.deepEqual(await page.evaluate(() => window.events), []);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});

test('a wasm with one extra custom section (still a valid module) is refused: load_integrity', async () => {
  const wasm = readFileSync(join(dist, 'checkout_widget_bg.wasm'));
  const name = Buffer.from('cdn');
  host.tamper['checkout_widget_bg.wasm'] = Buffer.concat([wasm, Buffer.from([0, name.length + 1, name.length]), name]);
  await WebAssembly.compile(host.tamper['checkout_widget_bg.wasm']); // valid, only different
  try {
    assertReported(await failedLoad('/script.html'), 'load_integrity', 'checkout_widget_bg.wasm', 'SRI hash');
    assertReported(await failedLoad('/module.html'), 'load_integrity', 'checkout_widget_bg.wasm', 'SRI hash');
  } finally {
    delete host.tamper['checkout_widget_bg.wasm'];
  }
});

test('an index.js with a comment appended is not run from the script tag: load_integrity', async () => {
  host.tamper['index.js'] = readFileSync(join(dist, 'index.js'), 'utf8') + '\n// injected by a proxy\n';
  try {
    assertReported(await failedLoad('/script.html'), 'load_integrity', 'index.js', 'SRI hash');
  } finally {
    delete host.tamper['index.js'];
  }
});

test('a changed locale file is not shown: the payer gets English, onError locale_unavailable', async () => {
  const de = JSON.parse(readFileSync(join(dist, 'locale-de.json'), 'utf8'));
  host.tamper['locale-de.json'] = JSON.stringify({ ...de, 'label.card_number': 'Kartennummer — rufen Sie +1 555 0100 an' });
  try {
    const { page, context } = await newPage(browser);
    await page.goto(`${host.base}/module.html?locale=de`);
    await waitState(page, 'editing');
    const id = await page.locator('[name=card_number]').getAttribute('id');
    assert.match(await page.locator(`label[for="${id}"]`).textContent(), /^Card number/);
    const events = await page.evaluate(() => window.events);
    assert.equal(events[0].code, 'locale_unavailable');
    assert.match(events[0].message, /locale-de\.json does not match its SRI hash/);
    await context.close();
  } finally {
    delete host.tamper['locale-de.json'];
  }
});

for (const [file, path] of [['checkout_widget_bg.wasm', '/script.html'], ['checkout_widget_bg.wasm', '/module.html'], ['index.js', '/script.html'],
  ['locale-de.json', '/module.html?locale=de']]) {
  test(`${file} lost once on the way (${path}) is fetched again: the form loads`, async () => {
    host.drop[file] = 1;
    host.asked[file] = 0;
    try {
      const { page, context } = await newPage(browser);
      await page.goto(host.base + path);
      await waitState(page, 'editing');
      assert.deepEqual(await page.evaluate(() => window.events), [], 'nothing reported');
      assert.ok(host.asked[file] >= 2, `${file} asked for again (${host.asked[file]} requests)`);
      if (file === 'locale-de.json') {
        const id = await page.locator('[name=card_number]').getAttribute('id');
        assert.match(await page.locator(`label[for="${id}"]`).textContent(), /^Kartennummer/);
      }
      await context.close();
    } finally {
      host.drop[file] = 0;
    }
  });
}

test('a wasm lost on the way again after its retry: load_network', async () => {
  host.drop['checkout_widget_bg.wasm'] = Infinity;
  try {
    assertReported(await failedLoad('/module.html'), 'load_network', 'checkout_widget_bg.wasm');
    assertReported(await failedLoad('/script.html'), 'load_network', 'checkout_widget_bg.wasm');
  } finally {
    host.drop['checkout_widget_bg.wasm'] = 0;
  }
});
