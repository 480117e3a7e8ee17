//! Small sessions built in code for the tally and export tests.

#![allow(dead_code)]

use rapporteur::clock::Clock;
use rapporteur::edit::Edit;
use rapporteur::model::{
    Channel, Group, Meta, Note, NoteKind, Participant, Priority, Serial, Session,
};

/// A session under construction, every change made through [`Edit`]s.
pub struct Fixture {
    /// The session so far.
    pub session: Session,
    /// Every edit applied, in order.
    pub edits: Vec<Edit>,
    clock: u32,
}

/// A group with the given nouns, counting toward convergence unless `observers`.
pub fn group(id: &str, name: &str, singular: &str, plural: &str, counts: bool) -> Group {
    Group {
        id: id.into(),
        name: name.into(),
        singular: singular.into(),
        plural: plural.into(),
        counts_for_convergence: counts,
    }
}

/// The five GFMD groups of the reference report.
pub fn gfmd_groups() -> Vec<Group> {
    vec![
        group("states", "States", "State", "States", true),
        group(
            "civil-society",
            "civil society",
            "civil society organization",
            "civil society organizations",
            true,
        ),
        group("business", "business", "business", "businesses", true),
        group("mayors", "Mayors", "Mayor", "Mayors", true),
        group(
            "observers",
            "observers",
            "observer organization",
            "observer organizations",
            false,
        ),
    ]
}

impl Fixture {
    /// An empty session with the given groups.
    pub fn with_groups(groups: Vec<Group>) -> Fixture {
        let session = Session {
            meta: Meta {
                title: "Breakout session".into(),
                theme: "Addressing Gaps in Migrant Protection".into(),
                date: "2020-06-02".into(),
                format: "two-hour on-line breakout session".into(),
                languages: vec!["English".into(), "French".into()],
                focus_areas: vec!["in transit".into(), "in admission".into()],
                ..Meta::default()
            },
            groups,
            ..Session::default()
        };
        Fixture {
            session,
            edits: Vec::new(),
            clock: 10 * 3600,
        }
    }

    /// An empty session with the five GFMD groups.
    pub fn gfmd() -> Fixture {
        Fixture::with_groups(gfmd_groups())
    }

    /// Applies `edit`, panicking if the session refuses it.
    pub fn edit(&mut self, edit: Edit) -> &mut Fixture {
        self.session
            .apply(edit.clone())
            .expect("fixture edit applies");
        self.edits.push(edit);
        self
    }

    /// Adds a participant.
    pub fn person(&mut self, id: &str, name: &str, affiliation: &str, group: &str) -> &mut Fixture {
        self.edit(Edit::AddParticipant(Participant {
            id: id.into(),
            name: name.into(),
            affiliation: affiliation.into(),
            group: group.into(),
            role: None,
            chair: false,
        }))
    }

    /// Adds a priority.
    pub fn priority(&mut self, id: &str, title: &str) -> &mut Fixture {
        self.edit(Edit::AddPriority(Priority {
            id: id.into(),
            title: title.into(),
            description: None,
        }))
    }

    /// Gives the floor (or the chat) to `who`, one minute after the last turn.
    pub fn turn(&mut self, who: &str, channel: Channel) -> &mut Fixture {
        self.clock += 60;
        let id = self.session.take_serial();
        self.edit(Edit::StartIntervention {
            id,
            participant: who.into(),
            channel,
            start: Clock(self.clock),
        })
    }

    /// A floor intervention by `who`.
    pub fn floor(&mut self, who: &str) -> &mut Fixture {
        self.turn(who, Channel::Floor)
    }

    /// A chat input by `who`.
    pub fn chat(&mut self, who: &str) -> &mut Fixture {
        self.turn(who, Channel::Chat)
    }

    /// Adds a note to the current intervention.
    pub fn note(
        &mut self,
        kind: NoteKind,
        emphasis: bool,
        tags: &[&str],
        text: &str,
    ) -> &mut Fixture {
        self.stanced(kind, emphasis, tags, &[], text)
    }

    /// Adds a note supporting `tags` and opposing `opposes` to the current intervention.
    pub fn stanced(
        &mut self,
        kind: NoteKind,
        emphasis: bool,
        tags: &[&str],
        opposes: &[&str],
        text: &str,
    ) -> &mut Fixture {
        self.clock += 10;
        let id = self.session.take_serial();
        let intervention = self.session.interventions.last().expect("a turn first").id;
        self.edit(Edit::InsertNote {
            intervention,
            index: None,
            note: Note {
                id,
                text: text.into(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                kind,
                emphasis,
                time: Clock(self.clock),
                opposes: opposes.iter().map(|t| t.to_string()).collect(),
            },
        })
    }

    /// A point opposing `tags`.
    pub fn against(&mut self, tags: &[&str], text: &str) -> &mut Fixture {
        self.stanced(NoteKind::Point, false, &[], tags, text)
    }

    /// Marks participant `id` as chairing.
    pub fn chair(&mut self, id: &str) -> &mut Fixture {
        let who = self.session.participant(id).expect("on the roster").clone();
        self.edit(Edit::UpdateParticipant(Participant { chair: true, ..who }))
    }

    /// A point on `tags`.
    pub fn point(&mut self, tags: &[&str], text: &str) -> &mut Fixture {
        self.note(NoteKind::Point, false, tags, text)
    }

    /// A strongly voiced point on `tags`.
    pub fn strong(&mut self, tags: &[&str], text: &str) -> &mut Fixture {
        self.note(NoteKind::Point, true, tags, text)
    }

    /// A verbatim quote on `tags`.
    pub fn quote(&mut self, tags: &[&str], text: &str) -> &mut Fixture {
        self.note(NoteKind::Quote, false, tags, text)
    }

    /// Id of the last note added.
    pub fn last_note(&self) -> Serial {
        self.session
            .interventions
            .iter()
            .flat_map(|i| &i.notes)
            .map(|n| n.id)
            .max()
            .expect("a note")
    }
}

/// A small meeting shaped like the reference: four counting groups and
/// observers, recruitment raised everywhere, health by two States, two
/// priorities raised once.
pub fn small_meeting() -> Fixture {
    let mut f = Fixture::gfmd();
    f.person("amadou", "Amadou Ndiaye", "Senegal", "states")
        .person("lucia", "Lucía Gómez", "Spain", "states")
        .person("karim", "Karim Benali", "Morocco", "states")
        .person("karim-2", "Nadia Benali", "Morocco", "states")
        .person(
            "grace",
            "Grace Okafor",
            "Migrant Workers Network",
            "civil-society",
        )
        .person("jean", "Jean Mbeki", "Caritas Africa", "civil-society")
        .person("olu", "Olu Adeyemi", "Lagos Employers Forum", "business")
        .person("fatou", "Fatou Sow", "City of Dakar", "mayors")
        .person("ines", "Inès Martin", "", "observers")
        .priority("health", "Open health services to all")
        .priority("recruitment", "Fix recruitment practices")
        .priority("data", "Invest in better data")
        .priority("regularization", "Recognize regularization")
        .priority("pathways", "Build regular pathways")
        .priority("narratives", "Improve public narratives");
    f.floor("amadou")
        .point(&["recruitment"], "Reform is long due and within reach")
        .quote(&["health"], "even in a selfish way");
    f.floor("grace").strong(
        &["recruitment"],
        "Private recruiters exploit workers like slaves",
    );
    f.chat("olu")
        .point(&["recruitment", "data"], "Employers need data on arrivals");
    f.floor("lucia")
        .point(&["health"], "Access regardless of status");
    f.floor("fatou")
        .point(&["recruitment"], "Cities see the victims first")
        .point(&["data"], "No data on newly arriving migrants");
    f.floor("karim").point(
        &["recruitment"],
        "Public agencies should regulate recruiters",
    );
    f.chat("jean")
        .strong(&["regularization"], "Regularize those doing essential work");
    f.floor("karim-2")
        .point(&["recruitment"], "Bilateral agreements are failing");
    f.floor("ines")
        .point(
            &["pathways"],
            "Extraordinary effects require extraordinary measures",
        )
        .point(&[], "Thanks to the hosts");
    f
}

/// A random session for property tests: roster names and affiliations are
/// made of `Zq…` and `Xv…` words that no template text contains, and a note
/// may mention a participant's name or affiliation on purpose.
pub fn arb_session() -> impl proptest::strategy::Strategy<Value = Session> {
    use proptest::prelude::*;
    let word = |prefix: &'static str| "[a-z]{4,7}".prop_map(move |w| format!("{prefix}{w}"));
    let person = (
        word("Zq"),
        word("Zq"),
        proptest::option::weighted(0.8, 0usize..4),
        // A few people with no group yet, and a few chairs.
        proptest::option::weighted(0.9, 0usize..5),
        proptest::bool::weighted(0.15),
    );
    let note = (
        proptest::collection::vec((0usize..5, proptest::bool::weighted(0.3)), 0..3),
        any::<bool>(),
        any::<bool>(),
        proptest::option::weighted(0.15, (0usize..12, any::<bool>())),
    );
    let turn = (
        0usize..12,
        any::<bool>(),
        proptest::collection::vec(note, 0..4),
    );
    (
        proptest::collection::vec(any::<bool>(), 1..=5),
        proptest::collection::vec(word("Xv"), 4),
        proptest::collection::vec(person, 1..12),
        1usize..=5,
        proptest::collection::vec(turn, 0..24),
    )
        .prop_map(|(counts, affiliations, people, priorities, turns)| {
            let groups: Vec<Group> = gfmd_groups()
                .into_iter()
                .zip(&counts)
                .map(|(g, &c)| Group {
                    counts_for_convergence: c,
                    ..g
                })
                .collect();
            let mut f = Fixture::with_groups(groups.clone());
            let mut names = Vec::new();
            for (i, (first, last, affiliation, group, chair)) in people.iter().enumerate() {
                let name = format!("{first} {last}");
                let affiliation = affiliation.map_or(String::new(), |a| affiliations[a].clone());
                let group = group.map_or("", |g| groups[g % groups.len()].id.as_str());
                f.person(&format!("p{i}"), &name, &affiliation, group);
                if *chair {
                    f.chair(&format!("p{i}"));
                }
                names.push((name, affiliation));
            }
            for p in 0..priorities {
                f.priority(&format!("t{p}"), &format!("Priority number {p}"));
            }
            for (who, chat, notes) in turns {
                let who = format!("p{}", who % people.len());
                f.turn(&who, if chat { Channel::Chat } else { Channel::Floor });
                for (tags, quote, emphasis, mention) in notes {
                    let mut supports: Vec<String> = Vec::new();
                    let mut opposes: Vec<String> = Vec::new();
                    for &(t, against) in tags.iter().filter(|(t, _)| *t < priorities) {
                        let tag = format!("t{t}");
                        if supports.contains(&tag) || opposes.contains(&tag) {
                            continue;
                        }
                        if against { &mut opposes } else { &mut supports }.push(tag);
                    }
                    let tags: Vec<&str> = supports.iter().map(String::as_str).collect();
                    let opposes: Vec<&str> = opposes.iter().map(String::as_str).collect();
                    let mut text = "a point about wages and borders".to_string();
                    if let Some((p, by_affiliation)) = mention {
                        let (name, affiliation) = &names[p % names.len()];
                        let mention = if by_affiliation && !affiliation.is_empty() {
                            affiliation
                        } else {
                            name
                        };
                        text = format!("{text}, as {mention} said");
                    }
                    let kind = if quote {
                        NoteKind::Quote
                    } else {
                        NoteKind::Point
                    };
                    f.stanced(kind, emphasis, &tags, &opposes, &text);
                }
            }
            f.session
        })
}
