// A payer's whole journey in Chromium against the sandbox: every test card of both
// dialects from the empty form to the final screen (3-D Secure pages included), saved
// card, async with callback, the result page, keyboard only; axe and leak checks on the way.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  sandboxAndBrowser, newPage, fillCard, messageOf, fillPayer, waitState, assertAxeClean, assertNoCardData, shot, axeStates,
} from './harness.mjs';

const counts = { flows: 0, security: 0 };
const shared = sandboxAndBrowser();
after(() => {
  console.log(`flows run: ${counts.flows}; axe states checked: ${[...axeStates].sort().join(', ')} (${axeStates.size}); leak checks: ${counts.security}`);
});

/** Pays on the demo page and returns the final page state after any 3-D Secure. */
async function checkout({ query = '', number, exp, acs = null, want, cvc = '737', screenshots = false }) {
  const { page, context, log } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/${query}`);
  await waitState(page, 'editing');
  if (screenshots) {
    await assertAxeClean(page, 'empty');
    await shot(page, 'empty');
  }
  await fillCard(page, number, exp, cvc);
  await fillPayer(page);
  await page.click('button[type=submit]');
  if (acs) {
    await page.waitForURL(/\/gateway\/acs\//, { timeout: 15000 });
    assert.match(await page.title(), /3-D Secure/);
    if (screenshots) await shot(page, 'acs');
    await page.click(acs === 'ok' ? '#acs-authenticate' : '#acs-fail');
    await page.waitForURL(/\/return\?order_id=/, { timeout: 15000 });
  }
  await waitState(page, want);
  counts.flows += 1;
  await assertNoCardData(page, log, number, cvc);
  counts.security += 1;
  if (want === 'success' && !acs) {
    // card inputs are gone (cleared) once paid
    assert.equal(await page.locator('[name=card_number]').count(), 0);
  }
  return { page, context, log };
}

test('platform 01/38 settles, with axe-clean empty and success states', async () => {
  const { page, context } = await checkout({ number: '4111 1111 1111 1111', exp: '01/38', want: 'success', screenshots: true });
  assert.match(await page.locator('.cw-status-name').textContent(), /Paid/);
  assert.equal(await page.locator('.cw-status-name').getAttribute('data-status'), 'SETTLED');
  assert.match(await page.locator('[role=status]').textContent(), /Payment successful/, 'announced in the live region');
  await assertAxeClean(page, 'success');
  await shot(page, 'success');
  await context.close();
});

test('platform 02/38 is declined and the payer may try again', async () => {
  const { page, context } = await checkout({ number: '4111111111111111', exp: '02/38', want: 'declined' });
  assert.match(await page.locator('.cw-declined').textContent(), /Declined by the sandbox test card/);
  await assertAxeClean(page, 'declined');
  await shot(page, 'declined');
  // the form is still there: correct the card and pay
  await page.fill('[name=card_exp]', '01/38');
  await page.click('button[type=submit]');
  // a new attempt (new Idempotency-Key) on the declined order goes through
  await waitState(page, 'success');
  await context.close();
});

test('platform auth=Y ends PENDING (authorised)', async () => {
  const { page, context } = await checkout({ query: '?auth=Y', number: '4111111111111111', exp: '01/38', want: 'success' });
  assert.equal(await page.locator('.cw-status-name').getAttribute('data-status'), 'PENDING');
  await context.close();
});

test('platform 03/38 authorises (PENDING)', async () => {
  const { page, context } = await checkout({ number: '4111111111111111', exp: '03/38', want: 'success' });
  assert.equal(await page.locator('.cw-status-name').getAttribute('data-status'), 'PENDING');
  await context.close();
});

test('platform 05/38: 3-D Secure (POST) then SETTLED on /return, axe-clean result', async () => {
  const { page, context } = await checkout({ number: '4111111111111111', exp: '05/38', acs: 'ok', want: 'success', screenshots: true });
  assert.equal(await page.locator('.cw-status-name').getAttribute('data-status'), 'SETTLED');
  await assertAxeClean(page, 'result');
  await shot(page, 'result');
  await context.close();
});

test('platform 06/38: 3-D Secure then DECLINED', async () => {
  const { page, context } = await checkout({ number: '4111111111111111', exp: '06/38', acs: 'ok', want: 'declined' });
  assert.equal(await page.locator('.cw-status-name').getAttribute('data-status'), 'DECLINED');
  await context.close();
});

test('platform 12/38: GET redirect (query already in URL) then SETTLED', async () => {
  const { page, context, log } = await checkout({ number: '4111111111111111', exp: '12/38', acs: 'ok', want: 'success' });
  assert.ok(log.urls.some((u) => /\/gateway\/acs\/[0-9a-f]+\?session=/.test(u)), 'went to the GET URL with its own query');
  await context.close();
});

test('platform 12/39: GET redirect then DECLINED', async () => {
  const { context } = await checkout({ number: '4111111111111111', exp: '12/39', acs: 'ok', want: 'declined' });
  await context.close();
});

test('platform-v2: list-shaped redirect params ([{name,value}]) post to the ACS', async () => {
  const { context, log } = await checkout({ query: '?gateway=platform-v2', number: '4111111111111111', exp: '05/38', acs: 'ok', want: 'success' });
  assert.ok(log.urls.some((u) => /\/gateway\/acs\/[0-9a-f]+$/.test(u)));
  // and the v2 GET case merges MD into the existing query
  const r = await checkout({ query: '?gateway=platform-v2', number: '4111111111111111', exp: '12/38', acs: 'ok', want: 'success' });
  assert.ok(r.log.urls.some((u) => /\?session=[0-9a-f]+&MD=[0-9a-f]+/.test(u)), 'params merged into the query');
  await r.context.close();
  await context.close();
});

test('platform: failing the ACS declines', async () => {
  const { context } = await checkout({ number: '4111111111111111', exp: '05/38', acs: 'fail', want: 'declined' });
  await context.close();
});

test('platform async=Y: pending, then the callback settles it (polling)', async () => {
  const { page, context, log } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/?async=Y`);
  await waitState(page, 'editing');
  await fillCard(page, '4111111111111111', '01/38', '737');
  await fillPayer(page);
  await page.click('button[type=submit]');
  await waitState(page, 'pending');
  await assertAxeClean(page, 'pending');
  await shot(page, 'pending');
  await waitState(page, 'success', 20000);
  counts.flows += 1;
  await assertNoCardData(page, log, '4111111111111111', '737');
  counts.security += 1;
  await context.close();
});

for (const [number, acs, want] of [
  ['4200000000000000', null, 'success'],
  ['4005550000000019', null, 'declined'],
  ['4012000000001097', 'ok', 'success'],
  ['4012000000001014', 'ok', 'declined'],
]) {
  test(`paycross ${number} → ${want}`, async () => {
    const { context } = await checkout({ query: '?gateway=paycross', number, exp: '01/38', acs, want });
    await context.close();
  });
}

test('save the card, then pay with the saved card (same browser session; no token in the page)', async () => {
  const { page: first, context, log } = await newPage(shared.browser);
  await first.goto(`${shared.sb.base}/?email=saver@example.com`);
  await waitState(first, 'editing');
  await fillCard(first, '4111111111111111', '01/38', '737');
  await fillPayer(first, { first: 'Sam', last: 'Saver', email: 'saver@example.com', country: 'US', address: '1 Main St', city: 'Denver', state: 'CO', zip: '80202' });
  await first.check('[name=req_token]');
  await first.click('button[type=submit]');
  await waitState(first, 'success');

  // the next order in the same browser offers the card the backend keeps for this session
  const page = await context.newPage();
  page.on('console', (m) => log.console.push(m.text()));
  page.on('request', (r) => log.urls.push(r.url()));
  const bodies = [];
  page.on('response', async (r) => { if (r.url().includes('/api/')) bodies.push(await r.text().catch(() => '')); });
  await page.goto(`${shared.sb.base}/`);
  await waitState(page, 'editing');
  assert.ok(await page.locator('input[name=saved_card][value=saved]').isChecked(), 'saved card offered');
  assert.equal(await page.locator('[name=card_number]').count(), 0, 'card fields hidden');
  assert.match(await page.locator('.cw-saved').textContent(), /1111/);
  const html = await page.content();
  assert.ok(!/card_token|"token"|[0-9a-f]{64}/.test(html), 'no gateway token in the page');
  assert.equal(await page.evaluate(() => document.cookie), '', 'the session cookie is HttpOnly');
  await fillPayer(page, { first: 'Sam', last: 'Saver', email: 'saver@example.com', country: 'US', address: '1 Main St', city: 'Denver', state: 'CO', zip: '80202' });
  await page.click('button[type=submit]');
  await waitState(page, 'success');
  assert.ok(bodies.length > 0 && bodies.every((b) => !/card_token|"token"/.test(b)), 'no token in any answer');
  counts.flows += 1;
  await assertNoCardData(page, log, '4111111111111111', null);
  counts.security += 1;
  await context.close();
});

test('errors state: empty submit shows every problem, focus on the first, axe-clean', async () => {
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/`);
  await waitState(page, 'editing');
  await page.click('button[type=submit]');
  await page.waitForSelector('[aria-invalid=true]');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'card_number');
  assert.match(await messageOf(page, 'card_number'), /required/);
  assert.match(await page.locator('[role=status]').textContent(), /not valid/);
  // seen, not only announced: every invalid control has the error border
  const borders = await page.$$eval('[aria-invalid=true]', (els) => els.map((e) => getComputedStyle(e).borderTopColor));
  assert.ok(borders.length >= 10);
  assert.deepEqual([...new Set(borders)], ['rgb(179, 38, 30)'], 'error border on every invalid control');
  await assertAxeClean(page, 'errors');
  await shot(page, 'errors');
  await context.close();
});

test('Russian form', async () => {
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/?locale=ru`);
  await waitState(page, 'editing');
  await page.click('button[type=submit]');
  await page.waitForSelector('[aria-invalid=true]');
  assert.match(await page.locator('.cw-pay').textContent(), /Оплатить/);
  await assertAxeClean(page, 'errors-ru');
  await shot(page, 'errors-ru');
  await context.close();
});

test('keyboard only: Tab, typing, Space and Enter complete a checkout (announced in the live region)', async () => {
  const { page, context, log } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/`);
  await waitState(page, 'editing');
  await page.locator('body').focus();
  const focused = () => page.evaluate(() => document.activeElement && (document.activeElement.name || document.activeElement.tagName));
  const typeInto = async (name, text) => {
    for (let i = 0; i < 20 && (await focused()) !== name; i += 1) await page.keyboard.press('Tab');
    assert.equal(await focused(), name, `Tab reaches ${name}`);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', `visible focus on ${name}`);
    await page.keyboard.type(text);
  };
  await typeInto('card_number', '4111111111111111');
  await typeInto('card_exp', '0138');
  await typeInto('card_cvv2', '737');
  // Space ticks "save this card"
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'req_token');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('[name=req_token]').isChecked(), true, 'Space toggles the checkbox');
  await typeInto('payer_first_name', 'John');
  await typeInto('payer_last_name', 'Doe');
  await typeInto('payer_email', 'doe@example.com');
  await typeInto('payer_country', 'United States');
  await typeInto('payer_address', '1 Main St');
  await typeInto('payer_city', 'Denver');
  await typeInto('payer_state', 'CO');
  await typeInto('payer_zip', '80202');
  assert.equal(await page.locator('[name=card_exp]').inputValue(), '01/38', 'expiry formatted as typed');
  assert.equal(await page.locator('[name=payer_country]').inputValue(), 'US');
  await page.keyboard.press('Enter');
  await waitState(page, 'success').catch(async (e) => {
    await shot(page, 'keyboard-failure');
    console.log(await page.evaluate(() => [...document.querySelectorAll('[aria-invalid=true]')].map((e) => e.name + '=' + e.value)));
    throw e;
  });
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('cw-panel')), true, 'focus moves to the result');
  assert.match(await page.locator('[role=status]').textContent(), /Payment successful: Paid/);
  counts.flows += 1;
  await assertNoCardData(page, log, '4111111111111111', '737');
  counts.security += 1;
  await context.close();
});
