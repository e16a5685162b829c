// Shared helpers of the browser suite: a sandbox per test file, Debian Chromium through
// playwright-core, form filling, axe-core, and the card-data leak checks.
import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { cpSync, readFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';

const require = createRequire(import.meta.url);
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tools = join(ROOT, 'tools', 'node_modules');
const { chromium } = require(join(tools, 'playwright-core'));
const AXE = readFileSync(join(tools, 'axe-core', 'axe.min.js'), 'utf8');
export const OUT = join(ROOT, 'tests', 'e2e', 'out');
mkdirSync(OUT, { recursive: true });

/** A test's own HTTP server on a free loopback port (a fake backend, a page host):
 *  `handler(req, res, body)` runs once the request body is read. */
export async function fakeServer(handler) {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => handler(req, res, body));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** A free loopback TCP port (for a server the test starts as a child process). */
export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Waits until `url` answers (a server started as a child process), up to `seconds`;
 *  with `anyStatus`, an HTTP error counts as up (the test asserts the status itself). */
export async function waitUp(url, seconds = 60, anyStatus = false) {
  for (let i = 0; i < seconds * 4; i += 1) {
    try {
      const r = await fetch(url);
      if (r.ok || anyStatus) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not come up in ${seconds} s`);
}

/** Starts a dev or app server (`command args…`, given `--port <port>` or `-p <port>` by
 *  `args(port)`) in `cwd` on a free port; resolves once it answers, to its URL and a
 *  `stop()` that ends its process group. Every server still running ends with the file. */
export async function serve(command, args, cwd, env = {}) {
  const port = await freePort();
  const child = spawn(command, args(port), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  servers.add(child);
  const exited = new Promise((r) => child.on('exit', r));
  const url = `http://127.0.0.1:${port}/`;
  await waitUp(url, 120, true);
  return {
    url,
    stop: () => {
      if (servers.delete(child)) end(child);
      return exited;
    },
  };
}
const servers = new Set();
const end = (child) => {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch { /* already gone */ }
};
process.once('exit', () => servers.forEach(end));

const scratch = new Set();
process.once('exit', () => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh directory under the system's temporary directory, removed when this test file's
 *  process exits (node --test runs each file in a process of its own). */
export function scratchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.add(dir);
  return dir;
}

/** `npm pack` of www/ (the package as published): the tarball's path. PACKAGE_WWW=… packs
 *  another checkout's www/ (how a test is seen failing on an older build). */
export function packPackage() {
  const dir = scratchDir('widget-pkg-');
  const www = process.env.PACKAGE_WWW || join(ROOT, 'www');
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: www, encoding: 'utf8' }).trim().split('\n').pop();
  return join(dir, packed);
}

/** A merchant's project in `dir`: its package.json, then the tarball installed offline, as
 *  `npm install rust-card-checkout` would. Returns the installed package's dist folder. */
export function installPackage(tgz, dir, pkg = { name: 'shop', private: true }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tgz], { cwd: dir });
  return join(dir, 'node_modules', 'rust-card-checkout', 'dist');
}

/** tests/apps/`name` copied into a scratch folder under tools/ with the packed tarball
 *  installed: the frameworks it imports (pinned in tools/package-lock.json) then resolve
 *  from tools/node_modules, as an app's own dependencies would. Returns the app's folder. */
export function installApp(name, tgz, pkg = { name, private: true, type: 'module' }) {
  const parent = mkdtempSync(join(ROOT, 'tools', '.apps-'));
  scratch.add(parent);
  const dir = join(parent, name);
  cpSync(join(ROOT, 'tests', 'apps', name), dir, { recursive: true });
  installPackage(tgz, dir, pkg);
  // its dependencies are tools/'s, in tools/package-lock.json: one lockfile for the tree
  rmSync(join(dir, 'package-lock.json'));
  return dir;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css' };

/** Answers a fake server's request with the file `name` of `dir` (or with `body` in its
 *  place), typed by its extension; 404 when `dir` holds no such file. */
export function sendFile(res, dir, name, body = null) {
  const path = resolve(dir, `.${sep}${name}`);
  const isFile = path.startsWith(resolve(dir) + sep) && statSync(path, { throwIfNoEntry: false })?.isFile();
  if (!isFile) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return res.end('not found');
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] || 'application/octet-stream' });
  return res.end(body ?? readFileSync(path));
}

/** The README's "preload the wasm" line for a page that serves the package's `dist` at
 *  `prefix` (the wasm's hash read from its manifest.json). */
export function wasmPreload(dist, prefix) {
  const sri = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')).files['checkout_widget_bg.wasm'].integrity;
  return `<link rel="preload" href="${prefix}checkout_widget_bg.wasm" as="fetch" type="application/wasm" crossorigin integrity="${sri}">`;
}

/** Starts target/server/sandbox on a free loopback port with a fresh database. WIDGET_DIST=…
 *  serves another build of the widget (how a test is seen failing on an older build). */
export async function startSandbox(args = []) {
  const data = join(scratchDir('sandbox-e2e-'), 'sandbox.sqlite');
  const bin = join(ROOT, 'target', 'server', 'sandbox');
  const widget = process.env.WIDGET_DIST ? ['--widget', process.env.WIDGET_DIST] : [];
  const child = spawn(bin, ['--listen', '127.0.0.1:0', '--data', data, ...widget, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('sandbox did not start')), 15000);
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.on('exit', (c) => reject(new Error(`sandbox exited ${c}`)));
  });
  return { base, data, stop: () => child.kill('SIGTERM') };
}

/** A sandbox (started with `args`) and a Chromium shared by a test file's tests: started
 *  before its first test, stopped after its last. `sb` and `browser` are set once started. */
export function sandboxAndBrowser(args = []) {
  const shared = { sb: null, browser: null };
  before(async () => {
    shared.sb = await startSandbox(args);
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    shared.sb?.stop();
  });
  return shared;
}

/** The Content-Security-Policy of a strict merchant page: the widget must work under it. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/** A fake merchant backend (`handler(req, res, body)`, as fakeServer's) and a Chromium, shared
 *  by a test file's tests like sandboxAndBrowser's: `base` and `browser` are set once started. */
export function fakeBackendAndBrowser(handler) {
  const shared = { base: null, browser: null };
  let server;
  before(async () => {
    ({ server, base: shared.base } = await fakeServer(handler));
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    server?.close();
  });
  return shared;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A page that records everything card data could leak into: console, requests (URLs),
 * CSP violations and page errors.
 */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 900, height: 1300 } });
  const page = await context.newPage();
  const log = { console: [], urls: [], errors: [], csp: [] };
  page.on('console', (m) => log.console.push(m.text()));
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.urls.push(r.url()));
  page.on('framenavigated', (f) => log.urls.push(f.url()));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__csp = window.__csp || []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { page, context, log };
}

export const PAYER = { first: 'John', last: 'Doe', email: 'doe@example.com', country: 'US', address: '1 Main St', city: 'Denver', state: 'CO', zip: '80202' };

/** Fills the demo form as a payer would. */
export async function fillCard(page, number, exp, cvc = '123') {
  await page.fill('[name=card_number]', number);
  await page.fill('[name=card_exp]', exp);
  await page.fill('[name=card_cvv2]', cvc);
}

export async function fillPayer(page, p = PAYER) {
  if (await page.locator('[name=payer_first_name]').count()) await page.fill('[name=payer_first_name]', p.first);
  if (await page.locator('[name=payer_last_name]').count()) await page.fill('[name=payer_last_name]', p.last);
  if (await page.locator('[name=payer_email]').count()) await page.fill('[name=payer_email]', p.email);
  if (await page.locator('[name=payer_country]').count()) await page.selectOption('[name=payer_country]', p.country);
  if (await page.locator('[name=payer_address]').count()) await page.fill('[name=payer_address]', p.address);
  if (await page.locator('[name=payer_city]').count()) await page.fill('[name=payer_city]', p.city);
  if (await page.locator('[name=payer_state]').count()) await page.selectOption('[name=payer_state]', p.state);
  if (await page.locator('[name=payer_zip]').count()) await page.fill('[name=payer_zip]', p.zip);
}

export async function state(page) {
  return page.locator('.cw').first().getAttribute('data-state');
}

export async function waitState(page, want, timeout = 15000) {
  await page.waitForSelector(`.cw[data-state="${want}"]`, { timeout });
}

/** axe-core with the WCAG 2.2 AA tag set; returns the violations. */
export async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

export const axeStates = new Set();
export async function assertAxeClean(page, name) {
  const v = await axe(page);
  assert.deepEqual(v, [], `axe violations in state ${name}`);
  axeStates.add(name);
}

/**
 * No card number or CVC in storage, cookies, IndexedDB, the console, a URL; sessionStorage
 * may hold only the widget's Idempotency-Key (a UUID).
 */
export async function assertNoCardData(page, log, number, cvc) {
  const digits = number.replace(/\D/g, '');
  const storage = await page.evaluate(async () => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    const dbs = indexedDB.databases ? await indexedDB.databases() : [];
    return { local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie, dbs: dbs.map((d) => d.name) };
  });
  assert.deepEqual(storage.local, {}, 'localStorage untouched');
  assert.deepEqual(storage.dbs, [], 'no IndexedDB');
  for (const [k, v] of Object.entries(storage.session)) {
    assert.match(k, /^checkout-widget:idem:/, 'only the idempotency key in sessionStorage');
    assert.match(v, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  const haystacks = [storage.cookie, ...log.console, ...log.urls, ...log.errors];
  for (const h of haystacks) {
    assert.ok(!h.replace(/[\s-]/g, '').includes(digits), `card number leaked: ${h}`);
    // the CVC standing alone (not inside a longer number, UUID or hash)
    if (cvc) assert.ok(!new RegExp(`(^|[^0-9a-f])${cvc}([^0-9a-f]|$)`, 'i').test(h), `CVC leaked: ${h}`);
  }
  const hiddenCc = await page.evaluate(() => document.querySelectorAll('input[type=hidden][autocomplete^="cc-"], [hidden] [autocomplete^="cc-"]').length);
  assert.equal(hiddenCc, 0, 'no cc-* autocomplete on hidden inputs');
  const csp = await page.evaluate(() => window.__csp || []);
  assert.deepEqual(csp, [], 'no CSP violation');
}

export async function shot(page, name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

/**
 * One picture of several (`shots`: [caption, PNG buffer]) in rows of `columns`, laid out and
 * shot by the browser itself, into tests/e2e/out/`file`: the README's contact sheets.
 */
export async function contactSheet(context, shots, columns, file) {
  const p = await context.newPage();
  const cells = shots.map(([name, png]) => `<figure><figcaption>${name}</figcaption><img src="data:image/png;base64,${png.toString('base64')}"></figure>`);
  await p.setContent(`<style>body{margin:0;display:grid;grid-template-columns:repeat(${columns},max-content);align-items:start;font:14px system-ui;background:#eef0f2;width:max-content}
figure{margin:0;padding:12px}figcaption{font-weight:600;margin-bottom:6px}img{display:block}</style>${cells.join('')}`);
  await p.screenshot({ path: join(OUT, file), fullPage: true });
  await p.close();
}

/** The message of a field: the `-error` element among those describing its input. */
export async function messageOf(page, name) {
  const ids = (await page.locator(`[name=${name}]`).getAttribute('aria-describedby')) || '';
  const id = ids.split(' ').find((i) => i.endsWith('-error'));
  return id ? page.locator(`#${id}`).textContent() : null;
}
