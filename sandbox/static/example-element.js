// Example: <checkout-widget> reports through DOM CustomEvents. The page runs this before
// index.js defines the element, so no event can come before its listener.
const el = document.querySelector('checkout-widget');
const out = document.getElementById('events');
for (const type of ['checkout-ready', 'checkout-result', 'checkout-error']) {
  el.addEventListener(type, (e) => {
    out.textContent = `${type}: ${JSON.stringify(e.detail)}`;
  });
}
