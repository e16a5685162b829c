// Type-checks the package's declarations the way a merchant's TypeScript uses them
// (`tsc --noEmit`, run by scripts/test.sh). Not executed.
import { mount, load, type Options, type ResultEvent, type ChangeEvent, type Handle } from '../../www/src/index.js';

const options: Options = {
  endpoint: '/api/pay',
  statusUrl: '/api/orders/{order_id}',
  order: { order_id: 'ORDER-1', order_amount: '12.00', order_currency: 'USD', order_description: 'Coffee' },
  locale: 'de',
  challenge: 'inline',
  translations: { de: { 'label.card_number': 'Kartennummer', pay: 'Jetzt zahlen' } },
  fields: { payer_middle_name: 'hidden', payer_address2: 'optional', card_holder: 'required' },
  values: { payer_email: 'doe@example.com' },
  allowSaveCard: true,
  savedCard: { id: 'card_7f3a9c', last4: '1111', brand: 'visa' },
  headers: { 'X-CSRF-Token': 't' },
  timeoutMs: 30000,
  onChange: (e: ChangeEvent) => console.log(e.field, e.valid, e.brand),
  onSubmit: (e) => (e.fields.payer_email ? { ext1: 'campaign-7' } : false),
  onResult: (r: ResultEvent) => console.log(r.state, r.status),
  beforeRedirect: async ({ url, method }) => url.startsWith('https://') && method === 'POST',
};

async function main(): Promise<void> {
  await load();
  const handle: Handle = await mount('#checkout', options);
  handle.destroy();
  const el = document.createElement('checkout-widget');
  el.setAttribute('order-id', 'ORDER-1');
  window.CheckoutWidget.mount(el, { endpoint: '/api/pay', order: { order_id: 'ORDER-2' } });
}
void main;

// every brand of the rules' table, Elo and Naranja included
const brands: ChangeEvent['brand'][] = ['elo', 'naranja', 'verve', null];
void brands;
// @ts-expect-error: not a brand the rules know
const notBrand: ChangeEvent['brand'] = 'bankcard';
void notBrand;

// @ts-expect-error: a field the widget does not know
const bad: Options = { fields: { card_number: 'hidden' } };
void bad;

// @ts-expect-error: the bank's page opens inline or by redirect, nothing else
const popup: Options = { challenge: 'popup' };
void popup;

// @ts-expect-error: not a text of the widget
const typo: Options['translations'] = { de: { 'label.card_numbr': 'x' } };
void typo;

// A merchant's backend in TypeScript reads the request body with the package's types.
import type { PaymentRequest, BrowserData } from '../../www/src/index.js';
function forward(body: PaymentRequest): { timeZone: number; number: string } {
  const b: BrowserData = body.browser;
  return { timeZone: b.time_zone, number: String(body['card_number']) };
}
forward({ order_id: 'O-1', card_number: '4111111111111111', browser: { screen_width: 1, screen_height: 1, screen_color_depth: 24,
  language: 'en', java_enabled: false, user_agent: 'UA', time_zone: -180, time_zone_name: 'Europe/Vilnius', window_height: 1, window_width: 1 } });
// @ts-expect-error java_enabled is always false
const notJava: BrowserData = { screen_width: 1, screen_height: 1, screen_color_depth: 24, language: 'en', java_enabled: true,
  user_agent: 'UA', time_zone: 0, time_zone_name: 'UTC', window_height: 1, window_width: 1 };
void notJava;
