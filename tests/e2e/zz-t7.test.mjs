import { sandboxAndBrowser, waitState } from '/work/main/tests/e2e/harness.mjs';
import { test } from 'node:test';
const shared = sandboxAndBrowser();
test('7', async () => {
  const page = await (await shared.browser.newContext()).newPage();
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', String(e)));
  await page.goto(`${shared.sb.base}/`);
  await waitState(page, 'editing');
  const r = await page.evaluate(async () => { const el = document.querySelector('[name=card_number]'); el.value = '7'; el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: '7' }));
    const t0 = performance.now(); let n = 0;
    while (document.querySelector('[name=card_number]').getAttribute('aria-invalid') !== 'true') { await Promise.resolve(); n++; if (performance.now() - t0 > 1000) return 'timeout ' + n; }
    return 'ok ' + n; });
  console.log(r);
});
