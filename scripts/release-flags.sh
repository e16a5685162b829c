# Sourced by scripts/build.sh (the widget) and scripts/bench.sh (the Yew floor): the RUSTFLAGS
# of a release wasm build, so both are compiled alike. The `-Z` options below are unstable;
# they are taken on the pinned stable rustc with RUSTC_BOOTSTRAP=1 (as scripts/fuzz.sh does),
# and the whole test suite runs on the wasm they produce.
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
# Rust's own MIR inliner, which release builds at opt-level 1–3 run by default and `z`
# leaves off: inlining small generic helpers and closures before they are copied for each
# type costs fewer bytes here than it adds (−1.4 KB brotli on the wasm, BENCHMARKS.md).
# Then LLVM's inliner with an explicit threshold instead of opt-level=z's own sizing
# (measured 103.4 → 100.7 KB brotli for the wasm at 30, in the second session). Swept again
# with the MIR inliner on: 5 → 84.8, 10 → 84.6, 15 → 84.3, 20 → 84.7, 25 → 85.7 KB. A bumpy
# curve: re-sweep when the code changes much.
RUSTFLAGS+=" -Zinline-mir=yes -Cllvm-args=-inline-threshold=15"
# A panic stops the wasm at once (`unreachable`), with no message formatted: std is rebuilt
# for it, and the panic machinery (core::fmt for messages, file:line of every unwrap and
# index) leaves the wasm: 92.2 → 86.9 KB brotli (BENCHMARKS.md); the rust-src component
# holds std's sources (scripts/setup.sh). A panic was a dead form before too (panic =
# "abort"); what it costs is the console message, which a debug build (`trunk serve`) still
# prints.
RUSTFLAGS+=" -Zunstable-options -Cpanic=immediate-abort"
# With no panic message left to print, the file:line a `#[track_caller]` function records
# (wasm-bindgen's unwrap_throw, RefCell, thread-locals) has no reader: not recorded
# (−0.6 KB brotli). And std is built with its `optimize_for_size` feature, its smaller
# variants of sort, fmt and the like (−0.4 KB; setting the features also drops the
# defaults, unwinding and backtraces, that an aborting wasm never used).
RUSTFLAGS+=" -Zlocation-detail=none"
export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export RUSTFLAGS
