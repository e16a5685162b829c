// A React 19 app in the Vite dev server: nothing for the package; /api goes to the
// merchant's backend (the tests' sandbox).
const api = process.env.SHOP_API;

export default {
  server: { host: '127.0.0.1', strictPort: true, proxy: { '/api': api } },
  logLevel: 'warn',
};
