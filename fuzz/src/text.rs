//! Words for messages, notes, names and cells: ordinary words, other scripts,
//! URLs, emoji and the characters that break careless code.

use arbitrary::Arbitrary;

/// Words of a note or a message, none of them special to the capture syntax.
pub const WORDS: &[&str] = &[
    "fair",
    "recruitment",
    "costs",
    "must",
    "fall",
    "on",
    "employers",
    "Cities",
    "need",
    "the",
    "data",
    "first",
    "l'intégration",
    "est",
    "locale",
    "données",
    "مهاجرين",
    "حماية",
    "移民",
    "保護",
    "हम",
    "Ελλάδα",
    "👩🏽‍💻",
    "🇸🇳",
    "e\u{301}",
    "«",
    "»",
    "—",
    "10%",
    "2020",
    "a/b",
    "e.g.",
    "see:",
    "https://www.iom.int/data-and-research",
    "C-190",
    "(ILO)",
    "x",
    "a@b.org",
    "«\u{a0}non\u{a0}»",
    "\u{202e}reversed",
    "to",
    "From",
];

/// Characters that break careless code: controls, odd spaces, invisible marks.
pub const ODD: &[char] = &[
    '\u{1b}',
    '\u{7}',
    '\u{0}',
    '\u{a0}',
    '\u{200b}',
    '\u{202e}',
    '\u{feff}',
    '\u{85}',
    '\u{2028}',
    '\u{9b}',
    '\u{fffd}',
    '\u{10ffff}',
    '\u{e000}',
    '\u{301}',
    '\u{3000}',
    '\u{7f}',
    '"',
    '“',
    '”',
    '\'',
    '\\',
    '(',
    ')',
    ',',
    ';',
    '/',
    '|',
    '<',
    '>',
    '&',
    '*',
    '_',
    '~',
    '`',
    '$',
    '{',
    '}',
];

/// Given names, with accents, hyphens, apostrophes and other scripts.
pub const GIVEN: &[&str] = &[
    "Amina",
    "Omar",
    "Ndèye",
    "Jean-Pierre",
    "Zoë",
    "Søren",
    "Nguyễn",
    "Þór",
    "Leïla",
    "Chidi",
    "María José",
    "O'Neil",
    "Ана",
    "Γιώργος",
    "سلمى",
    "美咲",
    "Wiremu",
    "Åsa",
    "Ólafur",
];

/// Family names, with the same variety.
pub const FAMILY: &[&str] = &[
    "Diallo",
    "Haddad",
    "Keïta",
    "Müller",
    "O'Brien",
    "Strauß",
    "García Márquez",
    "van der Berg",
    "Nzé-Ondo",
    "Łukasiewicz",
    "Ødegaard",
    "Иванова",
    "Παπαδόπουλος",
    "بن صالح",
    "山田",
    "Ng",
];

/// One word of a text.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Word {
    /// A word from [`WORDS`].
    Plain(u8),
    /// A character from [`ODD`].
    Odd(u8),
    /// A number, as people write them.
    Number(u16),
    /// A word and an odd character stuck together.
    Stuck(u8, u8),
}

impl Word {
    /// The word as written.
    pub fn render(self) -> String {
        match self {
            Word::Plain(i) => pick(WORDS, i).to_string(),
            Word::Odd(i) => pick(ODD, i).to_string(),
            Word::Number(n) => n.to_string(),
            Word::Stuck(w, c) => format!("{}{}", pick(WORDS, w), pick(ODD, c)),
        }
    }
}

/// What goes between two words.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Gap {
    /// One space.
    Space,
    /// Several spaces.
    Spaces(u8),
    /// A tab.
    Tab,
    /// A no-break space.
    NoBreak,
}

impl Gap {
    /// The gap as written.
    pub fn render(self) -> String {
        match self {
            Gap::Space => " ".into(),
            Gap::Spaces(n) => " ".repeat(usize::from(n % 4) + 2),
            Gap::Tab => "\t".into(),
            Gap::NoBreak => "\u{a0}".into(),
        }
    }
}

/// Words and the gaps between them.
#[derive(Arbitrary, Debug, Clone)]
pub struct Text(pub Vec<(Word, Gap)>);

impl Text {
    /// The text as written, at most `limit` words.
    pub fn render(&self, limit: usize) -> String {
        let mut out = String::new();
        for (i, (word, gap)) in self.0.iter().take(limit).enumerate() {
            if i > 0 {
                out.push_str(&gap.render());
            }
            out.push_str(&word.render());
        }
        out
    }
}

/// A person's name built from [`GIVEN`] and [`FAMILY`], told apart from every other by `n`.
pub fn unique_name(given: u8, family: u8, n: usize) -> String {
    format!(
        "{} {} {}",
        pick(GIVEN, given),
        pick(FAMILY, family),
        letters(n)
    )
}

/// `n` in letters (`Qa`, `Qb`…), so that it reads as a name and not as a number.
pub fn letters(mut n: usize) -> String {
    let mut out = String::from("Q");
    loop {
        out.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return out;
        }
    }
}

/// The item of `items` that `i` picks.
pub fn pick<T>(items: &[T], i: impl Into<usize>) -> &T {
    &items[i.into() % items.len()]
}
