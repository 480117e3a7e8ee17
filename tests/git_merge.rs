//! Two rapporteurs on one meeting through git, end to end: a repository set up with
//! `rapporteur git-setup`, two clones, one rapporteur importing the floor notes and
//! the other the chat, each committing and pulling; the merge driver joins their
//! work, refuses while notes are unsaved, and reports a note retagged differently
//! on both sides as a conflict.

mod cli_support;
mod merge_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cli_support::{rapporteur, root};
use merge_support::{holds_every_note, recount};
use rapporteur::check::{Severity, validate};
use rapporteur::edit::Edit;
use rapporteur::model::{Serial, Session};
use rapporteur::storage::{self, SessionFile};
use rapporteur::tally::Tally;

/// git in `dir`, with no configuration of the user running the tests.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs")
}

fn ok(what: &str, o: Output) -> String {
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(o.status.success(), "{what}: {out}\n{err}");
    format!("{out}{err}")
}

/// A clone of `upstream` at `dir`, with its own user and rapporteur's merge driver.
fn clone(upstream: &Path, dir: &Path, who: &str) {
    let parent = dir.parent().unwrap();
    ok(
        "clone",
        git(
            parent,
            &[
                "clone",
                "-q",
                upstream.to_str().unwrap(),
                dir.to_str().unwrap(),
            ],
        ),
    );
    ok("name", git(dir, &["config", "user.name", who]));
    ok(
        "email",
        git(
            dir,
            &["config", "user.email", &format!("{who}@example.org")],
        ),
    );
    ok("git-setup", rapporteur(&["git-setup"], dir));
}

fn commit(dir: &Path, message: &str) {
    ok("add", git(dir, &["add", "-A"]));
    ok("commit", git(dir, &["commit", "-q", "-m", message]));
}

fn sample(path: &str) -> String {
    root().join(path).to_string_lossy().into_owned()
}

fn session(dir: &Path) -> Session {
    storage::load(&dir.join("meeting.ron")).unwrap()
}

/// Retags note `id` as the screen does (Ctrl-T, then closing it): committed, saved.
fn retag(dir: &Path, id: Serial, tags: &[&str]) {
    let (file, mut s, _) = SessionFile::open(&dir.join("meeting.ron")).unwrap();
    let mut file = file;
    let mut note = s.note(id).unwrap().clone();
    note.tags = tags.iter().map(|t| t.to_string()).collect();
    file.commit(&mut s, Edit::UpdateNote(note)).unwrap();
    file.close(&mut s).unwrap();
}

#[test]
fn two_rapporteurs_share_one_meeting_through_git() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let upstream: PathBuf = d.join("meeting.git");
    ok(
        "init",
        git(
            d,
            &[
                "init",
                "-q",
                "--bare",
                "-b",
                "main",
                upstream.to_str().unwrap(),
            ],
        ),
    );
    let (floor, chat) = (d.join("floor"), d.join("chat"));

    // The first rapporteur sets the meeting up and pushes it.
    std::fs::create_dir(&floor).unwrap();
    ok("init floor", git(&floor, &["init", "-q", "-b", "main"]));
    ok("name", git(&floor, &["config", "user.name", "floor"]));
    ok(
        "email",
        git(&floor, &["config", "user.email", "floor@example.org"]),
    );
    ok(
        "remote",
        git(
            &floor,
            &["remote", "add", "origin", upstream.to_str().unwrap()],
        ),
    );
    // The example session as a template: its set-up, priorities and roster, no notes.
    let template = sample("sessions/gfmd-2020-migrant-protection.ron");
    ok(
        "new",
        rapporteur(
            &[
                "new",
                "meeting.ron",
                "--template",
                &template,
                "--title",
                "Breakout 2",
                "--opens",
                "10:00",
                "--closes",
                "12:00",
            ],
            &floor,
        ),
    );
    let said = ok("git-setup", rapporteur(&["git-setup"], &floor));
    assert!(
        said.contains(".gitattributes: added *.ron merge=rapporteur"),
        "{said}"
    );
    assert!(
        said.contains(".gitignore: added *.journal, *.lock, *.rescue.txt, .*.tmp-*"),
        "{said}"
    );
    commit(&floor, "The meeting and its roster");
    ok("push", git(&floor, &["push", "-q", "-u", "origin", "main"]));

    clone(&upstream, &chat, "chat");
    let again = ok("git-setup", rapporteur(&["git-setup"], &chat));
    assert!(again.contains(".gitattributes: already set up"), "{again}");

    // Meanwhile: the floor in one clone, the chat in the other.
    ok(
        "notes",
        rapporteur(
            &[
                "import",
                "notes",
                "meeting.ron",
                &sample("sessions/samples/gfmd-2020-floor-notes.txt"),
            ],
            &floor,
        ),
    );
    commit(&floor, "Floor notes");
    ok("push floor", git(&floor, &["push", "-q"]));
    let zoom = sample("sessions/samples/zoom-chat-gfmd-2020.txt");
    ok(
        "chat",
        rapporteur(
            &[
                "import",
                "chat",
                "meeting.ron",
                &zoom,
                "--map",
                "GFMD Secretariat=",
                "--map",
                "Marco Bellini - IOM=marco-bellini",
            ],
            &chat,
        ),
    );
    commit(&chat, "Chat");
    let (floor_side, chat_side) = (session(&floor), session(&chat));
    let pulled = ok("pull", git(&chat, &["pull", "--no-rebase", "--no-edit"]));
    assert!(
        pulled.contains("meeting.ron: merged: 21 interventions and 50 notes"),
        "{pulled}"
    );
    ok("push chat", git(&chat, &["push", "-q"]));
    ok("pull floor", git(&floor, &["pull", "-q", "--no-rebase"]));

    // Both clones hold both rapporteurs' work, valid, its tally a recount.
    let merged = session(&chat);
    assert_eq!(session(&floor), merged);
    holds_every_note(&floor_side, &merged);
    holds_every_note(&chat_side, &merged);
    ok("check", rapporteur(&["check", "meeting.ron"], &floor));
    recount(&merged);
    let t = Tally::compute(&merged).totals;
    assert_eq!((t.interventions, t.floor, t.chat), (21, 15, 6));
    let floor_ids: Vec<Serial> = floor_side
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .map(|n| n.id)
        .collect();
    for id in &floor_ids {
        assert_eq!(
            merged.note(*id),
            floor_side.note(*id),
            "the pushed side's ids stand"
        );
    }

    // The same note retagged differently on both sides: a conflict, never settled silently.
    let note = merged
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .find(|n| n.tags == ["recruitment"])
        .unwrap()
        .id;
    retag(&floor, note, &["health"]);
    commit(&floor, "Retagged");
    ok("push", git(&floor, &["push", "-q"]));
    retag(&chat, note, &["data"]);
    commit(&chat, "Retagged too");
    let o = git(&chat, &["pull", "--no-rebase", "--no-edit"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!o.status.success(), "{said}");
    assert!(
        said.contains(&format!("rapporteur: meeting.ron: conflict: note {note} (")),
        "{said}"
    );
    assert!(
        said.contains(
            "retagged on both sides: ours #data, theirs #health, before #recruitment; kept ours"
        ),
        "{said}"
    );
    let status = ok("status", git(&chat, &["status", "--porcelain"]));
    assert!(status.contains("UU meeting.ron"), "{status}");
    let conflicted = session(&chat);
    assert_eq!(conflicted.note(note).unwrap().tags, ["data"]);
    // Settled by hand, as in the screen, then committed.
    retag(&chat, note, &["health", "data"]);
    commit(&chat, "Merged, both tags");
    ok("push", git(&chat, &["push", "-q"]));
    ok("pull", git(&floor, &["pull", "-q", "--no-rebase"]));
    assert_eq!(session(&floor).note(note).unwrap().tags, ["health", "data"]);

    // Notes still in the journal (a screen closed by a crash): the driver refuses.
    std::fs::write(
        floor.join("more.txt"),
        "[11:58] @Essono: a last word on cities #local-partners\n",
    )
    .unwrap();
    ok(
        "more",
        rapporteur(&["import", "notes", "meeting.ron", "more.txt"], &floor),
    );
    std::fs::remove_file(floor.join("more.txt")).unwrap();
    commit(&floor, "A last floor note");
    ok("push", git(&floor, &["push", "-q"]));
    retag(&chat, note, &["health", "data", "recruitment"]);
    commit(&chat, "Tags");
    {
        let (mut file, mut s, _) = SessionFile::open(&chat.join("meeting.ron")).unwrap();
        let mut n = s.note(note).unwrap().clone();
        n.emphasis = true;
        file.commit(&mut s, Edit::UpdateNote(n)).unwrap();
        // Open: the lock is held.
        let o = git(&chat, &["pull", "--no-rebase", "--no-edit"]);
        let said = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(!o.status.success());
        assert!(
            said.contains("meeting.ron is open in another rapporteur"),
            "{said}"
        );
        ok("abort", git(&chat, &["merge", "--abort"]));
    }
    let o = git(&chat, &["pull", "--no-rebase", "--no-edit"]);
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success());
    assert!(
        said.contains(
            "notes committed since the last save are in meeting.ron.journal and not in the file"
        ),
        "{said}"
    );
    ok("abort", git(&chat, &["merge", "--abort"]));
    // Opened and closed, the journal is folded; committed, the pull merges.
    let (file, mut s, _) = SessionFile::open(&chat.join("meeting.ron")).unwrap();
    file.close(&mut s).unwrap();
    // And a note of its own, taking the serial the floor's last note took upstream.
    std::fs::write(
        chat.join("more.txt"),
        "[11:59] @Essono (chat): thanks to the hosts\n",
    )
    .unwrap();
    ok(
        "more",
        rapporteur(&["import", "notes", "meeting.ron", "more.txt"], &chat),
    );
    std::fs::remove_file(chat.join("more.txt")).unwrap();
    let thanks = session(&chat).peek_serial() - 1;
    commit(&chat, "Strongly voiced, and thanks");
    // This time with a rebase: the upstream (ours while rebasing) keeps its ids.
    let upstream_side = {
        ok("fetch", git(&chat, &["fetch", "-q"]));
        let text = ok("show", git(&chat, &["show", "origin/main:meeting.ron"]));
        storage::from_ron(&text, Path::new("meeting.ron")).unwrap()
    };
    ok("pull --rebase", git(&chat, &["pull", "--rebase"]));
    let rebased = session(&chat);
    for i in &upstream_side.interventions {
        for n in &i.notes {
            assert_eq!(
                rebased.note(n.id).map(|m| &m.text),
                Some(&n.text),
                "upstream ids stand"
            );
        }
    }
    assert!(
        upstream_side.note(thanks).is_some(),
        "both sides took serial {thanks}"
    );
    let moved = rebased
        .interventions
        .iter()
        .flat_map(|i| &i.notes)
        .find(|n| n.text == "thanks to the hosts")
        .unwrap();
    assert_ne!(moved.id, thanks, "the side being replayed is renumbered");
    let last = rebased.note(note).unwrap();
    assert!(last.emphasis && last.tags == ["health", "data", "recruitment"]);
    assert!(
        validate(&rebased)
            .iter()
            .all(|f| f.severity == Severity::Warning)
    );
    assert!(!chat.join("meeting.ron.journal").exists());
    assert!(ok("status", git(&chat, &["status", "--porcelain"])).is_empty());
}
