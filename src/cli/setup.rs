//! Setting up a meeting from the command line: the options `new` and `edit` share,
//! turned into the edits they stand for, checked against the session as they go.

use crate::edit::Edit;
use crate::model::{Group, Meta, Participant, Priority, Session, slugify};
use crate::resolve::{Matched, Resolution, Resolver};

use super::{Failure, values};

/// The meeting's details, groups, priorities and chairs, as `new` and `edit` take them.
#[derive(Debug, Default, clap::Args)]
pub struct SetupArgs {
    /// Title of the meeting.
    #[arg(long)]
    pub title: Option<String>,
    /// Theme under discussion, as the report's introduction names it.
    #[arg(long)]
    pub theme: Option<String>,
    /// Date of the meeting, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    pub date: Option<jiff::civil::Date>,
    /// When the meeting opens, HH:MM from 00:00 to 23:59 (for the report's account of the time).
    #[arg(long, value_name = "HH:MM", value_parser = values::time_of_day)]
    pub opens: Option<crate::clock::Clock>,
    /// When the meeting closes, HH:MM from 00:00 to 23:59.
    #[arg(long, value_name = "HH:MM", value_parser = values::time_of_day)]
    pub closes: Option<crate::clock::Clock>,
    /// Format, as the introduction says it: "two-hour on-line breakout session".
    #[arg(long, value_name = "TEXT")]
    pub format: Option<String>,
    /// A language of the meeting or its interpretation (repeatable; the ones given replace
    /// the list, and `--language=` alone empties it).
    #[arg(long = "language", value_name = "LANGUAGE")]
    pub languages: Vec<String>,
    /// A focus area of the meeting (repeatable; the ones given replace the list, and
    /// `--focus=` alone empties it).
    #[arg(long = "focus", value_name = "AREA")]
    pub focus_areas: Vec<String>,
    /// A group, as ID:NAME or ID:NAME:SINGULAR:PLURAL with the nouns for the entities it
    /// holds (repeatable). Without --template, the session has only these groups; with
    /// `edit`, an existing id is renamed (and given these nouns).
    #[arg(long = "group", value_name = "ID:NAME[:SINGULAR:PLURAL]")]
    pub groups: Vec<String>,
    /// A group that does not count toward convergence, such as observers (id, name or noun; repeatable).
    #[arg(long = "not-counting", value_name = "GROUP")]
    pub not_counting: Vec<String>,
    /// A group that counts toward convergence again (repeatable).
    #[arg(long = "counting", value_name = "GROUP")]
    pub counting: Vec<String>,
    /// Remove a group nobody on the roster is in (repeatable).
    #[arg(long = "remove-group", value_name = "GROUP")]
    pub remove_groups: Vec<String>,
    /// A priority, as ID:TITLE (repeatable); with `edit`, an existing id gets the new title.
    #[arg(long = "priority", value_name = "ID:TITLE")]
    pub priorities: Vec<String>,
    /// Mark a participant as chairing: their turns with no tagged note are procedural (repeatable).
    #[arg(long = "chair", value_name = "NAME")]
    pub chairs: Vec<String>,
    /// Take back a chair mark given with --chair (repeatable).
    #[arg(long = "not-chair", value_name = "NAME")]
    pub not_chairs: Vec<String>,
    /// Give --title, --theme, --format, --focus, --group and --priority in this report
    /// language (`fr`) instead of English, for `export --lang`: a group as
    /// ID:NAME[:SINGULAR:PLURAL:GENDER], its name as it reads in a sentence ("la société
    /// civile"), the gender of its nouns m or f; the format with its article ("la séance").
    #[arg(long = "in", value_name = "LANG")]
    pub in_language: Option<String>,
}

/// What the options ask of a session: the edits, and each change in words.
#[derive(Debug, Default)]
pub struct Plan {
    /// The edits, in the order they apply.
    pub edits: Vec<Edit>,
    /// What each change does, in words ("added the group residents (Residents)").
    pub said: Vec<String>,
    /// What was taken as what, when a name was not typed exactly.
    pub chose: Vec<String>,
    /// The session with the edits applied.
    pub session: Session,
}

/// Whether a clash with what the session has is an error naming its template (`new`),
/// or a change to it (`edit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode<'a> {
    /// `rapporteur new`, from this template (`None`: no template, only the groups given).
    New(Option<&'a str>),
    /// `rapporteur edit`.
    Edit,
}

impl Plan {
    /// Applies `edit` to the planned session and records it with what it does, in words.
    pub(super) fn apply(&mut self, edit: Edit, said: String) -> Result<(), Failure> {
        self.session
            .apply(edit.clone())
            .map_err(|e| Failure(e.to_string()))?;
        self.edits.push(edit);
        self.said.push(said);
        Ok(())
    }
}

/// A `--group` value: `ID:NAME` or `ID:NAME:SINGULAR:PLURAL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpec {
    /// The id, made a slug.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The nouns for one and several entities, when given.
    pub nouns: Option<(String, String)>,
}

/// Reads `ID:NAME[:SINGULAR:PLURAL]`.
pub fn group_spec(spec: &str) -> Result<GroupSpec, Failure> {
    let parts: Vec<&str> = spec.split(':').map(str::trim).collect();
    let shape = "expected ID:NAME, or ID:NAME:SINGULAR:PLURAL with the nouns for one and \
                 several of its entities (as in ngo:Community organisations:community \
                 organisation:community organisations)";
    let (id, name, nouns) = match parts.as_slice() {
        [id, name] => (id, name, None),
        [id, name, singular, plural] if !singular.is_empty() && !plural.is_empty() => {
            (id, name, Some((singular.to_string(), plural.to_string())))
        }
        [_, _, _] => {
            return Err(Failure(format!(
                "--group {spec:?}: give both nouns, the singular and the plural ({shape})"
            )));
        }
        _ => return Err(Failure(format!("--group {spec:?}: {shape}"))),
    };
    let id = slugify(id);
    if id.is_empty() || name.is_empty() {
        return Err(Failure(format!("--group {spec:?}: {shape}")));
    }
    Ok(GroupSpec {
        id,
        name: name.to_string(),
        nouns,
    })
}

/// Splits `ID:TEXT`; the id is made a slug, the text is kept as written.
pub fn split_spec(spec: &str, flag: &str, shape: &str) -> Result<(String, String), Failure> {
    let (id, text) = spec
        .split_once(':')
        .map(|(i, t)| (slugify(i), t.trim().to_string()))
        .filter(|(i, t)| !i.is_empty() && !t.is_empty())
        .ok_or_else(|| Failure(format!("{flag} {spec:?}: expected {shape}")))?;
    Ok((id, text))
}

/// The edits `args` stand for on `session`, each checked as it is made.
pub fn plan(session: &Session, args: &SetupArgs, mode: Mode) -> Result<Plan, Failure> {
    let mut plan = Plan {
        session: session.clone(),
        ..Plan::default()
    };
    if let Some(language) = &args.in_language {
        super::translate::plan(&mut plan, args, language)?;
        return Ok(plan);
    }
    for text in &args.remove_groups {
        let id = group_named(&plan.session, "--remove-group", text)?;
        plan.apply(
            Edit::RemoveGroup(id.clone()),
            format!("removed the group {id}"),
        )
        .map_err(|e| Failure(format!("--remove-group {text}: {}", e.0)))?;
    }
    groups(&mut plan, &args.groups, mode)?;
    for (texts, counts, flag) in [
        (&args.not_counting, false, "--not-counting"),
        (&args.counting, true, "--counting"),
    ] {
        for text in texts {
            let id = group_named(&plan.session, flag, text)?;
            let group = plan.session.group(&id).expect("found above").clone();
            if group.counts_for_convergence != counts {
                let said = if counts {
                    format!("{id} counts toward convergence")
                } else {
                    format!("{id} does not count toward convergence")
                };
                plan.apply(
                    Edit::UpdateGroup(Group {
                        counts_for_convergence: counts,
                        ..group
                    }),
                    said,
                )?;
            }
        }
    }
    priorities(&mut plan, &args.priorities, mode)?;
    meta(&mut plan, args)?;
    chairs(&mut plan, args)?;
    Ok(plan)
}

/// The group an option names: exactly its id, name or noun.
fn group_named(session: &Session, flag: &str, text: &str) -> Result<String, Failure> {
    crate::import::groups::option_group(&session.groups, flag, text).map_err(Failure)
}

fn groups(plan: &mut Plan, specs: &[String], mode: Mode) -> Result<(), Failure> {
    let mut given: Vec<(&String, GroupSpec)> = Vec::new();
    for spec in specs {
        let parsed = group_spec(spec)?;
        if let Some((other, _)) = given.iter().find(|(_, g)| g.id == parsed.id) {
            return Err(Failure(format!(
                "--group {spec:?} and --group {other:?} both give the group id {:?}; give each group once",
                parsed.id
            )));
        }
        given.push((spec, parsed));
    }
    for (spec, g) in given {
        let existing = plan.session.group(&g.id).cloned();
        match (existing, mode) {
            (Some(old), Mode::New(template)) => {
                let from = template.map_or_else(
                    || "the session".to_string(),
                    |t| format!("the template {t}"),
                );
                return Err(Failure(format!(
                    "--group {spec:?}: {from} has a group {:?} ({}) already; leave this --group out, \
                     or change that group once the file exists with `rapporteur edit FILE --group {}:NAME`",
                    old.id, old.name, old.id
                )));
            }
            (Some(old), Mode::Edit) => {
                let (singular, plural) = g
                    .nouns
                    .clone()
                    .unwrap_or((old.singular.clone(), old.plural.clone()));
                let new = Group {
                    name: g.name.clone(),
                    singular,
                    plural,
                    ..old.clone()
                };
                if new != old {
                    let said = format!("changed the group {} ({})", new.id, describe(&new));
                    plan.apply(Edit::UpdateGroup(new), said)?;
                }
            }
            (None, _) => {
                let (singular, plural) = g.nouns.clone().unwrap_or_default();
                let group = Group {
                    id: g.id.clone(),
                    name: g.name.clone(),
                    singular,
                    plural,
                    counts_for_convergence: true,
                };
                let said = format!("added the group {} ({})", group.id, describe(&group));
                plan.apply(Edit::AddGroup { index: None, group }, said)?;
            }
        }
    }
    Ok(())
}

/// "Residents; resident, residents", or "Residents; no nouns: its people are counted".
fn describe(group: &Group) -> String {
    if group.has_nouns() {
        format!("{}; {}, {}", group.name, group.singular, group.plural)
    } else {
        format!("{}; no nouns, so the report counts its people", group.name)
    }
}

fn priorities(plan: &mut Plan, specs: &[String], mode: Mode) -> Result<(), Failure> {
    let mut given: Vec<(&String, String)> = Vec::new();
    for spec in specs {
        let (id, title) = split_spec(spec, "--priority", "ID:TITLE")?;
        if let Some((other, _)) = given.iter().find(|(_, i)| *i == id) {
            return Err(Failure(format!(
                "--priority {spec:?} and --priority {other:?} both give the priority id {id:?}; give each once"
            )));
        }
        given.push((spec, id.clone()));
        match (plan.session.priority(&id).cloned(), mode) {
            (Some(old), Mode::New(template)) => {
                let from = template.map_or_else(
                    || "the session".to_string(),
                    |t| format!("the template {t}"),
                );
                return Err(Failure(format!(
                    "--priority {spec:?}: {from} has a priority {id:?} (“{}”) already; rename it once \
                     the file exists with `rapporteur edit FILE --priority {id}:TITLE`",
                    old.title
                )));
            }
            (Some(old), Mode::Edit) if old.title != title => {
                let said = format!("renamed the priority #{id} “{title}”");
                plan.apply(Edit::UpdatePriority(Priority { title, ..old }), said)?;
            }
            (Some(_), Mode::Edit) => {}
            (None, _) => {
                let said = format!("added the priority #{id} “{title}”");
                plan.apply(
                    Edit::AddPriority(Priority {
                        id,
                        title,
                        description: None,
                    }),
                    said,
                )?;
            }
        }
    }
    Ok(())
}

/// A list option: the values given, or none for a single empty value.
fn list(values: &[String]) -> Option<Vec<String>> {
    if values.is_empty() {
        return None;
    }
    Some(
        values
            .iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect(),
    )
}

fn meta(plan: &mut Plan, args: &SetupArgs) -> Result<(), Failure> {
    let old = plan.session.meta.clone();
    let mut meta: Meta = old.clone();
    let mut said = Vec::new();
    let mut set = |field: &mut String, value: &Option<String>, what: &str| {
        if let Some(value) = value
            && field.as_str() != value.trim()
        {
            *field = value.trim().to_string();
            said.push(format!("the {what}"));
        }
    };
    set(&mut meta.title, &args.title, "title");
    set(&mut meta.theme, &args.theme, "theme");
    set(&mut meta.format, &args.format, "format");
    set(&mut meta.date, &args.date.map(|d| d.to_string()), "date");
    if let Some(opens) = args.opens.filter(|o| meta.opens != Some(*o)) {
        meta.opens = Some(opens);
        said.push("the opening time".into());
    }
    if let Some(closes) = args.closes.filter(|c| meta.closes != Some(*c)) {
        meta.closes = Some(closes);
        said.push("the closing time".into());
    }
    if let (Some(o), Some(c)) = (meta.opens, meta.closes)
        && c < o
    {
        return Err(Failure(format!(
            "the meeting would close ({c}) before it opens ({o}); give --opens and --closes in order"
        )));
    }
    if let Some(languages) = list(&args.languages).filter(|l| *l != meta.languages) {
        meta.languages = languages;
        said.push("the languages".into());
    }
    if let Some(areas) = list(&args.focus_areas).filter(|a| *a != meta.focus_areas) {
        meta.focus_areas = areas;
        said.push("the focus areas".into());
    }
    // A translation of what changed in English no longer says it: it is taken out, and said.
    let cleared: Vec<String> = meta
        .forget_stale_translations(&old)
        .into_iter()
        .map(|(tag, what)| {
            format!("its {tag} {what} no longer matches: give it again with --in {tag} --{what}")
        })
        .collect();
    if meta != old {
        let said = format!("set {}", crate::export::join(&said));
        plan.apply(Edit::UpdateMeta(meta), said)?;
    }
    plan.said.extend(cleared);
    Ok(())
}

fn chairs(plan: &mut Plan, args: &SetupArgs) -> Result<(), Failure> {
    let resolver = Resolver::default();
    for (names, chair, flag) in [
        (&args.chairs, true, "--chair"),
        (&args.not_chairs, false, "--not-chair"),
    ] {
        for typed in names {
            let who = participant(plan, &resolver, flag, typed)?;
            if !chair && who.role.as_deref().is_some_and(crate::model::is_chair_role) {
                return Err(Failure(format!(
                    "{flag} {typed:?}: {} chairs by their role (“{}”), not by a mark; change the role \
                     on the roster",
                    who.name,
                    who.role.as_deref().unwrap_or_default()
                )));
            }
            if who.chair != chair {
                let said = if chair {
                    format!("marked {} as chair", who.name)
                } else {
                    format!("took back the chair mark of {}", who.name)
                };
                plan.apply(Edit::UpdateParticipant(Participant { chair, ..who }), said)?;
            }
        }
    }
    Ok(())
}

/// The participant `typed` names, by the one rule; a match that was not exact is said.
fn participant(
    plan: &mut Plan,
    resolver: &Resolver,
    flag: &str,
    typed: &str,
) -> Result<Participant, Failure> {
    let ids = |c: &[&Participant]| {
        c.iter()
            .map(|p| format!("{} ({})", p.id, p.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match resolver.participant(&plan.session, typed) {
        Resolution::Found(p, Matched::Exact) => Ok(p.clone()),
        Resolution::Found(p, how) => {
            let how = match how {
                Matched::Prefix => "by word prefix",
                _ => "as a close typo",
            };
            plan.chose.push(format!(
                "{flag} {typed:?} taken {how} as {} ({})",
                p.name, p.id
            ));
            Ok(p.clone())
        }
        Resolution::Ambiguous(c) => Err(Failure(format!(
            "{flag} {typed:?} matches several participants: {}; give more of the name, or the id",
            ids(&c)
        ))),
        Resolution::Unknown(c) if c.is_empty() => Err(Failure(format!(
            "{flag} {typed:?}: nobody on the roster has that name{}",
            if plan.session.participants.is_empty() {
                " (the roster is empty: import it first with `rapporteur import roster`)"
            } else {
                ""
            }
        ))),
        Resolution::Unknown(c) => Err(Failure(format!(
            "{flag} {typed:?}: nobody on the roster has that name (nearest: {})",
            ids(&c)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_specs_with_and_without_nouns() {
        assert_eq!(
            group_spec(
                "ngo:Community organisations:community organisation:community organisations"
            )
            .unwrap(),
            GroupSpec {
                id: "ngo".into(),
                name: "Community organisations".into(),
                nouns: Some((
                    "community organisation".into(),
                    "community organisations".into()
                )),
            }
        );
        let plain = group_spec("Civil Society: NGOs").unwrap();
        assert_eq!(
            (plain.id.as_str(), plain.name.as_str(), plain.nouns),
            ("civil-society", "NGOs", None)
        );
        for bad in ["nocolon", ":x", "a:b:c", "a:b:c:", "a:b:c:d:e", "a:"] {
            assert!(group_spec(bad).is_err(), "{bad}");
        }
        assert!(
            group_spec("a:b:c")
                .unwrap_err()
                .0
                .contains("give both nouns")
        );
    }

    #[test]
    fn specs() {
        assert_eq!(
            split_spec("Civil Society: NGOs", "--group", "ID:NAME").unwrap(),
            ("civil-society".to_string(), "NGOs".to_string())
        );
        assert!(split_spec("nocolon", "--group", "ID:NAME").is_err());
        assert!(split_spec(":x", "--group", "ID:NAME").is_err());
    }
}
