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

# The review, as the rapporteur made it before exporting (the screen's review does the
# same, key by key): the report's order and its section headings, as in the reference's
# section II (the points that raised no priority, `*`, open it under A); the quotes that
# speak for three priorities; two repeats folded into the points they repeat, and one
# point left out; and the names the notes give of States, cities and organizations,
# read and kept as the reference keeps them. The figures do not change with any of it.
rapporteur edit "$session" \
    --order local-partners,business-partners,health,recruitment,street-children,data,narratives,regularization,pathways \
    --section "*:A. Participants welcomed the insistence of this year’s GFMD on the imperative—and possibilities—to expand partnerships, especially in “COVID-time”." \
    --section "local-partners:B. WHO should be partners?" \
    --section "health:C. WHAT should partners do? Participants seemed clearly encouraged by one another, and by their shared interest across the different GFMD constituent groups (States, civil society, business and Mayors), especially on these priorities for protection:" \
    --section "regularization:D. Finally, two areas that were suggested just once, but quite strongly as the subject of clear shared interest and common ground for partnership across GFMD partners:" \
    --quote "local-partners:These are the very guys" \
    --quote "health:even in a selfish way" \
    --quote "pathways:extraordinary effects" \
    --fold "Partnerships with the ILO on fair recruitment=Fair recruitment standards (ILO)" \
    --fold "Health care for all migrants=Governments need other actors" \
    --leave-out "When workers arrive, the city hall" \
    --keep-name "In the border regions:Cameroon" \
    --keep-name "In the border regions:Gabon" \
    --keep-name "The AU should help:AU" \
    --keep-name "The AU should help:Dakar" \
    --keep-name "Fair recruitment standards:IOM" \
    --keep-name "In Morocco, a recent framework:Morocco" \
    --keep-name "Public agencies that directly regulate:Morocco"

# The meeting's own words in French, for the report in French: the groups' French names
# and nouns come from the template; the notes and the rapporteur's headings stay as typed.
rapporteur edit "$session" --in fr \
    --title "Forum mondial sur la migration et le développement 2020, séance en petits groupes : combler les lacunes de la protection des migrants" \
    --theme "Combler les lacunes de la protection des migrants" \
    --format "la séance en ligne de deux heures" \
    --focus "La protection des migrants en transit" \
    --focus "La protection des migrants à l'admission, et les politiques d'inclusion, dont l'accès aux services sociaux et à la justice, et la portabilité des droits" \
    --focus "La protection des migrants dans les accords de main-d'œuvre, et dans l'économie informelle" \
    --priority "health:Retenir la leçon de la COVID : ouvrir les services de santé à tous" \
    --priority "recruitment:Assainir les pratiques de recrutement" \
    --priority "street-children:Mieux protéger les enfants des rues et les filles" \
    --priority "data:Investir dans de meilleures données pour la protection et la communication" \
    --priority "narratives:Améliorer les discours publics sur la migration" \
    --priority "regularization:Reconnaître la régularisation du séjour et de l'emploi" \
    --priority "pathways:Bâtir une culture qui régularise : des voies régulières" \
    --priority "local-partners:Les maires et les autorités locales, partenaires essentiels" \
    --priority "business-partners:Les acteurs économiques comme partenaires"

# The reports beside it, as the review shapes them (the names they give are all
# reviewed): the Word document in English and in French, and the French in Markdown.
rapporteur export "$session" --format docx --force -o sessions/gfmd-2020-migrant-protection.docx
rapporteur export "$session" --format docx --lang fr --force -o sessions/gfmd-2020-migrant-protection.fr.docx
rapporteur export "$session" --lang fr --force -o sessions/gfmd-2020-migrant-protection.fr.md

echo "wrote $session"
