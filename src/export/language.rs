//! The language a report is written in, and the meeting as that language says it: its
//! details, groups and priorities taken from the session's translation, and the gender
//! of each group's nouns, which the words agreeing with them follow.

use std::collections::HashSet;

use crate::model::{Gender, Group, Session};

/// A language the report's sentences, headings and labels can be written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Language {
    /// English, the default.
    #[default]
    English,
    /// French.
    French,
}

impl Language {
    /// Every report language, in the order `--lang` lists them.
    pub const ALL: [Language; 2] = [Language::English, Language::French];

    /// The BCP 47 tag: `en`, `fr`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }

    /// The language's name in English: "English", "French".
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "French",
        }
    }

    /// The report language a tag or a name stands for: `fr`, "French", "Français".
    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_lowercase().as_str() {
            "en" | "english" | "anglais" => Some(Language::English),
            "fr" | "french" | "français" | "francais" => Some(Language::French),
            t if t.starts_with("en-") => Some(Language::English),
            t if t.starts_with("fr-") => Some(Language::French),
            _ => None,
        }
    }

    /// The report language a meeting's languages suggest: English when the meeting ran in
    /// English or in no language a report is written in, else the first that is one.
    pub fn of_meeting(languages: &[String]) -> Language {
        let known: Vec<Language> = languages.iter().filter_map(|l| Self::parse(l)).collect();
        if known.contains(&Language::English) {
            return Language::English;
        }
        known.first().copied().unwrap_or_default()
    }
}

/// The report's language with what its agreement needs to know of the meeting.
#[derive(Debug, Clone, Default)]
pub struct Lang {
    /// The language written.
    pub language: Language,
    /// Ids of the groups whose nouns are feminine.
    feminine: HashSet<String>,
}

impl Lang {
    /// English, which needs no genders.
    pub fn english() -> Lang {
        Lang::default()
    }

    /// `language`, with the genders of `session`'s groups in it.
    pub fn of(language: Language, session: &Session) -> Lang {
        let feminine = session
            .meta
            .translations
            .get(language.tag())
            .map(|t| {
                t.groups
                    .iter()
                    .filter(|(_, w)| w.gender == Gender::Feminine)
                    .map(|(id, _)| id.clone())
                    .collect()
            })
            .unwrap_or_default();
        Lang { language, feminine }
    }

    /// Whether the report is in French.
    pub fn fr(&self) -> bool {
        self.language == Language::French
    }

    /// Whether `group`'s nouns are feminine.
    pub fn feminine(&self, group: &Group) -> bool {
        self.feminine.contains(&group.id)
    }
}

/// What a translation lacks for a report in `language`: the groups without their words,
/// and the priorities without a title, as ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Untranslated {
    /// Groups the report would name in English.
    pub groups: Vec<String>,
    /// Priorities whose English title the report would print.
    pub priorities: Vec<String>,
    /// Whether the meeting's format is said in English.
    pub format: bool,
}

impl Untranslated {
    /// Whether nothing is missing.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.priorities.is_empty() && !self.format
    }
}

/// What `session` lacks to be said wholly in `language`.
pub fn untranslated(session: &Session, language: Language) -> Untranslated {
    if language == Language::English {
        return Untranslated::default();
    }
    let empty = Default::default();
    let t = session
        .meta
        .translations
        .get(language.tag())
        .unwrap_or(&empty);
    Untranslated {
        groups: session
            .groups
            .iter()
            .filter(|g| !t.groups.contains_key(&g.id))
            .map(|g| g.id.clone())
            .collect(),
        // A meeting held in the language may have its priorities titled in it already.
        priorities: if held_in(session, language) {
            Vec::new()
        } else {
            session
                .priorities
                .iter()
                .filter(|p| !t.priorities.contains_key(&p.id))
                .map(|p| p.id.clone())
                .collect()
        },
        format: t.format.is_empty() && !session.meta.format.trim().is_empty(),
    }
}

/// Whether `language` is among the meeting's languages.
fn held_in(session: &Session, language: Language) -> bool {
    session
        .meta
        .languages
        .iter()
        .any(|l| Language::parse(l) == Some(language))
}

/// Whether `session` has words in `language` to say in place of its own.
pub fn has_translation(session: &Session, language: Language) -> bool {
    language != Language::English && session.meta.translations.contains_key(language.tag())
}

/// Puts into `session` what a report in `language` says: the translation's title, theme,
/// format, focus areas, group names and nouns and priority titles in place of the English
/// ones. What the translation leaves out stays as the session has it; notes and remarks
/// stay as typed.
pub fn translate(session: &mut Session, language: Language) {
    let Some(t) = session.meta.translations.get(language.tag()).cloned() else {
        return;
    };
    let meta = &mut session.meta;
    for (field, words) in [
        (&mut meta.title, &t.title),
        (&mut meta.theme, &t.theme),
        (&mut meta.format, &t.format),
    ] {
        if !words.trim().is_empty() {
            field.clone_from(words);
        }
    }
    if !t.focus_areas.is_empty() {
        meta.focus_areas.clone_from(&t.focus_areas);
    }
    for g in &mut session.groups {
        if let Some(w) = t.groups.get(&g.id) {
            g.name.clone_from(&w.name);
            g.singular.clone_from(&w.singular);
            g.plural.clone_from(&w.plural);
        }
    }
    for p in &mut session.priorities {
        if let Some(title) = t.priorities.get(&p.id) {
            p.title.clone_from(title);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meeting_suggests_the_report_language() {
        let l = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Language::of_meeting(&l(&["English", "French"])),
            Language::English
        );
        assert_eq!(
            Language::of_meeting(&l(&["Français", "English"])),
            Language::English
        );
        assert_eq!(Language::of_meeting(&l(&["Français"])), Language::French);
        assert_eq!(
            Language::of_meeting(&l(&["Arabic", "French"])),
            Language::French
        );
        assert_eq!(Language::of_meeting(&l(&["Arabic"])), Language::English);
        assert_eq!(Language::of_meeting(&[]), Language::English);
    }
}
