//! Keymaps as data: key strings such as `ctrl-s`, RON files mapping them to
//! [`Action`]s, user files merged over the built-in default, and help.
//!
//! A keymap file is `(keys: { "ctrl-s": save, "f1": help })`. The default is
//! embedded from `keymaps/default.ron`, the very file users copy.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::action::Action;
use crate::source::{NESTING_LIMIT, SourceError, utf8_or_position};

/// The built-in keymaps, by the name `--keymap` accepts.
pub const BUILT_IN: [(&str, &str); 3] = [
    ("default", include_str!("../keymaps/default.ron")),
    ("vim", include_str!("../keymaps/vim.ron")),
    ("emacs", include_str!("../keymaps/emacs.ron")),
];

/// File name of the user's keymap in the configuration directory.
pub const USER_KEYMAP_FILE: &str = "keymap.ron";

/// One key with its modifiers, normalised so that a typed key and a parsed key string compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// Control held.
    pub ctrl: bool,
    /// Alt (Meta) held.
    pub alt: bool,
    /// Shift held, for keys other than characters (a shifted character is its capital).
    pub shift: bool,
    /// The key itself.
    pub code: KeyName,
}

/// The key part of a [`Key`], without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    /// A character key; shifted letters are their capitals.
    Char(char),
    /// A function key, F1 to F24.
    F(u8),
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
}

/// Names of the keys that are not single characters, as key strings spell them.
const NAMED_KEYS: [(&str, KeyName); 19] = [
    ("enter", KeyName::Enter),
    ("esc", KeyName::Esc),
    ("tab", KeyName::Tab),
    ("backtab", KeyName::BackTab),
    ("backspace", KeyName::Backspace),
    ("delete", KeyName::Delete),
    ("del", KeyName::Delete),
    ("insert", KeyName::Insert),
    ("home", KeyName::Home),
    ("end", KeyName::End),
    ("pageup", KeyName::PageUp),
    ("pagedown", KeyName::PageDown),
    ("up", KeyName::Up),
    ("down", KeyName::Down),
    ("left", KeyName::Left),
    ("right", KeyName::Right),
    ("space", KeyName::Char(' ')),
    ("minus", KeyName::Char('-')),
    ("escape", KeyName::Esc),
];

impl Key {
    /// A key without modifiers.
    pub fn plain(code: KeyName) -> Key {
        Key {
            ctrl: false,
            alt: false,
            shift: false,
            code,
        }
    }

    /// Folds shift into characters (`shift-a` is `A`) and into Tab (`shift-tab` is `backtab`),
    /// so that a typed key and a parsed key string compare equal.
    pub fn normalised(mut self) -> Key {
        match self.code {
            KeyName::Char(c) if self.shift => {
                self.code = KeyName::Char(c.to_uppercase().next().unwrap_or(c));
                self.shift = false;
            }
            KeyName::Tab if self.shift => {
                self.code = KeyName::BackTab;
                self.shift = false;
            }
            KeyName::BackTab => self.shift = false,
            _ => {}
        }
        // One control byte (0x1f) stands for ctrl-/, ctrl-_ and ctrl-7, shifted or not.
        if self.ctrl && matches!(self.code, KeyName::Char('/' | '7')) {
            self.code = KeyName::Char('_');
        }
        self
    }

    /// Why a terminal cannot send this key apart from another, if it cannot: such a
    /// binding would never fire, or would fire as the other key.
    pub fn terminal_trouble(&self) -> Option<&'static str> {
        match self.code {
            KeyName::Char(c) if self.ctrl && c.is_uppercase() => {
                Some("terminals send ctrl with shift and a letter as ctrl and the letter alone")
            }
            KeyName::Char('i') if self.ctrl => Some("terminals send ctrl-i as tab"),
            KeyName::Char('m') if self.ctrl => Some("terminals send ctrl-m as enter"),
            KeyName::Char('[') if self.ctrl => Some("terminals send ctrl-[ as esc"),
            KeyName::Backspace if self.ctrl => Some("terminals send ctrl-backspace as ctrl-h"),
            KeyName::F(3) if self.ctrl || self.alt || self.shift => {
                Some("terminals send f3 with a modifier as a cursor position report")
            }
            KeyName::Enter | KeyName::Tab if self.ctrl || self.shift => {
                Some("terminals send enter and tab with ctrl or shift as the key alone")
            }
            _ => None,
        }
    }

    /// The character this key types into a line, if it is a plain or shifted character.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyName::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }
}

/// Why a key string did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

impl FromStr for Key {
    type Err = KeyError;

    /// Parses `ctrl-s`, `alt-enter`, `shift-tab`, `f1`, `A`, `ctrl--`.
    fn from_str(text: &str) -> Result<Key, KeyError> {
        if text.is_empty() {
            return Err(KeyError("empty key string".into()));
        }
        let mut key = Key::plain(KeyName::Esc);
        let mut rest = text;
        // Peel modifiers while a `-` follows; what remains is the key (which may itself be `-`).
        while let Some((modifier, tail)) = rest.split_once('-') {
            if tail.is_empty() {
                break;
            }
            let held = match modifier.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => &mut key.ctrl,
                "alt" | "a" | "meta" | "m" => &mut key.alt,
                "shift" | "s" => &mut key.shift,
                "" => return Err(KeyError(format!("empty modifier in {text:?}"))),
                other => {
                    return Err(KeyError(format!(
                        "unknown modifier {other:?} in {text:?} (use ctrl, alt or shift)"
                    )));
                }
            };
            if *held {
                return Err(KeyError(format!(
                    "repeated modifier {modifier:?} in {text:?}"
                )));
            }
            *held = true;
            rest = tail;
        }
        key.code = parse_key_name(rest).ok_or_else(|| {
            KeyError(format!(
                "unknown key {rest:?} in {text:?} (a character, f1-f24, or one of: {})",
                NAMED_KEYS.map(|(name, _)| name).join(", ")
            ))
        })?;
        Ok(key.normalised())
    }
}

fn parse_key_name(name: &str) -> Option<KeyName> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyName::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some((_, code)) = NAMED_KEYS.iter().find(|(n, _)| *n == lower) {
        return Some(*code);
    }
    let number = lower.strip_prefix('f')?.parse::<u8>().ok()?;
    (1..=24).contains(&number).then_some(KeyName::F(number))
}

impl fmt::Display for Key {
    /// The canonical key string, e.g. `ctrl-shift-z`, `alt-enter`, `f1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        let shifted_letter = matches!(self.code, KeyName::Char(c) if c.is_uppercase());
        if self.shift || (shifted_letter && (self.ctrl || self.alt)) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyName::Char(' ') => f.write_str("space"),
            KeyName::Char('-') => f.write_str("minus"),
            KeyName::Char(c) if shifted_letter && (self.ctrl || self.alt) => {
                write!(f, "{}", c.to_lowercase())
            }
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "f{n}"),
            other => {
                let name = NAMED_KEYS
                    .iter()
                    .find(|(_, code)| *code == other)
                    .map_or("?", |(name, _)| name);
                f.write_str(name)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(de::Error::custom)
    }
}

/// Key bindings read from one keymap file, in file order, each key at most once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bindings(pub Vec<(Key, Action)>);

impl<'de> Deserialize<'de> for Bindings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Bindings, D::Error> {
        struct BindingsVisitor;
        impl<'de> Visitor<'de> for BindingsVisitor {
            type Value = Bindings;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from key strings to actions")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Bindings, A::Error> {
                let mut bindings = Vec::new();
                while let Some(key) = map.next_key::<Key>()? {
                    if let Some(trouble) = key.terminal_trouble() {
                        return Err(de::Error::custom(format!(
                            "{key} cannot be bound: {trouble}; choose another key"
                        )));
                    }
                    // Reported here, while the parser still points at the repeated key.
                    if bindings.iter().any(|(bound, _)| *bound == key) {
                        return Err(de::Error::custom(format!("key {key} is bound twice")));
                    }
                    bindings.push((key, map.next_value::<Action>()?));
                }
                Ok(Bindings(bindings))
            }
        }
        deserializer.deserialize_map(BindingsVisitor)
    }
}

/// The shape of a keymap file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    keys: Bindings,
}

/// Why a keymap could not be read: its file (`keymaps/NAME.ron` for a built-in
/// keymap) and position when known.
pub type KeymapError = SourceError;

/// Parses the text of a keymap file; `file` names it in errors.
pub fn parse(text: &str, file: &Path) -> Result<Bindings, KeymapError> {
    ron::Options::default()
        .with_recursion_limit(NESTING_LIMIT)
        .from_str::<KeymapFile>(text)
        .map(|parsed| parsed.keys)
        .map_err(|error| KeymapError::ron(file, &error))
}

/// The active key bindings: the default with other keymaps merged over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: BTreeMap<Key, Action>,
    /// Keys per action, shortest key string first, rebuilt on each merge (hints are drawn every frame).
    by_action: BTreeMap<Action, Vec<Key>>,
    /// Where each merged layer came from, for help: `default`, then names or paths.
    pub sources: Vec<String>,
}

impl Default for Keymap {
    /// The built-in default keymap.
    fn default() -> Keymap {
        let bindings = parse(BUILT_IN[0].1, Path::new("keymaps/default.ron"))
            .expect("the default keymap is checked by a test");
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
            by_action: BTreeMap::new(),
            sources: Vec::new(),
        };
        keymap.merge(bindings, "default");
        keymap
    }
}

impl Keymap {
    /// The default keymap, with the user's keymap in `config_dir` merged over it and then
    /// `choice` (a built-in name or a path), so the command line wins over the config file.
    pub fn load(choice: Option<&str>, config_dir: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default();
        if let Some(dir) = config_dir {
            let path = dir.join(USER_KEYMAP_FILE);
            if path.is_file() {
                keymap.merge(read_file(&path)?, &path.display().to_string());
            }
        }
        match choice {
            None | Some("default") => {}
            Some(name) => {
                if let Some((_, text)) = BUILT_IN.iter().find(|(n, _)| *n == name) {
                    let file = PathBuf::from(format!("keymaps/{name}.ron"));
                    keymap.merge(parse(text, &file)?, name);
                } else {
                    let path = Path::new(name);
                    if !path.exists() && !name.contains(['/', '.']) {
                        return Err(KeymapError::whole_file(
                            path,
                            "no such keymap (built in: default, vim, emacs; or give a path)",
                        ));
                    }
                    keymap.merge(read_file(path)?, name);
                }
            }
        }
        Ok(keymap)
    }

    /// Binds every key of `bindings`, replacing what those keys did before.
    pub fn merge(&mut self, bindings: Bindings, source: &str) {
        for (key, action) in bindings.0 {
            self.bindings.insert(key, action);
        }
        self.sources.push(source.to_string());
        self.by_action.clear();
        for (key, action) in &self.bindings {
            self.by_action.entry(*action).or_default().push(*key);
        }
        for keys in self.by_action.values_mut() {
            keys.sort_by_cached_key(|k| (k.to_string().len(), *k));
        }
    }

    /// The action bound to `key`, if any (`Ignore` counts as none).
    pub fn action(&self, key: &Key) -> Option<Action> {
        self.bindings
            .get(key)
            .copied()
            .filter(|a| *a != Action::Ignore)
    }

    /// The keys bound to `action`, shortest first.
    pub fn keys_for(&self, action: Action) -> &[Key] {
        self.by_action.get(&action).map_or(&[], Vec::as_slice)
    }

    /// The first key bound to `action` as a key string, or `-` when unbound (for hints).
    pub fn hint(&self, action: Action) -> String {
        self.keys_for(action)
            .first()
            .map_or_else(|| "-".to_string(), Key::to_string)
    }

    /// Help lines, one per action in [`Action::ALL`] order: the keys bound to it and what it does.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        Action::ALL
            .iter()
            .filter(|a| **a != Action::Ignore)
            .map(|action| {
                let keys = self.keys_for(*action);
                let keys = if keys.is_empty() {
                    "(unbound)".to_string()
                } else {
                    keys.iter()
                        .map(Key::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                (keys, action.describe())
            })
            .collect()
    }
}

fn read_file(path: &Path) -> Result<Bindings, KeymapError> {
    let bytes =
        std::fs::read(path).map_err(|error| KeymapError::whole_file(path, error.to_string()))?;
    parse(utf8_or_position(&bytes, path)?, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn key_strings_parse_and_print_canonically() {
        for text in [
            "ctrl-s",
            "alt-enter",
            "f1",
            "backtab",
            "ctrl-shift-z",
            "a",
            "A",
            "space",
            "minus",
        ] {
            assert_eq!(key(text).to_string(), text);
        }
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_eq!(key("shift-a"), key("A"));
        // Shift folded first, the control byte after: ctrl-shift-7 is ctrl-_ as ctrl-7 is.
        assert_eq!(key("ctrl-shift-7"), key("ctrl-_"));
        assert_eq!(
            key("ctrl-shift-7").to_string().parse::<Key>(),
            Ok(key("ctrl-_"))
        );
        assert_eq!(key("ctrl--"), key("ctrl-minus"));
        assert_eq!(key("C-s"), key("ctrl-s"));
        assert_eq!(key("Ctrl-PageDown").to_string(), "ctrl-pagedown");
    }

    #[test]
    fn bad_key_strings_say_what_is_wrong() {
        let error = |text: &str| text.parse::<Key>().unwrap_err().0;
        assert!(error("ctrl-ctrl-a").contains("repeated modifier"));
        assert!(error("ctrl-foo").contains("unknown key \"foo\""));
        assert!(error("hyper-a").contains("unknown modifier \"hyper\""));
        assert!(error("f25").contains("unknown key"));
        assert!(error("").contains("empty"));
    }

    #[test]
    fn keys_a_terminal_cannot_send_apart_are_refused_with_their_place() {
        for (text, why) in [
            ("shift-f3", "cursor position report"),
            ("ctrl-shift-z", "the letter alone"),
            ("ctrl-backspace", "ctrl-h"),
            ("ctrl-i", "tab"),
        ] {
            let file = format!("(keys: {{\n  \"{text}\": undo,\n}})");
            let error = parse(&file, Path::new("mine.ron")).unwrap_err();
            assert_eq!(error.position().map(|(line, _)| line), Some(2), "{error}");
            assert!(error.to_string().contains(why), "{error}");
        }
        // One byte stands for ctrl-/, ctrl-_ and ctrl-7: they are one key.
        let slash: Key = "ctrl-/".parse().unwrap();
        assert_eq!(slash, "ctrl-_".parse::<Key>().unwrap());
        assert_eq!(slash, "ctrl-7".parse::<Key>().unwrap());
    }

    #[test]
    fn built_in_keymaps_parse_and_bind_no_key_twice() {
        // Parsing rejects a key bound twice, so parsing is the duplicate check.
        for (name, text) in BUILT_IN {
            let file = PathBuf::from(format!("keymaps/{name}.ron"));
            let bindings = parse(text, &file).unwrap_or_else(|e| panic!("{e}"));
            assert!(!bindings.0.is_empty(), "{name} binds nothing");
        }
        let keymap = Keymap::default();
        for action in Action::ALL {
            if action != Action::Ignore {
                assert!(
                    !keymap.keys_for(action).is_empty(),
                    "{action:?} has no key in the default keymap"
                );
            }
        }
    }

    #[test]
    fn errors_carry_file_line_and_column() {
        let text = "(keys: {\n    \"ctrl-s\": save,\n    \"ctrl-foo\": quit,\n})";
        let error = parse(text, Path::new("mine.ron")).unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.to_string().starts_with("mine.ron:3:"), "{error}");
        assert!(error.message.contains("ctrl-foo"), "{error}");

        let twice = "(keys: {\n \"ctrl-s\": save,\n \"C-s\": quit,\n})";
        let error = parse(twice, Path::new("mine.ron")).unwrap_err();
        assert!(error.to_string().contains("mine.ron:3:"), "{error}");
        assert!(error.message.contains("bound twice"), "{error}");

        let unknown = "(keys: {\n \"ctrl-s\": sav,\n})";
        let error = parse(unknown, Path::new("mine.ron")).unwrap_err();
        assert!(error.to_string().starts_with("mine.ron:2:"), "{error}");
    }

    #[test]
    fn later_keymaps_win_and_ignore_unbinds() {
        let mut keymap = Keymap::default();
        let before = keymap.action(&key("ctrl-d"));
        assert!(before.is_some());
        let mine = parse(
            "(keys: {\"ctrl-d\": ignore, \"f9\": quit})",
            Path::new("m.ron"),
        )
        .unwrap();
        keymap.merge(mine, "m.ron");
        assert_eq!(keymap.action(&key("ctrl-d")), None);
        assert_eq!(keymap.action(&key("f9")), Some(Action::Quit));
    }

    #[test]
    fn a_missing_named_keymap_is_an_error() {
        let error = Keymap::load(Some("dvorak"), None).unwrap_err();
        assert!(error.to_string().contains("no such keymap"));
        assert_eq!(
            Keymap::load(Some("vim"), None).unwrap().sources,
            ["default", "vim"]
        );
    }
}
