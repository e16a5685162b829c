// The same checkout under the Pages Router, beside the App Router in one app: rendered on
// the server (the order made in getServerSideProps), the package evaluated there too.
import { newOrder, Shop } from '../shop.js';
import 'rust-card-checkout/style.css';

export async function getServerSideProps() {
  return { props: { order: await newOrder() } };
}

export default Shop;
