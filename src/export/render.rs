//! Rendering a [`Report`] through minijinja templates embedded in the binary.

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, Output, State, UndefinedBehavior};
use unicode_width::UnicodeWidthStr;

use super::data::Report;
use super::docx;
use super::escape::{html_inline, markdown_inline, xml_text};
use super::lang::passage_lang;
use super::wrap::{fill, wrap_text};
use super::{ExportError, Format};

const MARKDOWN: &str = include_str!("templates/report.md.j2");
const TEXT: &str = include_str!("templates/report.txt.j2");
const HTML: &str = include_str!("templates/report.html.j2");
const DOCX: &str = include_str!("templates/report.docx.j2");

/// Width plain-text reports are wrapped to.
pub const TEXT_WIDTH: usize = 72;

/// The built-in template for `format`, to copy and adapt with `--template`.
pub fn builtin_template(format: Format) -> Option<&'static str> {
    match format {
        Format::Markdown => Some(MARKDOWN),
        Format::Text => Some(TEXT),
        Format::Html => Some(HTML),
        Format::Docx => Some(DOCX),
        Format::Json => None,
    }
}

/// The template's extension for `format`, which decides the escaping.
fn extension(format: Format) -> &'static str {
    match format {
        Format::Markdown => "md",
        Format::Text => "txt",
        Format::Html => "html",
        Format::Json => "json",
        Format::Docx => "docx",
    }
}

/// Renders `report` in `format`, with `template` replacing the built-in one.
pub fn render(
    report: &Report,
    format: Format,
    template: Option<&str>,
) -> Result<String, ExportError> {
    let builtin = builtin_template(format).unwrap_or_default();
    match format {
        Format::Docx => render_data(&docx::data(report), format, "report", builtin, template),
        Format::Json => render_data(report, format, "report", builtin, template),
        _ => {
            // The report's fields with `t` beside them, merged without a copy of either.
            let data = minijinja::context! {
                t => Value::from_serialize(report.t),
                ..Value::from_serialize(report)
            };
            render_data(&data, format, "report", builtin, template)
        }
    }
}

/// Renders any report data in `format` through `builtin` (or `template`), a template named
/// `stem` plus the format's extension, with the report's escaping, filters and wrapping.
pub fn render_data<T: serde::Serialize>(
    report: &T,
    format: Format,
    stem: &str,
    builtin: &str,
    template: Option<&str>,
) -> Result<String, ExportError> {
    if format == Format::Json {
        if template.is_some() {
            return Err(ExportError(
                "a template cannot shape JSON output; drop --template".into(),
            ));
        }
        let mut json = serde_json::to_string_pretty(report)
            .map_err(|e| ExportError(format!("cannot write the report as JSON: {e}")))?;
        json.push('\n');
        return Ok(json);
    }
    let source = template.unwrap_or(builtin);
    let name = format!("{stem}.{}", extension(format));
    let name = name.as_str();
    let mut env = environment();
    env.add_template(name, source)
        .map_err(|e| template_error(e, template.is_some()))?;
    let rendered = env
        .get_template(name)
        .and_then(|t| t.render(report))
        .map_err(|e| template_error(e, template.is_some()))?;
    Ok(match format {
        Format::Text => wrap_text(&rendered, TEXT_WIDTH),
        _ => rendered,
    })
}

fn template_error(error: Error, custom: bool) -> ExportError {
    let which = if custom {
        "the report template"
    } else {
        "the built-in report template"
    };
    let mut message = format!("{which}: {error}");
    if let Some(line) = error.line() {
        message = format!(
            "{which}, line {line}: {}",
            error.detail().unwrap_or(&error.to_string())
        );
    }
    ExportError(message)
}

fn environment<'s>() -> Environment<'s> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    // A misspelt field in a template is an error, not a silent blank.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else if name.ends_with(".md") {
            AutoEscape::Custom("markdown")
        } else if name.ends_with(".docx") {
            AutoEscape::Custom("xml")
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    env.add_filter("count", count_filter);
    env.add_filter("words", words_filter);
    env.add_filter("links", links_filter);
    env.add_filter("pad", pad_filter);
    env.add_filter("rpad", rpad_filter);
    env.add_filter("row", row_filter);
    env.add_filter("lang", lang_filter);
    env.add_filter("run", run_filter);
    env
}

/// Writes values, escaping Markdown's markup characters in Markdown reports, where web
/// addresses become autolinks.
fn format_value(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if state.auto_escape() == AutoEscape::Custom("markdown") {
        let text = match value.as_str() {
            Some(s) if !value.is_safe() => markdown_inline(s),
            _ => value.to_string(),
        };
        return out.write_str(&text).map_err(Error::from);
    }
    if state.auto_escape() == AutoEscape::Custom("xml") {
        let text = match value.as_str() {
            _ if value.is_safe() => value.to_string(),
            Some(s) => xml_text(s),
            None => xml_text(&value.to_string()),
        };
        return out.write_str(&text).map_err(Error::from);
    }
    minijinja::escape_formatter(out, state, value)
}

/// `{{ n.text|links }}`: the text escaped with its web addresses as links, in HTML
/// (`<a href>`) and Markdown (`<https://…>`); as it is in other formats.
fn links_filter(state: &State, value: Value) -> Value {
    if value.is_safe() {
        return value;
    }
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string);
    match state.auto_escape() {
        AutoEscape::Html => {
            let html = html_inline(&text);
            // A passage in another of the meeting's languages says which, for readers and
            // screen readers; right-to-left text keeps its direction.
            Value::from_safe_string(
                match passage_lang(&text, &meeting_languages(state), &document_lang(state)) {
                    Some((tag, rtl)) => {
                        let dir = if rtl { " dir=\"rtl\"" } else { "" };
                        format!("<span lang=\"{tag}\"{dir}>{html}</span>")
                    }
                    None => html,
                },
            )
        }
        AutoEscape::Custom("markdown") => Value::from_safe_string(markdown_inline(&text)),
        // Word keeps an address as typed text, whole.
        AutoEscape::Custom("xml") => Value::from_safe_string(xml_text(&text)),
        _ => value,
    }
}

/// `{{ n|count("priority", "priorities") }}` gives "1 priority", "2 priorities".
fn count_filter(n: usize, singular: String, plural: String) -> String {
    super::prose::count(n, &singular, &plural)
}

/// `{{ n|words }}` gives "three"; `{{ n|words("focus area", "focus areas") }}` gives
/// "three focus areas": small numbers in words, as running prose writes them.
fn words_filter(n: usize, singular: Option<String>, plural: Option<String>) -> String {
    match (singular, plural) {
        (Some(one), Some(many)) => super::words::count_words(n, &one, &many),
        _ => super::words::number_word(n),
    }
}

/// Left-aligns a value in `width` columns, shortening it with "…" if needed.
fn pad_filter(value: Value, width: usize) -> String {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string);
    let text = fit(&text, width);
    let gap = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(gap))
}

/// Right-aligns a value in `width` columns.
fn rpad_filter(value: Value, width: usize) -> String {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string);
    let text = fit(&text, width);
    let gap = width.saturating_sub(text.width());
    format!("{}{text}", " ".repeat(gap))
}

fn fit(text: &str, width: usize) -> String {
    crate::shorten::truncate(text, width).into_owned()
}

/// `{{ [name, people, …]|row("<18 >6 …") }}`: one table row of plain text, each cell
/// left (`<`) or right (`>`) aligned in its width, two spaces apart; a cell wider than
/// its column wraps inside it onto more lines, never cut.
fn row_filter(cells: Vec<Value>, columns: String) -> Result<String, Error> {
    let columns: Vec<(bool, usize)> = columns
        .split_whitespace()
        .map(|c| {
            let right = c.starts_with('>');
            c.strip_prefix(['<', '>'])
                .and_then(|w| w.parse().ok())
                .map(|w| (right, w))
                .ok_or(())
        })
        .collect::<Result<_, _>>()
        .map_err(|_| {
            Error::new(
                minijinja::ErrorKind::InvalidOperation,
                "row: columns are written <WIDTH or >WIDTH",
            )
        })?;
    let filled: Vec<Vec<String>> = cells
        .iter()
        .zip(&columns)
        .map(|(cell, (_, width))| {
            let text = cell
                .as_str()
                .map_or_else(|| cell.to_string(), str::to_string);
            fill(&text, *width)
        })
        .collect();
    let height = filled.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let mut lines = Vec::with_capacity(height);
    for line in 0..height {
        let mut out = String::new();
        for (i, (cell, (right, width))) in filled.iter().zip(&columns).enumerate() {
            let text = cell.get(line).map_or("", String::as_str);
            let gap = " ".repeat(width.saturating_sub(text.width()));
            if i > 0 {
                out.push_str("  ");
            }
            if *right {
                out.push_str(&gap);
                out.push_str(text);
            } else {
                out.push_str(text);
                out.push_str(&gap);
            }
        }
        lines.push(out.trim_end().to_string());
    }
    Ok(lines.join("\n"))
}

/// `{{ n.text|run }}`: in the Word document, the text as one run (`<w:r>`), XML-escaped;
/// a passage in another of the meeting's languages says which, as the HTML report does,
/// so that Word checks its spelling in that language and keeps its direction.
fn run_filter(state: &State, value: Value) -> Value {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string);
    let props = match passage_lang(&text, &meeting_languages(state), &document_lang(state)) {
        Some((tag, true)) => format!("<w:rPr><w:rtl/><w:lang w:bidi=\"{tag}\"/></w:rPr>"),
        Some((tag, false)) if matches!(tag.as_str(), "zh" | "ja" | "ko") => {
            format!("<w:rPr><w:lang w:eastAsia=\"{tag}\"/></w:rPr>")
        }
        Some((tag, false)) => format!("<w:rPr><w:lang w:val=\"{tag}\"/></w:rPr>"),
        None => String::new(),
    };
    Value::from_safe_string(format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml_text(&text)
    ))
}

/// `{{ languages|lang }}`: the BCP 47 tag of the report's own language (its passages in
/// other languages are marked one by one).
fn lang_filter(state: &State, _languages: Vec<String>) -> String {
    document_lang(state)
}

/// The report's language as the template's data holds it (`lang`), English when it has none.
fn document_lang(state: &State) -> String {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
}

/// The meeting's languages, as the template's data holds them.
fn meeting_languages(state: &State) -> Vec<String> {
    state
        .lookup("languages")
        .and_then(|v| {
            v.try_iter()
                .ok()
                .map(|i| i.map(|l| l.to_string()).collect())
        })
        .unwrap_or_default()
}
