// The npm package as a merchant gets it: `npm pack`, install the tarball into a scratch
// project (offline), serve what got installed, and check out through each of the three
// ways (script tag, ES module, custom element) under a strict CSP. Without
// 'wasm-unsafe-eval' the page says so visibly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, packPackage, installPackage, startSandbox, launch, newPage, fillCard, fillPayer, waitState, assertNoCardData, shot, scratchDir } from './harness.mjs';

let sb;
let browser;
let installed;
let app;

before(async () => {
  const tgz = packPackage();
  const listing = execFileSync('tar', ['tzf', tgz], { encoding: 'utf8' }).trim().split('\n').sort();
  assert.deepEqual(listing, [
    'package/LICENSE', 'package/README.md', 'package/dist/checkout-widget.css', 'package/dist/checkout-widget.js',
    'package/dist/checkout_widget_bg.wasm', 'package/dist/index.d.ts', 'package/dist/index.js', 'package/dist/react.d.ts', 'package/dist/react.js',
    ...readdirSync(join(ROOT, 'www', 'src', 'locales')).map((f) => `package/dist/locale-${f}`),
    'package/dist/locales.json', 'package/dist/manifest.json', 'package/package.json',
  ].sort(), 'the tarball holds exactly what a user needs');
  app = join(scratchDir('widget-app-'), 'shop');
  installed = installPackage(tgz, app);
  const manifest = JSON.parse(readFileSync(join(installed, 'manifest.json'), 'utf8'));
  for (const f of readdirSync(installed).filter((f) => f !== 'manifest.json')) {
    assert.match(manifest.files[f].integrity, /^sha384-[A-Za-z0-9+/]{64}$/, `SRI for ${f}`);
  }
  sb = await startSandbox(['--widget', installed]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  sb?.stop();
});

// What a server-rendering framework does with a client component's imports: evaluates them
// in Node, where there is no DOM.
test('installed package: importing it in Node does not throw; mount() there rejects, saying why', () => {
  const run = (code) => execFileSync('node', ['-e', code], { cwd: app, encoding: 'utf8' }).trim();
  assert.equal(run("import('rust-card-checkout').then((m) => console.log(Object.keys(m).sort().join()))"), 'CheckoutWidgetElement,load,mount');
  assert.match(run("import('rust-card-checkout').then((m) => m.mount('#checkout', {})).catch((e) => console.log(e.message))"),
    /^checkout-widget: mount\(\) needs a browser/);
});

for (const example of ['script-tag', 'es-module', 'custom-element']) {
  test(`installed package: checkout through the ${example} example`, async () => {
    const { page, context, log } = await newPage(browser);
    await page.goto(`${sb.base}/examples/${example}.html`);
    await waitState(page, 'editing');
    // the example preloads the wasm (README, slow networks): one download, the widget's own
    const wasm = log.urls.filter((u) => u.endsWith('/checkout_widget_bg.wasm'));
    assert.equal(wasm.length, 1, `the page's preload is the download the widget runs (${wasm.length} requests)`);
    await fillCard(page, '4111111111111111', '05/38', '737');
    await fillPayer(page);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/gateway\/acs\//);
    await page.click('#acs-authenticate');
    await page.waitForURL(/\/return\?order_id=/);
    await waitState(page, 'success');
    await assertNoCardData(page, log, '4111111111111111', '737');
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

test('custom element reports through DOM events', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${sb.base}/examples/custom-element.html`);
  await waitState(page, 'editing');
  await page.waitForFunction(() => document.getElementById('events').textContent.includes('checkout-ready'));
  await fillCard(page, '4111111111111111', '01/38', '737');
  await fillPayer(page);
  await page.click('button[type=submit]');
  await waitState(page, 'success');
  await page.waitForFunction(() => document.getElementById('events').textContent.includes('checkout-result'));
  assert.match(await page.locator('#events').textContent(), /"state":"success"/);
  await context.close();
});

test("without 'wasm-unsafe-eval': a calm message for the payer, the CSP named for the developer", async () => {
  const { page, context, log } = await newPage(browser);
  await page.goto(`${sb.base}/examples/no-wasm-eval.html`);
  const err = page.locator('.cw-load-error');
  await err.waitFor({ timeout: 10000 });
  assert.match(await err.textContent(), /^The payment form could not load\. Please reload the page/);
  assert.equal(await err.getAttribute('role'), 'alert');
  await page.waitForFunction(() => true);
  assert.ok(log.console.some((m) => /checkout-widget: the page's Content-Security-Policy must allow 'wasm-unsafe-eval'/.test(m)), log.console.join('\n'));
  await shot(page, 'csp-error');
  await context.close();
});
