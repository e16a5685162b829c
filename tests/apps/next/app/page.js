// A server component: the order is created by the merchant's backend while the page
// renders on the server; the client component inside is rendered there first too.
import { newOrder, Shop } from '../shop.js';

export const dynamic = 'force-dynamic';

export default async function Page() {
  return <Shop order={await newOrder()} />;
}
