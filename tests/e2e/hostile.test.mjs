// Hostile and broken backends: redirect URLs that try to run script, markup in params,
// odd methods, HTML / empty / 500 bodies, a hung backend (timeout → unknown → retry with
// the same key), and double submits. Each ends in a safe state; nothing navigates or runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, STRICT_CSP, fakeBackendAndBrowser, sendFile, newPage, fillCard, messageOf, waitState, state, assertAxeClean, assertNoCardData, shot } from './harness.mjs';

const DIST = join(ROOT, 'www', 'dist');

const posts = {}; // case → [Idempotency-Key, ...]
const landings = [];

function answerFor(c, res) {
  const json = (status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const redirect = (url, method = 'GET', params) => json(200, { result: 'REDIRECT', status: '3DS', redirect_url: url, redirect_method: method, redirect_params: params });
  switch (c) {
    case 'js': return redirect('javascript:window.__pwned=1');
    case 'js-mixed': return redirect('JaVaScRiPt:window.__pwned=1');
    case 'js-space': return redirect('   javascript:window.__pwned=1');
    case 'data': return redirect('data:text/html,<script>window.__pwned=1</script>');
    case 'slashes': return redirect('//evil.example/steal');
    case 'put': return redirect(`${shared.base}/landing`, 'PUT', {});
    case 'number-param': return redirect(`${shared.base}/landing`, 'POST', { PaReq: 12345 });
    case 'script-params': return redirect(`${shared.base}/landing`, 'POST', { PaReq: '"><script>window.__pwned=1</script>', MD: "'><img src=x onerror=window.__pwned=1>" });
    case 'html': res.writeHead(200, { 'Content-Type': 'text/html' }); return res.end('<html><body><script>window.__pwned=1</script><h1>Oops</h1></body></html>');
    case 'empty': res.writeHead(200); return res.end('');
    case '500': res.writeHead(500, { 'Content-Type': 'text/plain' }); return res.end('Internal Server Error');
    case 'fields': return json(200, { result: 'ERROR', error_message: 'Request data is invalid.', error_code: 100000, errors: [{ error_code: 100000, error_message: 'card_cvv2: <b>bad</b> CVV' }, { error_code: 1, error_message: 'Try later' }] });
    case 'hang': return; // never answers
    case 'slow': return setTimeout(() => json(200, { result: 'SUCCESS', status: 'SETTLED', trans_id: 't' }), 700);
    case 'hold-redirect': return redirect(`${shared.base}/landing`, 'POST', { MD: 'm' });
    case 'accepted': return json(200, { result: 'ACCEPTED', trans_id: 't' }); // async: the status URL settles it
    default: return json(404, { error: 'unknown case' });
  }
}

const shared = fakeBackendAndBrowser((req, res, body) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/widget/')) return sendFile(res, DIST, url.pathname.slice('/widget/'.length));
  if (url.pathname === '/page') {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': STRICT_CSP });
    return res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile backend test</title>
<link rel="stylesheet" href="/widget/checkout-widget.css"></head><body><main><h1>Test shop</h1>
<div id="checkout" data-case="${url.searchParams.get('case')}" data-timeout="${url.searchParams.get('timeout') || ''}"></div></main>
<script type="module" src="/page.js"></script></body></html>`);
  }
  if (url.pathname === '/page.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    return res.end(`import { mount } from '/widget/index.js';
const el = document.getElementById('checkout');
window.__events = [];
const rec = (name) => (p) => { window.__events.push([name, JSON.stringify(p)]); };
const hidden = Object.fromEntries(['payer_first_name','payer_middle_name','payer_last_name','payer_phone','payer_birth_date','payer_country','payer_address','payer_address2','payer_city','payer_state','payer_zip'].map((f) => [f, 'hidden']));
const opts = { endpoint: '/pay/' + el.dataset.case, statusUrl: '/status/' + el.dataset.case, locale: 'en',
order: { order_id: 'ORDER-' + el.dataset.case, order_amount: '1.99', order_currency: 'USD' }, fields: hidden,
headers: { 'X-CSRF-Token': 'csrf-123' },
onReady: rec('ready'), onChange: rec('change'), onSubmit: rec('submit'), onResult: rec('result'), onError: rec('error'),
beforeRedirect: el.dataset.case === 'hold-redirect' ? (p) => { rec('beforeRedirect')(p); return new Promise(() => {}); } : rec('beforeRedirect') };
if (el.dataset.timeout) opts.timeoutMs = Number(el.dataset.timeout);
if (el.dataset.case === 'accepted') opts.pollIntervalMs = 200;
window.__handle = await mount(el, opts);`);
  }
  if (url.pathname.startsWith('/pay/')) {
    const c = url.pathname.slice(5);
    (posts[c] = posts[c] || []).push({ key: req.headers['idempotency-key'], csrf: req.headers['x-csrf-token'], body: JSON.parse(body || '{}') });
    return answerFor(c, res);
  }
  if (url.pathname.startsWith('/status/')) {
    const c = url.pathname.slice('/status/'.length);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (c === 'accepted') return res.end(JSON.stringify({ status: 'DECLINED', decline_reason: 'Insufficient funds' }));
    return res.end(JSON.stringify({ status: c.startsWith('S-') ? c.slice(2) : 'NEW', descriptor: 'SHOP*TEST' }));
  }
  if (url.pathname === '/result') {
    res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': STRICT_CSP });
    return res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Result</title>
<link rel="stylesheet" href="/widget/checkout-widget.css"></head><body><main><h1>Your payment</h1><div id="checkout"></div></main>
<script type="module" src="/result.js"></script></body></html>`);
  }
  if (url.pathname === '/result.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript' });
    return res.end(`import { mount } from '/widget/index.js';
const q = new URLSearchParams(location.search);
await mount('#checkout', { mode: 'result', orderId: 'ORDER-R', statusUrl: '/status/S-' + q.get('status'), locale: q.get('locale'), pollIntervalMs: 200, pollTimeoutMs: 600 });`);
  }
  if (url.pathname === '/landing') {
    landings.push(Object.fromEntries(new URLSearchParams(body)));
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    return res.end('landed');
  }
  res.writeHead(404);
  res.end();
});

async function open(c, extra = '') {
  const p = await newPage(shared.browser);
  p.dialogs = [];
  p.page.on('dialog', (d) => { p.dialogs.push(d.message()); d.dismiss(); });
  await p.page.goto(`${shared.base}/page?case=${c}${extra}`);
  await waitState(p.page, 'editing');
  await p.page.fill('[name=card_number]', '4111111111111111');
  await p.page.fill('[name=card_exp]', '01/38');
  await p.page.fill('[name=card_cvv2]', '737');
  await p.page.fill('[name=payer_email]', 'doe@example.com');
  return p;
}

async function assertSafe(p, c) {
  const { page, log } = p;
  assert.equal(new URL(page.url()).pathname, '/page', `${c}: no navigation`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `${c}: nothing executed`);
  assert.deepEqual(p.dialogs, [], `${c}: no dialog`);
  assert.equal(await page.locator('form[data-checkout-redirect]').count(), 0, `${c}: no redirect form built`);
  const events = await page.evaluate(() => window.__events);
  for (const [, payload] of events) {
    assert.ok(!payload.includes('4111111111111111') && !/(^|\D)737(\D|$)/.test(payload), `card data in an event: ${payload}`);
  }
  await assertNoCardData(page, log, '4111111111111111', '737');
}

for (const c of ['js', 'js-mixed', 'js-space', 'data', 'slashes', 'put', 'number-param']) {
  test(`hostile redirect "${c}" is refused, never navigated`, async () => {
    const p = await open(c);
    await p.page.click('button[type=submit]');
    await waitState(p.page, 'error');
    assert.match(await p.page.locator('.cw-error').textContent(), /could not be opened safely/);
    await p.page.waitForTimeout(300);
    await assertSafe(p, c);
    await p.context.close();
  });
}

// A 500 may come from a backend that charged and then failed: not final, the payment is
// checked (tests/e2e/attempt.test.mjs has the key's side of it).
for (const [c, text, want] of [['html', /could not read/, 'error'], ['empty', /could not read/, 'error'], ['500', /could not confirm/, 'unknown']]) {
  test(`unreadable answer "${c}" → ${want}, nothing rendered from the body`, async () => {
    const p = await open(c);
    await p.page.click('button[type=submit]');
    await waitState(p.page, want);
    assert.match(await p.page.locator(`.cw-${want}`).textContent(), text);
    assert.equal(await p.page.locator('h1').count(), 1, 'the body\'s <h1> is not in the page');
    await assertSafe(p, c);
    await assertAxeClean(p.page, want);
    await p.context.close();
  });
}

test('markup in redirect params is carried as data by a DOM-built form', async () => {
  landings.length = 0;
  const p = await open('script-params');
  await p.page.click('button[type=submit]');
  await p.page.waitForURL(`${shared.base}/landing`);
  assert.deepEqual(landings.at(-1), { PaReq: '"><script>window.__pwned=1</script>', MD: "'><img src=x onerror=window.__pwned=1>" });
  assert.equal(p.dialogs.length, 0);
  await p.context.close();
});

test('field errors from the backend land on their inputs as text; the rest at form level', async () => {
  const p = await open('fields');
  await p.page.click('button[type=submit]');
  await waitState(p.page, 'error');
  const cvc = p.page.locator('[name=card_cvv2]');
  assert.equal(await cvc.getAttribute('aria-invalid'), 'true');
  assert.equal(await messageOf(p.page, 'card_cvv2'), '<b>bad</b> CVV', 'shown as text, not markup');
  assert.equal(await p.page.locator('b').count(), 0);
  assert.equal(await p.page.evaluate(() => document.activeElement.name), 'card_cvv2', 'focus on the first field error');
  assert.match(await p.page.locator('.cw-error').textContent(), /Try later/);
  await assertSafe(p, 'fields');
  await p.context.close();
});

test('a hung backend times out to "unknown"; retry reuses the Idempotency-Key', async () => {
  posts.hang = [];
  const p = await open('hang', '&timeout=1500');
  await p.page.click('button[type=submit]');
  await waitState(p.page, 'unknown', 10000);
  assert.match(await p.page.locator('.cw-unknown').textContent(), /Do not pay again/);
  await assertAxeClean(p.page, 'unknown');
  await shot(p.page, 'unknown');
  assert.equal(posts.hang.length, 1, 'no silent resubmit');
  await p.page.click('text=Retry safely');
  await waitState(p.page, 'unknown', 10000);
  assert.equal(posts.hang.length, 2);
  assert.equal(posts.hang[0].key, posts.hang[1].key, 'the same Idempotency-Key');
  assert.match(posts.hang[0].key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  // a reload keeps the key too (sessionStorage), so paying again after a timeout is safe
  await p.page.reload();
  await waitState(p.page, 'editing');
  await p.page.fill('[name=card_number]', '4111111111111111');
  await p.page.fill('[name=card_exp]', '01/38');
  await p.page.fill('[name=card_cvv2]', '737');
  await p.page.fill('[name=payer_email]', 'doe@example.com');
  await p.page.click('button[type=submit]');
  await waitState(p.page, 'unknown', 10000);
  assert.equal(posts.hang[2].key, posts.hang[0].key, 'same key after a reload');
  assert.equal(posts.hang[0].csrf, 'csrf-123', 'merchant headers are sent');
  await assertSafe(p, 'hang');
  await p.context.close();
});

test('a pending payment that the status URL finds declined ends its Idempotency-Key: Try again is a new payment', async () => {
  posts.accepted = [];
  const p = await open('accepted');
  await p.page.click('button[type=submit]');
  await waitState(p.page, 'declined');
  assert.match(await p.page.locator('.cw-declined').textContent(), /Insufficient funds/);
  await p.page.click('text=Try another card');
  await waitState(p.page, 'editing');
  await fillCard(p.page, '4111111111111111', '01/38', '737'); // emptied by "Try another card"
  await p.page.click('button[type=submit]');
  await waitState(p.page, 'declined');
  assert.equal(posts.accepted.length, 2);
  assert.notEqual(posts.accepted[1].key, posts.accepted[0].key, 'a new payment, a new Idempotency-Key');
  await assertSafe(p, 'accepted');
  await p.context.close();
});

test('a double click sends one POST; the button is busy meanwhile (axe-clean)', async () => {
  posts.slow = [];
  const p = await open('slow');
  await p.page.dblclick('button[type=submit]');
  await waitState(p.page, 'submitting');
  const btn = p.page.locator('button[type=submit]');
  assert.equal(await btn.getAttribute('aria-busy'), 'true');
  assert.ok(await btn.isDisabled());
  await assertAxeClean(p.page, 'submitting');
  await shot(p.page, 'submitting');
  await waitState(p.page, 'success');
  assert.equal(posts.slow.length, 1, 'one POST for a double click');
  assert.equal(posts.slow[0].body.card_exp_month, '01');
  assert.equal(posts.slow[0].body.card_exp_year, '2038');
  assert.equal(posts.slow[0].body.order_amount, undefined, 'the widget never sends the amount');
  await assertSafe(p, 'slow');
  await p.context.close();
});

test('a repeated Enter sends one POST', async () => {
  posts.slow = [];
  const p = await open('slow');
  await p.page.focus('[name=payer_email]');
  await p.page.keyboard.press('Enter');
  await p.page.keyboard.press('Enter');
  await p.page.keyboard.press('Enter');
  await waitState(p.page, 'success');
  assert.equal(posts.slow.length, 1);
  await p.context.close();
});

test('beforeRedirect can hold the redirect; the fallback button stays (axe-clean)', async () => {
  const p = await open('hold-redirect');
  await p.page.click('button[type=submit]');
  await waitState(p.page, 'redirecting');
  await p.page.waitForTimeout(300);
  assert.equal(new URL(p.page.url()).pathname, '/page', 'held');
  assert.ok(await p.page.locator('text=Continue to your bank').isVisible());
  await assertAxeClean(p.page, 'redirecting');
  await shot(p.page, 'redirecting');
  const ev = await p.page.evaluate(() => window.__events.filter(([n]) => n === 'beforeRedirect'));
  assert.equal(ev.length, 1);
  assert.deepEqual(JSON.parse(ev[0][1]), { url: `${shared.base}/landing`, method: 'POST' });
  await p.page.click('text=Continue to your bank');
  await p.page.waitForURL(`${shared.base}/landing`);
  await p.context.close();
});

test('events carry validity and brand, never the card number or CVC', async () => {
  const p = await open('slow');
  await p.page.click('button[type=submit]');
  await waitState(p.page, 'success');
  const events = await p.page.evaluate(() => window.__events);
  const names = new Set(events.map(([n]) => n));
  for (const n of ['ready', 'change', 'submit', 'result']) assert.ok(names.has(n), `${n} fired`);
  const change = events.filter(([n]) => n === 'change').map(([, d]) => JSON.parse(d));
  assert.ok(change.some((c) => c.field === 'card_number' && c.valid === true && c.brand === 'visa'));
  const submit = JSON.parse(events.find(([n]) => n === 'submit')[1]);
  assert.deepEqual(Object.keys(submit.fields).sort(), ['order_id', 'payer_email']);
  assert.equal(await state(p.page), 'success');
  assert.equal(await p.page.locator('[name=card_number]').count(), 0, 'card inputs gone after success');
  await assertSafe(p, 'events');
  await p.context.close();
});

test('result mode names every status of spec 000 (and REDIRECT, PREPARE, VOID) in both locales', async () => {
  const statuses = ['3DS', 'PENDING', 'SETTLED', 'REVERSAL', 'REFUND', 'CHARGEBACK', 'SECOND_PRESENTMENT', 'SECOND_CHARGEBACK', 'ARBITRATION',
    'ARBITRATION_REVERSAL', 'ARBITRATION_WON', 'ARBITRATION_LOST', 'DECLINED', 'REDIRECT', 'PREPARE', 'VOID'];
  const { page, context } = await newPage(shared.browser);
  const names = { en: new Set(), ru: new Set() };
  for (const locale of ['en', 'ru']) {
    for (const s of statuses) {
      await page.goto(`${shared.base}/result?status=${s}&locale=${locale}`);
      const el = page.locator('.cw-status-name');
      await el.waitFor();
      assert.equal(await el.getAttribute('data-status'), s);
      const text = (await el.textContent()).trim();
      assert.ok(text.length > 2 && text !== s, `${locale} ${s}: "${text}"`);
      if (locale === 'ru') assert.match(text, /[а-яё]/i, `${s} in Russian`);
      names[locale].add(text);
      const st = await state(page);
      const want = ['SETTLED', 'PENDING', 'ARBITRATION_WON', 'SECOND_PRESENTMENT'].includes(s) ? 'success' : ['3DS', 'REDIRECT', 'PREPARE'].includes(s) ? 'pending' : 'declined';
      assert.equal(st, want, `${s} → data-state`);
    }
  }
  assert.equal(names.en.size, statuses.length, 'every status has its own English name');
  assert.equal(names.ru.size, statuses.length, 'every status has its own Russian name');
  await context.close();
});
