// Vite as a merchant's app uses it: nothing for the package (Vite 8's dev server and build
// both find the .wasm and locale files it names as `new URL(…, import.meta.url)`); /api
// goes to the merchant's backend (the tests' sandbox).
const api = process.env.SHOP_API;

export default {
  server: { host: '127.0.0.1', strictPort: true, proxy: { '/api': api } },
  preview: { host: '127.0.0.1', strictPort: true, proxy: { '/api': api } },
  build: { target: 'es2022' },
  logLevel: 'warn',
};
