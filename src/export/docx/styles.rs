//! The Word document's styles: Word's built-in styles by their own names (Title,
//! Heading 1–3, List Bullet, List Number, Quote, Caption, Table Grid), so that an
//! organisation's template restyles the report; or that template's own styles, with
//! those it lacks added.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use crate::export::ExportError;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";

/// The styles the report uses, by id, each as Word defines it.
const BUILTINS: &[(&str, &str)] = &[
    (
        "Normal",
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:style>"#,
    ),
    (
        "Title",
        r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/><w:contextualSpacing/></w:pPr><w:rPr><w:b/><w:kern w:val="28"/><w:sz w:val="44"/></w:rPr></w:style>"#,
    ),
    (
        "Heading1",
        r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>"#,
    ),
    (
        "Heading2",
        r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>"#,
    ),
    (
        "Heading3",
        r#"<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/></w:rPr></w:style>"#,
    ),
    (
        "ListBullet",
        r#"<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/><w:contextualSpacing/></w:pPr></w:style>"#,
    ),
    (
        "ListNumber",
        r#"<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="60"/><w:contextualSpacing/></w:pPr></w:style>"#,
    ),
    (
        "Quote",
        r#"<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="29"/><w:qFormat/><w:pPr><w:spacing w:before="80" w:after="80"/><w:ind w:left="720" w:right="720"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>"#,
    ),
    (
        "Caption",
        r#"<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:spacing w:before="60" w:after="200"/></w:pPr><w:rPr><w:i/><w:sz w:val="18"/></w:rPr></w:style>"#,
    ),
    (
        "TableGrid",
        r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    ),
];

/// Bullets (list 1) and decimal numbers (list 2), one level each.
pub const NUMBERING_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;

/// The document's default font size and language.
fn doc_defaults(lang: &str) -> String {
    format!(
        "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>\
         <w:lang w:val=\"{lang}\"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"
    )
}

/// `styles.xml` with Word's built-in styles, in `lang`.
pub fn builtin(lang: &str) -> String {
    let mut out = String::from(HEAD);
    out.push_str(&doc_defaults(lang));
    for (_, style) in BUILTINS {
        out.push_str(style);
    }
    out.push_str("</w:styles>");
    out
}

/// The styles of an organisation's own Word document (`--reference-docx`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceStyles {
    /// Its `word/styles.xml`.
    styles: String,
    /// Ids of the styles it defines.
    ids: HashSet<String>,
    /// Its theme (fonts and colours the styles may refer to), if it has one.
    pub theme: Option<String>,
}

impl ReferenceStyles {
    /// Reads the styles of the Word document `bytes`, named `name` in messages.
    pub fn read(name: &str, bytes: &[u8]) -> Result<Self, ExportError> {
        let not_word = |why: String| ExportError(format!("{name}: not a Word document ({why})"));
        let mut zip =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_word(e.to_string()))?;
        let mut part = |path: &str| -> Option<String> {
            let mut file = zip.by_name(path).ok()?;
            let mut text = String::new();
            file.read_to_string(&mut text).ok()?;
            Some(text)
        };
        let styles =
            part("word/styles.xml").ok_or_else(|| not_word("no word/styles.xml".into()))?;
        let theme = part("word/theme/theme1.xml");
        let ids = {
            let doc = roxmltree::Document::parse(&styles)
                .map_err(|e| not_word(format!("word/styles.xml: {e}")))?;
            let root = doc.root_element();
            if root.tag_name().name() != "styles" {
                return Err(not_word("word/styles.xml holds no styles".into()));
            }
            root.children()
                .filter(|n| n.tag_name().name() == "style")
                .filter_map(|n| {
                    n.attributes()
                        .find(|a| a.name() == "styleId")
                        .map(|a| a.value().to_string())
                })
                .collect()
        };
        Ok(ReferenceStyles { styles, ids, theme })
    }

    /// Its styles, with each built-in style the report uses and it lacks added;
    /// `lang` only where it sets no defaults of its own.
    pub fn styles_with_builtins(&self, lang: &str) -> String {
        let missing: String = BUILTINS
            .iter()
            .filter(|(id, _)| !self.ids.contains(*id))
            .map(|(_, style)| *style)
            .collect();
        let Some(end) = self.styles.rfind("</w:styles>") else {
            return builtin(lang);
        };
        let mut out = self.styles[..end].to_string();
        if !out.contains("<w:docDefaults") {
            // docDefaults come first in styles.xml: after the opening tag, with its namespaces.
            if let Some(open) = out
                .find("<w:styles")
                .and_then(|at| out[at..].find('>').map(|n| at + n + 1))
            {
                out.insert_str(open, &doc_defaults(lang));
            }
        }
        out.push_str(&missing);
        out.push_str(&self.styles[end..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_styles_parse_and_carry_words_names() {
        let xml = builtin("fr");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let names: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "name")
            .filter_map(|n| n.attributes().next().map(|a| a.value()))
            .collect();
        for name in [
            "Title",
            "heading 1",
            "heading 2",
            "heading 3",
            "List Bullet",
            "List Number",
            "Quote",
            "Table Grid",
        ] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        assert!(xml.contains("<w:lang w:val=\"fr\"/>"));
        roxmltree::Document::parse(NUMBERING_XML).unwrap();
    }
}
