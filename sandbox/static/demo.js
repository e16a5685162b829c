// The sandbox demo page: reads the order from data attributes and mounts the widget.
import { mount } from '/widget/index.js';

const el = document.getElementById('checkout');
const d = el.dataset;
// ?theme=dark or ?theme=auto: the widget's dark theme, as a merchant opts in (a class)
const theme = new URLSearchParams(location.search).get('theme');
if (theme === 'dark' || theme === 'auto') el.classList.add(`cw-theme-${theme}`);
const common = {
  statusUrl: '/api/orders/{order_id}',
  locale: d.locale || 'en',
  onResult: (r) => console.log('checkout result', r.state, r.status || ''),
  onError: (e) => console.log('checkout error', e.code),
};

if (d.mode === 'result') {
  mount(el, { ...common, mode: 'result', orderId: d.orderId });
} else {
  const options = {
    ...common,
    endpoint: '/api/pay',
    challenge: d.challenge,
    order: {
      order_id: d.orderId,
      order_amount: d.amount,
      order_currency: d.currency,
      order_description: d.description,
    },
    fields: {
      payer_middle_name: 'hidden',
      payer_birth_date: 'hidden',
      payer_address2: 'optional',
      payer_phone: 'optional',
    },
    allowSaveCard: true,
  };
  if (d.email) options.values = { payer_email: d.email };
  if (d.savedCard) options.savedCard = JSON.parse(d.savedCard);
  mount(el, options).catch((e) => console.error(String(e)));
}
