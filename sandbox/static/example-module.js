// Example: the ES module entry, as a bundler or <script type="module"> uses it.
import { mount } from '/widget/index.js';

const el = document.getElementById('checkout');
await mount(el, {
  endpoint: '/api/pay',
  statusUrl: '/api/orders/{order_id}',
  order: { order_id: el.dataset.orderId, order_amount: '4.99', order_currency: 'EUR', order_description: 'Example order' },
  fields: { payer_middle_name: 'hidden', payer_birth_date: 'hidden', payer_address2: 'optional', payer_phone: 'optional' },
});
