// The package in a merchant's app as the bundlers build it: tests/apps/shop (one page that
// creates an order and mounts the widget) gets the packed tarball installed offline, then
// pays against the sandbox in Chromium under the Vite dev server, a Vite build and a
// webpack 5 build, with no configuration for the package in either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT, packPackage, installPackage, startSandbox, fakeServer, sendFile, serve, launch, newPage, fillCard, fillPayer,
  waitState, assertNoCardData, scratchDir,
} from './harness.mjs';

const bin = (name) => join(ROOT, 'tools', 'node_modules', '.bin', name);
let sb;
let app;
let browser;

before(async () => {
  sb = await startSandbox();
  app = join(scratchDir('widget-apps-'), 'shop');
  cpSync(join(ROOT, 'tests', 'apps', 'shop'), app, { recursive: true });
  installPackage(packPackage(), app, { name: 'shop', private: true, type: 'module' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  sb?.stop();
});

/** Starts `vite <args>` (Vite 8, or the `vite5`…`vite7` of tools/) in the app on a free
 *  port; resolves to its URL once it answers. */
function vite(args, pkg = 'vite') {
  const cli = join(ROOT, 'tools', 'node_modules', pkg, 'bin', 'vite.js');
  return serve('node', (port) => [cli, ...args, '--port', String(port)], app, { SHOP_API: sb.base });
}

/** A plain static host for a built app, with /api passed on to the sandbox (as a merchant's
 *  web server would). */
async function host(dir) {
  const { base, server } = await fakeServer(async (req, res, body) => {
    if (req.url.startsWith('/api/')) {
      const r = await fetch(sb.base + req.url, { method: req.method, headers: { 'content-type': req.headers['content-type'] || 'application/json', 'idempotency-key': req.headers['idempotency-key'] || '' }, body: req.method === 'GET' ? undefined : body });
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') || 'application/json' });
      return res.end(Buffer.from(await r.arrayBuffer()));
    }
    const path = new URL(req.url, 'http://h').pathname;
    return sendFile(res, dir, path === '/' ? 'index.html' : path);
  });
  return { url: `${base}/`, stop: () => server.close() };
}

/** A payer's checkout on the app's page with a card that settles at once. */
async function pays(url) {
  const { page, context, log } = await newPage(browser);
  await page.goto(url);
  await waitState(page, 'editing');
  await fillCard(page, '4111111111111111', '01/38', '737');
  await fillPayer(page);
  await page.click('button[type=submit]');
  await waitState(page, 'success');
  assert.deepEqual(await page.evaluate(() => window.checkoutErrors), []);
  assert.deepEqual(log.errors, []);
  await assertNoCardData(page, log, '4111111111111111', '737');
  // the stylesheet came through the bundler
  assert.equal(await page.locator('.cw-success .cw-icon').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(27, 110, 55)', 'the success icon in the theme\'s colour');
  await context.close();
}

test('Vite dev server, no configuration for the package: the payer pays, in English and in German', async (t) => {
  const server = await vite(['--force']);
  // stopped even when an assertion fails: a server left running holds the test file open
  t.after(() => server.stop());
  await pays(server.url);
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?locale=de`);
  await waitState(page, 'editing');
  const id = await page.locator('[name=card_number]').getAttribute('id');
  assert.match(await page.locator(`label[for="${id}"]`).textContent(), /^Kartennummer/);
  assert.deepEqual(await page.evaluate(() => window.checkoutErrors), []);
  await context.close();
});

test('Vite build, served by vite preview: the payer pays', async (t) => {
  execFileSync(bin('vite'), ['build'], { cwd: app, env: { ...process.env, SHOP_API: sb.base }, stdio: 'inherit' });
  const server = await vite(['preview']);
  t.after(() => server.stop());
  await pays(server.url);
});

test('webpack 5 build (no rule for the package): the payer pays', async (t) => {
  const out = execFileSync(bin('webpack'), ['--config', 'webpack.config.cjs'], { cwd: app, encoding: 'utf8' });
  assert.doesNotMatch(out, /Critical dependency|ERROR/, out);
  const dist = join(app, 'dist-webpack');
  writeFileSync(join(dist, 'index.html'), readFileSync(join(app, 'index.html'), 'utf8').replace('<script type="module" src="./src/main.js">', '<link rel="stylesheet" href="main.css"><script defer src="./main.js">'));
  const server = await host(dist);
  t.after(() => server.stop());
  await pays(server.url);
});

// Vite 5–7 pre-bundle the package into node_modules/.vite/deps/ in their dev servers, where
// its wasm is not: the error names the README's line, and with that line the payer pays.
for (const major of [5, 6, 7]) {
  test(`Vite ${major} dev server: load_not_wasm names optimizeDeps.exclude; with that line the payer pays`, async (t) => {
    const bare = await vite(['--force'], `vite${major}`);
    t.after(() => bare.stop());
    const { page, context } = await newPage(browser);
    await page.goto(bare.url);
    await page.locator('.cw-load-error').waitFor();
    const [error] = await page.evaluate(() => window.checkoutErrors);
    assert.equal(error.code, 'load_not_wasm');
    assert.match(error.message, /\/\.vite\/deps\/checkout_widget_bg\.wasm answered text\/html/);
    assert.ok(error.message.endsWith("add optimizeDeps: { exclude: ['rust-card-checkout'] } to vite.config"), error.message);
    await context.close();
    await bare.stop();
    const fixed = await vite(['--force', '--config', 'vite.exclude.config.js'], `vite${major}`);
    t.after(() => fixed.stop());
    await pays(fixed.url);
  });
}
