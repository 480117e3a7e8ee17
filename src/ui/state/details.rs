//! The meeting's details in one form: title, theme, date, times, format, languages,
//! focus areas, each group with its nouns and whether it counts, and the priorities.
//! Saved as one change; what does not read is said with its field, and nothing is lost.

use super::line::LineInput;
use crate::action::Action;
use crate::clock::{Clock, parse_date};
use crate::edit::Edit;
use crate::model::{Group, Meta, Priority, Session, slugify};

/// What a field of the form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// One of the meeting's details.
    Meta(MetaField),
    /// A group, by id: `Name | singular | plural | counts` (counts: yes or no).
    Group(String),
    /// A priority, by id: its title.
    Priority(String),
    /// A new group: `id | Name | singular | plural | counts`.
    NewGroup,
    /// A new priority: `#id Title`.
    NewPriority,
}

/// The meeting's details the form shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    /// The meeting's title.
    Title,
    /// Its theme.
    Theme,
    /// Its date, `YYYY-MM-DD`.
    Date,
    /// When it opened, `HH:MM`.
    Opens,
    /// When it closed, `HH:MM`.
    Closes,
    /// Its format, e.g. "two-hour on-line breakout session".
    Format,
    /// Its languages, separated by commas.
    Languages,
    /// Its focus areas, separated by semicolons.
    Focus,
}

impl MetaField {
    const ALL: [MetaField; 8] = [
        MetaField::Title,
        MetaField::Theme,
        MetaField::Date,
        MetaField::Opens,
        MetaField::Closes,
        MetaField::Format,
        MetaField::Languages,
        MetaField::Focus,
    ];

    /// The field's label.
    pub fn label(self) -> &'static str {
        match self {
            MetaField::Title => "Title",
            MetaField::Theme => "Theme",
            MetaField::Date => "Date",
            MetaField::Opens => "Opens",
            MetaField::Closes => "Closes",
            MetaField::Format => "Format",
            MetaField::Languages => "Languages",
            MetaField::Focus => "Focus areas",
        }
    }
}

/// The details form.
#[derive(Debug)]
pub struct Details {
    /// The fields, in order, each with its input.
    pub fields: Vec<(Field, LineInput)>,
    /// The field with the cursor.
    pub focus: usize,
    /// Why the last save was refused, and at which field.
    pub error: Option<(usize, String)>,
}

impl Details {
    /// The form filled from `session`.
    pub fn of(session: &Session) -> Details {
        let meta = &session.meta;
        let time = |c: Option<Clock>| c.map_or(String::new(), |c| c.to_string()[..5].to_string());
        let mut fields: Vec<(Field, LineInput)> = MetaField::ALL
            .iter()
            .map(|&f| {
                let text = match f {
                    MetaField::Title => meta.title.clone(),
                    MetaField::Theme => meta.theme.clone(),
                    MetaField::Date => meta.date.clone(),
                    MetaField::Opens => time(meta.opens),
                    MetaField::Closes => time(meta.closes),
                    MetaField::Format => meta.format.clone(),
                    MetaField::Languages => meta.languages.join(", "),
                    MetaField::Focus => meta.focus_areas.join("; "),
                };
                (Field::Meta(f), LineInput::with_text(&text))
            })
            .collect();
        for g in &session.groups {
            let counts = if g.counts_for_convergence {
                "yes"
            } else {
                "no"
            };
            let text = format!("{} | {} | {} | {counts}", g.name, g.singular, g.plural);
            fields.push((Field::Group(g.id.clone()), LineInput::with_text(&text)));
        }
        fields.push((Field::NewGroup, LineInput::default()));
        for p in &session.priorities {
            fields.push((
                Field::Priority(p.id.clone()),
                LineInput::with_text(&p.title),
            ));
        }
        fields.push((Field::NewPriority, LineInput::default()));
        Details {
            fields,
            focus: 0,
            error: None,
        }
    }

    /// Moves between fields or edits the one with the cursor; returns whether to save.
    pub fn update(&mut self, action: Action) -> bool {
        let n = self.fields.len();
        match action {
            Action::Confirm => return true,
            Action::Complete | Action::Down => self.focus = (self.focus + 1) % n,
            Action::CompletePrev | Action::Up => self.focus = (self.focus + n - 1) % n,
            Action::PageDown => self.focus = (self.focus + 8).min(n - 1),
            Action::PageUp => self.focus = self.focus.saturating_sub(8),
            other => {
                self.fields[self.focus].1.apply(other);
            }
        }
        false
    }

    /// Types a character into the field with the cursor.
    pub fn type_char(&mut self, c: char) {
        self.fields[self.focus].1.insert_char(c);
    }

    /// Pastes text into the field with the cursor.
    pub fn paste(&mut self, text: &str) {
        self.fields[self.focus].1.insert(text);
    }

    /// The edits the form stands for against `session`, or the field that does not read.
    pub fn edits(&self, session: &Session) -> Result<Vec<Edit>, (usize, String)> {
        let mut meta = session.meta.clone();
        let mut edits = Vec::new();
        let mut new_priorities = Vec::new();
        for (at, (field, input)) in self.fields.iter().enumerate() {
            let text = input.text().trim();
            let fail = |why: String| Err((at, why));
            match field {
                Field::Meta(f) => {
                    if let Err(why) = set_meta(&mut meta, *f, text) {
                        return fail(why);
                    }
                }
                Field::Group(id) => {
                    let Some(old) = session.group(id) else {
                        continue;
                    };
                    let group = match group_of(id, text) {
                        Ok(g) => g,
                        Err(why) => return fail(why),
                    };
                    if group != *old {
                        edits.push(Edit::UpdateGroup(group));
                    }
                }
                Field::NewGroup if !text.is_empty() => {
                    let (id, rest) = text.split_once('|').unwrap_or((text, ""));
                    let id = slugify(id);
                    if id.is_empty() || session.group(&id).is_some() {
                        return fail(
                            "a new group needs an id of its own first: \
                             `id | Name | singular | plural | yes`"
                                .to_string(),
                        );
                    }
                    match group_of(&id, rest.trim()) {
                        Ok(group) => edits.push(Edit::AddGroup { index: None, group }),
                        Err(why) => return fail(why),
                    }
                }
                Field::Priority(id) => {
                    let Some(old) = session.priority(id) else {
                        continue;
                    };
                    if text.is_empty() {
                        return fail(format!("#{id} needs a title"));
                    }
                    if text != old.title {
                        edits.push(Edit::UpdatePriority(Priority {
                            title: text.to_string(),
                            ..old.clone()
                        }));
                    }
                }
                Field::NewPriority if !text.is_empty() => {
                    let text = text.trim_start_matches('#');
                    let (id, title) = text.split_once(' ').unwrap_or((text, ""));
                    let id = slugify(id);
                    let title = title.trim();
                    if id.is_empty() || title.is_empty() {
                        return fail("a new priority is `#id Title`".into());
                    }
                    if session.priority(&id).is_some() || new_priorities.contains(&id) {
                        return fail(format!("#{id} exists already"));
                    }
                    new_priorities.push(id.clone());
                    edits.push(Edit::AddPriority(Priority {
                        id,
                        title: title.to_string(),
                        description: None,
                    }));
                }
                Field::NewGroup | Field::NewPriority => {}
            }
        }
        meta.forget_stale_translations(&session.meta);
        if meta != session.meta {
            edits.insert(0, Edit::UpdateMeta(meta));
        }
        Ok(edits)
    }
}

/// Sets one of the meeting's details from its field, or says why it does not read.
fn set_meta(meta: &mut Meta, field: MetaField, text: &str) -> Result<(), String> {
    let time = |text: &str| -> Result<Option<Clock>, String> {
        if text.is_empty() {
            return Ok(None);
        }
        Clock::time_of_day(text)
            .map(Some)
            .map_err(|e| e.to_string())
    };
    match field {
        MetaField::Title => meta.title = text.to_string(),
        MetaField::Theme => meta.theme = text.to_string(),
        MetaField::Date => {
            if !text.is_empty()
                && let Err(crate::clock::DateError::NoSuchDay(why)) = parse_date(text)
            {
                return Err(why);
            }
            meta.date = text.to_string();
        }
        MetaField::Opens => meta.opens = time(text)?,
        MetaField::Closes => meta.closes = time(text)?,
        MetaField::Format => meta.format = text.to_string(),
        MetaField::Languages => meta.languages = list(text, ','),
        MetaField::Focus => meta.focus_areas = list(text, ';'),
    }
    Ok(())
}

fn list(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A group from `Name | singular | plural | counts`.
fn group_of(id: &str, text: &str) -> Result<Group, String> {
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    let name = parts.first().copied().unwrap_or_default();
    if name.is_empty() {
        return Err(format!(
            "group {id} needs a name: `Name | singular | plural | yes`"
        ));
    }
    let counts = match parts.get(3).map(|c| c.to_lowercase()) {
        None => true,
        Some(c) if c.is_empty() || c == "yes" || c == "y" => true,
        Some(c) if c == "no" || c == "n" => false,
        Some(c) => {
            return Err(format!(
                "whether {name} counts toward convergence is yes or no, not {c:?}"
            ));
        }
    };
    Ok(Group {
        id: id.to_string(),
        name: name.to_string(),
        singular: parts.get(1).copied().unwrap_or_default().to_string(),
        plural: parts.get(2).copied().unwrap_or_default().to_string(),
        counts_for_convergence: counts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture;

    fn session() -> Session {
        let mut s = Session::default();
        s.groups.push(fixture::states());
        s.priorities.push(Priority {
            id: "health".into(),
            title: "Health".into(),
            description: None,
        });
        s
    }

    fn set(d: &mut Details, field: &Field, text: &str) {
        let at = d.fields.iter().position(|(f, _)| f == field).unwrap();
        d.fields[at].1.set_text(text);
    }

    #[test]
    fn the_form_saves_what_changed_as_edits() {
        let s = session();
        let mut d = Details::of(&s);
        assert!(
            d.edits(&s).unwrap().is_empty(),
            "nothing changed, nothing to save"
        );
        set(&mut d, &Field::Meta(MetaField::Title), "Housing hearing");
        set(&mut d, &Field::Meta(MetaField::Opens), "18:00");
        set(&mut d, &Field::Meta(MetaField::Languages), "English, Welsh");
        set(
            &mut d,
            &Field::Group("states".into()),
            "States | State | States | no",
        );
        set(
            &mut d,
            &Field::NewGroup,
            "residents | Residents | resident | residents | yes",
        );
        set(
            &mut d,
            &Field::Priority("health".into()),
            "Open health services",
        );
        set(&mut d, &Field::NewPriority, "#rent-cap Cap rent rises");
        let edits = d.edits(&s).unwrap();
        assert_eq!(edits.len(), 5);
        let Edit::UpdateMeta(meta) = &edits[0] else {
            panic!("the details come first: {edits:?}");
        };
        assert_eq!(meta.title, "Housing hearing");
        assert_eq!(meta.opens, Some(Clock::hms(18, 0, 0)));
        assert_eq!(meta.languages, ["English", "Welsh"]);
        assert!(matches!(&edits[1], Edit::UpdateGroup(g) if !g.counts_for_convergence));
        assert!(matches!(&edits[2], Edit::AddGroup { group, .. } if group.id == "residents"));
        assert!(
            matches!(&edits[4], Edit::AddPriority(p) if p.id == "rent-cap" && p.title == "Cap rent rises")
        );
    }

    #[test]
    fn what_does_not_read_is_said_with_its_field() {
        let s = session();
        let mut d = Details::of(&s);
        set(&mut d, &Field::Meta(MetaField::Date), "2020-02-30");
        let (at, why) = d.edits(&s).unwrap_err();
        assert_eq!(d.fields[at].0, Field::Meta(MetaField::Date));
        assert!(why.contains("29 days"), "{why}");
        let mut d = Details::of(&s);
        set(&mut d, &Field::Meta(MetaField::Closes), "25:00");
        assert!(d.edits(&s).is_err());
        let mut d = Details::of(&s);
        set(
            &mut d,
            &Field::Group("states".into()),
            "States | State | States | maybe",
        );
        assert!(d.edits(&s).unwrap_err().1.contains("yes or no"));
    }
}
