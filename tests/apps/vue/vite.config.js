// A Vue 3 app in the Vite dev server: Vue is told that <checkout-widget> is a custom
// element (else it warns and tries to resolve it as a component); /api goes to the
// merchant's backend (the tests' sandbox).
import vue from '@vitejs/plugin-vue';

const api = process.env.SHOP_API;

export default {
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'checkout-widget' } } })],
  server: { host: '127.0.0.1', strictPort: true, proxy: { '/api': api } },
  logLevel: 'warn',
};
