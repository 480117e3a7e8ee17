//! Finding a constituency group by what a roster cell or an option calls it.
//!
//! A value matches a group's id, then a name, then one of its nouns (case, accents
//! and punctuation folded); the first of these that any group has decides. A value
//! that matches several groups there, or only loosely (a word prefix or a typo), is
//! an error that lists the candidates: a person is never filed into a group by guess.

use crate::model::{Group, Slug};
use crate::names::name_key;
use crate::resolve::{Resolution, Resolver};

/// Why a value names no single group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupError {
    /// It matches several groups equally: their ids, with what matched.
    Several(Vec<String>),
    /// It matches none exactly; the groups it is close to, with their names.
    Loose(Vec<String>),
    /// It matches no group at all.
    Unknown,
}

impl GroupError {
    /// The reason, after "group `X`" and before the list of groups: "matches several
    /// groups: a (name), b (noun)".
    pub fn reason(&self, groups: &[Group]) -> String {
        match self {
            GroupError::Several(c) => format!(
                "matches several groups: {}; write the group's id",
                c.join(", ")
            ),
            GroupError::Loose(c) => format!(
                "is not exactly the id, name or noun of a group (close: {}); write one of them",
                c.join(", ")
            ),
            GroupError::Unknown => format!("matches no group (groups: {})", ids(groups)),
        }
    }
}

/// The words of a group one tier of the rule compares.
type Keys = fn(&Group) -> Vec<&str>;

/// The group `text` names: by id, then name, then noun, each folded; see the module.
pub fn find_group(groups: &[Group], text: &str) -> Result<Slug, GroupError> {
    let key = name_key(text);
    if key.is_empty() {
        return Err(GroupError::Unknown);
    }
    let tiers: [(&str, Keys); 3] = [
        ("id", |g| vec![g.id.as_str()]),
        ("name", |g| vec![g.name.as_str()]),
        ("noun", |g| vec![g.singular.as_str(), g.plural.as_str()]),
    ];
    for (what, keys) in tiers {
        let found: Vec<&Group> = groups
            .iter()
            .filter(|g| keys(g).iter().any(|k| !k.is_empty() && name_key(k) == key))
            .collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one.id.clone()),
            several => {
                return Err(GroupError::Several(
                    several
                        .iter()
                        .map(|g| format!("{} (by {what})", g.id))
                        .collect(),
                ));
            }
        }
    }
    let near = match Resolver::default().group(groups, text) {
        Resolution::Found(g, _) => vec![g],
        Resolution::Ambiguous(c) => c,
        Resolution::Unknown(_) => Vec::new(),
    };
    if near.is_empty() {
        Err(GroupError::Unknown)
    } else {
        Err(GroupError::Loose(
            near.iter()
                .map(|g| format!("{} ({})", g.id, g.name))
                .collect(),
        ))
    }
}

/// The group that an option such as `--group` or `--add-unknown` names, or why there is none.
pub fn option_group(groups: &[Group], option: &str, text: &str) -> Result<Slug, String> {
    find_group(groups, text).map_err(|e| match e {
        GroupError::Unknown => format!(
            "{option} {text:?}: there is no such group (groups: {})",
            ids(groups)
        ),
        other => format!("{option} {text:?} {}", other.reason(groups)),
    })
}

/// The groups' ids, comma-separated, for a message that lists them.
pub fn ids(groups: &[Group]) -> String {
    groups
        .iter()
        .map(|g| g.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture;

    fn group(id: &str, name: &str, singular: &str, plural: &str) -> Group {
        Group {
            id: id.into(),
            name: name.into(),
            singular: singular.into(),
            plural: plural.into(),
            counts_for_convergence: true,
        }
    }

    #[test]
    fn groups_are_found_by_any_of_their_words() {
        let groups = [fixture::states()];
        for text in ["states", " STATES ", "State", "States"] {
            assert_eq!(find_group(&groups, text).as_deref(), Ok("states"), "{text}");
        }
        assert_eq!(
            option_group(&groups, "--group", "pirates").unwrap_err(),
            "--group \"pirates\": there is no such group (groups: states)"
        );
    }

    #[test]
    fn an_id_wins_over_a_name_and_a_name_over_a_noun() {
        // A template's noun equal to the meeting's own group: the meeting's group wins.
        let groups = [
            group("governments", "Governments", "government", "governments"),
            group("government", "Government", "", ""),
            group("council", "Local authority", "", ""),
            group(
                "local",
                "Local authorities",
                "local authority",
                "local authorities",
            ),
        ];
        assert_eq!(
            find_group(&groups, "government").as_deref(),
            Ok("government")
        );
        assert_eq!(
            find_group(&groups, "Local authority").as_deref(),
            Ok("council")
        );
        assert_eq!(
            find_group(&groups, "local authorities").as_deref(),
            Ok("local")
        );
    }

    #[test]
    fn several_or_loose_matches_are_errors_with_the_candidates() {
        let groups = [
            group("ngo", "NGOs", "organization", "organizations"),
            group("cbo", "Community groups", "organization", "organizations"),
            group("residents", "Residents", "resident", "residents"),
        ];
        let several = find_group(&groups, "organizations").unwrap_err();
        assert_eq!(
            several,
            GroupError::Several(vec!["ngo (by noun)".into(), "cbo (by noun)".into()])
        );
        let loose = find_group(&groups, "Resid").unwrap_err();
        assert!(
            matches!(&loose, GroupError::Loose(c) if c == &["residents (Residents)"]),
            "{loose:?}"
        );
        assert!(
            loose
                .reason(&groups)
                .contains("close: residents (Residents)")
        );
        assert_eq!(find_group(&groups, "pirates"), Err(GroupError::Unknown));
    }
}
