// A React 18 or 19 checkout under StrictMode (in development its effects run twice: mount,
// destroy, mount). "Re-render" passes a new options object with the same content;
// "Deutsch" changes the locale. `?amount=` overrides the order's amount as the widget sees it.
import React, { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Checkout } from 'rust-card-checkout/react';
import 'rust-card-checkout/style.css';

const res = await fetch('/api/orders', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ amount: '12.00', currency: 'USD', description: 'React shop order' }),
});
const order = await res.json();
const amount = new URLSearchParams(location.search).get('amount') || order.amount;
window.checkoutErrors = [];
window.checkoutResults = [];
window.checkoutReadies = 0;
window.reactVersion = React.version;

function Shop() {
  const [locale, setLocale] = useState('en');
  const [renders, setRenders] = useState(0);
  const options = {
    endpoint: '/api/pay',
    statusUrl: '/api/orders/{order_id}',
    locale,
    order: { order_id: order.order_id, order_amount: amount, order_currency: order.currency, order_description: order.description },
    fields: { payer_middle_name: 'hidden', payer_birth_date: 'hidden', payer_address2: 'optional', payer_phone: 'optional' },
  };
  return (
    <main>
      <h1>Checkout</h1>
      <button id="rerender" onClick={() => setRenders(renders + 1)}>Re-render ({renders})</button>
      <button id="german" onClick={() => setLocale('de')}>Deutsch</button>
      <Checkout options={options} onReady={() => { window.checkoutReadies += 1; }} onResult={(r) => window.checkoutResults.push(r)} onError={(e) => window.checkoutErrors.push(e)} />
    </main>
  );
}

createRoot(document.getElementById('root')).render(<StrictMode><Shop /></StrictMode>);
