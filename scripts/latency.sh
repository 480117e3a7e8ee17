#!/usr/bin/env bash
# Types a meeting into the real rapporteur screen, in tmux, on a generated session,
# and prints the latency of every key from the screen's latency log: p50, p99 and max
# of handling the key, of drawing the next frame, of both, and from reading the key
# to the frame being on the terminal. Also the screen's peak memory (VmHWM).
#
# usage: scripts/latency.sh [NOTES] [LINES] [COLSxROWS] [SECONDS_BETWEEN_KEYS]
#   NOTES   notes in the generated session (default 10000)
#   LINES   capture lines typed, each committed with Enter (default 30)
#   size    terminal size (default 200x50)
#   pause   between keys (default 0.02); each key is sent on its own, as typed
#
# RAPPORTEUR names a binary to use instead of building target/release/rapporteur.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8

notes=${1:-10000}
lines=${2:-30}
size=${3:-200x50}
pause=${4:-0.02}
cols=${size%x*}
rows=${size#*x}

cargo build --release --quiet --features testing --example sample_session
if [ -z "${RAPPORTEUR:-}" ]; then
    cargo build --release --quiet --bin rapporteur
    RAPPORTEUR=$PWD/target/release/rapporteur
fi

work=$(mktemp -d)
name="rapporteur-latency-$$"
cleanup() {
    tmux kill-session -t "$name" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

target/release/examples/sample_session "$notes" "$work/meeting.ron" "$lines" "$work/lines.txt"
log="$work/latency.tsv"

tmux new-session -d -s "$name" -x "$cols" -y "$rows" \
    "exec env HOME='$work' XDG_CONFIG_HOME='$work/config' XDG_DATA_HOME='$work/data' \
     TERM=xterm-256color RAPPORTEUR_LATENCY_LOG='$log' '$RAPPORTEUR' '$work/meeting.ron'"
pid=$(tmux display-message -p -t "$name" '#{pane_pid}')

# Wait for the first frame: the notes pane's title shows the session's note count.
for _ in $(seq 1 300); do
    if tmux capture-pane -p -t "$name" | grep -q "Notes ·"; then
        break
    fi
    sleep 0.1
done

typed=0
while IFS= read -r line; do
    for ((i = 0; i < ${#line}; i++)); do
        tmux send-keys -t "$name" -l -- "${line:i:1}"
        typed=$((typed + 1))
        sleep "$pause"
    done
    tmux send-keys -t "$name" Enter
    typed=$((typed + 1))
    sleep "$pause"
done <"$work/lines.txt"
sleep 1

committed=$(tmux capture-pane -p -t "$name" | grep -o "Notes · [0-9]*" | head -1 | grep -o "[0-9]*$" || true)
peak=$(awk '/^VmHWM/ {print $2 " " $3}' "/proc/$pid/status" 2>/dev/null || echo "?")
tmux send-keys -t "$name" C-q
for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done

echo "session: $notes notes generated, $lines lines typed ($typed keys), ${cols}x${rows}; notes on screen at the end: ${committed:-?}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "peak memory of the screen (VmHWM): $peak"
echo
# p50, p99 and max of one column of numbers on standard input.
stats() {
    sort -g | awk -v title="$1" '
        { v[++n] = $1 }
        function at(p,   i) { i = int(n * p + 0.999999); if (i < 1) i = 1; return v[i] }
        END { if (n) printf "%-40s %9.1f %9.1f %9.1f  (%d keys)\n", title, at(0.5), at(0.99), v[n], n }'
}

keys=$(grep -vc '^#' "$log" || true)
if [ "$keys" = 0 ]; then
    echo "no key in the latency log" >&2
    exit 1
fi
printf "%-40s %9s %9s %9s\n" "microseconds per key" p50 p99 max
awk -F'\t' '!/^#/ { print $2 }' "$log" | stats "handle the key"
awk -F'\t' '!/^#/ { print $3 }' "$log" | stats "draw the next frame"
awk -F'\t' '!/^#/ { print $2 + $3 }' "$log" | stats "handle + draw"
awk -F'\t' '!/^#/ { print $4 }' "$log" | stats "key read to frame on the terminal"
awk -F'\t' '$1 == "char" { print $2 + $3 }' "$log" | stats "typed character: handle + draw"
awk -F'\t' '$1 == "confirm" { print $2 }' "$log" | stats "Enter: handle (record, fsync, tally)"
awk -F'\t' '$1 == "confirm" { print $2 + $3 }' "$log" | stats "Enter: handle + draw"
