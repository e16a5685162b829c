// The inline 3-D Secure challenge (issue 29), return side: the bank's page ends on the
// return page inside the widget's frame, and that page (the widget in result mode) tells
// its same-origin parent, which accepts only its own frame's window and origin. Unframed,
// the return page tells no one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sandboxAndBrowser, newPage, waitState } from './harness.mjs';

const shared = sandboxAndBrowser();

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
