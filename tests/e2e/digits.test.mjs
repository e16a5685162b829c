// Digits from any keyboard: full-width (４), Arabic-Indic (٤) and Persian (۴) digits typed
// or pasted into every numeric field are read, shown and sent as ASCII, and the payment goes
// through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sandboxAndBrowser, newPage, waitState, fillPayer } from './harness.mjs';

const SETS = { 'full-width': 0xff10, 'Arabic-Indic': 0x0660, Persian: 0x06f0 };
const write = (ascii, zero) => ascii.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));

// WIDGET_DIST=… runs it against another build (how it was seen failing on the old code)
const shared = sandboxAndBrowser(process.env.WIDGET_DIST ? ['--widget', process.env.WIDGET_DIST] : []);

for (const [name, zero] of Object.entries(SETS)) {
  test(`${name} digits in every numeric field: shown and sent as ASCII, and the payment goes through`, async () => {
    const { page, context } = await newPage(shared.browser);
    const sent = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/pay')) sent.push(r.postData()); });
    await page.goto(`${shared.sb.base}/`);
    await waitState(page, 'editing');
    await fillPayer(page, { first: 'Amir', last: 'Karimi', email: 'amir@example.com', country: 'US', address: '1 Main St', city: 'Denver', state: 'CO', zip: write('80202', zero) });
    const typed = { card_number: '4111111111111111', card_exp: '01/38', card_cvv2: '737', payer_phone: '+1 303 555 0100' };
    for (const [field, ascii] of Object.entries(typed)) await page.fill(`[name=${field}]`, write(ascii, zero));
    const shown = Object.fromEntries(await Promise.all(['card_number', 'card_exp', 'card_cvv2', 'payer_phone', 'payer_zip'].map(async (f) => [f, await page.inputValue(`[name=${f}]`)])));
    assert.deepEqual(shown, { card_number: '4111 1111 1111 1111', card_exp: '01/38', card_cvv2: '737', payer_phone: '+1 303 555 0100', payer_zip: '80202' });
    await page.click('button[type=submit]');
    await waitState(page, 'success');
    const body = JSON.parse(sent[0]);
    assert.equal(body.card_number, '4111111111111111');
    assert.deepEqual([body.card_exp_month, body.card_exp_year, body.card_cvv2, body.payer_zip], ['01', '2038', '737', '80202']);
    await context.close();
  });
}

test('a whole card string pasted in Arabic-Indic digits fills number, expiry and CVC in ASCII', async () => {
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/`);
  await waitState(page, 'editing');
  await page.locator('[name=card_number]').evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, write('4111 1111 1111 1111 01/38 737', SETS['Arabic-Indic']));
  await page.waitForFunction(() => document.querySelector('[name=card_cvv2]').value === '737');
  assert.equal(await page.inputValue('[name=card_number]'), '4111 1111 1111 1111');
  assert.equal(await page.inputValue('[name=card_exp]'), '01/38');
  await context.close();
});
