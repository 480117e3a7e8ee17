#!/usr/bin/env bash
# Instructions per round of each hot path, counted by callgrind (valgrind): our own
# work, unmoved by the load of a shared machine or by the disk (system calls such as
# fsync are not counted). Complements the criterion timings in BENCHMARKS.md.
#
# usage: scripts/instructions.sh [SCENARIO...]   (default: all; sizes from NOTES)
#   NOTES="100 1000 10000 100000"  ROUNDS=20
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 1; }
cargo build --release --quiet --features testing --example hot_paths
bin=${CARGO_TARGET_DIR:-target}/release/examples/hot_paths
sizes=${NOTES:-100 1000 10000 100000}
rounds=${ROUNDS:-20}
scenarios=("$@")
if [ ${#scenarios[@]} = 0 ]; then
    scenarios=(keystroke_80x24 keystroke_200x50 completion_speaker completion_tag commit_journal tally_apply search_key)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf "%-22s" "instructions per round"
for n in $sizes; do printf " %12s" "$n notes"; done
printf "\n"
for scenario in "${scenarios[@]}"; do
    printf "%-22s" "$scenario"
    for n in $sizes; do
        valgrind --tool=callgrind --callgrind-out-file="$out/cg" \
            --toggle-collect='*hot_paths::measured*' \
            "$bin" "$scenario" "$n" "$rounds" >/dev/null 2>"$out/log"
        total=$(grep -m1 '^summary:' "$out/cg" | awk '{print $2}')
        printf " %12d" $((total / rounds))
    done
    printf "\n"
done
