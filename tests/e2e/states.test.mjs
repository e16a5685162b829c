// Every screen a payer can see — the empty form, refused fields, sending, the backend's field
// errors, decline, pending, unknown, on the way to the bank, success — at 360 and 1280px,
// in English and in Arabic (right to left), and in the dark theme: each axe-clean (WCAG 2.2
// AA), each screen's icon, amount and next step where it has them, and one contact sheet
// per locale and width for the README (tests/e2e/out/states-*.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, STRICT_CSP, fakeBackendAndBrowser, sendFile, fillCard, fillPayer, waitState, axe, contactSheet } from './harness.mjs';

const DIST = join(ROOT, 'www', 'dist');

/** What the fake backend answers each case's Pay with. */
function answer(c, res) {
  const json = (body, status = 200) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  switch (c) {
    case 'success': return json({ action: 'SALE', result: 'SUCCESS', status: 'SETTLED', trans_id: 't', descriptor: 'SHOP*EXAMPLE' });
    case 'declined': return json({ action: 'SALE', result: 'DECLINED', status: 'DECLINED', trans_id: 't', decline_reason: 'Insufficient funds' });
    case 'fields': return json({ action: 'SALE', result: 'ERROR', error_message: 'Request data is invalid.', error_code: 100000, errors: [{ error_code: 100000, error_message: 'card_cvv2: CVV2 is invalid' }] });
    case 'accepted': return json({ action: 'SALE', result: 'ACCEPTED', trans_id: 't' });
    case 'unknown': return json({ error: 'upstream timeout' }, 502);
    case 'redirect': return json({ action: 'SALE', result: 'REDIRECT', status: '3DS', redirect_url: `${shared.base}/acs`, redirect_method: 'POST', redirect_params: { PaReq: 'p' } });
    default: return undefined; // 'hang': the answer never comes (the form stays "sending")
  }
}

function page(lang, theme) {
  return `<!doctype html><html lang="${lang}"${['ar', 'he'].includes(lang) ? ' dir="rtl"' : ''}><head><meta charset="utf-8"><title>Checkout</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/widget/checkout-widget.css"><link rel="stylesheet" href="/shop.css"></head>
<body class="${theme}"><main><h1>Shop</h1><div id="checkout"></div></main><script type="module" src="/page.js"></script></body></html>`;
}

const PAGE_JS = `import { mount } from '/widget/index.js';
const q = new URLSearchParams(location.search);
await mount('#checkout', { endpoint: '/pay/' + q.get('case'), statusUrl: '/status', locale: q.get('locale'),
  order: { order_id: 'ORDER-1', order_amount: '24.90', order_currency: 'EUR' }, pollIntervalMs: 60000,
  fields: { payer_middle_name: 'hidden', payer_birth_date: 'hidden', payer_address2: 'optional', payer_phone: 'optional' },
  // the screen "on the way to the bank" is held for the picture: never navigates
  beforeRedirect: () => new Promise(() => {}) });`;

const shared = fakeBackendAndBrowser((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname.startsWith('/widget/')) return sendFile(res, DIST, url.pathname.slice('/widget/'.length));
  const send = (type, body, headers = {}) => {
    res.writeHead(200, { 'Content-Type': type, ...headers });
    res.end(body);
  };
  if (url.pathname === '/') return send('text/html', page(url.searchParams.get('locale'), url.searchParams.get('theme') || ''), { 'Content-Security-Policy': STRICT_CSP });
  if (url.pathname === '/page.js') return send('text/javascript', PAGE_JS);
  // a page background for the dark theme, as a merchant's dark page would have
  if (url.pathname === '/shop.css') return send('text/css', 'body{margin:16px;font-family:system-ui}.cw-theme-dark{background:#16191d;color:#e6e9ed}');
  if (url.pathname === '/status') return send('application/json', JSON.stringify({ status: 'PREPARE' }));
  if (url.pathname.startsWith('/pay/')) return answer(url.pathname.slice(5), res);
  res.writeHead(404);
  res.end();
});

/** Each screen: its name, the backend case that leads to it, the `data-state` it ends in. */
const SCREENS = [
  ['form', null, 'editing'],
  ['refused', null, 'editing'],
  ['sending', 'hang', 'submitting'],
  ['field errors', 'fields', 'error'],
  ['declined', 'declined', 'declined'],
  ['pending', 'accepted', 'pending'],
  ['unknown', 'unknown', 'unknown'],
  ['to the bank', 'redirect', 'redirecting'],
  ['success', 'success', 'success'],
];

/** Opens the checkout, brings it to the screen, and returns the page. */
async function reach(context, lang, theme, [name, c, want]) {
  const p = await context.newPage();
  await p.goto(`${shared.base}/?locale=${lang}&case=${c}&theme=${theme}`);
  await waitState(p, 'editing');
  if (name !== 'form' && name !== 'refused') {
    await fillCard(p, '4111111111111111', '01/38', '737');
    await fillPayer(p);
  }
  if (name !== 'form') await p.click('button[type=submit]');
  await waitState(p, want);
  if (name === 'refused') await p.waitForSelector('[aria-invalid=true]');
  // let the panel's focus and the icon settle (the ring is still in reduced motion)
  await p.waitForTimeout(50);
  return p;
}

// he, ja and zh-Hant at phone width only: Hebrew right to left as Arabic, CJK line breaking
for (const [lang, theme] of [['en', ''], ['ar', ''], ['en', 'cw-theme-dark'], ['he', ''], ['ja', ''], ['zh-Hant', '']]) {
  for (const width of theme || !['en', 'ar'].includes(lang) ? [360] : [360, 1280]) {
    test(`${lang}${theme ? ' dark' : ''} at ${width}px: every screen axe-clean, with its icon and next step`, async () => {
      const context = await shared.browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
      const shots = [];
      for (const screen of SCREENS) {
        const p = await reach(context, lang, theme, screen);
        assert.deepEqual(await axe(p), [], `axe on "${screen[0]}"`);
        await check(p, lang, screen[2]);
        const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scroll <= width, `"${screen[0]}" fits ${width}px (${scroll})`);
        shots.push([screen[0], await p.locator('.cw').screenshot()]);
        await p.close();
      }
      await contactSheet(context, shots, width > 400 ? 3 : 5, `states-${lang}${theme ? '-dark' : ''}-${width}.png`);
      await context.close();
    });
  }
}

/** What each outcome screen must say besides its title. */
async function check(p, lang, state) {
  const panel = p.locator('.cw-panel');
  if (state === 'editing' || state === 'submitting') return assert.equal(await panel.count(), 0);
  const icon = panel.locator('.cw-icon');
  assert.equal(await icon.getAttribute('aria-hidden'), 'true', 'the icon is not read');
  const drawn = await icon.evaluate((e) => e.getBoundingClientRect().width);
  assert.ok(drawn >= 24, `the ${state} icon is drawn (${drawn}px)`);
  const text = await panel.textContent();
  const amount = await p.evaluate((l) => new Intl.NumberFormat(l, { style: 'currency', currency: 'EUR' }).format('24.90'), lang);
  if (state === 'success') {
    assert.ok(text.includes(amount), `success shows the amount ${amount}: ${text}`);
    assert.ok(text.includes('SHOP*EXAMPLE'), 'and the statement descriptor');
  }
  if (state === 'declined') {
    assert.ok(text.includes('Insufficient funds'), 'the bank\'s reason');
    assert.equal(await panel.locator('button').count(), 1, 'and one way on: try another card');
  }
  if (state === 'pending' || state === 'unknown') assert.ok((await panel.locator('p').count()) >= 2, 'what happens next');
  const live = await p.locator('[role=status]').textContent();
  assert.ok(live.length > 0, `the ${state} screen is announced`);
}

test('declined: "Try another card" empties the card fields and puts the payer in the number', async () => {
  const context = await shared.browser.newContext({ viewport: { width: 360, height: 900 } });
  const p = await reach(context, 'en', '', SCREENS[4]);
  await p.click('.cw-declined button');
  await waitState(p, 'editing');
  for (const f of ['card_number', 'card_exp', 'card_cvv2']) assert.equal(await p.inputValue(`[name=${f}]`), '', `${f} emptied`);
  assert.equal(await p.evaluate(() => document.activeElement.name), 'card_number');
  assert.equal(await p.inputValue('[name=payer_city]'), 'Denver', 'the payer\'s details stay');
  assert.equal(await p.locator('[aria-invalid=true]').count(), 0, 'no field is blamed for being emptied');
  await context.close();
});

test('reduced motion stops the waiting ring; without it, the ring turns', async () => {
  for (const reducedMotion of ['reduce', 'no-preference']) {
    const context = await shared.browser.newContext({ viewport: { width: 360, height: 900 }, reducedMotion });
    const p = await reach(context, 'en', '', SCREENS[5]);
    const animation = await p.locator('.cw-icon').evaluate((e) => getComputedStyle(e).animationName);
    assert.equal(animation, reducedMotion === 'reduce' ? 'none' : 'cw-turn', reducedMotion);
    await context.close();
  }
});
