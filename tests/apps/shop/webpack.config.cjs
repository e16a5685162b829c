// webpack 5 as a merchant's app uses it. The package needs no rule of its own: webpack
// emits the .wasm and locale files it names as `new URL(…, import.meta.url)`.
// `experiments.css` only because this app imports the package's stylesheet without a
// css-loader; the page links the main.css it writes.
const path = require('node:path');

module.exports = {
  mode: 'production',
  entry: './src/main.js',
  output: { path: path.resolve(__dirname, 'dist-webpack'), filename: 'main.js', clean: true },
  experiments: { css: true },
};
