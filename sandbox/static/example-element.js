// Example: <checkout-widget> reports through DOM CustomEvents.
const el = document.querySelector('checkout-widget');
const out = document.getElementById('events');
for (const type of ['checkout-ready', 'checkout-result', 'checkout-error']) {
  el.addEventListener(type, (e) => {
    out.textContent = `${type}: ${JSON.stringify(e.detail)}`;
  });
}
