// README command 1 as a new user runs it: scripts/checkout.sh with PORT set prints the URL,
// the page is served, and its widget mounts in headless Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, launch, waitState } from './harness.mjs';

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

test('scripts/checkout.sh serves a demo checkout whose widget mounts', { timeout: 900000 }, async () => {
  const port = await freePort();
  const child = spawn('bash', [join(ROOT, 'scripts', 'checkout.sh'), '--data', join(ROOT, 'target', 'command1.sqlite')], {
    env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'], detached: true,
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/Sandbox checkout: (http:\/\/127\.0\.0\.1:\d+\/)/);
        if (m) resolve(m[1]);
      });
      child.on('exit', (c) => reject(new Error(`checkout.sh exited ${c}: ${out}`)));
    });
    assert.equal(url, `http://127.0.0.1:${port}/`);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /id="checkout"/);
    const browser = await launch();
    const page = await browser.newPage();
    await page.goto(url);
    await waitState(page, 'editing');
    assert.equal(await page.locator('[name=card_number]').count(), 1);
    await browser.close();
  } finally {
    process.kill(-child.pid, 'SIGTERM');
  }
});
