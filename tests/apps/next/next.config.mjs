// Next.js (App Router) as a merchant's app uses it: nothing for the package; /api goes to
// the merchant's backend (the tests' sandbox).
const api = process.env.SHOP_API;

export default {
  async rewrites() {
    return [{ source: '/api/:path*', destination: `${api}/api/:path*` }];
  },
};
