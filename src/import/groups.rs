//! Finding a constituency group by what an importer's option or a roster cell calls it.

use crate::model::{Group, Slug};

/// Finds a group by id, name, or entity noun, ignoring case.
pub fn find_group(groups: &[Group], text: &str) -> Option<Slug> {
    let text = text.trim().to_lowercase();
    groups
        .iter()
        .find(|g| {
            [&g.id, &g.name, &g.singular, &g.plural]
                .iter()
                .any(|k| k.to_lowercase() == text)
        })
        .map(|g| g.id.clone())
}

/// The group that an option such as `--group` or `--add-unknown` names, or why there is none.
pub fn option_group(groups: &[Group], option: &str, text: &str) -> Result<Slug, String> {
    find_group(groups, text).ok_or_else(|| {
        format!(
            "{option} {text:?}: there is no such group (groups: {})",
            ids(groups)
        )
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

    #[test]
    fn groups_are_found_by_any_of_their_words() {
        let groups = [fixture::states()];
        for text in ["states", " STATES ", "State", "States"] {
            assert_eq!(
                find_group(&groups, text).as_deref(),
                Some("states"),
                "{text}"
            );
        }
        assert_eq!(
            option_group(&groups, "--group", "pirates").unwrap_err(),
            "--group \"pirates\": there is no such group (groups: states)"
        );
    }
}
