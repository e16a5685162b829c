// 3-D Secure 2 browser data: what the widget sends as `browser` with the payment is what the
// page's own screen, window, Intl and navigator say — in a browser set to a viewport, a
// language and a time zone of the test's choosing — and it reaches PayCross (the emulator
// echoes it, with the Accept header the backend added).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sandboxAndBrowser, fillCard, fillPayer, waitState } from './harness.mjs';

const shared = sandboxAndBrowser();

// [time zone, the names an engine may give it, its offsets in minutes (summer, winter), language, viewport]
for (const [timezoneId, names, offset, locale, viewport] of [
  ['Europe/Vilnius', ['Europe/Vilnius'], [-120, -180], 'lt-LT', { width: 600, height: 667 }],
  ['Asia/Kolkata', ['Asia/Kolkata', 'Asia/Calcutta'], [-330], 'de-DE', { width: 1280, height: 720 }],
  ['America/Denver', ['America/Denver'], [360, 420], 'en-US', { width: 390, height: 844 }],
]) {
  test(`browser data in ${timezoneId}, ${locale}, ${viewport.width}×${viewport.height}`, async () => {
    const context = await shared.browser.newContext({ viewport, locale, timezoneId });
    const page = await context.newPage();
    await page.goto(`${shared.sb.base}/?gateway=paycross`);
    await waitState(page, 'editing');
    await fillCard(page, '4012000000001097', '01/38', '737');
    await fillPayer(page);
    // what the page says, read just before the payer pays
    const pageSays = await page.evaluate(() => ({
      screen_width: screen.width,
      screen_height: screen.height,
      screen_color_depth: screen.colorDepth,
      language: navigator.language,
      java_enabled: false,
      user_agent: navigator.userAgent,
      time_zone: new Date().getTimezoneOffset(),
      time_zone_name: Intl.DateTimeFormat().resolvedOptions().timeZone,
      window_height: innerHeight,
      window_width: innerWidth,
    }));
    // the backend's answer, read on its way to the page (which then leaves for the bank)
    let answer;
    await page.route('**/api/pay', async (route) => {
      const response = await route.fetch();
      answer = await response.json();
      await route.fulfill({ response });
    });
    const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/api/pay')), page.click('button[type=submit]')]);
    const sent = request.postDataJSON().browser;
    // exactly the spec's fields, each as the page reads it
    assert.deepEqual(Object.keys(sent).sort(), ['java_enabled', 'language', 'screen_color_depth', 'screen_height', 'screen_width',
      'time_zone', 'time_zone_name', 'user_agent', 'window_height', 'window_width']);
    assert.deepEqual(sent, pageSays);
    assert.ok(names.includes(sent.time_zone_name), sent.time_zone_name);
    assert.ok(offset.includes(sent.time_zone), `${sent.time_zone} minutes for ${timezoneId}`);
    assert.equal(sent.language, locale);
    assert.deepEqual([sent.window_width, sent.window_height], [viewport.width, viewport.height]);
    // PayCross got it, with the Accept header of the payer's request, and 3-D Secure goes on
    await page.waitForURL(/\/gateway\/acs\//, { timeout: 15000 });
    const echoed = answer.additional_data.browser;
    assert.deepEqual({ ...echoed, accept_header: undefined }, { ...sent, accept_header: undefined });
    assert.equal(echoed.accept_header, await request.headerValue('accept'), 'the Accept header of the payer\'s request');
    await context.close();
  });
}

test('an HDR screen (colour depth 30) and a long language tag arrive within EMVCo limits (24, de-DE)', async () => {
  const context = await shared.browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    Object.defineProperty(Screen.prototype, 'colorDepth', { get: () => 30 });
    Object.defineProperty(Navigator.prototype, 'language', { get: () => 'de-DE-u-co-phonebk' });
  });
  await page.goto(`${shared.sb.base}/?gateway=paycross&locale=en`);
  await waitState(page, 'editing');
  assert.deepEqual(await page.evaluate(() => [screen.colorDepth, navigator.language]), [30, 'de-DE-u-co-phonebk']);
  await fillCard(page, '4012000000001097', '01/38', '737');
  await fillPayer(page);
  const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/api/pay')), page.click('button[type=submit]')]);
  const sent = request.postDataJSON().browser;
  assert.deepEqual([sent.screen_color_depth, sent.language], [24, 'de-DE']);
  // the backend, which refuses what lies outside the limits, sends the payer on to 3-D Secure
  await page.waitForURL(/\/gateway\/acs\//, { timeout: 15000 });
  await context.close();
});
