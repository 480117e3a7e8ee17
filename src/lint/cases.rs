//! The lint on a roster of the kinds of names meetings have: each kind of short
//! form found, and the common words and places that identify nobody.

use super::*;
use crate::model::{Channel, Group, Intervention, NameReviewed, Note, NoteKind, Participant};

fn roster() -> Vec<Participant> {
    let person = |id: &str, name: &str, affiliation: &str| Participant {
        id: id.into(),
        name: name.into(),
        affiliation: affiliation.into(),
        group: "g".into(),
        role: None,
        chair: false,
    };
    vec![
        person("jane", "Jane Holloway", "Bristol City Council"),
        person(
            "pierre",
            "Pierre Lambert",
            "Office of the High Commissioner for Human Rights",
        ),
        person("amara", "Dr. Amara Diallo", "Global Health Alliance"),
        person("omar", "Omar Haddad", "Ministry of Immigration"),
        person("grace", "Grace Okafor", "Migrant Workers Network"),
        person("kofi", "Kofi Mensah", "Coastal Cities Network"),
        person("selam", "Selamawit Alemu", "African Union Commission"),
        person("paul", "Paul Mbarga", "Cameroon"),
        person("sean", "Seán O'Brien", "Horizon Ethical Recruitment Ltd"),
        person("leila", "Leïla Ben Salah", "Tunisia"),
    ]
}

/// A session where `who` says each of `notes`, one intervention each.
fn session(notes: &[(&str, &str)]) -> Session {
    let mut s = Session::default();
    s.groups.push(Group {
        id: "g".into(),
        name: "Everyone".into(),
        singular: "entity".into(),
        plural: "entities".into(),
        counts_for_convergence: true,
    });
    s.participants = roster();
    for (i, (who, text)) in notes.iter().enumerate() {
        let id = 2 * i as u64 + 1;
        s.interventions.push(Intervention {
            id,
            participant: who.to_string(),
            channel: Channel::Floor,
            start: Clock::hms(10, i as u32, 0),
            end: None,
            notes: vec![Note {
                id: id + 1,
                text: text.to_string(),
                tags: vec![],
                kind: NoteKind::Point,
                emphasis: false,
                time: Clock::hms(10, i as u32, 30),
                opposes: Vec::new(),
            }],
        });
    }
    s
}

/// What the lint finds in `text` said by `who`: kind, form, words and column.
fn found(who: &str, text: &str) -> Vec<(LintKind, LintForm, String, usize)> {
    lint(&session(&[(who, text)]))
        .into_iter()
        .map(|w| (w.kind, w.form, w.found, w.column))
        .collect()
}

use LintForm::*;
use LintKind::*;

#[test]
fn a_distinctive_word_of_the_speakers_affiliation() {
    assert_eq!(
        found("jane", "Bristol's licensing scheme pays for itself"),
        [(SpeakerEntity, AffiliationWord, "Bristol".into(), 1)]
    );
    let line = lint(&session(&[(
        "jane",
        "Bristol's licensing scheme pays for itself",
    )]))[0]
        .to_string();
    assert!(
        line.contains("names its speaker's entity, \"Bristol City Council\" as \"Bristol\""),
        "{line}"
    );
}

#[test]
fn acronyms_of_affiliations() {
    assert_eq!(
        found("omar", "OHCHR has a guide on this"),
        [(Entity, Acronym, "OHCHR".into(), 1)]
    );
    // "African Union Commission" is also the AU; "au" in French is a word.
    assert_eq!(
        found("omar", "The AU should help cities"),
        [(Entity, Acronym, "AU".into(), 5)]
    );
    assert_eq!(
        found("omar", "au niveau local, la GHA aussi"),
        [(Entity, Acronym, "GHA".into(), 21)]
    );
}

#[test]
fn the_short_form_of_the_only_entity_of_its_kind() {
    assert_eq!(
        found("omar", "As the Alliance said, clinics need staff"),
        [(Entity, ShortForm, "the Alliance".into(), 4)]
    );
    assert_eq!(
        found("jane", "l'Alliance finance des cliniques"),
        [(Entity, ShortForm, "l'Alliance".into(), 1)]
    );
    // Two entities are networks: "the Network" points to neither.
    assert!(found("jane", "the Network welcomed it").is_empty());
    // Part of another name, not the short form.
    assert!(found("jane", "the Alliance for Migrants said so").is_empty());
}

#[test]
fn first_names_and_surnames_on_the_roster() {
    assert_eq!(
        found("omar", "as Amara said, we agree"),
        [(ParticipantName, NamePart, "Amara".into(), 4)]
    );
    assert_eq!(
        found("omar", "Diallo's point stands"),
        [(ParticipantName, NamePart, "Diallo".into(), 1)]
    );
    // A title on the roster is not part of the name; accents and apostrophes fold.
    assert_eq!(
        found(
            "omar",
            "Amara Diallo and Leila Ben Salah agreed with OBrien"
        ),
        [
            (ParticipantName, FullName, "Amara Diallo".into(), 1),
            (ParticipantName, FullName, "Leila Ben Salah".into(), 18),
            (ParticipantName, NamePart, "OBrien".into(), 46),
        ]
    );
    assert_eq!(
        found("amara", "AMARA DIALLO speaking"),
        [(SpeakerName, FullName, "AMARA DIALLO".into(), 1)]
    );
    // Written in lower case, a single part of a name is a word.
    assert!(found("omar", "as amara said").is_empty());
}

#[test]
fn common_words_of_organizations_identify_nobody() {
    for text in [
        "City officials and the network of cities",
        "Union members and Council staff; Office hours are long",
        "The Ministry of Labour was absent",
        "Migrant workers need a Network of support",
        "Human rights are global",
        "the Council of Europe agreed",
    ] {
        assert_eq!(found("grace", text), [], "{text}");
    }
}

#[test]
fn places_named_after_someone_are_not_them() {
    for text in [
        "the shelter on St Paul Street",
        "a centre rue Saint-Paul",
        "the clinic near Mbarga Road",
        "St. Paul's Cathedral hosts migrants",
    ] {
        assert_eq!(found("omar", text), [], "{text}");
    }
    assert_eq!(
        found("omar", "Paul said the street is closed"),
        [(ParticipantName, NamePart, "Paul".into(), 1)]
    );
}

#[test]
fn a_name_that_is_also_a_word_only_counts_inside_a_sentence() {
    // "grace" is a word the notes write: "Grace" starting a sentence is that word.
    let s = session(&[
        ("omar", "a grace period for renewals"),
        ("omar", "Grace periods end in June"),
        ("omar", "as Grace said"),
    ]);
    let found: Vec<(Serial, String)> = lint(&s).into_iter().map(|w| (w.note, w.found)).collect();
    assert_eq!(found, [(6, "Grace".to_string())]);
}

#[test]
fn reviewed_names_no_longer_stand() {
    let mut s = session(&[("jane", "Bristol pays; the Alliance agrees")]);
    assert_eq!(standing(&s).len(), 2);
    s.review.names_reviewed.push(NameReviewed {
        note: 2,
        words: "bristol".into(),
    });
    let left: Vec<String> = standing(&s).into_iter().map(|w| w.found).collect();
    assert_eq!(left, ["the Alliance"]);
    assert_eq!(lint(&s).len(), 2, "the lint still sees both");
}
