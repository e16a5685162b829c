// scripts/minify-names.mjs renames what the wasm and its wasm-bindgen glue call each other
// (the shipped build uses it): the renamed pair must still agree, and a glue the rewrite
// cannot map must fail the build instead of shipping half renamed.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scratchDir } from './harness.mjs';

const script = join(ROOT, 'scripts', 'minify-names.mjs');
let fresh; // wasm-bindgen's output for the release wasm, names as it wrote them

before(() => {
  fresh = scratchDir('widget-names-');
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', fresh, '--out-name', 'w',
    join(ROOT, 'target', 'wasm32-unknown-unknown', 'release', 'checkout_widget.wasm')]);
});

function copy() {
  const dir = scratchDir('widget-names-');
  copyFileSync(join(fresh, 'w_bg.wasm'), join(dir, 'w_bg.wasm'));
  copyFileSync(join(fresh, 'w.js'), join(dir, 'w.js'));
  return dir;
}

// the build's own wasm feature flags, as scripts/shrink.sh hands them over
const features = readFileSync(join(ROOT, 'scripts', 'shrink.sh'), 'utf8').match(/^features="([^"]+)"$/m)[1].split(' ');
const run = (dir) => spawnSync('node', [script, join(dir, 'w_bg.wasm'), join(dir, 'w.js'), ...features], { encoding: 'utf8' });

test('renamed wasm and glue still agree: every import provided, every export read exists', () => {
  const dir = copy();
  const r = run(dir);
  assert.equal(r.status, 0, r.stderr);
  const glue = readFileSync(join(dir, 'w.js'), 'utf8');
  const mod = new WebAssembly.Module(readFileSync(join(dir, 'w_bg.wasm')));
  const imports = WebAssembly.Module.imports(mod);
  assert.ok(imports.length > 100, 'the widget imports its DOM and JS calls');
  assert.ok(imports.every((i) => i.module.length <= 2 && i.name.length <= 3), 'every import name is minified');
  assert.doesNotMatch(glue, /__wbg_\w+_[0-9a-f]{16}/, 'no hashed import name is left in the glue');
  const exported = new Set(WebAssembly.Module.exports(mod).map((e) => e.name));
  const read = [...glue.matchAll(/\bwasm\.([\w$]+)/g)].map((m) => m[1]);
  assert.ok(read.length > 10 && read.every((n) => exported.has(n)), 'every export the glue reads is in the wasm');
  // The import object the glue builds has exactly the wasm's imports as keys: its own
  // functions, and those of wasm-bindgen's snippets (inline_js) moved in by name.
  for (const { name } of imports) {
    assert.match(glue, new RegExp(`[\\s{,]${name.replace(/\$/g, '\\$')}\\s*:\\s*(function|import\\d+\\.\\w+)`), `the glue provides ${name}`);
  }
  assert.doesNotMatch(glue, /["']\.\/snippets\/[^"']+["']\s*:/, 'no snippet module left in the import object');
});

test('a glue that lacks an import the wasm needs fails the build, naming it', () => {
  const dir = copy();
  const glue = readFileSync(join(dir, 'w.js'), 'utf8');
  const victim = glue.match(/__wbg_set_nodeValue_[0-9a-f]{16}/)[0];
  writeFileSync(join(dir, 'w.js'), glue.replace(new RegExp(`${victim}(?=\\s*:)`), 'renamed_by_someone'));
  const r = run(dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`does not provide the import ${victim}`));
});

test('a glue whose import module is not the wasm’s fails the build', () => {
  const dir = copy();
  const glue = readFileSync(join(dir, 'w.js'), 'utf8');
  writeFileSync(join(dir, 'w.js'), glue.replace('"./w_bg.js":', '"./elsewhere.js":'));
  const r = run(dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /does not name the import module \.\/w_bg\.js exactly once/);
});
