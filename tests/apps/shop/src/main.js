// A merchant's checkout page as a bundler builds it: the order is created by the merchant's
// backend (the sandbox, reached through /api), then the widget mounts. The same file is
// built by Vite and by webpack in the tests.
import { mount } from 'rust-card-checkout';
import 'rust-card-checkout/style.css';

const params = new URLSearchParams(location.search);
const res = await fetch('/api/orders', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ amount: '12.00', currency: 'USD', description: 'Bundled shop order' }),
});
const order = await res.json();
document.getElementById('order').textContent = `Order ${order.order_id}: ${order.amount} ${order.currency}`;
window.checkoutErrors = [];
await mount('#checkout', {
  endpoint: '/api/pay',
  statusUrl: '/api/orders/{order_id}',
  locale: params.get('locale') || undefined,
  order: { order_id: order.order_id, order_amount: order.amount, order_currency: order.currency, order_description: order.description },
  fields: { payer_middle_name: 'hidden', payer_birth_date: 'hidden', payer_address2: 'optional', payer_phone: 'optional' },
  onError: (e) => window.checkoutErrors.push(e),
}).catch((e) => window.checkoutErrors.push({ rejected: e.code, message: e.message }));
