//! Rendering a [`Report`] through minijinja templates embedded in the binary.

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, Output, State, UndefinedBehavior};
use unicode_width::UnicodeWidthStr;

use super::data::Report;
use super::escape::{html_inline, markdown_inline};
use super::wrap::wrap_text;
use super::{ExportError, Format};

const MARKDOWN: &str = include_str!("templates/report.md.j2");
const TEXT: &str = include_str!("templates/report.txt.j2");
const HTML: &str = include_str!("templates/report.html.j2");

/// Width plain-text reports are wrapped to.
pub const TEXT_WIDTH: usize = 72;

/// The built-in template for `format`, to copy and adapt with `--template`.
pub fn builtin_template(format: Format) -> Option<&'static str> {
    match format {
        Format::Markdown => Some(MARKDOWN),
        Format::Text => Some(TEXT),
        Format::Html => Some(HTML),
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
    }
}

/// Renders `report` in `format`, with `template` replacing the built-in one.
pub fn render(
    report: &Report,
    format: Format,
    template: Option<&str>,
) -> Result<String, ExportError> {
    let builtin = builtin_template(format).unwrap_or_default();
    render_data(report, format, "report", builtin, template)
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
        AutoEscape::Html => Value::from_safe_string(html_inline(&text)),
        AutoEscape::Custom("markdown") => Value::from_safe_string(markdown_inline(&text)),
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
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
