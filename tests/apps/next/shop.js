// What both routers' pages share: the order the merchant's backend makes while the page
// renders on the server, and the page around the client component that pays it.
import Pay from './app/pay.js';

export async function newOrder() {
  const res = await fetch(`${process.env.SHOP_API}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount: '12.00', currency: 'USD', description: 'Next.js shop order' }),
  });
  return res.json();
}

export function Shop({ order }) {
  return (
    <main>
      <h1>Checkout</h1>
      <p id="order">{`Order ${order.order_id}: ${order.amount} ${order.currency}`}</p>
      <Pay order={order} />
    </main>
  );
}
