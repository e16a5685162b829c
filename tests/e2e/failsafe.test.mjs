// The loader's fail-safe (www/src/failsafe.js): a widget whose wasm traps gives the merchant
// `internal` and the payer a calm message instead of a frozen form, and its form never
// submits natively (which would put the card in the page's URL); one widget per element.
// The trap comes from a debug build with the `trap-hook` feature (scripts/build-debug.sh:
// Pay traps when the page sets window.__checkoutWidgetTrap); DEBUG_DIST=… serves another
// build of it (how the test is seen failing on an older loader).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, fakeServer, sendFile, launch, newPage, waitState } from './harness.mjs';

const ORDER = "{ order_id: 'o-1', order_amount: '4.99', order_currency: 'EUR', order_description: 'Example order' }";
const STOPPED = 'Something went wrong. Please reload the page.';
const CARD = '4111 1111 1111 1111';

/** `/<dist>/script.html`: the script tag, as the README shows it; `element.html`: the custom element. */
function page(dist, kind) {
  const head = `<!doctype html><html lang="en"><title>t</title><link rel="stylesheet" href="/${dist}/checkout-widget.css">`;
  if (kind === 'element.html') {
    return `${head}<script type="module" src="/${dist}/index.js"></script><script>window.events = [];
      addEventListener('checkout-error', (e) => events.push(e.detail));
      // a merchant's listener that throws (the loader's code dispatched the event) is not the widget's defect
      addEventListener('checkout-change', () => { throw new Error('a bug of the merchant listener'); });</script>
      <checkout-widget endpoint="/api/pay" order-id="o-1" amount="4.99" currency="EUR" description="Example"></checkout-widget>`;
  }
  return `${head}<div id="c" class="checkout"></div><script src="/${dist}/checkout-widget.js"></script><script>
    window.events = [];
    window.mountAgain = () => CheckoutWidget.mount('#c', { endpoint: '/api/pay', order: ${ORDER}, onError: (e) => events.push(e) });
    window.first = mountAgain().then((h) => (window.handle = h), (e) => events.push({ rejected: e.message }));</script>`;
}

let browser;
let host;

before(async () => {
  let debug = process.env.DEBUG_DIST;
  if (!debug) {
    execFileSync('bash', [join(ROOT, 'scripts', 'build-debug.sh'), join(ROOT, 'target', 'debug-dist')], { stdio: 'inherit' });
    debug = join(ROOT, 'target', 'debug-dist');
  }
  const dists = { debug, shipped: join(ROOT, 'www', 'dist') };
  host = await fakeServer((req, res) => {
    const [, dist, file] = new URL(req.url, 'http://h').pathname.split('/');
    if (!dists[dist]) return sendFile(res, '/nonexistent', '');
    if (file.endsWith('.html')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(page(dist, file));
    }
    return sendFile(res, dists[dist], file);
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  host?.server.close();
});

/** Opens a page with the card typed in, and asks the wasm to trap on Pay. */
async function withCardTyped(path) {
  const seen = await newPage(browser);
  await seen.page.goto(host.base + path);
  await waitState(seen.page, 'editing');
  await seen.page.fill('[name=card_number]', CARD);
  await seen.page.fill('[name=card_exp]', '01/38');
  await seen.page.fill('[name=card_cvv2]', '123');
  await seen.page.evaluate(() => { window.__checkoutWidgetTrap = true; });
  return seen;
}

/** Enter in the card number, then what became of the page. */
async function pressEnter(page, log) {
  const navigations = log.urls.length;
  await page.press('[name=card_number]', 'Enter');
  // a native submit navigates at once; the fail-safe answers within a task
  await page.waitForTimeout(500);
  return { url: page.url(), navigated: log.urls.slice(navigations).filter((u) => !u.includes('/api/')) };
}

function assertStopped(seen, url, events, path) {
  assert.equal(url, host.base + path, 'Enter navigated nowhere and put nothing in the URL');
  assert.deepEqual(seen.navigated, [], 'no navigation, no request with the card');
  const internal = events.filter((e) => e.code === 'internal');
  assert.equal(internal.length, 1, `one internal error for the merchant: ${JSON.stringify(events)}`);
  assert.match(internal[0].message, /RuntimeError/);
}

test('a trapped widget: internal for the merchant, a calm message for the payer, and Enter sends the card nowhere', async () => {
  const { page, context, log } = await withCardTyped('/debug/script.html');
  const seen = await pressEnter(page, log);
  assertStopped(seen, seen.url, await page.evaluate(() => window.events), '/debug/script.html');
  assert.equal(await page.locator('#c .cw-load-error').textContent(), STOPPED);
  assert.equal(await page.locator('#c .cw-load-error').getAttribute('role'), 'alert');
  assert.equal(await page.locator('[name=card_number]').count(), 0, 'the frozen form (and the card in it) is gone');
  assert.ok(log.console.some((m) => /^checkout-widget: stopped after an internal error/.test(m)), log.console.join('\n'));
  // nothing mounts on a wasm in an unknown state: the next mount says so too
  const again = await page.evaluate(() => window.handle.destroy() || window.mountAgain().catch((e) => e.code));
  assert.equal(again, 'internal');
  assert.equal(await page.locator('#c .cw-load-error').textContent(), STOPPED);
  await context.close();
});

test('the custom element of a trapped widget dispatches checkout-error with code internal', async () => {
  const { page, context, log } = await withCardTyped('/debug/element.html');
  assert.ok(log.errors.some((e) => e.includes('a bug of the merchant listener')), 'the listener threw while the card was typed');
  assert.equal(await page.locator('[name=card_number]').count(), 1, '… and the widget went on');
  const seen = await pressEnter(page, log);
  assertStopped(seen, seen.url, await page.evaluate(() => window.events), '/debug/element.html');
  assert.equal(await page.locator('checkout-widget .cw-load-error').textContent(), STOPPED);
  await context.close();
});

test('the shipped build has no trap hook, and an error of the page itself does not stop the widget', async () => {
  const { page, context, log } = await newPage(browser);
  await page.goto(`${host.base}/shipped/script.html`);
  await waitState(page, 'editing');
  await page.evaluate(() => {
    window.__checkoutWidgetTrap = true;
    setTimeout(() => { throw new Error('a bug of the merchant page'); });
    Promise.reject(new Error('an unhandled rejection of the merchant page'));
  });
  await page.fill('[name=card_number]', CARD);
  await page.press('[name=card_number]', 'Enter');
  // Pay ran as usual: the empty fields refused, focus on the first of them
  await page.waitForSelector('[name=card_exp][aria-invalid=true]');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'card_exp');
  assert.equal(await page.locator('.cw-load-error').count(), 0);
  assert.deepEqual(await page.evaluate(() => window.events), []);
  assert.equal(page.url(), `${host.base}/shipped/script.html`);
  assert.ok(log.errors.some((e) => e.includes('a bug of the merchant page')), 'the page error did happen');
  await context.close();
});

test('one widget per element: a second mount on a live one rejects naming the element; after destroy() it mounts', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${host.base}/shipped/script.html`);
  // at once, while the first still loads, and again once it is there
  const racing = await page.evaluate(() => window.mountAgain().then(() => 'mounted', (e) => e.message));
  await waitState(page, 'editing');
  const later = await page.evaluate(() => window.mountAgain().then(() => 'mounted', (e) => e.message));
  for (const message of [racing, later]) {
    assert.equal(message, 'checkout-widget: div#c.checkout already holds a checkout widget; destroy() it before mounting another');
  }
  assert.equal(await page.locator('#c .cw').count(), 1, 'one form in the element');
  assert.equal(await page.locator('#c .cw-load-error').count(), 0, 'the live widget is untouched');
  const remounted = await page.evaluate(async () => {
    await window.first;
    window.handle.destroy();
    const h = await window.mountAgain();
    return document.querySelectorAll('#c .cw').length + (h ? 0 : 10);
  });
  assert.equal(remounted, 1);
  await waitState(page, 'editing');
  await context.close();
});
