// The inline 3-D Secure challenge in all three engines over WebDriver
// (tests/e2e/webdriver.mjs): the sandbox's demo page with `?challenge=inline`. The bank's
// page opens inside the widget's dialog and the page itself never moves: each test cards
// of both gateways to its outcome, closing the dialog (Escape, close button) back to the
// form with the status asked, focus kept inside, messages from any other frame or origin
// ignored, and a bank that refuses to be framed left through "Continue on your bank's page".
// ENGINES=firefox,webkit picks engines.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, fakeServer } from './harness.mjs';
import * as wd from './webdriver.mjs';
import { ENGINES, startEngine } from './webdriver.mjs';

const selected = (process.env.ENGINES || Object.keys(ENGINES).join(',')).split(',');
const RETURNED = 'checkout-widget:3ds-returned';
let sb;
let refusing;
let other;

before(async () => {
  sb = await startSandbox();
  refusing = await startSandbox(['--acs-refuses-framing']);
  // another origin whose page, framed, tells its parent what the return page would
  other = await fakeServer((req, res) => {
    const order = new URL(req.url, 'http://h').searchParams.get('order');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>Other origin</title><script>parent.postMessage({ type: '${RETURNED}', orderId: ${JSON.stringify(order)} }, '*')</script>`);
  });
});
after(() => {
  sb?.stop();
  refusing?.stop();
  other?.server.close();
});

for (const name of selected) {
  describe(name, () => {
    let engine;
    let b;
    before(async () => {
      engine = await startEngine(name);
      b = engine.browser;
    });
    after(async () => {
      await engine?.close();
    });

    const state = () => b.execute(() => document.querySelector('.cw')?.getAttribute('data-state'));
    const waitState = (want, timeout = 20000) => b.waitUntil(async () => (await state()) === want, { timeout, timeoutMsg: `state ${want}` });
    const dialogOpen = () => b.execute(() => !!document.querySelector('dialog.cw-dialog[open]'));
    const focused = () => b.execute(() => document.activeElement?.className || document.activeElement?.tagName);

    const setField = (field, text) => wd.setField(b, field, text);

    /** The demo page with `query`, its form filled with the card; returns the order id. The
     *  page is marked: a page that navigated (or reloaded) loses the mark. */
    async function fill(base, query, number, exp) {
      await b.url(`${base}/${query}`);
      await waitState('editing');
      await setField('card_number', number);
      await setField('card_exp', exp);
      await setField('card_cvv2', '737');
      await wd.fillPayer(b);
      await b.execute(() => { window.__samePage = true; });
      return b.$('#checkout').getAttribute('data-order-id');
    }

    /** Pay, and wait for the dialog with the bank's page in its frame. */
    async function payIntoDialog() {
      await b.$('button[type=submit]').click();
      await b.waitUntil(dialogOpen, { timeout: 20000, timeoutMsg: 'the dialog opens' });
      await inFrame(() => b.$('#acs-authenticate').waitForExist({ timeout: 20000 }));
    }

    /** Runs `fn` inside the dialog's frame, then comes back to the page. */
    async function inFrame(fn) {
      await b.switchToFrame(await b.$('dialog.cw-dialog iframe'));
      try {
        return await fn();
      } finally {
        await b.switchToParentFrame();
      }
    }

    async function assertSamePage(url) {
      assert.equal(await b.getUrl(), url, 'the page URL never changed');
      assert.equal(await b.execute(() => window.__samePage), true, 'the page was never replaced');
    }

    for (const [gateway, number, exp, want, status] of [
      ['platform', '4111111111111111', '05/38', 'success', 'SETTLED'],
      ['platform', '4111111111111111', '06/38', 'declined', 'DECLINED'],
      ['paycross', '4012000000001097', '01/38', 'success', 'SETTLED'],
      ['paycross', '4012000000001014', '01/38', 'declined', 'DECLINED'],
    ]) {
      test(`${gateway} ${number} ${exp}: the bank's page in the dialog → ${status}, the page never moves`, async () => {
        const query = gateway === 'paycross' ? '?gateway=paycross&challenge=inline' : '?challenge=inline';
        await fill(sb.base, query, number, exp);
        const url = await b.getUrl();
        await payIntoDialog();
        const dialog = await b.execute(() => {
          const d = document.querySelector('dialog.cw-dialog');
          const title = document.getElementById(d.getAttribute('aria-labelledby'));
          return { role: d.getAttribute('role'), modal: d.getAttribute('aria-modal'), title: title?.textContent, inRoot: !!d.closest('.cw'),
            frameTitle: d.querySelector('iframe').title };
        });
        assert.deepEqual(dialog, { role: 'dialog', modal: 'true', title: 'Confirm the payment with your bank', inRoot: true,
          frameTitle: 'Confirm the payment with your bank' });
        assert.match(await focused(), /cw-dialog-close/, 'focus moved into the dialog');
        assert.match(await inFrame(() => b.execute(() => location.href)), /\/gateway\/acs\//, "the bank's page is in the dialog's frame");
        await inFrame(() => b.$('#acs-authenticate').click());
        await waitState(want);
        assert.equal(await dialogOpen(), false, 'the dialog closed');
        await assertSamePage(url);
        if (want === 'success') assert.equal(await b.$('.cw-status-name').getAttribute('data-status'), status);
        else assert.match(await b.$('.cw-declined').getText(), /declined/i);
      });
    }

    test('Escape closes the dialog: the form is back, focus on Pay; Tab stays inside while open; Pay again resumes', async () => {
      await fill(sb.base, '?challenge=inline', '4111111111111111', '05/38');
      const url = await b.getUrl();
      await payIntoDialog();
      // Shift-Tab from the first button wraps to the last, Tab from the last to the first
      await b.execute(() => document.querySelector('.cw-dialog-close').focus());
      await b.keys(['Shift', 'Tab']);
      assert.match(await focused(), /cw-dialog-continue/, 'Shift-Tab wraps to the last button');
      await b.keys('Tab');
      assert.match(await focused(), /cw-dialog-close/, 'Tab wraps to the first button');
      await b.keys('Escape');
      await waitState('editing');
      assert.equal(await dialogOpen(), false);
      assert.equal(await b.$('[name=card_number]').isExisting(), true, 'the form is back');
      assert.match(await focused(), /cw-pay/, 'focus on Pay');
      await assertSamePage(url);
      // the attempt is as it was: Pay resends it, and the bank's page opens again
      await payIntoDialog();
      await inFrame(() => b.$('#acs-authenticate').click());
      await waitState('success');
      await assertSamePage(url);
    });

    test('the close button closes the dialog, and the status is asked: a payment the bank completes shows as paid', async () => {
      await fill(sb.base, '?challenge=inline', '4111111111111111', '05/38');
      const url = await b.getUrl();
      await payIntoDialog();
      const bank = await inFrame(() => b.execute(() => document.querySelector('form').action));
      await b.$('.cw-dialog-close').click();
      await waitState('editing');
      assert.equal(await dialogOpen(), false);
      assert.match(await focused(), /cw-pay/, 'focus on Pay');
      // the payer had confirmed at the bank before closing: the bank settles, the widget asks and sees it
      await b.executeAsync((action, done) => {
        fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=ok' }).then(() => done());
      }, bank);
      await waitState('success');
      assert.equal(await b.$('.cw-status-name').getAttribute('data-status'), 'SETTLED');
      await assertSamePage(url);
    });

    test('a message from another frame, the page itself or another origin changes nothing; the return page in the frame closes it', async () => {
      const id = await fill(sb.base, '?challenge=inline', '4111111111111111', '05/38');
      const url = await b.getUrl();
      await payIntoDialog();
      await b.execute(() => {
        window.__heard = [];
        addEventListener('message', (e) => window.__heard.push(e.origin));
      });
      const heard = (n) => b.waitUntil(async () => (await b.execute(() => window.__heard.length)) >= n, { timeout: 20000, timeoutMsg: `${n} messages` });
      const frameTo = (src) => b.execute((s) => { document.querySelector('dialog.cw-dialog iframe').src = s; }, src);
      // another frame of this origin: a return page, which tells its parent as the real one does
      await b.execute((src) => {
        const f = document.createElement('iframe');
        f.title = 'another frame';
        f.src = src;
        document.body.append(f);
      }, `/return?order_id=${encodeURIComponent(id)}`);
      await heard(1);
      // the page itself
      await b.execute((type, orderId) => postMessage({ type, orderId }, location.origin), RETURNED, id);
      await heard(2);
      // the dialog's own frame, on another origin
      await frameTo(`${other.base}/?order=${encodeURIComponent(id)}`);
      await heard(3);
      assert.deepEqual(await b.execute(() => window.__heard), [sb.base, sb.base, other.base]);
      await b.pause(500);
      assert.equal(await dialogOpen(), true, 'the dialog is still open');
      assert.equal(await state(), 'redirecting');
      // the same message from the dialog's frame on this origin is the one heard
      await frameTo(`/return?order_id=${encodeURIComponent(id)}`);
      await b.waitUntil(async () => !(await dialogOpen()), { timeout: 20000, timeoutMsg: 'the dialog closes' });
      assert.equal(await b.$('.cw-pending').isExisting(), true, 'the status is asked (still awaiting the bank)');
      await assertSamePage(url);
    });

    test("a bank that refuses the frame: \"Continue on your bank's page\" takes the page there, as the redirect does", async () => {
      await fill(refusing.base, '?challenge=inline', '4111111111111111', '05/38');
      await b.$('button[type=submit]').click();
      await b.waitUntil(dialogOpen, { timeout: 20000, timeoutMsg: 'the dialog opens' });
      await b.$('.cw-dialog-continue').click();
      const waitUrl = (re) => b.waitUntil(async () => re.test(await b.getUrl()), { timeout: 20000, timeoutMsg: `URL ${re}` });
      await waitUrl(/\/gateway\/acs\//);
      await b.$('#acs-authenticate').click();
      await waitUrl(/\/return\?order_id=/);
      await waitState('success');
      assert.equal(await b.$('.cw-status-name').getAttribute('data-status'), 'SETTLED');
    });
  });
}
