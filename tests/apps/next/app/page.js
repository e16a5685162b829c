// A server component: the order is created by the merchant's backend while the page
// renders on the server; the client component below is rendered there first too.
import Pay from './pay.js';

export const dynamic = 'force-dynamic';

export default async function Page() {
  const res = await fetch(`${process.env.SHOP_API}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount: '12.00', currency: 'USD', description: 'Next.js shop order' }),
  });
  const order = await res.json();
  return (
    <main>
      <h1>Checkout</h1>
      <p id="order">{`Order ${order.order_id}: ${order.amount} ${order.currency}`}</p>
      <Pay order={order} />
    </main>
  );
}
