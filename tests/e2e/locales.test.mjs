// Payers in their own language: every locale of the package through the real loader
// (locale file fetched beside the wasm), its label, the Pay button's amount as Intl writes
// it, a translated error message; Arabic right to left with card inputs left to right;
// Hebrew right to left too; region and script tags resolved to the package's locales; an
// English payer fetches no locale file; a locale file that fails leaves English and says
// so; a merchant's translations override the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sandboxAndBrowser, newPage, messageOf, waitState, assertAxeClean, shot } from './harness.mjs';

// every file of www/src/locales is tested: a new locale needs no edit here
const LOCALES = readdirSync(join(ROOT, 'www', 'src', 'locales')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
const RTL = ['ar', 'he'];
const texts = (code) => JSON.parse(readFileSync(join(ROOT, 'www', 'src', 'locales', `${code}.json`), 'utf8'));

const shared = sandboxAndBrowser();


async function labelOf(page, name) {
  const id = await page.locator(`[name=${name}]`).getAttribute('id');
  return (await page.locator(`label[for="${id}"]`).textContent()).replace(/\s*\*$/, '').trim();
}

for (const code of ['en', ...LOCALES]) {
  test(`${code}: label, amount and error message in the payer's language`, async () => {
    const want = code === 'en' ? { 'label.card_number': 'Card number', pay: 'Pay', 'problem.required': 'This field is required.' } : texts(code);
    const { page, context, log } = await newPage(shared.browser);
    await page.goto(`${shared.sb.base}/?locale=${code}`);
    await waitState(page, 'editing');
    assert.match(await labelOf(page, 'card_number'), new RegExp(`^${want['label.card_number'].replace(/[()]/g, '\\$&')}`));
    const amount = await page.evaluate((c) => new Intl.NumberFormat(c, { style: 'currency', currency: 'USD' }).format('12.00'), code);
    assert.equal((await page.locator('button[type=submit]').textContent()).trim(), `${want.pay} ${amount}`);
    await page.click('button[type=submit]');
    assert.equal((await messageOf(page, 'card_number')).trim(), want['problem.required']);
    assert.equal(await page.locator('.cw').getAttribute('lang'), code);
    const fetched = log.urls.filter((u) => u.includes('/widget/locale-'));
    assert.deepEqual(fetched, code === 'en' ? [] : [`${shared.sb.base}/widget/locale-${code}.json`], 'only its own locale file');
    assert.equal(await page.locator('.cw').getAttribute('dir'), RTL.includes(code) ? 'rtl' : null);
    if (RTL.includes(code)) {
      for (const f of ['card_number', 'card_exp', 'card_cvv2']) {
        assert.equal(await page.locator(`[name=${f}]`).evaluate((e) => getComputedStyle(e).direction), 'ltr', `${f} reads left to right`);
      }
      assert.equal(await page.locator('[name=payer_email]').evaluate((e) => getComputedStyle(e).direction), 'rtl');
      await assertAxeClean(page, `errors-${code}`);
      await shot(page, `errors-${code}`);
    }
    await context.close();
  });
}

test('the languages the issue asks for all ship, at least 32 with English', () => {
  const asked = ['ar', 'be', 'de', 'es', 'fr', 'it', 'kk', 'pl', 'pt', 'ru', 'tr', 'uk', 'bg', 'ca', 'cs', 'da', 'el', 'et', 'fi', 'he',
    'hr', 'hu', 'ja', 'ko', 'lt', 'lv', 'nl', 'nb', 'ro', 'sk', 'sl', 'sv', 'zh-Hans', 'zh-Hant'];
  assert.deepEqual(asked.filter((c) => !LOCALES.includes(c)), []);
  assert.ok(LOCALES.length + 1 >= 32, `${LOCALES.length + 1} languages`);
});

// The loader alone maps a tag to a locale file (the wasm takes its answer as it is): each
// tag mounted through it, the widget's lang read back.
test('region and script tags resolve to the package\'s locales', async () => {
  const tags = {
    'zh-TW': 'zh-Hant', 'zh-HK': 'zh-Hant', 'zh-MO': 'zh-Hant', 'zh-Hant': 'zh-Hant', 'zh-Hant-CN': 'zh-Hant',
    'zh-CN': 'zh-Hans', 'zh-SG': 'zh-Hans', zh: 'zh-Hans', 'zh-Hans-HK': 'zh-Hans', zh_TW: 'zh-Hant',
    no: 'nb', nn: 'nb', 'nb-NO': 'nb', 'nn-NO': 'nb', 'pt-PT': 'pt', 'pt-BR': 'pt', 'de-AT': 'de', 'he-IL': 'he', iw: 'he',
    'ja-JP': 'ja', 'ko-KR': 'ko', 'sv-FI': 'sv', 'fr-CA': 'fr', 'es-419': 'es', 'EN-gb': 'en',
    // three-letter languages are not their first two letters (Filipino is not Finnish)
    fil: 'en', 'fil-PH': 'en', haw: 'en', xx: 'en',
  };
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/examples/es-module.html`);
  await waitState(page, 'editing');
  const got = await page.evaluate(async (all) => {
    const { mount } = await import('/widget/index.js');
    const out = {};
    for (const tag of all) {
      const el = document.createElement('div');
      document.querySelector('main').append(el);
      const handle = await mount(el, { endpoint: '/api/pay', locale: tag, order: { order_id: 'O-1', order_amount: '1.99', order_currency: 'EUR' } });
      out[tag] = el.querySelector('.cw').lang;
      handle.destroy();
      el.remove();
    }
    return out;
  }, Object.keys(tags));
  assert.deepEqual(got, tags);
  await context.close();
});

test('yen are written without decimals, the English way', async () => {
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/?amount=1200&currency=JPY`);
  await waitState(page, 'editing');
  assert.equal((await page.locator('button[type=submit]').textContent()).trim(), 'Pay ¥1,200');
  await context.close();
});

test('a locale file that does not load: English, a console warning and onError locale_unavailable', async () => {
  const { page, context, log } = await newPage(shared.browser);
  await page.route('**/widget/locale-de.json', (r) => r.fulfill({ status: 404, body: 'not here' }));
  await page.goto(`${shared.sb.base}/?locale=de`);
  await waitState(page, 'editing');
  assert.equal(await labelOf(page, 'card_number'), 'Card number');
  assert.equal(await page.locator('.cw').getAttribute('lang'), 'en');
  assert.ok(log.console.some((m) => /de texts not loaded \(http:\/\/\S+\/locale-de\.json answered HTTP 404\)/.test(m)), log.console.join("\n"));
  assert.ok(log.console.includes('checkout error locale_unavailable'), log.console.join('\n'));
  await context.close();
});

test("a merchant's translations override the locale file's texts, the rest stays the file's", async () => {
  const { page, context } = await newPage(shared.browser);
  await page.goto(`${shared.sb.base}/examples/es-module.html`);
  await waitState(page, 'editing');
  const got = await page.evaluate(async () => {
    const { mount } = await import('/widget/index.js');
    const el = document.createElement('div');
    document.querySelector('main').append(el);
    await mount(el, { endpoint: '/api/pay', locale: 'de-AT', order: { order_id: 'O-1', order_amount: '1.99', order_currency: 'EUR' },
      translations: { de: { 'label.card_number': 'Nummer Ihrer Karte' } } });
    const label = (name) => el.querySelector(`label[for="${el.querySelector(`[name=${name}]`).id}"]`).textContent;
    return { number: label('card_number'), cvc: label('card_cvv2'), lang: el.querySelector('.cw').lang };
  });
  assert.match(got.number, /^Nummer Ihrer Karte/);
  assert.match(got.cvc, /^Sicherheitscode/);
  assert.equal(got.lang, 'de');
  await context.close();
});
