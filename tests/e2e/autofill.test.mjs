// How returning payers' browsers fill the form, in all three engines (tests/e2e/webdriver.mjs):
// Chrome's and Safari's autofill (plain Events: keydown, input, keyup, change; no focus),
// Firefox's (an InputEvent `insertReplacementText`, then change) and a password manager that
// fires only `change` — every card and payer field at once, in the shapes they write (an
// expiry in each of six layouts, a number with dashes, a country by code or name, a state by
// name, ZIP+4), then Pay to SETTLED. What the widget sent is read from its request.
// ENGINES=… picks engines; WIDGET_DIST=… serves another build (harness.mjs).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, PAYER } from './harness.mjs';
import { ENGINES, startEngine } from './webdriver.mjs';

const selected = (process.env.ENGINES || Object.keys(ENGINES).join(',')).split(',');
const SHAPES = ['01/38', '01/2038', '1/38', '01 / 38', '0138', '01-38'];
let sb;

before(async () => {
  sb = await startSandbox();
});
after(() => sb?.stop());

/** Runs in the page: fills `values` (field name → text; a <select> by option value or label)
 *  as `style` does, all within one task, the elements found before the first is filled.
 *  Chrome's autofill dispatches each field's events from the browser, so the page's
 *  microtasks (the widget's renders) run between fields. */
async function fill(style, values) {
  const fields = Object.entries(values).map(([name, value]) => [document.querySelector(`[name=${name}]`), value]);
  for (const [el, value] of fields) {
    if (style === 'chrome') await null;
    if (!el) continue;
    if (el.tagName === 'SELECT') el.value = [...el.options].find((o) => o.value === value || o.text === value)?.value ?? value;
    else el.value = value;
    const plain = (type) => el.dispatchEvent(new Event(type, { bubbles: true }));
    if (style === 'chrome') ['keydown', 'input', 'keyup', 'change'].forEach(plain);
    if (style === 'firefox') {
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: value }));
      plain('change');
    }
    if (style === 'change') plain('change');
  }
}

/** Runs in the page: records each payment request's body; with `window.__hold` set, answers
 *  it with a refusal instead of sending it (the form stays open for the next try). */
function recordPayments() {
  window.__sent = [];
  const real = window.fetch;
  window.fetch = function (req, ...rest) {
    if (!(req instanceof Request) || !req.url.endsWith('/api/pay')) return real.call(this, req, ...rest);
    return req.clone().text().then((body) => {
      window.__sent.push(JSON.parse(body));
      // sent anew from its parts: Firefox refuses the page's own Request from this script
      const again = { method: req.method, headers: Object.fromEntries(req.headers), body, signal: req.signal };
      if (!window.__hold) return real.call(window, req.url, again);
      return new Response('{"result":"ERROR","error_message":"Held by the test"}', { status: 400, headers: { 'content-type': 'application/json' } });
    });
  };
}

// [style, card number as filled, expiry shape, country as filled, state as filled, ZIP as filled]
const STYLES = [
  ['chrome', '4111-1111-1111-1111', '1/38', 'US', 'Colorado', '80202-1234'],
  ['firefox', '4111 1111 1111 1111', '01 / 38', 'United States', 'CO', '802021234'],
  ['change', '4111111111111111', '01/2038', 'US', 'co', '80202 1234'],
];

function everything(number, exp, country, state, zip) {
  return {
    card_number: number, card_exp: exp, card_cvv2: '737', payer_first_name: PAYER.first, payer_last_name: PAYER.last,
    payer_email: PAYER.email, payer_country: country, payer_address: PAYER.address, payer_city: PAYER.city, payer_state: state, payer_zip: zip,
  };
}

for (const name of selected) {
  describe(name, () => {
    let b;
    let engine;
    before(async () => {
      engine = await startEngine(name);
      b = engine.browser;
    });
    after(async () => engine?.close());

    const state = () => b.execute(() => document.querySelector('.cw')?.getAttribute('data-state'));
    const waitState = (want) => b.waitUntil(async () => (await state()) === want, { timeout: 20000, timeoutMsg: `state ${want}` });
    async function open() {
      await b.deleteCookies(); // a new payer: no saved card offered
      await b.url(`${sb.base}/`);
      await waitState('editing');
      // the country list fills in the task after the first render
      await b.waitUntil(() => b.execute(() => !!document.querySelector('[name=payer_country] option[value=US]')), { timeoutMsg: 'country list' });
      await b.execute(recordPayments);
    }
    const sent = () => b.execute(() => window.__sent);

    for (const [style, number, exp, country, stateName, zip] of STYLES) {
      test(`${style}-style fill: every card and payer field, then paid to SETTLED`, async () => {
        await open();
        await b.execute(fill, style, everything(number, exp, country, stateName, zip));
        await b.$('button[type=submit]').click();
        await waitState('success');
        assert.equal(await b.$('.cw-status-name').getAttribute('data-status'), 'SETTLED');
        const [body] = await sent();
        assert.deepEqual(
          [body.card_number, body.card_exp_month, body.card_exp_year, body.card_cvv2],
          ['4111111111111111', '01', '2038', '737'],
        );
        assert.deepEqual(
          [body.payer_first_name, body.payer_last_name, body.payer_email, body.payer_country, body.payer_address, body.payer_city, body.payer_state, body.payer_zip],
          [PAYER.first, PAYER.last, PAYER.email, 'US', PAYER.address, PAYER.city, 'CO', '80202-1234'],
        );
      });
    }

    test('each expiry shape, filled in each style, is January 2038', async () => {
      await open();
      await b.execute(() => { window.__hold = true; });
      await b.execute(fill, 'chrome', everything('4111111111111111', '01/38', 'US', 'CO', '80202'));
      const read = [];
      for (const [style] of STYLES) {
        for (const shape of SHAPES) {
          const before = (await sent()).length;
          await b.execute(fill, style, { card_exp: shape });
          await b.$('button[type=submit]').click();
          await b.waitUntil(async () => (await sent()).length > before && (await state()) === 'error', { timeoutMsg: `${style} ${shape}: not sent` });
          const last = (await sent()).at(-1);
          read.push(`${style} ${shape} → ${last?.card_exp_month}/${last?.card_exp_year}`);
        }
      }
      assert.deepEqual(read, STYLES.flatMap(([style]) => SHAPES.map((shape) => `${style} ${shape} → 01/2038`)));
    });
  });
}
