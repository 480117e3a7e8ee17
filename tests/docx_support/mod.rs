//! Reading a Word document back from its package: the parts, and the body as
//! paragraphs and tables with their styles. One helper for every docx test.

#![allow(dead_code)]

use std::io::{Cursor, Read};

/// Every part of the package by name, as text.
pub fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).expect("a text part");
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

/// The part named `name`.
pub fn part(bytes: &[u8], name: &str) -> String {
    parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the package"))
        .1
}

/// One paragraph of the body: its style id ("" for Normal) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub style: String,
    pub text: String,
}

fn is(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn attr<'a>(node: &roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// The text of a paragraph: its runs' `w:t`, in order.
pub fn text_of(p: &roxmltree::Node) -> String {
    p.descendants()
        .filter(|n| is(n, "t"))
        .filter_map(|n| n.text())
        .collect()
}

/// The paragraphs of the body outside tables, in order.
pub fn paragraphs(document: &str) -> Vec<Para> {
    let doc = roxmltree::Document::parse(document).expect("document.xml parses");
    let body = doc.descendants().find(|n| is(n, "body")).expect("a body");
    body.children()
        .filter(|n| is(n, "p"))
        .map(|p| Para {
            style: p
                .descendants()
                .find(|n| is(n, "pStyle"))
                .and_then(|n| attr(&n, "val"))
                .unwrap_or("")
                .to_string(),
            text: text_of(&p),
        })
        .collect()
}

/// The tables of the body: their style id and their rows of cell texts.
pub fn tables(document: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let doc = roxmltree::Document::parse(document).expect("document.xml parses");
    doc.descendants()
        .filter(|n| is(n, "tbl"))
        .map(|t| {
            let style = t
                .descendants()
                .find(|n| is(n, "tblStyle"))
                .and_then(|n| attr(&n, "val"))
                .unwrap_or("")
                .to_string();
            let rows = t
                .children()
                .filter(|n| is(n, "tr"))
                .map(|r| {
                    r.children()
                        .filter(|n| is(n, "tc"))
                        .map(|c| text_of(&c))
                        .collect()
                })
                .collect();
            (style, rows)
        })
        .collect()
}

/// The styles of styles.xml: id and name.
pub fn styles(styles: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(styles).expect("styles.xml parses");
    doc.descendants()
        .filter(|n| is(n, "style"))
        .map(|s| {
            let name = s
                .children()
                .find(|n| is(n, "name"))
                .and_then(|n| attr(&n, "val"))
                .unwrap_or("");
            (
                attr(&s, "styleId").unwrap_or("").to_string(),
                name.to_string(),
            )
        })
        .collect()
}

/// All the text the package holds, its properties included: what a reader of the file
/// could find in it.
pub fn all_text(bytes: &[u8]) -> String {
    parts(bytes)
        .into_iter()
        .map(|(_, xml)| {
            let doc = roxmltree::Document::parse(&xml).expect("every part parses");
            doc.descendants()
                .filter_map(|n| n.text())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
