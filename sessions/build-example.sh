#!/bin/sh
# Rebuilds sessions/gfmd-2020-migrant-protection.ron from the GFMD template, the
# roster and the rapporteur's notes, with the same commands a user would type.
#
# Usage: sessions/build-example.sh            (runs rapporteur through cargo)
#        RAPPORTEUR=path/to/rapporteur sessions/build-example.sh
set -eu

cd "$(dirname "$0")/.."

session=sessions/gfmd-2020-migrant-protection.ron

rapporteur() {
    if [ -n "${RAPPORTEUR:-}" ]; then
        "$RAPPORTEUR" "$@"
    else
        cargo run --quiet -- "$@"
    fi
}

# `new` never overwrites a session, so start from a clean slate (journal included).
rm -f "$session" "$session.journal"

rapporteur new "$session" \
    --template sessions/templates/gfmd.ron \
    --title "GFMD 2020 Breakout session: Addressing Gaps in Migrant Protection" \
    --opens 10:00 --closes 12:00
rapporteur import roster "$session" sessions/gfmd-2020-roster.csv
rapporteur import notes "$session" sessions/gfmd-2020-notes.txt

echo "wrote $session"
