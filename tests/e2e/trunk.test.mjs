// `trunk serve` as a frontend developer runs it: the dev page (index.html, www/dev.js)
// served by trunk with /api proxied to a running sandbox, and a checkout through it.
// Ports are free ones here; Trunk.toml's defaults are 8081 → 8080.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, startSandbox, launch, newPage, fillCard, fillPayer, waitState, assertNoCardData } from './harness.mjs';

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

let sb;
let trunk;
let browser;
let url;

before(async () => {
  sb = await startSandbox();
  const port = await freePort();
  const dir = join(ROOT, 'target', 'trunk-e2e');
  mkdirSync(dir, { recursive: true });
  // the project's Trunk.toml with the ports of this run
  writeFileSync(join(dir, 'Trunk.toml'), `[build]\ntarget = "../../index.html"\ndist = "dist"\noffline = true\n`
    + `[serve]\naddresses = ["127.0.0.1"]\nport = ${port}\n[[proxy]]\nbackend = "${sb.base}/api/"\n`);
  trunk = spawn('trunk', ['--config', join(dir, 'Trunk.toml'), 'serve'], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 600; i += 1) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (trunk) process.kill(-trunk.pid, 'SIGTERM');
  sb?.stop();
});

test('trunk serve: the dev page mounts the widget and pays through the /api proxy', { timeout: 600000 }, async () => {
  const { page, context, log } = await newPage(browser);
  await page.goto(url);
  await waitState(page, 'editing', 60000);
  assert.match(await page.locator('#order').textContent(), /^Order ORDER-[0-9A-F]+: 12\.00 USD$/, 'order created through the proxy');
  await fillCard(page, '4111111111111111', '01/38', '737');
  await fillPayer(page);
  await page.fill('[name=payer_phone]', '+1 555 010 9999');
  await page.click('button[type=submit]');
  await waitState(page, 'success');
  await assertNoCardData(page, log, '4111111111111111', '737');
  await context.close();
});
