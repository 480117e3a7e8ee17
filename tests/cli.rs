//! The binary end to end: new, import roster, import notes, check, and their errors.

mod cli_support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

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
    // The priorities the notes are tagged with, as the README gives them.
    let priorities = cli_support::gfmd_2020_priorities();
    let mut edit = vec!["edit", "m.ron"];
    for p in &priorities {
        edit.extend(["--priority", p.as_str()]);
    }
    let o = rapporteur(&edit, d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("m.ron: 9 changes:\n  added the priority #health"),
        "{}",
        stdout(&o)
    );
    let readme = fs::read_to_string(cli_support::root().join("README.md")).unwrap();
    for p in &priorities {
        assert!(
            readme.contains(&format!("--priority \"{p}\"")),
            "the README gives {p}"
        );
    }
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
    assert!(report.contains("0 errors, 7 warnings"), "{report}");
    assert!(report.contains("m.ron: warning: note 43 "), "{report}");
    assert!(
        report.contains("note 24 (intervention 6 at 10:43:00, column 69): names \"International Organization for Migration\" by its acronym \"IOM\""),
        "{report}"
    );
    // Until each name is reviewed, the report is not written.
    let o = rapporteur(&["export", "m.ron", "-o", "report.md"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not exported with --attribution group: 7 names"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("report.md").exists());
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
    // Without nouns the group has none: the report counts its people, never guesses a noun.
    let unions = s.group("unions").unwrap();
    assert_eq!((unions.singular.as_str(), unions.plural.as_str()), ("", ""));
    assert_eq!(s.groups.len(), 1, "the groups given are the only ones");
    assert_eq!(s.priority("housing").unwrap().title, "Affordable housing");
    let before = fs::read(d.join("h.ron")).unwrap();
    let o = rapporteur(&["new", "h.ron"], d);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("exists already"), "{}", stderr(&o));
    assert_eq!(fs::read(d.join("h.ron")).unwrap(), before);
    let o = rapporteur(&["new", "x.ron", "--group", "nocolon"], d);
    assert_eq!(
        stderr(&o).trim(),
        "rapporteur: --group \"nocolon\": expected ID:NAME, or ID:NAME:SINGULAR:PLURAL with the nouns for one and several of its entities (as in ngo:Community organisations:community organisation:community organisations)"
    );
    let o = rapporteur(&["new", "x.ron", "--template", "nope"], d);
    assert!(
        stderr(&o).contains(
            "no such template (built-in templates: default, un-consultation, gfmd, city-hearing, \
             committee-hearing, ngo-coalition, focus-group; `rapporteur new --template list` describes them)"
        ),
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
    cli_support::new_gfmd_2020("m.ron", d);
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

/// Runs the binary with `input` on its standard input.
fn rapporteur_reading(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread, so a binary that never reads cannot stall the test.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn example_text() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/gfmd-2020-migrant-protection.ron"),
    )
    .unwrap()
}

#[test]
fn dash_is_standard_input_for_what_import_reads() {
    let dir = tempfile::tempdir().unwrap();
    copy_example_inputs(dir.path());
    let d = dir.path();
    cli_support::new_gfmd_2020("m.ron", d);
    let roster = fs::read(d.join("gfmd-2020-roster.csv")).unwrap();
    let o = rapporteur_reading(&["import", "roster", "m.ron", "-"], d, &roster);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("added 29 people"), "{}", stdout(&o));
    let notes = fs::read(d.join("gfmd-2020-notes.txt")).unwrap();
    let o = rapporteur_reading(&["import", "notes", "m.ron", "-"], d, &notes);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("added 21 interventions"),
        "{}",
        stdout(&o)
    );
    // Errors name standard input, with the line.
    let o = rapporteur_reading(
        &["import", "notes", "m.ron", "-"],
        d,
        b"// a comment\n@Nobody Known: hello\n",
    );
    assert!(
        stderr(&o).starts_with("rapporteur: <stdin>:2:1: no participant matches"),
        "{}",
        stderr(&o)
    );
    let o = rapporteur_reading(
        &["import", "chat", "m.ron", "-"],
        d,
        b"10:32:14\t From  Somebody Unknown : hello\n",
    );
    assert!(
        stderr(&o).contains("<stdin>:1: \"Somebody Unknown\" (1 message) matches nobody"),
        "{}",
        stderr(&o)
    );
    assert!(!d.join("-").exists());
}

#[test]
fn dash_is_standard_input_for_a_session_that_is_only_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let session = example_text();
    let o = rapporteur_reading(&["tally", "-"], d, session.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Fix recruitment practices"));
    let o = rapporteur_reading(&["export", "-"], d, session.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("29 representatives of 13 States"));
    let o = rapporteur_reading(
        &["check", "-"],
        d,
        b"(\n  version: 1,\n  groups: [ (id: 3) ],\n)\n",
    );
    assert!(
        stderr(&o).starts_with("rapporteur: <stdin>:3:"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn dash_is_standard_output_for_export_and_never_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("m.ron"), example_text()).unwrap();
    let o = rapporteur(&["export", "m.ron", "-o", "-", "--format", "text"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("29 representatives of 13 States"));
    let refused = "rapporteur: a session needs a file, not `-` (its journal and lock are kept beside it); give a file name such as meeting.ron";
    for args in [
        &["new", "-"][..],
        &["-"],
        &["import", "notes", "-", "notes.txt"],
        &["merge", "m.ron", "m.ron", "-o", "-"],
    ] {
        let o = rapporteur(args, d);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&o).trim(), refused, "{args:?}");
    }
    let o = rapporteur(&["merge", "-", "-", "-o", "x.ron"], d);
    assert!(
        stderr(&o).contains("only one of the two sessions can come from standard input"),
        "{}",
        stderr(&o)
    );
    let mut names: Vec<String> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["m.ron"],
        "no file named - nor anything else was made"
    );
}

#[test]
fn export_never_replaces_a_file_without_force_nor_the_session_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("m.ron"), example_text()).unwrap();
    fs::write(d.join("report.md"), "my edited report").unwrap();
    let o = rapporteur(&["export", "m.ron", "-o", "report.md"], d);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        "rapporteur: report.md exists already; add --force to replace it"
    );
    assert_eq!(
        fs::read_to_string(d.join("report.md")).unwrap(),
        "my edited report"
    );
    let o = rapporteur(&["export", "m.ron", "-o", "report.md", "--force"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::read_to_string(d.join("report.md"))
            .unwrap()
            .contains("13 States")
    );
    let before = fs::read(d.join("m.ron")).unwrap();
    let o = rapporteur(&["export", "m.ron", "-o", "./m.ron", "--force"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("./m.ron is the session itself; write the report to another file"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(d.join("m.ron")).unwrap(), before);
    let o = rapporteur(&["export", "m.ron", "--force"], d);
    assert_eq!(o.status.code(), Some(2), "--force needs -o");
}

#[test]
fn a_mistyped_or_misplaced_subcommand_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("h2.ron"), example_text()).unwrap();
    let o = rapporteur(&["tallly", "h2.ron"], d);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unrecognized subcommand 'tallly'"), "{err}");
    assert!(
        err.contains("tip: a similar subcommand exists: 'tally'"),
        "{err}"
    );
    let o = rapporteur(&["h2.ron", "tally"], d);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("put the subcommand first: 'rapporteur tally h2.ron'"),
        "{err}"
    );
    assert!(!err.contains("cannot be used with"), "{err}");
    let o = rapporteur(&["h2.ron", "exprot", "--format", "text"], d);
    let err = stderr(&o);
    assert!(
        err.contains("a similar subcommand exists: 'export'"),
        "{err}"
    );
    assert!(
        err.contains("put the subcommand first: 'rapporteur export h2.ron --format text'"),
        "{err}"
    );
    let o = rapporteur(&["impotr", "roster", "h2.ron", "x.csv"], d);
    assert!(
        stderr(&o).contains("a similar subcommand exists: 'import'"),
        "{}",
        stderr(&o)
    );
    // Nothing was created for the mistyped words.
    assert!(!d.join("tallly").exists() && !d.join("impotr").exists());
}

#[test]
fn completions_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = rapporteur(&["completions", shell], d);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for word in ["rapporteur", "export", "import", "roster", "min-group"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let bash = stdout(&rapporteur(&["completions", "bash"], d));
    fs::write(d.join("rapporteur.bash"), bash).unwrap();
    // The script must at least parse in the shell it is for.
    let parsed = Command::new("bash")
        .args(["-n", "rapporteur.bash"])
        .current_dir(d)
        .status();
    if let Ok(status) = parsed {
        assert!(
            status.success(),
            "the bash completion script does not parse"
        );
    }
    let o = rapporteur(&["completions", "tcsh"], d);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("possible values: bash"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn manual_pages_for_rapporteur_and_each_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = rapporteur(&["man"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let main = stdout(&o);
    assert!(main.contains(".TH rapporteur 1"), "{main}");
    assert!(main.contains("rapporteur\\-export(1)"), "{main}");
    for (words, title) in [
        (&["man", "export"][..], ".TH rapporteur-export 1"),
        (&["man", "import"], ".TH rapporteur-import 1"),
        (
            &["man", "import", "roster"],
            ".TH rapporteur-import-roster 1",
        ),
        (&["man", "completions"], ".TH rapporteur-completions 1"),
    ] {
        let o = rapporteur(words, d);
        assert!(o.status.success(), "{words:?}: {}", stderr(&o));
        let page = stdout(&o);
        assert!(page.contains(title), "{words:?}: {page}");
        assert!(page.contains("\"rapporteur 0.1.0\""), "{words:?}: {page}");
    }
    let o = rapporteur(&["man", "exprt"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(
            "rapporteur: rapporteur has no subcommand \"exprt\" (it has new, edit, import,"
        ),
        "{}",
        stderr(&o)
    );
    // Rendered by groff where it is installed: the page must read as a manual page.
    let page = d.join("rapporteur-export.1");
    fs::write(&page, stdout(&rapporteur(&["man", "export"], d))).unwrap();
    if let Ok(out) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-P-cbou"])
        .arg(&page)
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("NAME") && text.contains("--min-group"),
            "{text}"
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn out_of_range_values_are_refused_with_the_range() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("m.ron"), example_text()).unwrap();
    for (args, said) in [
        (
            &["export", "m.ron", "--min-group", "0"][..],
            "invalid value '0' for '--min-group <K>': it must be 1 or more",
        ),
        (
            &["new", "x.ron", "--opens", "25:00"],
            "invalid value '25:00' for '--opens <HH:MM>': 25:00 is not a time of day: hours run from 00 to 23 (00:00 to 23:59:59)",
        ),
        (
            &["new", "x.ron", "--closes", "12:60"],
            "12:60 is not a time of day: minutes run from 00 to 59",
        ),
        (
            &["new", "x.ron", "--opens", "10:00:60"],
            "10:00:60 is not a time of day: seconds run from 00 to 59",
        ),
        (
            &["import", "chat", "m.ron", "c.txt", "--starts-at", "24:00"],
            "24:00 is not a time of day: hours run from 00 to 23",
        ),
        (
            &["new", "x.ron", "--date", "2020-02-30"],
            "invalid value '2020-02-30' for '--date <YYYY-MM-DD>': 2020-02-30 is not a date: February 2020 has 29 days",
        ),
        (
            &["new", "x.ron", "--date", "2 June 2020"],
            "expected a date as YYYY-MM-DD, found \"2 June 2020\"",
        ),
    ] {
        let o = rapporteur(args, d);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
    }
    assert!(!d.join("x.ron").exists());
    let o = rapporteur(
        &[
            "new",
            "x.ron",
            "--opens",
            "00:00",
            "--closes",
            "23:59:59",
            "--date",
            "2020-02-29",
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = rapporteur(&["export", "m.ron", "--min-group", "1"], d);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_day_the_calendar_lacks_is_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = example_text().replacen("date: \"2020-06-02\"", "date: \"2020-02-30\"", 1);
    fs::write(d.join("m.ron"), text).unwrap();
    let o = rapporteur(&["check", "m.ron"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .contains("m.ron: error: meta: 2020-02-30 is not a date: February 2020 has 29 days"),
        "{}",
        stdout(&o)
    );
    for format in ["markdown", "text", "html", "json"] {
        let o = rapporteur(&["export", "m.ron", "--format", format], d);
        assert_eq!(o.status.code(), Some(1), "{format}");
        assert_eq!(
            stderr(&o).trim(),
            "rapporteur: m.ron: error: meta: 2020-02-30 is not a date: February 2020 has 29 days\n\
             rapporteur: m.ron has 1 error (above), so its report would contradict itself; fix the \
             file first (`rapporteur check m.ron` lists them)"
        );
        assert!(!stdout(&o).contains("30 February"), "{format}");
    }
}

#[test]
fn check_findings_are_output_and_failures_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = example_text().replacen(
        "participant: \"youssef-el-amrani\"",
        "participant: \"ghost\"",
        1,
    );
    fs::write(d.join("m.ron"), text).unwrap();
    let o = rapporteur(&["check", "m.ron"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("unknown participant \"ghost\""));
    assert!(
        stdout(&o).contains("; 1 error, 0 warnings; 7 names in notes reviewed"),
        "{}",
        stdout(&o)
    );
    assert!(o.stderr.is_empty(), "findings are output: {}", stderr(&o));
    let o = rapporteur(&["check", "missing.ron"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(stderr(&o).trim(), "rapporteur: missing.ron: no such file");
}

#[test]
fn the_license_file_matches_the_manifest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("license = \"MIT\""));
    let license = fs::read_to_string(root.join("LICENSE")).unwrap();
    assert!(license.starts_with("MIT License"), "{license}");
    assert!(license.contains("the rapporteur authors"), "{license}");
    assert!(license.contains("THE SOFTWARE IS PROVIDED \"AS IS\""));
}

/// Without a terminal the screen refuses at once, and creates nothing: not the session,
/// its journal or lock, nor the data folder of a new session.
#[cfg(unix)]
#[test]
fn the_screen_without_a_terminal_refuses_and_creates_nothing() {
    use std::os::unix::process::CommandExt;
    for args in [&["x.ron"][..], &[]] {
        let home = tempfile::tempdir().unwrap();
        let mut command = cli_support::binary_at_home(home.path());
        command.args(args).stdin(std::process::Stdio::null());
        // SAFETY: setsid is async-signal-safe: no controlling terminal either.
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
        let out = command.output().unwrap();
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(
            stderr(&out),
            "rapporteur: the screen needs a terminal, and standard input or output is not one; \
             nothing was created (rapporteur import notes FILE NOTES.txt records from a file)\n",
            "{args:?}"
        );
        assert!(stdout(&out).is_empty(), "{args:?}");
        let left: Vec<_> = fs::read_dir(home.path()).unwrap().collect();
        assert!(left.is_empty(), "{args:?}: {left:?}");
    }
}
