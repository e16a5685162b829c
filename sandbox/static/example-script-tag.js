// Example: the script-tag build. <script src="/widget/checkout-widget.js"> defines
// window.CheckoutWidget; mount returns a Promise of the handle.
const el = document.getElementById('checkout');
window.CheckoutWidget.mount(el, {
  endpoint: '/api/pay',
  statusUrl: '/api/orders/{order_id}',
  order: { order_id: el.dataset.orderId, order_amount: '4.99', order_currency: 'EUR', order_description: 'Example order' },
  fields: { payer_middle_name: 'hidden', payer_birth_date: 'hidden', payer_address2: 'optional', payer_phone: 'optional' },
  onResult: (r) => console.log('result', r.state),
}).catch((e) => console.error(String(e)));
