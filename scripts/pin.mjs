// Writes the SRI hashes into the built loaders (scripts/build.sh, after minifying):
//   locales.json        the hash of every locale file
//   index.js            { '@sri': 0 } → the hash of the wasm and of locales.json
//   checkout-widget.js  '@sri:<file>' → the hash of index.js and of the wasm
// so that each file the script tag brings in is checked by the one before it. Fails when
// a placeholder is missing (a loader that would run unpinned).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const sri = (name) => 'sha384-' + createHash('sha384').update(readFileSync(join(dir, name))).digest('base64');

function replaceOnce(file, placeholder, value) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(placeholder);
  if (at < 0 || text.indexOf(placeholder, at + 1) >= 0) {
    console.error(`pin: ${file} must hold ${placeholder} exactly once`);
    process.exit(1);
  }
  writeFileSync(path, text.slice(0, at) + value + text.slice(at + placeholder.length));
}

const pins = (files) => JSON.stringify(Object.fromEntries(files.map((f) => [f, sri(f)])));
writeFileSync(join(dir, 'locales.json'), pins(readdirSync(dir).filter((f) => /^locale-[A-Za-z-]+\.json$/.test(f)).sort()));
replaceOnce('index.js', '{"@sri":0}', pins(['checkout_widget_bg.wasm', 'locales.json']));
for (const f of ['checkout_widget_bg.wasm', 'index.js']) replaceOnce('checkout-widget.js', `"@sri:${f}"`, JSON.stringify(sri(f)));
