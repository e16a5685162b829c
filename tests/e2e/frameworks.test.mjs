// The package in the frameworks merchants build checkouts with: tests/apps/next (Next.js,
// an App Router and a Pages Router page: `next dev`, and `next build` with Turbopack and with
// webpack then `next start`, each page rendered on the server first), tests/apps/react (React 19, and 18 from tools/react18, under StrictMode,
// Vite dev server) and tests/apps/vue (Vue 3, the custom element), each with the packed
// tarball installed offline and paying against the sandbox in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  ROOT, packPackage, installApp, startSandbox, serve, launch, newPage, fillCard, fillPayer, waitState, assertNoCardData,
} from './harness.mjs';

const modules = join(ROOT, 'tools', 'node_modules');
const NEXT = join(modules, 'next', 'dist', 'bin', 'next');
const VITE = join(modules, 'vite', 'bin', 'vite.js');
let sb;
let tgz;
let browser;

before(async () => {
  sb = await startSandbox();
  tgz = packPackage();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  sb?.stop();
});

/** A payer on `page` (the form shown) pays with a card that settles at once. */
async function pay(page, log) {
  await fillCard(page, '4111111111111111', '01/38', '737');
  await fillPayer(page);
  await page.click('button[type=submit]');
  await waitState(page, 'success');
  assert.deepEqual(await page.evaluate(() => window.checkoutErrors || []), []);
  assert.deepEqual(log.errors, []);
  await assertNoCardData(page, log, '4111111111111111', '737');
}

// Next.js 16 bundles with Turbopack unless told `--webpack` (apps with a webpack config);
// `next dev` is where a merchant's developer first meets the widget.
const NEXT_RUNS = {
  turbopack: { build: ['build', '--turbopack'], serve: 'start' },
  webpack: { build: ['build', '--webpack'], serve: 'start' },
  'the dev server': { build: null, serve: 'dev' },
};
for (const [name, run] of Object.entries(NEXT_RUNS)) {
  test(`Next.js, ${name}: the server renders the App Router and the Pages Router page (200), each pays`, async (t) => {
    const app = installApp('next', tgz);
    const env = { SHOP_API: sb.base, NEXT_TELEMETRY_DISABLED: '1' };
    if (run.build) {
      execFileSync('node', [NEXT, ...run.build], { cwd: app, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const server = await serve('node', (port) => [NEXT, run.serve, '-H', '127.0.0.1', '-p', String(port)], app, env);
    t.after(() => server.stop());
    for (const path of ['/', '/pages-router']) {
      // the module importing the package at its top ran on the server
      const ssr = await fetch(new URL(path, server.url));
      const html = await ssr.text();
      assert.equal(ssr.status, 200, `${path}: ${html.slice(0, 2000)}`);
      assert.match(html, /<p id="order">Order [^<]+: 12\.00 USD<\/p>/, path);
      const { page, context, log } = await newPage(browser);
      await page.goto(new URL(path, server.url).href);
      await waitState(page, 'editing');
      await pay(page, log);
      await context.close();
    }
  });
}

for (const [major, modules] of [[19, null], [18, join(ROOT, 'tools', 'react18', 'node_modules')]]) {
  test(`React ${major} under StrictMode (Vite dev server): one form; a re-render keeps it, a new locale remounts it; the payer pays; refused options reach onError`, async (t) => {
    await reactShop(t, major, modules);
  });
}

/** The React app (tests/apps/react) on React `major`, from `modules` when not tools/'s. */
async function reactShop(t, major, modules) {
  const app = installApp('react', tgz);
  const env = { SHOP_API: sb.base, ...(modules && { REACT_MODULES: modules }) };
  const server = await serve('node', (port) => [VITE, '--force', '--port', String(port)], app, env);
  t.after(() => server.stop());
  const { page, context, log } = await newPage(browser);
  await page.goto(server.url);
  await waitState(page, 'editing');
  assert.equal((await page.evaluate(() => window.reactVersion)).split('.')[0], String(major));
  // StrictMode mounted, destroyed and mounted again: one widget is left
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.cw').count(), 1, 'exactly one widget');
  assert.equal(await page.locator('[name=card_number]').count(), 1, 'exactly one card number field');
  assert.equal(await page.evaluate(() => window.checkoutReadies), 1, 'onReady from the live widget only');
  // a new options object with the same content: the same widget, what the payer typed kept
  await page.fill('[name=payer_first_name]', 'Jane');
  await page.evaluate(() => { document.querySelector('.cw').dataset.marked = 'yes'; });
  await page.click('#rerender');
  await page.waitForSelector('text=Re-render (1)');
  assert.equal(await page.locator('.cw[data-marked=yes]').count(), 1, 'not remounted by a new object with the same content');
  assert.equal(await page.inputValue('[name=payer_first_name]'), 'Jane');
  // a changed option mounts again
  await page.click('#german');
  await page.waitForFunction(() => document.querySelector('.cw')?.lang === 'de' && !document.querySelector('.cw[data-marked]'));
  assert.equal(await page.locator('.cw').count(), 1, 'one widget after the remount');
  await pay(page, log);
  const results = await page.evaluate(() => window.checkoutResults);
  assert.deepEqual(results.map((r) => r.state), ['success'], 'onResult forwarded once, from the live widget');
  // refused options reach onError as `mount`, and nothing is shown
  await page.goto(`${server.url}?amount=01.99`);
  await page.waitForFunction(() => window.checkoutErrors?.length > 0);
  const [refused, ...more] = await page.evaluate(() => window.checkoutErrors);
  assert.equal(refused.code, 'mount');
  assert.match(refused.message, /option `order\.order_amount`: "01\.99" is refused/);
  assert.deepEqual(more, []);
  assert.equal(await page.locator('.cw').count(), 0);
  await context.close();
}

test('Vue 3 (Vite dev server): <checkout-widget> as a custom element, its checkout-result event read by the app', async (t) => {
  const app = installApp('vue', tgz);
  const server = await serve('node', (port) => [VITE, '--force', '--port', String(port)], app, { SHOP_API: sb.base });
  t.after(() => server.stop());
  const { page, context, log } = await newPage(browser);
  await page.goto(server.url);
  await waitState(page, 'editing');
  assert.equal(await page.locator('checkout-widget .cw').count(), 1);
  assert.ok(!log.console.some((m) => /Failed to resolve component/.test(m)), log.console.join('\n'));
  await pay(page, log);
  await page.waitForSelector('#result');
  assert.equal(await page.locator('#result').textContent(), 'success SETTLED');
  await context.close();
});
