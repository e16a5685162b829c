// The three engines over W3C WebDriver (webdriverio, classic protocol): Chromium through
// chromedriver, Firefox ESR through geckodriver, WebKitGTK's MiniBrowser through
// WebKitWebDriver under xvfb-run. One driver process per engine, started on a free port.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ROOT, PAYER, freePort, waitUp } from './harness.mjs';

const require = createRequire(join(ROOT, 'tools', 'package.json'));
const { remote } = await import(require.resolve('webdriverio'));

// Drivers by absolute path: webdriverio's own dependencies put npm wrappers named
// geckodriver/chromedriver in tools/node_modules/.bin that download binaries on first use.
const GECKODRIVER = join(process.env.CARGO_HOME || join(homedir(), '.cargo'), 'bin', 'geckodriver');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--window-size=900,1300'];

export const ENGINES = {
  chromium: {
    driver: (port) => ['/usr/bin/chromedriver', [`--port=${port}`]],
    capabilities: { browserName: 'chrome', 'goog:chromeOptions': { binary: '/usr/bin/chromium', args: CHROMIUM_ARGS } },
  },
  firefox: {
    driver: (port) => [GECKODRIVER, ['--host', '127.0.0.1', '--port', String(port)]],
    capabilities: { browserName: 'firefox', 'moz:firefoxOptions': { binary: '/usr/bin/firefox-esr', args: ['-headless', '-width', '900', '-height', '1300'] } },
  },
  webkit: {
    driver: (port) => ['/usr/bin/xvfb-run', ['-a', '-s', '-screen 0 1280x1400x24', '/usr/bin/WebKitWebDriver', `--port=${port}`]],
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
    },
  },
};

/** Starts the engine's driver and a session; `close()` ends both. */
export async function startEngine(name) {
  const engine = ENGINES[name];
  const port = await freePort();
  const [cmd, args] = engine.driver(port);
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  await waitUp(`http://127.0.0.1:${port}/status`, 30);
  const browser = await remote({
    hostname: '127.0.0.1', port, logLevel: 'error', connectionRetryCount: 1,
    capabilities: { ...engine.capabilities, 'wdio:enforceWebDriverClassic': true },
  });
  if (name !== 'chromium') await browser.setWindowSize(900, 1300).catch(() => {});
  return {
    browser,
    close: async () => {
      await browser.deleteSession().catch(() => {});
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    },
  };
}

/** Types `text` into a field of session `b`; typed again when the digits did not all arrive:
 *  WebKitWebDriver now and then drops a key repeated within one action (see the keyboard test). */
export async function setField(b, field, text) {
  for (let tries = 0; tries < 3; tries += 1) {
    await b.$(`[name=${field}]`).setValue(text);
    if ((await b.$(`[name=${field}]`).getValue()).replace(/\D/g, '') === text.replace(/\D/g, '')) return;
  }
  assert.fail(`${field}: "${text}" could not be typed`);
}

/** The payer's name, email and address (the harness's `PAYER`) typed and chosen in session `b`. */
export async function fillPayer(b) {
  for (const [field, text] of [['payer_first_name', PAYER.first], ['payer_last_name', PAYER.last], ['payer_email', PAYER.email]]) {
    await b.$(`[name=${field}]`).setValue(text);
  }
  await b.$('[name=payer_country]').selectByAttribute('value', PAYER.country);
  await b.$('[name=payer_address]').setValue(PAYER.address);
  await b.$('[name=payer_city]').setValue(PAYER.city);
  await b.$('[name=payer_state]').selectByAttribute('value', PAYER.state);
  await b.$('[name=payer_zip]').setValue(PAYER.zip);
}
