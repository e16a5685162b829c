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
# 103.4 → 100.7 KB brotli for the wasm at 30. Swept again once panics stopped formatting
# (below): 5 → 87.5, 10 → 87.3, 15 → 87.2, 20 → 87.1, 25 → 87.8, 30 → 87.8, 45 → 88.6 KB
# (BENCHMARKS.md). A bumpy curve: re-sweep when the code changes much.
RUSTFLAGS+=" -Cllvm-args=-inline-threshold=20"
# A panic stops the wasm at once (`unreachable`), with no message formatted: std is rebuilt
# for it, and the panic machinery (core::fmt for messages, file:line of every unwrap and
# index) leaves the wasm: 92.2 → 86.9 KB brotli (BENCHMARKS.md). These two are unstable
# compiler options, taken on this pinned stable rustc (RUSTC_BOOTSTRAP, as scripts/fuzz.sh
# does); the rust-src component holds std's sources (scripts/setup.sh). A panic was a dead
# form before too (panic = "abort"); what it costs is the console message, which a debug
# build (`trunk serve`) still prints.
RUSTFLAGS+=" -Zunstable-options -Cpanic=immediate-abort"
# With no panic message left to print, the file:line a `#[track_caller]` function records
# (wasm-bindgen's unwrap_throw, RefCell, thread-locals) has no reader: not recorded
# (−0.6 KB brotli). And std is built with its `optimize_for_size` feature, its smaller
# variants of sort, fmt and the like (−0.4 KB; setting the features also drops the
# defaults, unwinding and backtraces, that an aborting wasm never used).
RUSTFLAGS+=" -Zlocation-detail=none"
export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export RUSTFLAGS
