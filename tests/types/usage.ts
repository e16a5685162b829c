// Type-checks the package's declarations the way a merchant's TypeScript uses them
// (`tsc --noEmit`, run by scripts/test.sh). Not executed.
import { mount, load, type Options, type ResultEvent, type ChangeEvent, type Handle } from '../../www/src/index.js';

const options: Options = {
  endpoint: '/api/pay',
  statusUrl: '/api/orders/{order_id}',
  order: { order_id: 'ORDER-1', order_amount: '12.00', order_currency: 'USD', order_description: 'Coffee' },
  locale: 'de',
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

// @ts-expect-error: a field the widget does not know
const bad: Options = { fields: { card_number: 'hidden' } };
void bad;

// @ts-expect-error: not a text of the widget
const typo: Options['translations'] = { de: { 'label.card_numbr': 'x' } };
void typo;
