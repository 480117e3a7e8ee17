//! `edit --in LANG`: the meeting's words in a report language, given with the options
//! that set them in English (`--title`, `--theme`, `--format`, `--focus`, `--group`,
//! `--priority`), kept in the session's translation for `export --lang`.

use crate::edit::Edit;
use crate::export::Language;
use crate::model::{Gender, GroupWords, Session, Translation, slugify};

use super::Failure;
use super::setup::{Plan, SetupArgs, split_spec};

/// The report language `--in` names, never English (what the options set without it).
fn language(text: &str) -> Result<Language, Failure> {
    match Language::parse(text) {
        Some(Language::English) => Err(Failure(format!(
            "--in {text}: English is what the options set without --in; drop --in"
        ))),
        Some(language) => Ok(language),
        None => {
            let others: Vec<String> = Language::ALL
                .iter()
                .filter(|l| **l != Language::English)
                .map(|l| format!("{} (--in {})", l.name(), l.tag()))
                .collect();
            Err(Failure(format!(
                "--in {text}: reports are written in English, or in {}",
                crate::export::join(&others)
            )))
        }
    }
}

/// Whether `args` sets anything `--in` does not translate.
fn untranslatable(args: &SetupArgs) -> Option<&'static str> {
    [
        (args.date.is_some(), "--date"),
        (args.opens.is_some(), "--opens"),
        (args.closes.is_some(), "--closes"),
        (!args.languages.is_empty(), "--language"),
        (!args.not_counting.is_empty(), "--not-counting"),
        (!args.counting.is_empty(), "--counting"),
        (!args.remove_groups.is_empty(), "--remove-group"),
        (!args.chairs.is_empty(), "--chair"),
        (!args.not_chairs.is_empty(), "--not-chair"),
    ]
    .into_iter()
    .find_map(|(given, flag)| given.then_some(flag))
}

/// `ID:NAME[:SINGULAR:PLURAL:GENDER]`, the group in a report language: its name with the
/// article it takes in a sentence, its nouns and their gender (`m` or `f`).
fn group_words(session: &Session, spec: &str) -> Result<(String, GroupWords), Failure> {
    let parts: Vec<&str> = spec.split(':').map(str::trim).collect();
    let shape = "expected ID:NAME, or ID:NAME:SINGULAR:PLURAL:GENDER with the name as it reads \
                 in a sentence and the nouns' gender, m or f (as in \
                 civil-society:la société civile:organisation de la société civile:organisations \
                 de la société civile:f)";
    let (id, name, nouns) = match parts.as_slice() {
        [id, name] => (*id, *name, None),
        [id, name, singular, plural, gender] => (*id, *name, Some((*singular, *plural, *gender))),
        [_, _, _, _] => {
            return Err(Failure(format!(
                "--group {spec:?}: give the nouns' gender too, m or f ({shape})"
            )));
        }
        _ => return Err(Failure(format!("--group {spec:?}: {shape}"))),
    };
    let id = slugify(id);
    if session.group(&id).is_none() {
        return Err(Failure(format!(
            "--group {spec:?}: the session has no group {id:?}; add it in English first \
             (`--group {id}:NAME`), then give its words with --in"
        )));
    }
    if name.is_empty() {
        return Err(Failure(format!("--group {spec:?}: {shape}")));
    }
    let mut words = GroupWords {
        name: name.to_string(),
        ..GroupWords::default()
    };
    if let Some((singular, plural, gender)) = nouns {
        words.gender = match gender.to_lowercase().as_str() {
            "m" | "masculine" | "masculin" => Gender::Masculine,
            "f" | "feminine" | "féminin" | "feminin" => Gender::Feminine,
            _ => {
                return Err(Failure(format!(
                    "--group {spec:?}: the gender is {gender:?}; give m or f"
                )));
            }
        };
        if singular.is_empty() || plural.is_empty() {
            return Err(Failure(format!(
                "--group {spec:?}: give both nouns, the singular and the plural ({shape})"
            )));
        }
        words.singular = singular.to_string();
        words.plural = plural.to_string();
    }
    Ok((id, words))
}

/// The edit `args` stand for under `--in LANG`: the session's translation into that
/// language, changed by the options given.
pub fn plan(plan: &mut Plan, args: &SetupArgs, text: &str) -> Result<(), Failure> {
    let language = language(text)?;
    if let Some(flag) = untranslatable(args) {
        return Err(Failure(format!(
            "{flag} is the same in every language: give it without --in {text}"
        )));
    }
    let session = plan.session.clone();
    let tag = language.tag();
    let old = session
        .meta
        .translations
        .get(tag)
        .cloned()
        .unwrap_or_default();
    let mut t: Translation = old.clone();
    let mut said = Vec::new();
    for (field, value, what) in [
        (&mut t.title, &args.title, "title"),
        (&mut t.theme, &args.theme, "theme"),
        (&mut t.format, &args.format, "format"),
    ] {
        if let Some(value) = value.as_deref().map(str::trim)
            && field != value
        {
            *field = value.to_string();
            said.push(format!("the {what}"));
        }
    }
    if !args.focus_areas.is_empty() {
        let areas: Vec<String> = args
            .focus_areas
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        if areas != t.focus_areas {
            t.focus_areas = areas;
            said.push("the focus areas".to_string());
        }
    }
    for spec in &args.groups {
        let (id, words) = group_words(&session, spec)?;
        if t.groups.get(&id) != Some(&words) {
            t.groups.insert(id.clone(), words);
            said.push(format!("the group {id}"));
        }
    }
    for spec in &args.priorities {
        let (id, title) = split_spec(spec, "--priority", "ID:TITLE")?;
        if session.priority(&id).is_none() {
            return Err(Failure(format!(
                "--priority {spec:?}: the session has no priority {id:?}; add it in English \
                 first (`--priority {id}:TITLE`), then give its title with --in"
            )));
        }
        if t.priorities.get(&id) != Some(&title) {
            t.priorities.insert(id.clone(), title);
            said.push(format!("the priority #{id}"));
        }
    }
    if t != old {
        let mut meta = session.meta.clone();
        meta.translations.insert(tag.to_string(), t);
        let words = format!("set {} in {}", crate::export::join(&said), language.name());
        plan.apply(Edit::UpdateMeta(meta), words)?;
    }
    Ok(())
}
