// Lays out the functions of an optimised wasm so that similar bodies sit side by side.
//
//   node scripts/order-functions.mjs IN.wasm OUT.wasm
//
// Brotli finds a repeated run of bytes more cheaply the nearer its earlier copy is, and
// Rust's generics and Yew's macros leave many near-identical functions scattered through
// the module. This orders them by a greedy chain: start at the largest body, then always
// take the remaining body most like the last one (Jaccard similarity of their 4-byte
// substrings; ties to the lower index, so the order is deterministic). The order is
// written as a name section (function i named by its position, zero-padded); binaryen's
// `--reorder-functions-by-name` then applies it and `--strip-debug` drops the names
// (scripts/shrink.sh). Nothing in a body changes, only where it sits.
// Other substring lengths and scores measured worse (figures: BENCHMARKS.md, decision log).
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/order-functions.mjs IN.wasm OUT.wasm');
  process.exit(2);
}
const wasm = readFileSync(input);

function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, pos];
  }
}

function encodeLeb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

function name(text) {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([encodeLeb(bytes.length), bytes]);
}

// Sections: count the imported functions (they come first in the index space), find the
// code section's bodies, and keep every section but an old name section.
let pos = 8;
let importedFunctions = 0;
let bodies = null;
const kept = [wasm.subarray(0, 8)];
while (pos < wasm.length) {
  const start = pos;
  const id = wasm[pos++];
  let size;
  [size, pos] = leb(wasm, pos);
  const end = pos + size;
  if (id === 2) {
    let p;
    let count;
    [count, p] = leb(wasm, pos);
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = leb(wasm, p); // module
      p += len;
      [len, p] = leb(wasm, p); // field
      p += len;
      const kind = wasm[p++];
      if (kind === 0) {
        [, p] = leb(wasm, p);
        importedFunctions++;
      } else if (kind === 1) {
        p++; // reftype
        let flags;
        [flags, p] = leb(wasm, p);
        [, p] = leb(wasm, p);
        if (flags & 1) [, p] = leb(wasm, p);
      } else if (kind === 2) {
        let flags;
        [flags, p] = leb(wasm, p);
        [, p] = leb(wasm, p);
        if (flags & 1) [, p] = leb(wasm, p);
      } else if (kind === 3) {
        p += 2;
      } else {
        throw new Error(`import kind ${kind} not understood`);
      }
    }
  }
  if (id === 10) {
    bodies = [];
    let p;
    let count;
    [count, p] = leb(wasm, pos);
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = leb(wasm, p);
      bodies.push(wasm.subarray(p, p + len));
      p += len;
    }
  }
  let custom = null;
  if (id === 0) {
    const [len, p] = leb(wasm, pos);
    custom = wasm.subarray(p, p + len).toString('utf8');
  }
  if (custom !== 'name') kept.push(wasm.subarray(start, end));
  pos = end;
}
if (!bodies) throw new Error(`${input}: no code section`);

// Each body as the sorted set of its 4-byte substrings.
const shingles = bodies.map((b) => {
  const set = new Set();
  for (let i = 0; i + 4 <= b.length; i++) set.add(b.readUInt32LE(i));
  return Uint32Array.from(set).sort();
});

function jaccard(a, b) {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

const n = bodies.length;
const left = new Set(bodies.keys());
let current = 0;
for (let i = 1; i < n; i++) if (bodies[i].length > bodies[current].length) current = i;
const order = [];
for (;;) {
  order.push(current);
  left.delete(current);
  if (left.size === 0) break;
  let best = -1;
  let bestScore = -1;
  for (const other of left) {
    const score = jaccard(shingles[current], shingles[other]);
    if (score > bestScore) {
      best = other;
      bestScore = score;
    }
  }
  current = best;
}

// The name section: subsection 1 (function names), index → position.
const width = String(n).length;
const position = new Array(n);
order.forEach((f, p) => {
  position[f] = p;
});
const entries = [encodeLeb(n)];
for (let f = 0; f < n; f++) entries.push(encodeLeb(importedFunctions + f), name(String(position[f]).padStart(width, '0')));
const functionNames = Buffer.concat(entries);
const section = Buffer.concat([name('name'), Buffer.from([1]), encodeLeb(functionNames.length), functionNames]);
writeFileSync(output, Buffer.concat([...kept, Buffer.from([0]), encodeLeb(section.length), section]));
