//! The report in French: a meeting of each built-in template, set up and typed in French
//! with the commands a rapporteur uses, exported with `--lang fr` in every text format and
//! every attribution mode, holds no English word; and its French reads as a chair would.

mod cli_support;

use std::path::Path;

use cli_support::rapporteur;
use rapporteur::templates::BUILT_IN;

/// English words the report's own sentences, headings and labels would use; none is French.
const ENGLISH: &[&str] = &[
    "the",
    "of",
    "and",
    "by",
    "from",
    "with",
    "was",
    "were",
    "that",
    "who",
    "said",
    "put",
    "words",
    "raised",
    "registered",
    "summary",
    "covers",
    "theme",
    "focus",
    "area",
    "areas",
    "altogether",
    "separate",
    "inputs",
    "floor",
    "share",
    "roster",
    "balance",
    "counted",
    "suggested",
    "likewise",
    "opposed",
    "opposing",
    "priorities",
    "priority",
    "ranked",
    "nobody",
    "other",
    "one",
    "two",
    "three",
    "four",
    "five",
    "hour",
    "hours",
    "less",
    "than",
    "all",
    "but",
    "its",
    "it",
    "is",
    "in",
    "on",
    "at",
    "group",
    "groups",
    "participants'",
    "people",
    "heard",
    "spoke",
    "meeting",
    "report",
    "key",
    "emphases",
    "voice",
    "strongly",
    "voiced",
    "though",
    "against",
    "insisted",
    "stressed",
    "bluntly",
    "as",
    "representatives",
    "organizations",
    "organization",
    "observers",
    "chart",
    "bar",
    "length",
    "colour",
    "order",
];

fn run(args: &[&str], dir: &Path) -> String {
    let o = rapporteur(args, dir);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// A meeting of `template` typed in French: two people of each group, each for an entity
/// of their own, on four priorities, with a strong point, a quote, an opposing note, a
/// remark, a point of no priority and a priority nobody raised.
fn meeting(template: &str, dir: &Path) -> String {
    let session = dir.join(format!("{template}.ron"));
    let file = session.to_string_lossy().into_owned();
    run(
        &[
            "new",
            &file,
            "--template",
            template,
            "--title",
            "Réunion d'essai",
            "--theme",
            "Vivre ensemble",
            "--date",
            "2024-06-01",
            "--opens",
            "10:00",
            "--closes",
            "11:30",
            "--language",
            "Français",
            "--focus",
            "Le logement",
            "--focus",
            "Le travail",
            "--priority",
            "logement:Loger tout le monde",
            "--priority",
            "emploi:Ouvrir l'emploi",
            "--priority",
            "ecole:Une école pour chacun",
            "--priority",
            "sante:La santé d'abord",
            "--priority",
            "transport:Des transports la nuit",
            "--priority",
            "culture:La culture pour tous",
        ],
        dir,
    );
    let text = std::fs::read_to_string(&session).unwrap();
    let ids: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("id: \""))
        .map(|l| l.trim_end_matches("\",").to_string())
        .chain(text.lines().filter_map(|l| {
            let l = l.trim().strip_prefix("(id: \"")?;
            Some(l.split('"').next()?.to_string())
        }))
        .filter(|id| {
            ![
                "logement",
                "emploi",
                "ecole",
                "sante",
                "transport",
                "culture",
            ]
            .contains(&id.as_str())
        })
        .collect();
    assert!(ids.len() >= 2, "{template}: groups {ids:?}");
    let mut roster = String::from("name,affiliation,group\n");
    let mut notes = String::new();
    for (k, id) in ids.iter().enumerate() {
        for (j, first) in ["Camille", "Dominique"].iter().enumerate() {
            let who = format!("{first} Martin{k}");
            roster.push_str(&format!("{who},Entité {k}-{j},{id}\n"));
            let minute = 5 + k * 8 + j * 4;
            let tag = ["logement", "emploi", "ecole"][(k + j) % 3];
            // The States' and the Mayors' quotes: a priority raised by two groups of four.
            let quote = if k % 3 == 0 {
                "\"Nous ne pouvons plus attendre\" #emploi"
            } else {
                "Des chiffres, vite"
            };
            notes.push_str(&format!(
                "[10:{minute:02}] @{who}: Il faut agir vite sur ce point #{tag}\n\
                 Sans cela, rien ne tiendra\n\
                 !C'est une urgence absolue #logement\n\
                 {quote}\n\n"
            ));
        }
    }
    notes.push_str(
        "[11:10] @Camille Martin0: Je ne suis pas d'accord sur la santé #-sante\n\n\
         [11:15] @Dominique Martin1: Merci à tous pour ces échanges\n\n\
         [11:20] @Camille Martin1: Des bus la nuit, enfin #transport\n\n\
         [11:25] @Dominique Martin0: Pas pour l'école #-ecole\n\n\
         > #logement Le logement a réuni tout le monde.\n",
    );
    std::fs::write(dir.join("roster.csv"), roster).unwrap();
    std::fs::write(dir.join("notes.txt"), notes).unwrap();
    run(&["import", "roster", &file, "roster.csv"], dir);
    run(&["import", "notes", &file, "notes.txt"], dir);
    file
}

/// The text a reader sees: an HTML report without its markup and styles.
fn visible(report: &str) -> String {
    let mut out = String::new();
    let mut rest = report;
    if let (Some(a), Some(b)) = (rest.find("<style>"), rest.find("</style>")) {
        out.push_str(&rest[..a]);
        rest = &rest[b..];
    }
    let mut in_tag = false;
    for c in rest.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_french_report_of_each_built_in_templates_meeting_has_no_english_left() {
    for template in BUILT_IN.iter().map(|t| t.name) {
        let dir = tempfile::tempdir().unwrap();
        let file = meeting(template, dir.path());
        for format in ["markdown", "text", "html"] {
            for attribution in ["group", "chatham", "named"] {
                let report = run(
                    &[
                        "export",
                        &file,
                        "--lang",
                        "fr",
                        "--format",
                        format,
                        "--attribution",
                        attribution,
                        "--allow-names",
                    ],
                    dir.path(),
                );
                let text = if format == "html" {
                    visible(&report)
                } else {
                    report
                };
                let english = english_words(&text);
                assert!(
                    english.is_empty(),
                    "{template}, {format}, {attribution}: English words {english:?} in\n{text}"
                );
            }
        }
    }
}

#[test]
fn french_agrees_and_sets_its_typography() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting("gfmd", dir.path());
    let report = run(&["export", &file, "--lang", "fr"], dir.path());
    // Numbers, dates, time and agreement.
    for said in [
        "le 1er juin 2024",
        "10\u{a0}h à 11\u{a0}h\u{a0}30",
        "une heure et demie",
        "en français",
        "la plus forte convergence, de loin",
        "Suggérées une seule fois",
        "l'un des deux États qui se sont exprimés sur ce point",
        "bien qu'une intervention, d'un État, s'y soit opposée",
        "s'y soit opposée",
        "se sont inscrits pour participer à la réunion",
    ] {
        assert!(report.contains(said), "{said:?} missing from\n{report}");
    }
    // A narrow no-break space before the colon and inside the quotation marks, never a plain one.
    assert!(report.contains("\u{202f}: "), "{report}");
    assert!(report.contains("«\u{202f}"), "{report}");
    assert!(!report.contains("« "), "{report}");
}

#[test]
fn a_meeting_in_french_only_is_reported_in_french_by_default_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting("focus-group", dir.path());
    let o = rapporteur(&["export", &file], dir.path());
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("--lang en"), "{stderr}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("## II. Points saillants"));
    let english = run(&["export", &file, "--lang", "en"], dir.path());
    assert!(english.contains("## II. Key emphases"), "{english}");
}

#[test]
fn what_a_translation_lacks_is_said_with_the_command_that_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting("city-hearing", dir.path());
    run(
        &["edit", &file, "--group", "staff:Municipal staff"],
        dir.path(),
    );
    run(&["edit", &file, "--format", "evening hearing"], dir.path());
    let o = rapporteur(&["export", &file, "--lang", "fr"], dir.path());
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("the format (`--in fr --format TEXT`)"),
        "{stderr}"
    );
    run(
        &[
            "edit",
            &file,
            "--in",
            "fr",
            "--format",
            "l'audience du soir",
        ],
        dir.path(),
    );
    let o = rapporteur(&["export", &file, "--lang", "fr"], dir.path());
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("à l'audience du soir le 1er juin 2024"));
}

#[test]
fn who_registered_is_counted_as_french_says_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    run(
        &[
            "new",
            "h.ron",
            "--template",
            "city-hearing",
            "--date",
            "2024-06-01",
            "--language",
            "Français",
            "--priority",
            "bus:Des bus la nuit",
        ],
        d,
    );
    // Residents speak for themselves; two people of one association; one council member.
    std::fs::write(
        d.join("r.csv"),
        "name,affiliation,group\nAnne Roux,,residents\nBruno Blanc,,residents\n\
         Chloé Noir,,residents\nDavid Vert,Quartier Nord,community\n\
         Emma Gris,Quartier Nord,community\nFarid Brun,Mairie,council\n",
    )
    .unwrap();
    std::fs::write(
        d.join("n.txt"),
        "[18:00] @Anne Roux: Des bus après minuit #bus\n\n\
         [18:05] @Bruno Blanc: Oui, des bus #bus\n\n\
         [18:07] @Farid Brun: Pas de budget #-bus\n",
    )
    .unwrap();
    run(&["import", "roster", "h.ron", "r.csv"], d);
    run(&["import", "notes", "h.ron", "n.txt"], d);
    let report = run(&["export", "h.ron"], d);
    for said in [
        "Au total, 6 personnes (3 résidents, 2 représentants d'une association de quartier et \
         un conseiller municipal) se sont inscrites pour participer à l'audience publique le \
         1er juin 2024.",
        "La séance a duré sept minutes, d'après les notes, de 18\u{a0}h à 18\u{a0}h\u{a0}07, en \
         français",
        "Soulevée dans deux interventions par deux résidents, et aucun autre groupe\u{202f}: la \
         plus forte convergence, de loin, bien qu'une intervention, d'un conseiller municipal, \
         s'y soit opposée.",
        "| Associations de quartier | 2 | 1 | 0 | 0 | 0 | 0\u{202f}% | 33\u{202f}% | -33 |",
    ] {
        assert!(report.contains(said), "{said:?} missing from\n{report}");
    }
}
