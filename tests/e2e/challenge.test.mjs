// The inline 3-D Secure challenge in Chromium. Return side: the bank's page ends
// on the return page inside the widget's frame, and that page (the widget in result mode)
// tells its same-origin parent; unframed, it tells no one. Checkout side, on a merchant page
// of a fake backend: `beforeRedirect` before the dialog, the plan posted into its frame,
// `onResult` once with the outcome, axe-clean with the dialog open at both widths, EMVCo's
// window size. (All three engines: inline.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, STRICT_CSP, sandboxAndBrowser, newPage, waitState, fakeServer, sendFile, fillCard, axe } from './harness.mjs';

const shared = sandboxAndBrowser();
const RETURNED = 'checkout-widget:3ds-returned';

/** A merchant page mounting the widget with `challenge: 'inline'`, its backend answering Pay
 *  with a POST redirect to its own bank page, which tells its parent as a return page would. */
let shop;
before(async () => {
  const bank = { posted: [], confirmed: false };
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/widget/checkout-widget.css"></head>
<body><main><h1>Shop</h1><div id="checkout"></div></main><script type="module" src="/page.js"></script></body></html>`;
  const script = `import { mount } from '/widget/index.js';
const q = new URLSearchParams(location.search);
window.__events = [];
const fields = Object.fromEntries(['payer_first_name', 'payer_middle_name', 'payer_last_name', 'payer_phone', 'payer_birth_date', 'payer_country',
  'payer_address', 'payer_address2', 'payer_city', 'payer_state', 'payer_zip'].map((f) => [f, 'hidden']));
await mount('#checkout', { endpoint: '/pay', statusUrl: '/status', challenge: 'inline', fields, locale: q.get('locale') || 'en',
  order: { order_id: 'ORDER-1', order_amount: '24.90', order_currency: 'EUR' },
  beforeRedirect: (e) => {
    window.__events.push(['beforeRedirect', e.url, e.method, !!document.querySelector('dialog')]);
    return q.has('refuse') ? false : new Promise((r) => setTimeout(() => r(true), 300));
  },
  onResult: (r) => window.__events.push(['onResult', r.state, r.status]) });`;
  const { server, base } = await fakeServer((req, res, body) => {
    const url = new URL(req.url, 'http://h');
    const send = (type, text, headers = {}) => {
      res.writeHead(200, { 'content-type': type, ...headers });
      res.end(text);
    };
    if (url.pathname.startsWith('/widget/')) return sendFile(res, join(ROOT, 'www', 'dist'), url.pathname.slice(8));
    if (url.pathname === '/') return send('text/html', page, { 'content-security-policy': STRICT_CSP });
    if (url.pathname === '/page.js') return send('text/javascript', script);
    if (url.pathname === '/element') {
      const hidden = 'payer_first_name payer_middle_name payer_last_name payer_phone payer_birth_date payer_country payer_address payer_address2 payer_city payer_state payer_zip';
      return send('text/html', `<!doctype html><html lang="en"><title>Shop</title><link rel="stylesheet" href="/widget/checkout-widget.css">
<checkout-widget endpoint="/pay" status-url="/status" order-id="ORDER-1" amount="24.90" currency="EUR" challenge="${url.searchParams.get('challenge')}"
 hidden-fields="${hidden}"></checkout-widget><script type="module" src="/element.js"></script>`, { 'content-security-policy': STRICT_CSP });
    }
    if (url.pathname === '/element.js') {
      return send('text/javascript', `window.__errors = [];
document.addEventListener('checkout-error', (e) => window.__errors.push(e.detail.message));
await import('/widget/index.js');`);
    }
    if (url.pathname === '/pay') {
      return send('application/json', JSON.stringify({ result: 'REDIRECT', status: '3DS', redirect_url: `${base}/bank`, redirect_method: 'POST', redirect_params: { PaReq: 'p&q', MD: 'm' } }));
    }
    if (url.pathname === '/bank') {
      bank.posted.push({ method: req.method, params: Object.fromEntries(new URLSearchParams(body)) });
      return send('text/html', `<!doctype html><html lang="en"><title>Bank</title><main><h1>Bank</h1><button id="ok">Confirm</button></main>
<script>document.getElementById('ok').onclick = () => fetch('/confirm').then(() => parent.postMessage({ type: '${RETURNED}', orderId: 'ORDER-1' }, location.origin));</script>`);
    }
    if (url.pathname === '/confirm') {
      bank.confirmed = true;
      return send('text/plain', 'ok');
    }
    if (url.pathname === '/status') return send('application/json', JSON.stringify({ status: bank.confirmed ? 'SETTLED' : '3DS' }));
    res.writeHead(404);
    return res.end();
  });
  shop = { server, base, bank };
});
after(() => shop?.server.close());

/** The shop's checkout filled in, Pay pressed. */
async function payOnShop(page, query = '') {
  await page.goto(`${shop.base}/${query}`);
  await waitState(page, 'editing');
  await fillCard(page, '4111 1111 1111 1111', '01/38');
  await page.fill('[name=payer_email]', 'doe@example.com');
  await page.click('button[type=submit]');
}

/** A fresh order of the demo page (its checkout carries the id). */
async function orderId(page) {
  await page.goto(`${shared.sb.base}/`);
  await waitState(page, 'editing');
  return page.locator('#checkout').getAttribute('data-order-id');
}

test('a framed return page tells its same-origin parent, from its own window, once', async () => {
  const { page, context } = await newPage(shared.browser);
  const id = await orderId(page);
  const top = page.url();
  const got = await page.evaluate(async (src) => {
    const frame = document.createElement('iframe');
    const messages = [];
    addEventListener('message', (e) => messages.push({ data: e.data, origin: e.origin, fromFrame: e.source === frame.contentWindow }));
    frame.src = src;
    document.body.append(frame);
    await new Promise((r) => frame.addEventListener('load', r));
    // the widget in the frame mounts after its wasm: give it time to speak (and to speak twice)
    await new Promise((r) => setTimeout(r, 1500));
    return messages;
  }, `/return?order_id=${encodeURIComponent(id)}`);
  assert.deepEqual(got, [{ data: { type: 'checkout-widget:3ds-returned', orderId: id }, origin: shared.sb.base, fromFrame: true }]);
  assert.equal(page.url(), top, 'the page itself never moves');
  await context.close();
});

test('an unframed return page posts nothing', async () => {
  const { page, context } = await newPage(shared.browser);
  const id = await orderId(page);
  await page.addInitScript(() => {
    window.__messages = [];
    addEventListener('message', (e) => window.__messages.push(e.data));
  });
  await page.goto(`${shared.sb.base}/return?order_id=${encodeURIComponent(id)}`);
  await page.waitForSelector('.cw-result');
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__messages), []);
  await context.close();
});

test('inline: beforeRedirect first, the plan posted into the dialog\'s frame, onResult once with the outcome', async () => {
  const { page, context } = await newPage(shared.browser);
  shop.bank.confirmed = false;
  shop.bank.posted.length = 0;
  await payOnShop(page);
  await page.waitForSelector('dialog.cw-dialog[open] iframe');
  const bank = page.frameLocator('dialog.cw-dialog iframe');
  await bank.locator('#ok').click();
  await waitState(page, 'success');
  await page.waitForTimeout(500); // an extra onResult would have come by now
  assert.deepEqual(await page.evaluate(() => window.__events), [
    ['beforeRedirect', `${shop.base}/bank`, 'POST', false],
    ['onResult', 'success', 'SETTLED'],
  ]);
  assert.deepEqual(shop.bank.posted, [{ method: 'POST', params: { PaReq: 'p&q', MD: 'm' } }], 'redirect_params, as the redirect posts them');
  assert.equal(await page.locator('dialog').count(), 0);
  await context.close();
});

test('inline: beforeRedirect returning false opens no dialog', async () => {
  const { page, context } = await newPage(shared.browser);
  shop.bank.posted.length = 0;
  await payOnShop(page, '?refuse=1');
  await waitState(page, 'redirecting');
  await page.waitForTimeout(800);
  assert.equal(await page.locator('dialog').count(), 0);
  assert.deepEqual(shop.bank.posted, []);
  await context.close();
});

test('inline: the dialog is axe-clean, EMVCo 390×400 on a desktop, the whole screen on a phone', async () => {
  const { page, context } = await newPage(shared.browser);
  for (const [width, height] of [[900, 1300], [360, 740]]) {
    for (const locale of ['en', 'ar']) {
      await page.setViewportSize({ width, height });
      await payOnShop(page, `?locale=${locale}`);
      await page.waitForSelector('dialog.cw-dialog[open] iframe');
      await page.frameLocator('dialog.cw-dialog iframe').locator('#ok').waitFor();
      assert.deepEqual(await axe(page), [], `axe with the dialog open, ${locale} at ${width}px`);
      const box = await page.evaluate(() => {
        const rect = (sel) => document.querySelector(sel).getBoundingClientRect();
        return { dialog: rect('dialog.cw-dialog').width, frame: [rect('dialog iframe').width, rect('dialog iframe').height] };
      });
      if (width === 900) assert.deepEqual(box.frame, [390, 400], JSON.stringify(box));
      else assert.equal(box.dialog, width, `full width: ${JSON.stringify(box)}`);
    }
  }
  await context.close();
});

test('inline: the custom element\'s challenge="inline" opens the dialog; another value is a mount error naming the option', async () => {
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shop.base}/element?challenge=inline`);
  await waitState(page, 'editing');
  await fillCard(page, '4111 1111 1111 1111', '01/38');
  await page.fill('[name=payer_email]', 'doe@example.com');
  await page.click('button[type=submit]');
  await page.waitForSelector('dialog.cw-dialog[open] iframe');
  await page.goto(`${shop.base}/element?challenge=popup`);
  await page.waitForFunction(() => window.__errors.length > 0);
  const [message] = await page.evaluate(() => window.__errors);
  assert.match(message, /option `challenge`: must be "redirect" or "inline"/);
  assert.equal(await page.locator('.cw').count(), 0, 'nothing shown');
  await context.close();
});
