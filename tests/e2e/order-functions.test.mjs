// scripts/order-functions.mjs lays the shipped wasm's functions out by similarity (the build
// applies it with wasm-opt --reorder-functions-by-name): similar bodies must end up side by
// side, the same input must always give the same bytes, and the widget's module must come
// out with the same functions, imports and exports, only in another order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scratchDir } from './harness.mjs';

const bin = join(ROOT, 'tools', 'build', 'node_modules', '.bin');
const script = join(ROOT, 'scripts', 'order-functions.mjs');
// the build's own wasm feature flags, read from the script that applies the layout
const features = readFileSync(join(ROOT, 'scripts', 'shrink.sh'), 'utf8').match(/^features="([^"]+)"$/m)[1].split(' ');

/** Runs the layout as the build does: order, then apply and drop the names. */
function layout(input, dir) {
  const named = join(dir, 'named.wasm');
  const out = join(dir, 'out.wasm');
  execFileSync('node', [script, input, named]);
  execFileSync(join(bin, 'wasm-opt'), [...features, '--reorder-functions-by-name', '--strip-debug', named, '-o', out]);
  return out;
}

/** Functions (names and signatures), import and export names, read by binaryen. */
function shape(wasm) {
  const text = execFileSync(join(bin, 'wasm-dis'), [wasm], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const funcs = [...text.matchAll(/^ \(func \$(\S+)/gm)].map((m) => m[1]);
  const signatures = [...text.matchAll(/^ \(func \$\S+ (.*)$/gm)].map((m) => m[1].replace(/\(type \$\d+\) ?/, '')).sort();
  const imports = [...text.matchAll(/^ \(import "([^"]*)" "([^"]*)"/gm)].map((m) => `${m[1]}.${m[2]}`).sort();
  const exports = Object.fromEntries([...text.matchAll(/^ \(export "([^"]*)" \(func \$(\S+)\)\)/gm)].map((m) => [m[1], m[2]]));
  return { funcs, signatures, imports, exports };
}

test('similar functions end up side by side, whatever order they came in', () => {
  const dir = scratchDir('order-');
  // Two near-identical bodies (`a`, `b`) with unrelated ones between them.
  const similar = (k) => `(func (export "${k}") (param i32) (result i32)
    ${Array.from({ length: 12 }, (_, i) => `(local.set 0 (i32.add (i32.mul (local.get 0) (i32.const ${1000 + i})) (i32.const ${k === 'a' ? 7 : 9})))`).join('\n    ')}
    (local.get 0))`;
  const other = (k, op) => `(func (export "${k}") (param f64) (result f64) (f64.${op} (local.get 0) (f64.sqrt (local.get 0))))`;
  const wat = `(module ${similar('a')} ${other('x', 'add')} ${other('y', 'mul')} ${other('z', 'div')} ${similar('b')})`;
  writeFileSync(join(dir, 'm.wat'), wat);
  execFileSync(join(bin, 'wasm-as'), [join(dir, 'm.wat'), '-o', join(dir, 'm.wasm')]);
  const before = shape(join(dir, 'm.wasm'));
  const after = shape(layout(join(dir, 'm.wasm'), dir));
  const at = (s, name) => s.funcs.indexOf(s.exports[name]);
  assert.equal(Math.abs(at(before, 'a') - at(before, 'b')), 4, 'apart before');
  assert.equal(Math.abs(at(after, 'a') - at(after, 'b')), 1, 'side by side after');
  assert.equal(after.funcs.length, 5);
});

test('the widget keeps every function, import and export, and the layout is deterministic', () => {
  const wasm = join(ROOT, 'www', 'dist', 'checkout_widget_bg.wasm');
  const before = shape(wasm);
  const one = layout(wasm, scratchDir('order-'));
  const two = layout(wasm, scratchDir('order-'));
  assert.ok(readFileSync(one).equals(readFileSync(two)), 'same input, same bytes');
  const after = shape(one);
  assert.equal(after.funcs.length, before.funcs.length);
  assert.ok(before.signatures.length > 1000 && new Set(before.signatures).size > 20, 'signatures read');
  assert.deepEqual(after.imports, before.imports);
  assert.deepEqual(Object.keys(after.exports).sort(), Object.keys(before.exports).sort());
  assert.deepEqual(after.signatures, before.signatures, 'the same functions (by signature), only in another order');
});
