# Sourced by build.sh (the release package) and build-debug.sh: the steps both take.

# OUT afresh: the wasm WASM with its wasm-bindgen glue, the loader's sources, the locales.
#   assemble OUT WASM
assemble() {
  local out=$1 wasm=$2
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name checkout_widget "$wasm"
  cp www/src/*.* "$out/"
  add_locales "$out"
}

# Writes every locale file but English into OUT as locale-<code>.json (minified) and tells
# OUT/index.js which exist (its /*LOCALES*/ map): each is fetched on demand.
#   add_locales OUT
add_locales() {
  local out=$1 f code
  local entries=()
  for f in www/src/locales/*.json; do
    code=$(basename "$f" .json)
    # quoted keys: codes like zh-Hans are not JS identifiers
    entries+=("\"$code\":new URL(\"locale-$code.json\",import.meta.url)")
    node -e 'process.stdout.write(JSON.stringify(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))))' "$f" > "$out/locale-$code.json"
  done
  sed -i "s|/\*LOCALES\*/ {}|{$(IFS=,; echo "${entries[*]}")}|" "$out/index.js"
}

# The wasm-bindgen glue and the loader's fail-safe (failsafe.js) go into OUT/index.js: one
# module less to fetch, one round trip less before the form shows, fewer bytes than two
# files. ESBUILD_FLAGS: --minify for the release.
#   bundle_entry OUT [ESBUILD_FLAGS...]
bundle_entry() {
  local out=$1
  shift
  tools/build/node_modules/.bin/esbuild "$out/index.js" --bundle --format=esm "$@" --log-level=warning --allow-overwrite --outfile="$out/index.js"
  rm -r "$out/checkout_widget.js" "$out/snippets" "$out/failsafe.js"
}
