// The compact layout as payers see it on a phone, a tablet and a desktop: expiry and CVC
// side by side and city/state/postal code on one row where the widget is 480px wide or
// more, everything stacked below, no horizontal scroll at 320px, axe-clean (WCAG 2.2 AA,
// target size included) at each width, in English and in Arabic (right to left); and the
// form in Windows high-contrast mode (Chromium's forced-colors emulation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sandboxAndBrowser, fillPayer, waitState, axe, shot } from './harness.mjs';

const shared = sandboxAndBrowser();

async function open(width, query = '') {
  const context = await shared.browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${shared.sb.base}/${query}`);
  await waitState(page, 'editing');
  await fillPayer(page); // the United States: the state field is shown
  return { page, context };
}

const box = (page, name) => page.locator(`.cw-field-${name}`).boundingBox();
const sameRow = (a, b) => Math.abs(a.y - b.y) < 1 && a.x !== b.x;
const below = (a, b) => b.y >= a.y + a.height;

for (const [lang, query] of [['en', ''], ['ar', '?locale=ar']]) {
  test(`${lang}: at 1280px expiry and CVC share a row, city/state/zip share one`, async () => {
    const { page, context } = await open(1280, query);
    const [exp, cvc] = [await box(page, 'card_exp'), await box(page, 'card_cvv2')];
    assert.ok(sameRow(exp, cvc), `expiry ${JSON.stringify(exp)} and CVC ${JSON.stringify(cvc)} on one row`);
    assert.ok(Math.abs(exp.width - cvc.width) < 1, 'of equal width');
    const [city, state, zip] = [await box(page, 'payer_city'), await box(page, 'payer_state'), await box(page, 'payer_zip')];
    assert.ok(sameRow(city, state) && sameRow(state, zip), 'city, state and postal code on one row');
    // right to left: the first of a row is on the right
    assert.equal(lang === 'ar' ? exp.x > cvc.x : exp.x < cvc.x, true, 'reading order follows the direction');
    const number = await box(page, 'card_number');
    assert.ok(Math.abs(number.width - (cvc.x + cvc.width - exp.x) * (lang === 'ar' ? -1 : 1)) < 30 || number.width > exp.width * 1.8,
      'the number takes the whole row');
    assert.deepEqual(await axe(page), [], 'axe at 1280px');
    await shot(page, `layout-1280-${lang}`);
    await context.close();
  });

  for (const width of [320, 360, 768]) {
    test(`${lang}: at ${width}px fields stack, no horizontal scroll, axe-clean`, async () => {
      const { page, context } = await open(width, query);
      const [exp, cvc] = [await box(page, 'card_exp'), await box(page, 'card_cvv2')];
      if (width < 480) assert.ok(below(exp, cvc), `stacked at ${width}px`);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= width, `page ${scroll}px wide in a ${width}px viewport`);
      assert.deepEqual(await axe(page), [], `axe at ${width}px`);
      if (width === 360) await shot(page, `layout-360-${lang}`);
      await context.close();
    });
  }
}

test('forced colors (Windows high contrast): errors and focus still visible, axe-clean', async () => {
  const { page, context } = await open(1280);
  await page.emulateMedia({ forcedColors: 'active' });
  await page.click('button[type=submit]'); // every empty card field is an error now
  await page.waitForSelector('[aria-invalid=true]');
  const focused = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focused, 'none', 'the focused field has an outline');
  // backgrounds are dropped in forced colors: the Pay button keeps a border to be seen by
  // (a transparent border is drawn in the system's button colour)
  const pay = await page.locator('.cw-pay').evaluate((b) => [getComputedStyle(b).borderTopStyle, parseFloat(getComputedStyle(b).borderTopWidth)]);
  assert.ok(pay[0] !== 'none' && pay[1] >= 1, `Pay button border in forced colors: ${pay}`);
  assert.deepEqual(await axe(page), []);
  await shot(page, 'forced-colors');
  await context.close();
});
