use super::*;

fn person(id: &str, name: &str, affiliation: &str) -> Participant {
    Participant {
        id: id.into(),
        name: name.into(),
        affiliation: affiliation.into(),
        group: "g".into(),
        role: None,
        chair: false,
    }
}

fn priority(id: &str, title: &str) -> Priority {
    Priority {
        id: id.into(),
        title: title.into(),
        description: None,
    }
}

fn session() -> Session {
    Session {
        participants: vec![
            person("amina-diallo", "Amina Diallo", "Senegal"),
            person("omar-haddad", "Omar Haddad", "Morocco"),
            person("omar-benali", "Omar Benali", "Morocco"),
            person("lena-fischer", "Lena Fischer", "City of Dakar"),
        ],
        priorities: vec![
            priority("recruitment", "Fix recruitment practices"),
            priority("health", "Open health services to all"),
        ],
        ..Session::default()
    }
}

/// A roster of accented names, namesakes and names sharing first names and surname prefixes.
fn hard_roster() -> Session {
    Session {
        participants: vec![
            person("maria-garcia", "María García", "Tenants' Union"),
            person("maria-rossi", "Maria Rossi", "City of Turin"),
            person("jose-nunez", "José Núñez", "Ministry of Labour"),
            person("siobhan-oconnor", "Siobhán O'Connor", "Dublin City Council"),
            person("jurgen-weiss", "Jürgen Weiß", "Germany"),
            person("priya-raman", "Priya Raman", "Chennai Council"),
            person("anna-lindqvist", "Anna Lindqvist", "Sweden"),
            person("anna-lindgren", "Anna Lindgren", "Sweden"),
            person("nguyen-van-an", "Nguyễn Văn An", "Viet Nam"),
            person("lars-moller", "Lars Møller", "Denmark"),
            person("chen-wei", "Chen Wei", "China"),
            person("chen-wei-2", "Chen Wei", "Singapore"),
        ],
        priorities: vec![
            priority("homes", "Build more homes near transit"),
            priority("affordable-stock", "Protect the affordable stock"),
            priority("rent-control", "Cap rent rises"),
            priority("repairs", "Make landlords do repairs"),
        ],
        ..Session::default()
    }
}

fn found(r: Resolution<'_, Participant>) -> (&str, Matched) {
    match r {
        Resolution::Found(p, how) => (&p.id, how),
        other => panic!("expected a match, got {other:?}"),
    }
}

fn who(s: &Session, typed: &str) -> String {
    match Resolver::default().participant(s, typed) {
        Resolution::Found(p, _) => p.id.clone(),
        Resolution::Ambiguous(c) => format!(
            "ambiguous: {}",
            c.iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Resolution::Unknown(_) => "unknown".into(),
    }
}

fn tag(s: &Session, typed: &str) -> String {
    match Resolver::default().priority(s, typed) {
        Resolution::Found(p, _) => p.id.clone(),
        Resolution::Ambiguous(c) => format!("ambiguous: {}", c.len()),
        Resolution::Unknown(_) => "unknown".into(),
    }
}

#[test]
fn exact_then_prefix() {
    let s = session();
    let r = Resolver::default();
    assert_eq!(
        found(r.participant(&s, "amina diallo")),
        ("amina-diallo", Matched::Exact)
    );
    assert_eq!(
        found(r.participant(&s, "OMAR-HADDAD")),
        ("omar-haddad", Matched::Exact)
    );
    assert_eq!(found(r.participant(&s, "Senegal")).0, "amina-diallo");
    assert_eq!(
        found(r.participant(&s, "amina")),
        ("amina-diallo", Matched::Prefix)
    );
    assert_eq!(found(r.participant(&s, "om had")).0, "omar-haddad");
    assert_eq!(found(r.participant(&s, "dakar")).0, "lena-fischer");
}

#[test]
fn a_subsequence_never_decides() {
    let s = session();
    let r = Resolver::default();
    // Letters scattered through a name rank the popup, but a line typed so is not a match.
    assert!(matches!(
        r.participant(&s, "lfschr"),
        Resolution::Unknown(_)
    ));
    assert_eq!(r.rank(&s.participants, "lfschr", 3)[0].id, "lena-fischer");
}

#[test]
fn ambiguous_and_unknown_names_give_candidates() {
    let s = session();
    let r = Resolver::default();
    match r.participant(&s, "omar") {
        Resolution::Ambiguous(c) => assert_eq!(c.len(), 2),
        other => panic!("{other:?}"),
    }
    match r.participant(&s, "morocco") {
        Resolution::Ambiguous(c) => assert_eq!(c.len(), 2),
        other => panic!("{other:?}"),
    }
    assert_eq!(r.participant(&s, "zzz"), Resolution::Unknown(vec![]));
}

#[test]
fn accents_case_and_punctuation_fold() {
    let s = hard_roster();
    assert_eq!(who(&s, "Maria Garcia"), "maria-garcia");
    assert_eq!(who(&s, "maria garc"), "maria-garcia");
    assert_eq!(who(&s, "garcia"), "maria-garcia");
    assert_eq!(who(&s, "Nunez"), "jose-nunez");
    assert_eq!(who(&s, "Siobhan"), "siobhan-oconnor");
    assert_eq!(who(&s, "siobhan oconnor"), "siobhan-oconnor");
    assert_eq!(who(&s, "jurg"), "jurgen-weiss");
    assert_eq!(who(&s, "jurgen"), "jurgen-weiss");
    assert_eq!(who(&s, "weiss"), "jurgen-weiss");
    assert_eq!(who(&s, "Nguyen"), "nguyen-van-an");
    assert_eq!(who(&s, "Moller"), "lars-moller");
}

#[test]
fn a_shared_first_name_is_never_guessed() {
    let s = hard_roster();
    assert_eq!(who(&s, "maria"), "ambiguous: maria-garcia, maria-rossi");
    assert!(who(&s, "anna lind").starts_with("ambiguous"));
    assert_eq!(who(&s, "anna lindq"), "anna-lindqvist");
    // Namesakes: the same name twice is nobody's exact match.
    assert!(who(&s, "Chen Wei").starts_with("ambiguous"));
    assert_eq!(who(&s, "chen-wei-2"), "chen-wei-2");
}

#[test]
fn close_typos_find_the_one_person_meant() {
    let s = hard_roster();
    let r = Resolver::default();
    assert_eq!(
        found(r.participant(&s, "Siobahn O'Conor")),
        ("siobhan-oconnor", Matched::Close)
    );
    assert_eq!(
        found(r.participant(&s, "Priya Ramen")),
        ("priya-raman", Matched::Close)
    );
    assert_eq!(found(r.participant(&s, "Lindquist")).0, "anna-lindqvist");
    // Too far, or too short to tell a typo from another name.
    assert_eq!(who(&s, "Priya Rmnaxx"), "unknown");
    assert_eq!(who(&s, "Wen"), "unknown");
    // Close to two people: never one of them.
    assert!(who(&s, "Chan").starts_with("ambiguous"));
}

#[test]
fn tags_resolve_on_id_and_title() {
    let s = session();
    assert_eq!(tag(&s, "recruitment"), "recruitment");
    assert_eq!(tag(&s, "recruit"), "recruitment");
    assert_eq!(tag(&s, "health"), "health");
    assert_eq!(tag(&s, "fix"), "recruitment");
    assert_eq!(tag(&s, "recruitmnet"), "recruitment");
    assert_eq!(tag(&s, "xyzzy"), "unknown");
}

#[test]
fn a_new_tag_is_not_taken_for_a_title_it_only_resembles() {
    let s = hard_roster();
    // "data" is no word of "Build more homes near transit": nothing matches.
    assert_eq!(tag(&s, "data"), "unknown");
    assert_eq!(tag(&s, "afford"), "affordable-stock");
    assert_eq!(tag(&s, "rentcontrol"), "rent-control");
    assert_eq!(tag(&s, "Rent_Control"), "rent-control");
    assert_eq!(tag(&s, "repair"), "repairs");
}

#[test]
fn ranking_puts_prefixes_first() {
    let s = session();
    let r = Resolver::default();
    let ranked = r.rank(&s.participants, "om", 10);
    assert!(ranked.len() >= 2);
    assert!(ranked[..2].iter().all(|p| p.name.starts_with("Omar")));
    assert_eq!(r.rank(&s.participants, "", 3).len(), 3);
}

#[test]
fn the_popup_offers_everyone_a_folded_prefix_fits() {
    let s = hard_roster();
    let r = Resolver::default();
    let ids = |q| {
        r.rank(&s.participants, q, 8)
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>()
    };
    let maria = ids("maria");
    assert_eq!(&maria[..2], ["maria-garcia", "maria-rossi"]);
    assert_eq!(ids("jurg")[0], "jurgen-weiss");
    assert_eq!(ids("garcia")[0], "maria-garcia");
}
