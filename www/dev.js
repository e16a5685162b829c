// `trunk serve` page: trunk loads the wasm and exposes its bindings as window.wasmBindings;
// this creates an order in the running sandbox (through trunk's /api proxy) and mounts.
async function start() {
  const res = await fetch('/api/orders', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount: '12.00', currency: 'USD', description: 'Development order' }),
  });
  const order = await res.json();
  document.getElementById('order').textContent = `Order ${order.order_id}: ${order.amount} ${order.currency}`;
  window.wasmBindings.mount('#checkout', {
    endpoint: '/api/pay',
    statusUrl: '/api/orders/{order_id}',
    order: { order_id: order.order_id, order_amount: order.amount, order_currency: order.currency, order_description: order.description },
    fields: { payer_middle_name: 'hidden', payer_birth_date: 'hidden', payer_address2: 'optional' },
  });
}
if (window.wasmBindings) start();
else addEventListener('TrunkApplicationStarted', start);
