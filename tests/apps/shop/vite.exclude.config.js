// The README's line for Vite 5–7, whose dev servers pre-bundle dependencies into
// node_modules/.vite/deps/, away from the package's wasm.
import base from './vite.config.js';

export default { ...base, optimizeDeps: { exclude: ['rust-card-checkout'] } };
