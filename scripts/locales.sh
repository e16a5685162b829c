# Sourced by build.sh and build-debug.sh: writes every locale file but English into OUT as
# locale-<code>.json (minified) and tells OUT/index.js which exist (its /*LOCALES*/ map).
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
