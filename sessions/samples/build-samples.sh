#!/bin/sh
# Rebuilds the two rapporteurs' sessions of the GFMD 2020 breakout that
# `rapporteur merge` joins in the README: one covered the floor, the other the chat.
#
# Usage: sessions/samples/build-samples.sh      (runs rapporteur through cargo)
#        RAPPORTEUR=path/to/rapporteur sessions/samples/build-samples.sh
set -eu

cd "$(dirname "$0")/../.."

samples=sessions/samples
floor=$samples/gfmd-2020-floor.ron
chat=$samples/gfmd-2020-chat.ron

rapporteur() {
    if [ -n "${RAPPORTEUR:-}" ]; then
        "$RAPPORTEUR" "$@"
    else
        cargo run --quiet -- "$@"
    fi
}

# `new` never overwrites a session, so start from a clean slate (journals included).
rm -f "$floor" "$floor.journal" "$chat" "$chat.journal"

# Both start from the example session as a template: its set-up (details, groups,
# priorities, as sessions/build-example.sh gives them) and roster, without its notes.
for session in "$floor" "$chat"; do
    rapporteur new "$session" --template sessions/gfmd-2020-migrant-protection.ron
done
rapporteur import notes "$floor" $samples/gfmd-2020-floor-notes.txt
rapporteur import notes "$chat" $samples/gfmd-2020-chat-rapporteur-notes.txt
rapporteur import chat "$chat" $samples/zoom-chat-gfmd-2020.txt \
    --map "GFMD Secretariat=" --map "Marco Bellini - IOM=marco-bellini"

echo "wrote $floor and $chat"
