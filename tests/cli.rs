//! The binary end to end: new, import roster, import notes, check, and their errors.

mod cli_support;

use std::fs;
use std::path::Path;
use std::process::Output;

use cli_support::rapporteur;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn copy_example_inputs(dir: &Path) {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    for name in ["gfmd-2020-roster.csv", "gfmd-2020-notes.txt"] {
        fs::copy(here.join(name), dir.join(name)).unwrap();
    }
}

#[test]
fn the_readme_walk_through_builds_the_example() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_inputs(dir.path());
    let d = dir.path();
    let o = rapporteur(
        &[
            "new",
            "m.ron",
            "--template",
            "gfmd",
            "--title",
            "Breakout 2",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = rapporteur(&["import", "roster", "m.ron", "gfmd-2020-roster.csv"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("added 29 people"), "{}", stdout(&o));
    let o = rapporteur(&["import", "notes", "m.ron", "gfmd-2020-notes.txt"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("added 21 interventions"),
        "{}",
        stdout(&o)
    );
    let o = rapporteur(&["check", "m.ron"], d);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let report = stdout(&o);
    assert!(report.contains("0 errors, 4 warnings"), "{report}");
    assert!(report.contains("m.ron: warning: note 43 "), "{report}");
    // Nothing is left beside the session once the commands are done.
    let mut names: Vec<String> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["gfmd-2020-notes.txt", "gfmd-2020-roster.csv", "m.ron"]
    );
    // The committed example is what these commands produce, apart from the title and date.
    let built = rapporteur::storage::load(&d.join("m.ron")).unwrap();
    let committed = rapporteur::storage::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-migrant-protection.ron"),
    )
    .unwrap();
    assert_eq!(built.interventions, committed.interventions);
    assert_eq!(built.participants, committed.participants);
}

#[test]
fn new_refuses_to_overwrite_and_takes_groups_and_priorities() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = rapporteur(
        &[
            "new",
            "h.ron",
            "--group",
            "unions:Trade unions",
            "--priority",
            "housing:Affordable housing",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s = rapporteur::storage::load(&d.join("h.ron")).unwrap();
    let unions = s.group("unions").unwrap();
    assert_eq!(
        (unions.singular.as_str(), unions.plural.as_str()),
        ("Trade union", "Trade unions")
    );
    assert_eq!(s.priority("housing").unwrap().title, "Affordable housing");
    let before = fs::read(d.join("h.ron")).unwrap();
    let o = rapporteur(&["new", "h.ron"], d);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));
    assert_eq!(fs::read(d.join("h.ron")).unwrap(), before);
    let o = rapporteur(&["new", "x.ron", "--group", "nocolon"], d);
    assert_eq!(
        stderr(&o).trim(),
        "rapporteur: --group \"nocolon\": expected ID:NAME"
    );
    let o = rapporteur(&["new", "x.ron", "--template", "nope"], d);
    assert!(
        stderr(&o).contains("no such template (built-in templates: default, gfmd)"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("x.ron").exists());
}

#[test]
fn a_failed_import_writes_nothing_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_inputs(dir.path());
    let d = dir.path();
    rapporteur(&["new", "m.ron", "--template", "gfmd"], d);
    rapporteur(&["import", "roster", "m.ron", "gfmd-2020-roster.csv"], d);
    let before = fs::read(d.join("m.ron")).unwrap();

    fs::write(
        d.join("bad.txt"),
        "@Youssef: fine\nstill fine #recruitment\n@Nobody Known: hello\n",
    )
    .unwrap();
    let o = rapporteur(&["import", "notes", "m.ron", "bad.txt"], d);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("rapporteur: bad.txt:3:1: no participant matches `@Nobody Known`"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");

    fs::write(
        d.join("bad.csv"),
        "name,affiliation,group\nA,B,pirates\n,C,states\n",
    )
    .unwrap();
    let o = rapporteur(&["import", "roster", "m.ron", "bad.csv"], d);
    let err = stderr(&o);
    assert!(err.contains("bad.csv:2: unknown group `pirates`"), "{err}");
    assert!(err.contains("bad.csv:3: the name is empty"), "{err}");

    assert_eq!(fs::read(d.join("m.ron")).unwrap(), before);
    assert!(!d.join("m.ron.journal").exists());
    assert!(!d.join("m.ron.lock").exists());
}

#[test]
fn broken_files_are_reported_with_their_position_and_exit_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("broken.ron"),
        "(\n  version: 1,\n  groups: [ (id: 3) ],\n)\n",
    )
    .unwrap();
    for args in [
        &["check", "broken.ron"][..],
        &["import", "notes", "broken.ron", "broken.ron"][..],
    ] {
        let o = rapporteur(args, d);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.starts_with("rapporteur: broken.ron:3:"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    }
    let o = rapporteur(&["check", "missing.ron"], d);
    assert_eq!(stderr(&o).trim(), "rapporteur: missing.ron: no such file");
}

#[test]
fn check_reports_inconsistencies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-migrant-protection.ron");
    let text = fs::read_to_string(example).unwrap().replacen(
        "participant: \"youssef-el-amrani\"",
        "participant: \"ghost\"",
        1,
    );
    fs::write(d.join("m.ron"), text).unwrap();
    let o = rapporteur(&["check", "m.ron"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("error: intervention 1 (10:15:00): unknown participant \"ghost\""),
        "{}",
        stdout(&o)
    );
}
