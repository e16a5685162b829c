// The widget's attempt: one Idempotency-Key until the outcome of that attempt is known,
// whatever the backend answers (409/502 with ERROR, UNDEFINED, a hang), when
// sessionStorage throws, across a reload, and when the status URL reports a DECLINED left
// over from an earlier attempt. Also: a status after success (VOID, REFUND, REVERSAL) is
// not success in either mode; destroy() during beforeRedirect navigates nowhere; redirect
// params named like the form's own properties; refused options; the custom element.
// WIDGET_DIST=… runs it against another build (how it was seen failing on the old code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join, extname } from 'node:path';
import { ROOT, STRICT_CSP, fakeBackendAndBrowser, newPage, waitState, state } from './harness.mjs';

const DIST = process.env.WIDGET_DIST || join(ROOT, 'www', 'dist');
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const HIDDEN = ['payer_first_name', 'payer_middle_name', 'payer_last_name', 'payer_phone', 'payer_birth_date', 'payer_country', 'payer_address', 'payer_address2', 'payer_city', 'payer_state', 'payer_zip'];

const posts = {}; // case → [Idempotency-Key, …]
const statuses = {}; // case → what the status URL answers now
const landings = [];

// What each case's backend answers to the n-th POST (the last one repeats).
const SCRIPTS = {
  'err409': [[409, { result: 'ERROR', error_message: 'A payment is in progress' }], [200, { result: 'SUCCESS', status: 'SETTLED', trans_id: 't' }]],
  'err502': [[502, { result: 'ERROR', error_message: 'Gateway unreachable' }], [200, { result: 'SUCCESS', status: 'SETTLED', trans_id: 't' }]],
  'undefined': [[200, { result: 'UNDEFINED', trans_id: 't' }], [200, { result: 'SUCCESS', status: 'SETTLED', trans_id: 't' }]],
  'hang': [['hang'], [200, { result: 'SUCCESS', status: 'SETTLED', trans_id: 't' }]],
  'stale': [[504, { result: 'UNDEFINED' }]],
  'void': [[200, { result: 'ACCEPTED', trans_id: 't' }]],
  'named-params': [[200, { result: 'REDIRECT', status: '3DS', redirect_method: 'POST', redirect_params: { submit: 's', action: 'a', method: 'm', target: '_self', MD: 'md' } }]],
  'slow-hook': [[200, { result: 'REDIRECT', status: '3DS', redirect_method: 'POST', redirect_params: { MD: 'md' } }]],
  'many-errors': [[422, { result: 'ERROR', error_message: 'Invalid', errors: Array.from({ length: 20000 }, (_, i) => ({ error_message: `check ${i}: ${'x'.repeat(i === 0 ? 5000 : 8)}` })) }]],
  'unseen-fields': [[200, { result: 'ERROR', error_message: 'Request data is invalid.', errors: [{ error_message: 'order_id: Unknown order' }, { error_message: 'payer_phone: Phone is required' }] }]],
};

function page(c, q) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Attempt test</title>
<link rel="stylesheet" href="/widget/checkout-widget.css"></head><body><main><h1>Shop</h1><div id="checkout" data-case="${c}" data-q="${q}"></div></main>
<script type="module" src="/page.js"></script></body></html>`;
}

const PAGE_JS = `import { mount } from '/widget/index.js';
const el = document.getElementById('checkout');
const c = el.dataset.case;
window.__events = [];
const rec = (name) => (p) => { window.__events.push([name, p]); };
const opts = { endpoint: '/pay/' + c, statusUrl: '/status/' + c, locale: 'en', timeoutMs: 1500, pollIntervalMs: 200,
  order: { order_id: 'ORDER-' + c, order_amount: '1.99', order_currency: 'USD' },
  fields: Object.fromEntries(${JSON.stringify(HIDDEN)}.map((f) => [f, 'hidden'])),
  onResult: rec('result'), onError: rec('error') };
if (c === 'slow-hook') opts.beforeRedirect = () => { window.__hookCalled = true; return new Promise((r) => setTimeout(() => r(true), 2000)); };
window.__handle = await mount(el, opts);`;

function answer(c, res) {
  const list = SCRIPTS[c];
  const n = (posts[c] || []).length - 1;
  const [status, body] = list[Math.min(n, list.length - 1)];
  if (status === 'hang') return; // never answers
  if (body.result === 'REDIRECT') body.redirect_url = `${shared.base}/landing`;
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const shared = fakeBackendAndBrowser((req, res, body) => {
  const url = new URL(req.url, 'http://x');
  const send = (status, type, text, extra = {}) => { res.writeHead(status, { 'Content-Type': type, ...extra }); res.end(text); };
  if (url.pathname.startsWith('/widget/')) {
    const f = join(DIST, url.pathname.slice('/widget/'.length));
    if (!existsSync(f)) return send(404, 'text/plain', '');
    return send(200, TYPES[extname(f)] || 'application/octet-stream', readFileSync(f));
  }
  if (url.pathname === '/page') return send(200, 'text/html', page(url.searchParams.get('case'), url.searchParams.get('q') || ''), { 'Content-Security-Policy': STRICT_CSP });
  if (url.pathname === '/page.js') return send(200, 'text/javascript', PAGE_JS);
  if (url.pathname.startsWith('/pay/')) {
    const c = url.pathname.slice(5);
    (posts[c] = posts[c] || []).push(req.headers['idempotency-key']);
    return answer(c, res);
  }
  if (url.pathname.startsWith('/status/')) {
    const c = url.pathname.slice('/status/'.length);
    return send(200, 'application/json', JSON.stringify(statuses[c] || { status: 'PROCESSING' }));
  }
  if (url.pathname === '/landing') {
    landings.push(Object.fromEntries(new URLSearchParams(body)));
    return send(200, 'text/plain', 'landed');
  }
  if (url.pathname === '/element') {
    return send(200, 'text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Element</title></head><body><main>
<checkout-widget mode="result" order-id="ORDER-el" status-url="/status/element"></checkout-widget></main>
<script type="module" src="/widget/index.js"></script></body></html>`, { 'Content-Security-Policy': STRICT_CSP });
  }
  send(404, 'text/plain', '');
});

async function open(c, { noStorage = false, context } = {}) {
  const p = context ? { context, page: await context.newPage() } : await newPage(shared.browser);
  if (noStorage) {
    await p.page.addInitScript(() => {
      for (const m of ['getItem', 'setItem', 'removeItem']) Storage.prototype[m] = () => { throw new DOMException('blocked', 'SecurityError'); };
    });
  }
  await p.page.goto(`${shared.base}/page?case=${c}`);
  await waitState(p.page, 'editing');
  return p;
}

async function fillAndPay(page) {
  await page.fill('[name=card_number]', '4111111111111111');
  await page.fill('[name=card_exp]', '01/38');
  await page.fill('[name=card_cvv2]', '737');
  await page.fill('[name=payer_email]', 'doe@example.com');
  await page.click('button[type=submit]');
}

/** Pay; the answer is not final; "Retry safely": the same key, until the final answer. */
async function oneKeyUntilFinal(c, { noStorage = false } = {}) {
  posts[c] = [];
  const { page, context } = await open(c, { noStorage });
  await fillAndPay(page);
  await waitState(page, 'unknown');
  await page.click('.cw-unknown button:has-text("Retry safely")');
  await waitState(page, 'success');
  assert.equal(posts[c].length, 2);
  assert.equal(new Set(posts[c]).size, 1, `${c}: the retry carries the same key: ${posts[c]}`);
  await context.close();
}

for (const c of ['err409', 'err502', 'undefined', 'hang']) {
  test(`${c}: not final → the retry sends the same Idempotency-Key`, () => oneKeyUntilFinal(c));
}

test('sessionStorage throwing: the retry still sends the same key', () => oneKeyUntilFinal('err502', { noStorage: true }));

test('a reload after an unknown outcome pays with the same key; a final answer ends it', async () => {
  const c = 'hang';
  posts[c] = [];
  const { page, context } = await open(c);
  await fillAndPay(page);
  await waitState(page, 'unknown');
  await page.reload();
  await waitState(page, 'editing');
  await fillAndPay(page);
  await waitState(page, 'success');
  assert.equal(new Set(posts[c]).size, 1, `same key after the reload: ${posts[c]}`);
  await context.close();
});

test('a DECLINED left over from an earlier attempt is not this attempt\'s outcome', async () => {
  const c = 'stale';
  statuses[c] = { status: 'DECLINED', decline_reason: 'old', attempt_key: 'an-earlier-attempt' };
  const { page, context } = await open(c);
  await fillAndPay(page);
  await waitState(page, 'unknown');
  await page.waitForTimeout(800); // several polls answered DECLINED (of another attempt)
  assert.equal(await state(page), 'unknown', 'not shown as declined');
  await page.click('.cw-unknown button:has-text("Retry safely")');
  await waitState(page, 'unknown');
  assert.equal(new Set(posts[c]).size, 1, 'no new key');
  // now the status URL says this attempt was declined: that ends it
  statuses[c] = { status: 'DECLINED', decline_reason: 'Insufficient funds', attempt_key: posts[c][0] };
  await page.click('.cw-unknown button:has-text("Check status")');
  await waitState(page, 'declined');
  await context.close();
});

for (const status of ['VOID', 'REFUND', 'REVERSAL']) {
  test(`ACCEPTED, then the status URL says ${status}: not success, in checkout and in result mode`, async () => {
    statuses.void = { status };
    posts.void = [];
    const { page, context } = await open('void');
    await fillAndPay(page);
    await waitState(page, 'declined');
    const results = (await page.evaluate(() => window.__events)).filter(([n]) => n === 'result').map(([, p]) => p);
    assert.deepEqual(results.at(-1).state, 'declined');
    assert.equal(results.at(-1).status, status);
    assert.match(await page.locator('.cw-status-name').getAttribute('data-status'), new RegExp(status));
    // result mode (the custom element, order-id and status-url alone)
    statuses.element = { status };
    const el = await context.newPage();
    await el.goto(`${shared.base}/element`);
    await waitState(el, 'declined');
    await context.close();
  });
}

test('destroy() while beforeRedirect is pending: no navigation', async () => {
  const { page, context } = await open('slow-hook');
  const before = landings.length;
  await fillAndPay(page);
  await page.waitForFunction(() => window.__hookCalled === true);
  await page.evaluate(() => window.__handle.destroy());
  await page.waitForTimeout(3000); // the hook allowed the redirect after 2 s
  assert.equal(new URL(page.url()).pathname, '/page', 'still on the page');
  assert.equal(landings.length, before, 'the bank page was never posted to');
  await context.close();
});

test('redirect params named submit, action, method, target: one navigation', async () => {
  const { page, context } = await open('named-params');
  const before = landings.length;
  await fillAndPay(page);
  await page.waitForURL(`${shared.base}/landing`);
  assert.equal(landings.length, before + 1);
  assert.deepEqual(landings.at(-1), { submit: 's', action: 'a', method: 'm', target: '_self', MD: 'md' });
  await context.close();
});

test('20,000 backend errors: at most 20 shown, each cut to a readable length', async () => {
  const { page, context } = await open('many-errors');
  await fillAndPay(page);
  await waitState(page, 'error');
  const items = await page.locator('.cw-error li').allTextContents();
  assert.equal(items.length, 20);
  assert.ok(items[0].length <= 300 && items[0].endsWith('…'), `cut: ${items[0].length}`);
  await context.close();
});

test('messages for fields the form does not show go into the general message', async () => {
  const { page, context } = await open('unseen-fields');
  await fillAndPay(page);
  await waitState(page, 'error');
  const panel = await page.locator('.cw-error').textContent();
  assert.match(panel, /Unknown order/);
  assert.match(panel, /Phone is required/);
  assert.equal(await page.locator('[aria-invalid=true]').count(), 0, 'nothing highlighted that the payer cannot see');
  const errors = (await page.evaluate(() => window.__events)).filter(([n]) => n === 'error').map(([, p]) => p.code);
  assert.deepEqual(errors, ['payment_refused']);
  await context.close();
});

test('custom element: changing an attribute after mount mounts it again with the new value', async () => {
  statuses.first = { status: 'PROCESSING' };
  statuses.second = { status: 'SETTLED' };
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.base}/page?case=none`).catch(() => {});
  await page.evaluate(async () => {
    await import('/widget/index.js');
    const el = document.createElement('checkout-widget');
    el.id = 'el';
    for (const [k, v] of [['mode', 'result'], ['order-id', 'ORDER-x'], ['status-url', '/status/first']]) el.setAttribute(k, v);
    document.querySelector('main').append(el);
  });
  await page.waitForSelector('#el .cw[data-state=pending]');
  await page.evaluate(() => document.getElementById('el').setAttribute('status-url', '/status/second'));
  await page.waitForSelector('#el .cw[data-state=success]');
  await context.close();
});

test('options a fetch could not send are refused at mount, naming the option', async () => {
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.base}/page?case=none`).catch(() => {});
  const refused = await page.evaluate(async () => {
    const { mount } = await import('/widget/index.js');
    const o = { endpoint: '/pay', statusUrl: '/status/x', order: { order_id: 'O', order_amount: '1.99', order_currency: 'USD' } };
    const why = async (extra) => { const el = document.createElement('div'); document.body.append(el); try { await mount(el, { ...o, ...extra }); return 'mounted'; } catch (e) { return String(e.message || e); } };
    return { header: await why({ headers: { 'X-Csrf-Token': 'токен' } }), http: await why({ endpoint: 'http://shop.example.com/api/pay' }), status: await why({ statusUrl: 'http://shop.example.com/s' }) };
  });
  assert.match(refused.header, /headers\.X-Csrf-Token/);
  assert.match(refused.http, /endpoint/);
  assert.match(refused.status, /statusUrl/);
  await context.close();
});

test('custom element removed while mounting is destroyed (no polling after)', async () => {
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.base}/page?case=none`).catch(() => {});
  const polls = { kept: 0, gone: 0 };
  page.on('request', (r) => { for (const k of Object.keys(polls)) if (r.url().endsWith(`/status/${k}`)) polls[k] += 1; });
  await page.evaluate(async () => {
    await import('/widget/index.js');
    for (const id of ['kept', 'gone']) {
      const el = document.createElement('checkout-widget');
      for (const [k, v] of [['mode', 'result'], ['order-id', `ORDER-${id}`], ['status-url', `/status/${id}`]]) el.setAttribute(k, v);
      document.body.append(el);
      if (id === 'gone') el.remove(); // while its mount is under way
    }
  });
  // the control polls again after its interval (2 s); by then the removed one would have too
  for (let waited = 0; polls.kept < 2 && waited < 15000; waited += 100) await page.waitForTimeout(100);
  await page.waitForTimeout(300);
  assert.ok(polls.kept >= 2, `the element that stays polls (${polls.kept})`);
  assert.ok(polls.gone <= 1, `the removed one stops (${polls.gone})`);
  await context.close();
});
