//! What on the roster would identify a speaker if a note wrote it: names, their
//! distinctive parts, affiliations, their distinctive words, acronyms and short
//! forms; and the common words that identify nobody on their own.

use std::collections::HashMap;

use crate::model::Session;
use crate::names::text_key;

use super::LintForm;
use super::words::{Word, all_capitals, capitalised, words};

/// Words that join a name's other words: no one is identified by "of" or "de".
#[rustfmt::skip]
const STOP: &[&str] = &[
    "the", "a", "an", "of", "for", "and", "in", "on", "at", "to", "by", "with", "de", "des", "du",
    "la", "le", "les", "l", "d", "et", "pour", "en", "au", "aux", "sur", "par", "y", "e", "da",
    "do", "dos", "das", "del", "della", "di", "el", "los", "las", "und", "der", "die", "fur",
];

/// Articles in front of a short form ("the Alliance") or of an affiliation.
#[rustfmt::skip]
const ARTICLES: &[&str] = &[
    "the", "la", "le", "les", "l", "el", "los", "las", "die", "der",
];

/// Parts of a name that are not a name on their own.
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "abu", "bint", "da", "das", "de", "del", "della", "der", "des", "di",
    "do", "dos", "du", "la", "le", "van", "von", "ter", "ten", "den", "zu", "af", "av",
];

/// Titles written in front of a name on a roster: "Dr", "H.E.", "Mme".
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "mme", "mlle", "m", "dr", "prof", "professor", "sir", "dame",
    "lord", "lady", "hon", "rev", "fr", "sr", "jr", "h", "e", "amb", "ambassador", "mayor",
    "minister", "senator", "councillor", "cllr", "sheikh", "excellency",
];

/// What organizations are, which many of them are called: "the Council" or "Alliance"
/// alone points to one entity only when it is the only one so called.
#[rustfmt::skip]
const ORGANIZATION: &[&str] = &[
    "ministry", "ministere", "department", "departement", "office", "bureau", "council", "conseil",
    "commission", "committee", "comite", "network", "reseau", "union", "city", "ville", "town",
    "municipality", "municipalite", "mairie", "county", "region", "province", "state", "states",
    "etat", "etats", "government", "gouvernement", "agency", "agence", "alliance", "association",
    "federation", "confederation", "foundation", "fondation", "fund", "fonds", "forum", "group",
    "groupe", "institute", "institut", "centre", "center", "platform", "plateforme",
    "organization", "organisation", "society", "societe", "coalition", "partnership",
    "partenariat", "programme", "program", "project", "projet", "initiative", "trust", "company",
    "corporation", "ltd", "inc", "llc", "sa", "sarl", "gmbh", "plc", "chamber", "chambre",
    "university", "universite", "college", "school", "ecole", "embassy", "ambassade", "mission",
    "delegation", "secretariat", "assembly", "assemblee", "parliament", "parlement", "senate",
    "senat", "court", "cour", "board", "authority", "autorite", "service", "services", "unit",
    "team", "club", "movement", "mouvement", "collective", "collectif", "cooperative", "league",
    "ligue", "front", "party", "parti", "congress", "congres", "observatory", "observatoire",
    "academy", "academie", "hospital", "hopital", "bank", "banque", "consortium", "house", "hub",
    "lab", "labs", "commune", "prefecture", "republic", "republique", "kingdom", "royaume",
    "federal",
];

/// Words that describe what an organization does or where, shared by many names.
#[rustfmt::skip]
const DESCRIPTIVE: &[&str] = &[
    "global", "international", "internationale", "national", "nationale", "regional", "local",
    "locale", "world", "mondial", "mondiale", "united", "unies", "nations", "human", "humain",
    "humaine", "rights", "droits", "migration", "migrations", "migrant", "migrants", "refugee",
    "refugees", "refugies", "development", "developpement", "health", "sante", "labour", "labor",
    "travail", "work", "workers", "travailleurs", "employment", "emploi", "women", "femmes",
    "youth", "jeunesse", "jeunes", "children", "enfants", "family", "families", "social",
    "sociale", "public", "publique", "civil", "civile", "economic", "economique", "ethical",
    "fair", "justice", "peace", "paix", "education", "solidarity", "solidarite", "protection",
    "support", "aid", "relief", "action", "care", "research", "recherche", "policy", "studies",
    "affairs", "affaires", "foreign", "etrangeres", "interior", "interieur", "immigration",
    "emigration", "integration", "trade", "commerce", "industry", "business", "enterprise",
    "enterprises", "entreprises", "employers", "employeurs", "export", "import", "general",
    "generale", "high", "commissioner", "commissariat", "permanent", "representative", "delegate",
    "metropolitan", "greater", "new", "north", "south", "east", "west", "central", "northern",
    "southern", "eastern", "western", "nord", "sud", "est", "ouest", "centrale", "africa",
    "african", "afrique", "africaine", "europe", "european", "europeenne", "asia", "asian", "asie",
    "america", "americas", "american", "amerique", "arab", "arabe", "pacific", "atlantic",
    "mediterranean", "mediterranee", "sahel", "maghreb", "gulf", "caribbean", "pan", "border",
    "borders", "frontieres", "dialogue", "mayors", "maires", "science", "technology", "finance",
    "economy", "agriculture", "agro", "rural", "urban", "housing", "logement", "water", "food",
    "energy", "environment", "climate", "digital", "media", "information", "communication",
    "legal", "law", "democracy", "governance", "security", "safety", "rescue", "humanitarian",
    "volunteers", "friends", "partners", "people", "peoples", "community", "communities",
    "diaspora", "citizens", "citoyens", "recruitment", "recrutement", "services",
];

/// Capitals that are abbreviations of no organization.
#[rustfmt::skip]
const NOT_ACRONYMS: &[&str] = &[
    "ok", "tv", "id", "it", "am", "pm", "ad", "nb", "ps", "vs", "eg", "ie", "cv", "ceo", "pdf",
    "faq", "url", "hr", "pr", "qa", "gdp", "covid", "hiv", "aids", "ngo", "ngos",
];

/// Words before a name that make it a place: "St Paul", "Saint-Martin", "rue Essono".
#[rustfmt::skip]
const PLACE_BEFORE: &[&str] = &[
    "st", "saint", "sainte", "ste", "san", "santa", "santo", "sao", "sankt", "rue", "avenue",
    "boulevard", "bd", "place", "quai", "chemin", "allee", "impasse", "route", "cours", "via",
    "viale", "piazza", "calle", "avenida", "plaza", "paseo", "rua", "praca", "mount", "mt", "lake",
    "port", "fort",
];

/// Words after a name that make it a place: "Paul Street", "Mandela Road".
#[rustfmt::skip]
const PLACE_AFTER: &[&str] = &[
    "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "boulevard", "blvd", "square",
    "sq", "way", "drive", "bridge", "park", "station", "gate", "hill", "quay", "close", "crescent",
    "terrace", "row", "alley", "plaza", "strasse", "cathedral", "church", "chapel", "airport",
    "bay",
];

/// Whether a folded word says nothing about who someone is on its own.
fn common(key: &str) -> bool {
    STOP.contains(&key) || ORGANIZATION.contains(&key) || DESCRIPTIVE.contains(&key)
}

/// How a text must write a term's words for it to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// In any case: "ana lópez" is "Ana López".
    Any,
    /// With a capital, as names are: "Amara", not "amara".
    Capital,
    /// In capitals, as acronyms are: "OHCHR".
    Capitals,
}

/// Who a term points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A participant, by index in the roster.
    Person(usize),
    /// An entity, by index in [`Terms::entities`].
    Entity(usize),
}

/// Words of the roster that identify someone when a note writes them.
#[derive(Debug, Clone)]
pub struct Term {
    /// The words, folded.
    pub keys: Vec<String>,
    /// What of the roster they are.
    pub form: LintForm,
    /// How they must be written.
    pub case: Case,
    /// Whom they point to.
    pub owner: Owner,
}

/// An affiliation on the roster and the participants who hold it.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The affiliation folded by case and spaces.
    pub key: String,
    /// The affiliation as the roster writes it.
    pub name: String,
    /// Indexes of its participants in the roster.
    pub people: Vec<usize>,
}

/// Every term of a roster, found by its first word.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// The terms.
    pub terms: Vec<Term>,
    /// Term indexes by their first folded word.
    pub by_first: HashMap<String, Vec<usize>>,
    /// The roster's entities.
    pub entities: Vec<Entity>,
}

/// A roster word's key with an elision in front and a possessive behind taken off.
pub fn bare(word: &Word) -> String {
    match (&word.elided, &word.possessive) {
        (Some((_, key)), _) | (None, Some((_, key))) => key.clone(),
        (None, None) => word.key.clone(),
    }
}

/// The part of an affiliation before a comma, a parenthesis or a spaced dash: its name.
fn first_part(affiliation: &str) -> &str {
    let end = [",", "(", ";", " - ", " – ", " — ", "/"]
        .iter()
        .filter_map(|sep| affiliation.find(sep))
        .min()
        .unwrap_or(affiliation.len());
    affiliation[..end].trim()
}

/// Initials of the words of a name that are capitalised and not joining words: "OHCHR".
fn initials(words: &[Word]) -> Vec<String> {
    words
        .iter()
        .filter(|w| capitalised(w.text) && !STOP.contains(&bare(w).as_str()))
        .filter_map(|w| bare(w).chars().next().map(String::from))
        .collect()
}

impl Terms {
    /// The terms of `session`'s roster.
    pub fn of(session: &Session) -> Terms {
        let mut t = Terms::default();
        for (i, p) in session.participants.iter().enumerate() {
            t.person(i, &p.name);
        }
        for (i, p) in session.participants.iter().enumerate() {
            let key = text_key(&p.affiliation);
            if key.is_empty() {
                continue;
            }
            match t.entities.iter_mut().find(|e| e.key == key) {
                Some(e) => e.people.push(i),
                None => t.entities.push(Entity {
                    key,
                    name: p.affiliation.trim().to_string(),
                    people: vec![i],
                }),
            }
        }
        // How many entities each folded word of an affiliation appears in.
        let mut spread: HashMap<String, usize> = HashMap::new();
        for e in &t.entities {
            let mut keys: Vec<String> = words(&e.name).iter().map(bare).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                *spread.entry(k).or_default() += 1;
            }
        }
        for e in 0..t.entities.len() {
            let name = t.entities[e].name.clone();
            t.entity(e, &name, &spread);
        }
        t
    }

    fn add(&mut self, keys: Vec<String>, form: LintForm, case: Case, owner: Owner) {
        if keys.is_empty() || keys.iter().any(String::is_empty) {
            return;
        }
        let known = self.by_first.get(&keys[0]).is_some_and(|found| {
            found.iter().any(|&i| {
                let t = &self.terms[i];
                t.keys == keys && t.form == form && t.owner == owner
            })
        });
        if known {
            return;
        }
        self.by_first
            .entry(keys[0].clone())
            .or_default()
            .push(self.terms.len());
        self.terms.push(Term {
            keys,
            form,
            case,
            owner,
        });
    }

    /// A participant's full name (without a title in front) and its distinctive parts.
    fn person(&mut self, index: usize, name: &str) {
        let all = words(name);
        let start = all
            .iter()
            .take_while(|w| HONORIFICS.contains(&bare(w).as_str()))
            .count();
        let name_words = &all[start.min(all.len().saturating_sub(1))..];
        let keys: Vec<String> = name_words.iter().map(bare).collect();
        let owner = Owner::Person(index);
        let case = if keys.len() > 1 {
            Case::Any
        } else {
            Case::Capital
        };
        self.add(keys.clone(), LintForm::FullName, case, owner);
        if keys.len() < 2 {
            return;
        }
        for (w, key) in name_words.iter().zip(keys) {
            let caseless = !w.text.chars().any(|c| c.is_uppercase() || c.is_lowercase());
            let long_enough = key.chars().count() >= if caseless { 2 } else { 3 };
            if capitalised(w.text)
                && long_enough
                && !PARTICLES.contains(&key.as_str())
                && !HONORIFICS.contains(&key.as_str())
            {
                self.add(vec![key], LintForm::NamePart, Case::Capital, owner);
            }
        }
    }

    /// An entity's name, its distinctive words, acronyms and short form.
    fn entity(&mut self, index: usize, name: &str, spread: &HashMap<String, usize>) {
        let owner = Owner::Entity(index);
        let whole = words(name);
        for part in [name, first_part(name)] {
            let w = words(part);
            let articles = w
                .iter()
                .take_while(|w| ARTICLES.contains(&bare(w).as_str()))
                .count();
            let keys: Vec<String> = w[articles.min(w.len())..].iter().map(bare).collect();
            let case = if keys.len() > 1 {
                Case::Any
            } else {
                Case::Capital
            };
            self.add(keys, LintForm::Affiliation, case, owner);
            let letters = initials(&w);
            // "African Union Commission" is also "the AU".
            let shorter = match w.last() {
                Some(last) if ORGANIZATION.contains(&bare(last).as_str()) => {
                    initials(&w[..w.len() - 1])
                }
                _ => Vec::new(),
            };
            for letters in [letters, shorter] {
                let acronym = letters.concat();
                if letters.len() >= 2 && letters.len() <= 10 && !NOT_ACRONYMS.contains(&&*acronym) {
                    self.add(vec![acronym], LintForm::Acronym, Case::Capitals, owner);
                }
            }
        }
        if whole.len() < 2 {
            return;
        }
        for w in &whole {
            let key = bare(w);
            if all_capitals(w.text) && key.chars().count() >= 2 && !NOT_ACRONYMS.contains(&&*key) {
                self.add(vec![key], LintForm::Acronym, Case::Capitals, owner);
            } else if capitalised(w.text) && key.chars().count() >= 3 && !common(&key) {
                self.add(vec![key], LintForm::AffiliationWord, Case::Capital, owner);
            }
        }
        // "the Alliance" for the Global Health Alliance, when no other entity is an alliance.
        let heads = [whole.last(), whole.first()];
        for head in heads.into_iter().flatten() {
            let key = bare(head);
            if ORGANIZATION.contains(&key.as_str()) && spread.get(&key) == Some(&1) {
                self.add(vec![key], LintForm::ShortForm, Case::Capital, owner);
            }
        }
    }
}

/// Whether the words around a match make it a place named after someone: "St Paul",
/// "rue Essono", "Mandela Road".
pub fn names_a_place(text: &[Word], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).map(|i| bare(&text[i]));
    let after = text.get(end).map(bare);
    before.is_some_and(|b| PLACE_BEFORE.contains(&b.as_str()))
        || after.is_some_and(|a| PLACE_AFTER.contains(&a.as_str()))
}

/// Whether the word before `start` is an article, as a short form needs: "the Alliance".
pub fn after_article(text: &[Word], start: usize) -> bool {
    start
        .checked_sub(1)
        .is_some_and(|i| ARTICLES.contains(&text[i].key.as_str()))
}

/// Whether the words after a short form make it part of another name: "the Alliance
/// for Migrants", "the Council of Europe".
pub fn in_a_longer_name(text: &[Word], end: usize) -> bool {
    let next = text.get(end);
    let then = text.get(end + 1);
    next.is_some_and(|n| capitalised(n.text) && !n.sentence_start)
        || next.is_some_and(|n| STOP.contains(&n.key.as_str()) && !n.sentence_start)
            && then.is_some_and(|t| capitalised(t.text))
}
