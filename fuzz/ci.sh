#!/usr/bin/env bash
# A short fuzzing pass for continuous integration: every target for a few
# seconds from the committed seeds, failing on any crash, hang or memory blow-up.
#
#   fuzz/ci.sh [SECONDS_PER_TARGET]      (default 20)
#
# New inputs go to a temporary folder, so the committed corpus stays as it is;
# an input that fails is kept in fuzz/artifacts/TARGET/ for `cargo fuzz run TARGET FILE`.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-20}"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
# cargo-fuzz passes unstable compiler flags; RUSTC_BOOTSTRAP lets a stable toolchain take them.
export RUSTC_BOOTSTRAP=1
# Release build with debug assertions (overflow checks); no sanitizer: the code is safe Rust.
flags=(-O -a -s none)
cargo fuzz build "${flags[@]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"

failed=()
passed=0
for target in $(cargo fuzz list); do
    mkdir -p "$work/$target"
    if cargo fuzz run "${flags[@]}" "$target" "$work/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$work/$target.log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
        echo "fuzz: $target: ${runs:-?} runs in ${seconds}s, no failure"
        passed=$((passed + 1))
    else
        tail -n 40 "$work/$target.log"
        echo "fuzz: $target: FAILED"
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}; inputs are in fuzz/artifacts/"
    exit 1
fi
echo "fuzz: $passed targets passed"
