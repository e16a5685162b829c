// The same checkout under the Pages Router, beside the App Router in one app: rendered on
// the server (the order made in getServerSideProps), the package evaluated there too.
import Pay from '../app/pay.js';
import 'rust-card-checkout/style.css';

export async function getServerSideProps() {
  const res = await fetch(`${process.env.SHOP_API}/api/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ amount: '12.00', currency: 'USD', description: 'Next.js shop order' }),
  });
  return { props: { order: await res.json() } };
}

export default function Checkout({ order }) {
  return (
    <main>
      <h1>Checkout</h1>
      <p id="order">{`Order ${order.order_id}: ${order.amount} ${order.currency}`}</p>
      <Pay order={order} />
    </main>
  );
}
