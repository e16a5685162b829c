// Shortens the names the wasm and its wasm-bindgen glue use to talk to each other.
//
//   node scripts/minify-names.mjs WASM GLUE FEATURE-FLAGS...   (wasm-opt's --enable-…, from scripts/shrink.sh)
//
// wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` and the wasm's exports after
// Rust paths; each name is written twice (wasm and glue) and the hex digits do not compress
// (figures: BENCHMARKS.md, decision log). Binaryen's `--minify-imports-and-exports-and-modules`
// renames them in the wasm and prints the old → new map; this rewrites the glue with the
// same map, fails unless every import was provided exactly once under its old name and every
// export the glue reads exists after renaming. Binaryen also merges the import modules into
// one: a function the wasm imports from one of wasm-bindgen's `./snippets/…` modules (its
// `inline_js`) joins the glue's own import object under its new name.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [wasmPath, gluePath, ...features] = process.argv.slice(2);
if (!wasmPath || !gluePath || features.length === 0) {
  console.error('usage: node scripts/minify-names.mjs WASM GLUE FEATURE-FLAGS...');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`minify-names: ${msg}`);
  process.exit(1);
};

const wasmOpt = join(dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'build', 'node_modules', '.bin', 'wasm-opt');
const before = new WebAssembly.Module(readFileSync(wasmPath));
const isSnippet = (module) => module.startsWith('./snippets/');
const oldModules = new Set(WebAssembly.Module.imports(before).map((i) => i.module).filter((m) => !isSnippet(m)));
if (oldModules.size !== 1) fail(`expected one import module besides snippets, found ${[...oldModules].join(', ')}`);
const [oldModule] = oldModules;

const printed = execFileSync(
  wasmOpt,
  [...features, '--minify-imports-and-exports-and-modules', wasmPath, '-o', wasmPath],
  { encoding: 'utf8', maxBuffer: 1 << 24 },
);
// Binaryen prints the map as JSON with trailing commas.
const map = JSON.parse(printed.replace(/,(\s*[\]}])/g, '$1'));
const after = new WebAssembly.Module(readFileSync(wasmPath));
const newModules = new Set(WebAssembly.Module.imports(after).map((i) => i.module));
if (newModules.size !== 1) fail(`expected one import module after minifying, found ${[...newModules].join(', ')}`);
const [newModule] = newModules;

let glue = readFileSync(gluePath, 'utf8');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const replaceAll = (pattern, to) => {
  let n = 0;
  glue = glue.replace(pattern, (...m) => {
    n += 1;
    return to(...m);
  });
  return n;
};

// A snippet's functions: `"./snippets/…": import1` leaves the import object, and each of
// its functions goes into the main module's object as `<new name>: import1.<name>`.
const objectOf = (module) => glue.match(new RegExp(`(["'])${escape(module)}\\1\\s*:\\s*(import\\d+),?`));
const main = objectOf(oldModule);
if (!main) fail(`the glue does not name the import module ${oldModule} exactly once`);
for (const module of new Set(map.imports.map(([m]) => m).filter(isSnippet))) {
  const entry = objectOf(module);
  if (!entry) fail(`the glue does not name the snippet module ${module}`);
  glue = glue.replace(entry[0], '');
  const moved = map.imports.filter(([m]) => m === module).map(([, from, to]) => `${to}: ${entry[2]}.${from},`).join(' ');
  if (replaceAll(new RegExp(`(?<=\\bconst ${main[2]} = \\{)`, 'g'), () => ` ${moved}`) !== 1) {
    fail(`the glue does not declare ${main[2]} once`);
  }
}

// The import object: `"<module>": import0` and its keys `name: function(...)`.
if (replaceAll(new RegExp(`(["'])${escape(oldModule)}\\1(?=\\s*:)`, 'g'), () => JSON.stringify(newModule)) !== 1) {
  fail(`the glue does not name the import module ${oldModule} exactly once`);
}
for (const [module, from, to] of map.imports) {
  if (isSnippet(module)) continue;
  if (replaceAll(new RegExp(`(?<=[\\s{,])${escape(from)}(?=\\s*:)`, 'g'), () => to) !== 1) {
    fail(`the glue does not provide the import ${from} exactly once`);
  }
}
// The exports, read as `wasm.<name>`.
for (const [from, to] of map.exports) {
  replaceAll(new RegExp(`(?<=\\bwasm\\.)${escape(from)}\\b`, 'g'), () => to);
}

// The two must agree again.
const exported = new Set(WebAssembly.Module.exports(after).map((e) => e.name));
for (const [, name] of glue.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)) {
  if (!exported.has(name)) fail(`the glue reads wasm.${name}, which the wasm does not export`);
}
const renamed = new Set(map.imports.map(([, , to]) => to));
for (const { name } of WebAssembly.Module.imports(after)) {
  if (!renamed.has(name)) fail(`the wasm imports ${name}, which the map does not give`);
}
writeFileSync(gluePath, glue);
