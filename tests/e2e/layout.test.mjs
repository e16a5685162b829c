// The compact layout as payers see it on a phone, a tablet and a desktop: expiry and CVC
// side by side and city/state/postal code on one row where the widget is 480px wide or
// more, everything stacked below, no horizontal scroll at 320px, axe-clean (WCAG 2.2 AA,
// target size included) at each width, in English and in Arabic (right to left); and the
// form in Windows high-contrast mode (Chromium's forced-colors emulation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sandboxAndBrowser, fillPayer, waitState, axe, shot, contactSheet } from './harness.mjs';

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
  // hover is seen too: the border takes the system's Highlight colour
  const highlight = await page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('i'));
    probe.style.color = 'Highlight';
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  });
  for (const sel of ['.cw-pay', '[name=payer_city]']) {
    const border = () => page.locator(sel).evaluate((b) => getComputedStyle(b).borderTopColor);
    assert.notEqual(await border(), highlight, `${sel} not highlighted before the pointer comes`);
    await page.hover(sel);
    assert.equal(await border(), highlight, `${sel} hovered: drawn in Highlight`);
  }
  assert.deepEqual(await axe(page), []);
  await shot(page, 'forced-colors');
  await context.close();
});

// One published test number per brand of the rules table (rules/src/card/tests.rs).
const BRANDS = [
  ['visa', '4111111111111111', 'Visa'], ['mastercard', '5555555555554444', 'Mastercard'],
  ['amex', '378282246310005', 'American Express'], ['discover', '6011111111111117', 'Discover'],
  ['diners', '30569309025904', 'Diners Club'], ['jcb', '3530111333300000', 'JCB'],
  ['unionpay', '6200000000000005', 'UnionPay'], ['maestro', '6759649826438453', 'Maestro'],
  ['mir', '2200000000000004', 'Mir'], ['elo', '5066991111111118', 'Elo'], ['hiper', '6370950000000005', 'Hiper'],
  ['hipercard', '6062828888666688', 'Hipercard'], ['troy', '9792030394440796', 'Troy'],
  ['verve', '5061460410120223210', 'Verve'], ['naranja', '5895620000000002', 'Naranja'],
];

const LOCALES = { ar: JSON.parse(readFileSync(join(ROOT, 'www', 'src', 'locales', 'ar.json'), 'utf8')) };
const inside = (m, f) => m.x >= f.x && m.x + m.width <= f.x + f.width && m.y >= f.y && m.y + m.height <= f.y + f.height;
const described = async (page, name) => {
  const ids = (await page.locator(`[name=${name}]`).getAttribute('aria-describedby') || '').split(' ');
  return Promise.all(ids.filter((id) => id.endsWith('-hint')).map((id) => page.locator(`#${id}`).textContent()));
};

for (const [lang, query, width] of [['en', '', 320], ['en', '', 1280], ['ar', '?locale=ar', 360]]) {
  test(`${lang} at ${width}px: each brand's mark inside the number field, its name for screen readers, the CVC hint`, async () => {
    const { page, context } = await open(width, query);
    const input = page.locator('[name=card_number]');
    const mark = page.locator('.cw-brand');
    assert.equal(await mark.getAttribute('aria-hidden'), 'true', 'the mark is not read; the name is');
    assert.equal(await mark.getAttribute('data-brand'), null, 'a blank card before any digit');
    const pictures = [await mark.screenshot()];
    const fields = [];
    for (const [brand, number, name] of BRANDS) {
      await input.fill(number);
      await page.waitForSelector(`.cw-brand[data-brand=${brand}]`);
      const [f, m] = [await input.boundingBox(), await mark.boundingBox()];
      assert.ok(inside(m, f), `${brand}: mark ${JSON.stringify(m)} inside the field ${JSON.stringify(f)}`);
      const room = await input.evaluate((e) => parseFloat(getComputedStyle(e).paddingRight));
      assert.ok(room >= m.width, `${brand}: the digits stop before the mark`);
      assert.deepEqual(await described(page, 'card_number'), [name], `${brand}: the number is described by the brand's name`);
      const [cvc] = await described(page, 'card_cvv2');
      const where = lang === 'en' ? { cvc_front: '4 digits on the front of the card', cvc_back: '3 digits on the back of the card' } : LOCALES[lang];
      assert.equal(cvc, where[brand === 'amex' ? 'cvc_front' : 'cvc_back'], `${brand}: CVC hint`);
      pictures.push(await mark.screenshot());
      if (width === 1280) fields.push([name, await page.locator('.cw-field-card_number').screenshot()]);
    }
    // drawn: sixteen different pictures (a blank card and fifteen marks)
    assert.equal(new Set(pictures.map((p) => p.toString('base64'))).size, BRANDS.length + 1, 'every mark its own');
    assert.deepEqual(await axe(page), [], 'axe with a brand shown');
    if (width === 1280) await contactSheet(context, fields, 3, 'brands.png');
    await context.close();
  });
}

const PALETTE = ['color', 'muted', 'background', 'field-background', 'border', 'accent', 'accent-text', 'error', 'success', 'focus'];
const palette = (page) => page.locator('.cw').evaluate((e, names) => names.map((n) => getComputedStyle(e).getPropertyValue(`--_cw-${n}`).trim()), PALETTE);

test('dark theme (class cw-theme-dark, or cw-theme-auto and a dark system setting): one palette, axe-clean after a refused Pay', async () => {
  const seen = {};
  for (const [query, scheme] of [['?theme=dark', 'light'], ['?theme=auto', 'dark'], ['?theme=auto', 'light'], ['', 'dark']]) {
    const { page, context } = await open(360, query);
    await page.emulateMedia({ colorScheme: scheme });
    await page.click('button[type=submit]');
    await page.waitForSelector('[aria-invalid=true]');
    const background = await page.locator('.cw').evaluate((e) => getComputedStyle(e).backgroundColor);
    const dark = query === '?theme=dark' || (query === '?theme=auto' && scheme === 'dark');
    assert.equal(background, dark ? 'rgb(22, 25, 29)' : 'rgb(255, 255, 255)', `${query || 'no theme'} with a ${scheme} system`);
    seen[`${query} ${scheme}`] = await palette(page);
    assert.deepEqual(await axe(page), [], `axe ${query} ${scheme}`);
    if (query === '?theme=dark') await shot(page, 'dark');
    await context.close();
  }
  assert.deepEqual(seen['?theme=auto dark'], seen['?theme=dark light'], 'the class and the system setting give the same dark palette');
  assert.notDeepEqual(seen['?theme=auto light'], seen['?theme=dark light']);
});

test('a --cw-* property set on an ancestor (or on .cw) themes the widget, in the dark theme too', async () => {
  for (const query of ['', '?theme=dark']) {
    const { page, context } = await open(360, query);
    // CSSOM, as a merchant's stylesheet would (a style attribute would break the page's CSP)
    await page.evaluate(() => document.getElementById('checkout').style.setProperty('--cw-accent', 'rgb(120, 30, 160)'));
    assert.equal(await page.locator('.cw-pay').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(120, 30, 160)', `ancestor ${query}`);
    await page.evaluate(() => document.querySelector('.cw').style.setProperty('--cw-accent', 'rgb(10, 110, 60)'));
    assert.equal(await page.locator('.cw-pay').evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(10, 110, 60)', `.cw ${query}`);
    await context.close();
  }
});
