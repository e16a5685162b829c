// A React app in the Vite dev server: nothing for the package; /api goes to the merchant's
// backend (the tests' sandbox). REACT_MODULES, when set, is a node_modules folder whose
// react and react-dom the app runs on instead of tools/'s 19 (tools/react18: React 18).
const api = process.env.SHOP_API;
const modules = process.env.REACT_MODULES;

export default {
  server: { host: '127.0.0.1', strictPort: true, proxy: { '/api': api } },
  resolve: modules ? { alias: { react: `${modules}/react`, 'react-dom': `${modules}/react-dom` } } : {},
  logLevel: 'warn',
};
