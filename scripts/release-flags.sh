# Sourced by scripts/build.sh (the widget) and scripts/bench.sh (the Yew floor): the RUSTFLAGS
# of a release wasm build, so both are compiled alike. The `-Z` options below are unstable;
# they are taken on the pinned stable rustc with RUSTC_BOOTSTRAP=1 (as scripts/fuzz.sh does),
# and the whole test suite runs on the wasm they produce.
#
# Only on the rustc rust-toolchain.toml pins: another may take the same flags and build a
# different, untested wasm, or reject them. (Sourced by scripts, so `exit` stops the build.)
pinned=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
running=$(rustc -vV | sed -n 's/^release: //p')
if [ "$running" != "$pinned" ]; then
  echo "release-flags.sh: rustc $running is not $pinned, the rustc these unstable options are" \
    "known to work with (rust-toolchain.toml); build with that one (rustup toolchain install)." >&2
  exit 1
fi
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
# Rust's MIR inliner (on at opt-level 1–3, off at `z`): inlining small generic helpers
# before they are copied for each type saves more bytes than it adds. Then LLVM's inliner
# with an explicit threshold instead of `z`'s own sizing; the best value moves as the code
# changes, so re-measure it now and then (figures: BENCHMARKS.md, decision log).
RUSTFLAGS+=" -Zinline-mir=yes -Cllvm-args=-inline-threshold=15"
# A panic stops the wasm at once (`unreachable`) with no message formatted, so the panic
# machinery leaves the wasm; std is rebuilt for it from rust-src (scripts/setup.sh). A panic
# is a dead form either way; what is lost is the console message, which a debug build
# (`trunk serve`) still prints.
RUSTFLAGS+=" -Zunstable-options -Cpanic=immediate-abort"
# With no panic message to print, the file:line a `#[track_caller]` function records has
# no reader: not recorded. std is built with `optimize_for_size` (its smaller sort, fmt and
# the like); setting the features also drops the defaults, which an aborting wasm never used.
RUSTFLAGS+=" -Zlocation-detail=none"
export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export RUSTFLAGS
