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

# The GFMD template holds what every GFMD meeting has (its groups); this meeting's
# date, theme, format, languages, focus areas and priorities are given here: the
# report's seven protection priorities, then the two kinds of partners participants
# kept returning to (who should be partners, as much as what partners should do).
rapporteur new "$session" \
    --template sessions/templates/gfmd.ron \
    --title "GFMD 2020 Breakout session: Addressing Gaps in Migrant Protection" \
    --theme "Addressing Gaps in Migrant Protection" \
    --date 2020-06-02 --opens 10:00 --closes 12:00 \
    --format "two-hour on-line breakout session" \
    --language English --language French \
    --focus "Protection of migrants in transit" \
    --focus "Protection of migrants in admission, and policies of inclusion, including access to social services and justice, and portability of benefits" \
    --focus "Protection of migrants in labour agreements, and in the informal economy" \
    --priority "health:Learn the COVID lesson: open health services to all" \
    --priority "recruitment:Fix recruitment practices" \
    --priority "street-children:Improve protection of street children and girls" \
    --priority "data:Invest in better data for protection and communication" \
    --priority "narratives:Improve public narratives on migration" \
    --priority "regularization:Recognize regularization of residence and employment" \
    --priority "pathways:Build a culture that regularizes: regular pathways" \
    --priority "local-partners:Mayors and local authorities as key partners" \
    --priority "business-partners:Business actors as partners"
rapporteur import roster "$session" sessions/gfmd-2020-roster.csv
rapporteur import notes "$session" sessions/gfmd-2020-notes.txt
# The Word report beside it (its names, all places, are reviewed in the committed session).
rapporteur export "$session" --format docx --allow-names --force -o sessions/gfmd-2020-migrant-protection.docx

echo "wrote $session"
