// The payer's flows in all three engines over WebDriver (tests/e2e/webdriver.mjs): every
// sandbox test card to its end state (3-D Secure round trips included), a pasted card
// string, a keyboard-only checkout, and hostile redirects refused. ENGINES=firefox,webkit
// picks engines; each prints how many flows it ran.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, startSandbox, fakeServer, sendFile } from './harness.mjs';
import * as wd from './webdriver.mjs';
import { ENGINES, startEngine } from './webdriver.mjs';

const selected = (process.env.ENGINES || Object.keys(ENGINES).join(',')).split(',');
const CARD = '4111111111111111';
let sb;
let hostile;

before(async () => {
  sb = await startSandbox();
  hostile = await hostileBackend();
});
after(() => {
  sb?.stop();
  hostile?.server.close();
});

/** A backend that answers every payment with a redirect of its `case`, and a page for it. */
async function hostileBackend() {
  const dist = join(ROOT, 'www', 'dist');
  const landings = [];
  const cases = {
    js: 'javascript:window.__pwned=1',
    'js-mixed': 'JaVaScRiPt:window.__pwned=1',
    data: 'data:text/html,<script>window.__pwned=1</script>',
    slashes: '//evil.example/steal',
  };
  const { server, base } = await fakeServer((req, res, body) => {
    const url = new URL(req.url, 'http://h');
    const send = (type, text, status = 200) => {
      res.writeHead(status, { 'content-type': type });
      res.end(text);
    };
    if (url.pathname.startsWith('/widget/')) return sendFile(res, dist, url.pathname.slice(8));
    if (url.pathname === '/page') {
      return send('text/html', `<!doctype html><html lang="en"><title>Hostile</title><link rel="stylesheet" href="/widget/checkout-widget.css">
<div id="c"></div><script src="/widget/checkout-widget.js"></script><script>
const hidden = Object.fromEntries(['payer_first_name','payer_middle_name','payer_last_name','payer_phone','payer_birth_date','payer_country',
  'payer_address','payer_address2','payer_city','payer_state','payer_zip'].map((f) => [f, 'hidden']));
CheckoutWidget.mount('#c', { endpoint: '/pay/${url.searchParams.get('case')}', statusUrl: '/status', fields: hidden,
  order: { order_id: 'O-1', order_amount: '1.99', order_currency: 'USD' } });</script>`);
    }
    if (url.pathname.startsWith('/pay/')) {
      const c = url.pathname.slice(5);
      const redirect = c === 'script-params'
        ? { redirect_url: `${base}/landing`, redirect_method: 'POST', redirect_params: { PaReq: '"><script>window.__pwned=1</script>', MD: "'><img src=x onerror=window.__pwned=1>" } }
        : { redirect_url: cases[c], redirect_method: 'GET' };
      return send('application/json', JSON.stringify({ result: 'REDIRECT', status: '3DS', ...redirect }));
    }
    if (url.pathname === '/status') return send('application/json', '{"status":"3DS"}');
    if (url.pathname === '/landing') {
      landings.push(Object.fromEntries(new URLSearchParams(body)));
      return send('text/html', '<!doctype html><title>Landing</title><p id="landed">landed</p>');
    }
    return send('text/plain', '', 404);
  });
  return { server, base, cases, landings };
}

for (const name of selected) {
  describe(name, () => {
    let engine;
    let b;
    let flows = 0;
    before(async () => {
      engine = await startEngine(name);
      b = engine.browser;
    });
    after(async () => {
      console.log(`${name}: ${flows} flows`);
      await engine?.close();
    });

    const state = () => b.execute(() => document.querySelector('.cw')?.getAttribute('data-state'));
    const waitState = (want, timeout = 20000) => b.waitUntil(async () => (await state()) === want, { timeout, timeoutMsg: `state ${want}` });
    const waitUrl = (re) => b.waitUntil(async () => re.test(await b.getUrl()), { timeout: 20000, timeoutMsg: `URL ${re}` });
    const value = (field) => b.$(`[name=${field}]`).getValue();

    async function open(url) {
      await b.url(url);
      await waitState('editing');
    }
    const setField = (field, text) => wd.setField(b, field, text);
    async function fillCard(number, exp, cvc = '737') {
      await setField('card_number', number);
      await setField('card_exp', exp);
      await setField('card_cvv2', cvc);
    }
    const fillPayer = () => wd.fillPayer(b);
    /** A checkout on the sandbox's demo page to its final screen; returns the status shown. */
    async function checkout({ query = '', number = CARD, exp, acs = false, want }) {
      await open(`${sb.base}/${query}`);
      await fillCard(number, exp);
      await fillPayer();
      await b.$('button[type=submit]').click();
      if (acs) {
        await waitUrl(/\/gateway\/acs\//);
        await b.$('#acs-authenticate').click();
        await waitUrl(/\/return\?order_id=/);
      }
      await waitState(want);
      flows += 1;
      const storage = await b.execute(() => JSON.stringify([localStorage.length, document.cookie]));
      assert.ok(!storage.includes(number), 'no card number stored');
      // the status name (after a payment or 3-D Secure), or the decline on the form itself
      if (await b.$('.cw-status-name').isExisting()) return b.$('.cw-status-name').getAttribute('data-status');
      return (await b.$('.cw-declined').isExisting()) ? 'DECLINED' : null;
    }

    for (const [exp, acs, want, status] of [
      ['01/38', false, 'success', 'SETTLED'], ['02/38', false, 'declined', 'DECLINED'], ['03/38', false, 'success', 'PENDING'],
      ['05/38', true, 'success', 'SETTLED'], ['06/38', true, 'declined', 'DECLINED'],
      ['12/38', true, 'success', 'SETTLED'], ['12/39', true, 'declined', 'DECLINED'],
    ]) {
      test(`platform ${exp}${acs ? ' (3-D Secure)' : ''} → ${status}`, async () => {
        assert.equal(await checkout({ exp, acs, want }), status);
      });
    }
    for (const [number, acs, want, status] of [
      ['4200000000000000', false, 'success', 'SETTLED'], ['4005550000000019', false, 'declined', 'DECLINED'],
      ['4012000000001097', true, 'success', 'SETTLED'], ['4012000000001014', true, 'declined', 'DECLINED'],
    ]) {
      test(`paycross ${number} → ${status}`, async () => {
        assert.equal(await checkout({ query: '?gateway=paycross', number, exp: '01/38', acs, want }), status);
      });
    }

    test('a whole card string pasted into the number fills number, expiry and CVC', async () => {
      await open(`${sb.base}/`);
      // a real paste: the string is copied from the page with the keyboard, then pasted
      await b.execute((text) => {
        const source = document.createElement('textarea');
        source.id = 'clip';
        source.value = text;
        document.body.append(source);
      }, '4111 1111 1111 1111 01/38 737');
      await b.$('#clip').click();
      await b.keys(['Control', 'a']);
      await b.keys(['Control', 'c']);
      await b.$('[name=card_number]').click();
      await b.keys(['Control', 'v']);
      await b.waitUntil(async () => (await value('card_cvv2')) === '737', { timeout: 5000, timeoutMsg: `pasted: ${await value('card_number')}` });
      assert.equal(await value('card_number'), '4111 1111 1111 1111');
      assert.equal(await value('card_exp'), '01/38');
      flows += 1;
    });

    test('keyboard only: Tab, typing, Space and Enter complete a checkout', async () => {
      await open(`${sb.base}/`);
      await b.execute(() => document.activeElement?.blur());
      const focused = () => b.execute(() => document.activeElement && (document.activeElement.name || document.activeElement.tagName));
      const typeInto = async (field, text) => {
        for (let i = 0; i < 25 && (await focused()) !== field; i += 1) await b.keys('Tab');
        assert.equal(await focused(), field, `Tab reaches ${field}`);
        // one key per action, as a payer types: WebKitWebDriver drops a key repeated within
        // one action ('4111' arrives as '41')
        for (const key of text) await b.keys(key);
      };
      await typeInto('card_number', CARD);
      await typeInto('card_exp', '0138');
      await typeInto('card_cvv2', '737');
      await typeInto('req_token', ' ');
      assert.equal(await b.$('[name=req_token]').isSelected(), true, 'Space ticks the checkbox');
      for (const [field, text] of [['payer_first_name', 'John'], ['payer_last_name', 'Doe'], ['payer_email', 'doe@example.com']]) {
        await typeInto(field, text);
      }
      // a <select> is chosen from the keyboard by arrow keys (typing its label is not typeahead in every engine)
      const choose = async (field, want) => {
        await typeInto(field, []);
        for (let i = 0; i < 300 && (await value(field)) !== want; i += 1) await b.keys('ArrowDown');
        assert.equal(await value(field), want, `${field} chosen by keyboard`);
      };
      await choose('payer_country', 'US');
      await typeInto('payer_address', '1 Main St');
      await typeInto('payer_city', 'Denver');
      await choose('payer_state', 'CO');
      await typeInto('payer_zip', '80202');
      assert.equal(await value('card_exp'), '01/38');
      await b.keys('Enter');
      await waitState('success');
      flows += 1;
    });

    test('how it looks: the brand mark inside the number field, the CVC hint, the dark theme, the success icon', async () => {
      await b.deleteCookies(); // a new payer: the keyboard test saved a card, which the form would offer
      await open(`${sb.base}/?theme=dark`);
      await b.$('[name=card_number]').setValue('378282246310005');
      await b.waitUntil(async () => (await b.execute(() => document.querySelector('.cw-brand').dataset.brand)) === 'amex', { timeoutMsg: 'amex mark' });
      const look = await b.execute(() => {
        const box = (sel) => document.querySelector(sel).getBoundingClientRect().toJSON();
        const mark = document.querySelector('.cw-brand');
        const cvc = document.querySelector('[name=card_cvv2]');
        const hint = cvc.getAttribute('aria-describedby').split(' ').find((id) => id.endsWith('-hint'));
        return {
          input: box('[name=card_number]'), mark: box('.cw-brand'), markBackground: getComputedStyle(mark).backgroundColor,
          wordmark: getComputedStyle(mark, '::after').content, hint: document.getElementById(hint).textContent,
          background: getComputedStyle(document.querySelector('.cw')).backgroundColor,
        };
      });
      const { input, mark } = look;
      assert.ok(mark.width >= 30 && mark.x >= input.x && mark.x + mark.width <= input.x + input.width
        && mark.y >= input.y && mark.y + mark.height <= input.y + input.height, `mark ${JSON.stringify(mark)} in ${JSON.stringify(input)}`);
      assert.equal(look.markBackground, 'rgb(1, 111, 208)');
      assert.equal(look.wordmark, '"AMEX"');
      assert.equal(look.hint, '4 digits on the front of the card');
      assert.equal(look.background, 'rgb(22, 25, 29)', 'the dark theme');
      // two frames painted first (WebKitGTK's screenshot is otherwise its last painted frame)
      await b.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      await b.saveScreenshot(join(ROOT, 'tests', 'e2e', 'out', `engine-${name}-dark.png`));
      assert.equal(await checkout({ exp: '01/38', want: 'success' }), 'SETTLED');
      const icon = await b.execute(() => document.querySelector('.cw-success .cw-icon').getBoundingClientRect().width);
      assert.ok(icon >= 24, `the success icon is drawn (${icon}px)`);
    });

    for (const c of ['js', 'js-mixed', 'data', 'slashes']) {
      test(`hostile redirect "${c}" is refused, never navigated`, async () => {
        await open(`${hostile.base}/page?case=${c}`);
        await fillCard(CARD, '01/38');
        await b.$('[name=payer_email]').setValue('doe@example.com');
        await b.$('button[type=submit]').click();
        await waitState('error');
        assert.match(await b.$('.cw-error').getText(), /could not be opened safely/);
        assert.equal(new URL(await b.getUrl()).pathname, '/page', 'no navigation');
        assert.equal(await b.execute(() => window.__pwned), null, 'nothing ran');
        flows += 1;
      });
    }

    test('markup in redirect params arrives as data at the bank, nothing runs', async () => {
      await open(`${hostile.base}/page?case=script-params`);
      await fillCard(CARD, '01/38');
      await b.$('[name=payer_email]').setValue('doe@example.com');
      await b.$('button[type=submit]').click();
      await waitUrl(/\/landing$/);
      assert.deepEqual(hostile.landings.pop(), { PaReq: '"><script>window.__pwned=1</script>', MD: "'><img src=x onerror=window.__pwned=1>" });
      flows += 1;
    });
  });
}
