//! `export` refuses a `group` or `chatham` report while notes name participants or
//! their entities, until each is reworded, deleted or marked reviewed, or
//! `--allow-names` is given; `check` lists what stands.

mod cli_support;
mod tally_fixture;

use std::fs;
use std::path::Path;
use std::process::Output;

use cli_support::rapporteur;
use rapporteur::edit::Edit;
use rapporteur::model::Session;
use tally_fixture::Fixture;

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

/// A city hearing where the Bristol speaker names her city, and nothing else names anyone.
fn hearing() -> Session {
    let mut f = Fixture::gfmd();
    f.person("jane", "Jane Holloway", "Bristol City Council", "mayors")
        .person(
            "amara",
            "Amara Diallo",
            "Global Health Alliance",
            "civil-society",
        )
        .priority("housing", "Licensing that pays");
    f.floor("jane")
        .point(&["housing"], "The scheme pays for itself")
        .point(&["housing"], "Bristol's licensing scheme pays for itself");
    f.floor("amara")
        .point(&["housing"], "Tenants need the same");
    f.session
}

fn write(dir: &Path, session: &Session) {
    let path = dir.join("h.ron");
    let _ = fs::remove_file(&path);
    rapporteur::storage::save_copy(session, &path).unwrap();
}

fn export(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["export", "h.ron"];
    args.extend_from_slice(extra);
    rapporteur(&args, dir)
}

#[test]
fn export_refuses_names_until_reviewed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut session = hearing();
    write(d, &session);
    let note = session.interventions[0].notes[1].id;
    for mode in ["group", "chatham"] {
        let o = export(d, &["--attribution", mode]);
        assert_eq!(o.status.code(), Some(1), "{mode}");
        assert!(o.stdout.is_empty(), "no report is written");
        let err = text(&o.stderr);
        assert!(
            err.contains(&format!(
                "rapporteur: h.ron: not exported with --attribution {mode}: 1 name in notes could identify speakers:"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "h.ron: note {note} (intervention 1 at 10:01:20, column 1): names its speaker's entity, \
                 \"Bristol City Council\" as \"Bristol\""
            )),
            "{err}"
        );
        assert!(err.contains("--allow-names"), "{err}");
    }
    // Internal minutes name everyone anyway; --allow-names takes the rapporteur's word.
    for extra in [&["--attribution", "named"][..], &["--allow-names"]] {
        let o = export(d, extra);
        assert!(o.status.success(), "{extra:?}: {}", text(&o.stderr));
        assert!(text(&o.stdout).contains("Bristol's licensing scheme"));
    }
    // check lists the finding on standard output, and does not fail over it.
    let o = rapporteur(&["check", "h.ron"], d);
    assert!(o.status.success());
    let out = text(&o.stdout);
    assert!(
        out.contains(&format!(
            "h.ron: warning: note {note} (intervention 1 at 10:01:20, column 1)"
        )),
        "{out}"
    );
    // The other warning is the lead remark the first priority still lacks.
    assert!(out.contains("has no lead remark yet"), "{out}");
    assert!(out.contains("0 errors, 2 warnings"), "{out}");
    // Marked reviewed, the name no longer stands.
    session
        .apply(Edit::SetNameReviewed {
            note,
            words: "Bristol".into(),
            reviewed: true,
        })
        .unwrap();
    write(d, &session);
    let o = export(d, &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("Bristol's licensing scheme"));
    let out = text(&rapporteur(&["check", "h.ron"], d).stdout);
    assert!(
        out.contains("0 errors, 1 warning; 1 name in notes reviewed"),
        "{out}"
    );
    // Reworded, a new name stands again though the note was reviewed for Bristol.
    let mut reworded = session.interventions[0].notes[1].clone();
    reworded.text = "Bristol's scheme, as Amara said, pays for itself".into();
    session.apply(Edit::UpdateNote(reworded)).unwrap();
    write(d, &session);
    let o = export(d, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("names participant amara by a part of the name, \"Amara\""));
}

#[test]
fn a_session_without_reviews_keeps_no_review_in_its_file() {
    let session = hearing();
    let ron = rapporteur::storage::to_ron(&session);
    assert!(!ron.contains("review"), "{ron}");
    let mut reviewed = session.clone();
    reviewed
        .apply(Edit::SetNameReviewed {
            note: 3,
            words: "Bristol".into(),
            reviewed: true,
        })
        .unwrap();
    let ron = rapporteur::storage::to_ron(&reviewed);
    assert!(ron.contains("review: (\n    names_reviewed: ["), "{ron}");
    let back = rapporteur::storage::from_ron(&ron, Path::new("h.ron")).unwrap();
    assert_eq!(back, reviewed);
}
