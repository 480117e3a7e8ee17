//! Three meetings that are not the GFMD's, each set up and typed up with the commands a
//! rapporteur would use (`new`, `import roster`, `import notes`), their reports
//! snapshotted in every format: a committee hearing with a chair, a coalition call with
//! observers and namesakes, a focus group held in French.

mod cli_support;

use std::path::{Path, PathBuf};

use cli_support::{rapporteur, root};

/// The meeting in `tests/meetings/NAME`, built in a fresh folder: its session's path.
fn build(name: &str, dir: &Path) -> PathBuf {
    let source = root().join("tests/meetings").join(name);
    let session = dir.join(format!("{name}.ron"));
    let session_arg = session.to_string_lossy().into_owned();
    let args = std::fs::read_to_string(source.join("new.args")).unwrap();
    let mut new = vec!["new", session_arg.as_str()];
    new.extend(args.lines());
    let roster = source.join("roster.csv").to_string_lossy().into_owned();
    let notes = source.join("notes.txt").to_string_lossy().into_owned();
    for command in [
        new,
        vec!["import", "roster", &session_arg, &roster],
        vec!["import", "notes", &session_arg, &notes],
    ] {
        let o = rapporteur(&command, dir);
        assert!(
            o.status.success(),
            "{name}: {command:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    session
}

/// The report of meeting `name` in `format`, with the default attribution.
fn report(name: &str, format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let session = build(name, dir.path());
    let o = rapporteur(
        &["export", &session.to_string_lossy(), "--format", format],
        dir.path(),
    );
    assert!(
        o.status.success(),
        "{name} as {format}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

macro_rules! snapshots {
    ($($test:ident: $name:literal, $format:literal;)*) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!(report($name, $format));
        }
    )*};
}

snapshots! {
    committee_hearing_markdown: "committee-hearing", "markdown";
    committee_hearing_text: "committee-hearing", "text";
    committee_hearing_html: "committee-hearing", "html";
    committee_hearing_json: "committee-hearing", "json";
    coalition_call_markdown: "coalition-call", "markdown";
    coalition_call_text: "coalition-call", "text";
    coalition_call_html: "coalition-call", "html";
    coalition_call_json: "coalition-call", "json";
    focus_group_markdown: "focus-group", "markdown";
    focus_group_text: "focus-group", "text";
    focus_group_html: "focus-group", "html";
    focus_group_json: "focus-group", "json";
}

#[test]
fn the_chair_opposition_and_namesakes_are_told_apart() {
    let hearing = report("committee-hearing", "markdown");
    // The chair's procedural turns are counted nowhere; opposition is said, not added.
    assert!(!hearing.contains("Welcome; the session runs"), "{hearing}");
    assert!(hearing.contains("opposed"), "{hearing}");
    let call = report("coalition-call", "markdown");
    // Two people named Amara are two speakers; observers (guests) are not counted.
    assert!(call.contains("not counted"), "{call}");
    // Damp leads on two guests' interventions, but its convergence is the campaign's:
    // two groups, two interventions each; so it is not "the strongest by far".
    assert!(!call.contains("strongest"), "{call}");
}

#[test]
fn french_notes_stay_as_typed() {
    let text = report("focus-group", "markdown");
    for typed in [
        "je ne me sens pas en sécurité : il n'y a personne",
        "« On attend dans le noir, et on regarde derrière soi »",
        "sans bus, pas de travail ?",
    ] {
        assert!(text.contains(typed), "{typed:?} in {text}");
    }
}
