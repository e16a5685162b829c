# Sourced by scripts/build.sh (the widget) and scripts/bench.sh (the Yew floor): the RUSTFLAGS
# of a release wasm build, so both are compiled alike.
#
# Paths of this checkout and of the registry stay out of the shipped wasm (panic locations):
# the bytes are then the same wherever the repository is cloned. (std's sources read as
# /rustc/<commit>, as they do when the rust-src component is absent.)
sysroot_src="$(rustc --print sysroot)/lib/rustlib/src/rust"
std_src="/rustc/$(rustc -vV | sed -n 's/^commit-hash: //p')"
RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$PWD=checkout-widget --remap-path-prefix=$sysroot_src=$std_src"
for index in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  RUSTFLAGS+=" --remap-path-prefix=${index%/}=registry"
done
# LLVM's inliner with an explicit threshold instead of opt-level=z's own sizing: measured
# 103.4 → 100.7 KB brotli for the wasm (25–40 all within 0.2 KB; BENCHMARKS.md).
RUSTFLAGS+=" -Cllvm-args=-inline-threshold=30"
export RUSTFLAGS
