// Writes dist/manifest.json: bytes and an SRI (sha384) for each shipped file, and prints them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const files = {};
for (const name of readdirSync(dir).sort()) {
  if (name === 'manifest.json') continue;
  const data = readFileSync(join(dir, name));
  files[name] = { bytes: data.length, integrity: 'sha384-' + createHash('sha384').update(data).digest('base64') };
  console.log(`${String(data.length).padStart(9)}  ${files[name].integrity}  ${name}`);
}
writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files }, null, 2) + '\n');
