// The byte budget of the script-tag bundle (wasm + JS + CSS), brotli q11: deterministic
// for a given build, so it gates the tests. Prints the figures either way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLE, brotli } from './sizes.mjs';

const dir = process.argv[2] || 'www/dist';
const budget = JSON.parse(readFileSync(new URL('../www/budget.json', import.meta.url)));
let total = { raw: 0, gzip: 0, brotli: 0 };
console.log('file                         raw     gzip-9  brotli-11');
for (const f of BUNDLE) {
  const data = readFileSync(join(dir, f));
  const gz = gzipSync(data, { level: 9 }).length;
  const br = brotli(data).length;
  total.raw += data.length;
  total.gzip += gz;
  total.brotli += br;
  console.log(`${f.padEnd(26)} ${String(data.length).padStart(7)} ${String(gz).padStart(8)} ${String(br).padStart(10)}`);
}
console.log(`${'bundle total'.padEnd(26)} ${String(total.raw).padStart(7)} ${String(total.gzip).padStart(8)} ${String(total.brotli).padStart(10)}`);
console.log(`budget: ${budget.bundle_brotli_bytes} bytes brotli (target ${budget.target_brotli_bytes})`);
if (total.brotli > budget.bundle_brotli_bytes) {
  console.error(`bundle is ${total.brotli} bytes brotli, over its budget of ${budget.bundle_brotli_bytes}`);
  process.exit(1);
}
