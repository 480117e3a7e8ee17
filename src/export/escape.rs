//! Escaping of the notes' text for Markdown and HTML, so that it reads in the
//! report exactly as typed: markup characters shown, never acted on, and web
//! addresses kept whole as links.

use linkify::{LinkFinder, LinkKind};
use minijinja::HtmlEscape;

/// Pieces of `text` in order: plain text, or a web address (`http` or `https`) to link.
fn pieces(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder.spans(text).map(|span| {
        (
            span.as_str(),
            span.kind().is_some() && linkable(span.as_str()),
        )
    })
}

/// Whether an address found in a note may become a link: web addresses only, as
/// `javascript://` or `file://` would act when clicked.
fn linkable(url: &str) -> bool {
    let scheme = url.split_once("://").map_or("", |(s, _)| s);
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// `text` as Markdown inline content: markup escaped for CommonMark and web
/// addresses as autolinks (`<https://…>`), never escaped inside.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut first = true;
    for (piece, link) in pieces(text) {
        if link {
            out.push('<');
            out.push_str(piece);
            out.push('>');
        } else {
            markdown_escape_into(&mut out, piece, first);
        }
        first = false;
    }
    out
}

/// `text` with Markdown's markup characters backslash-escaped, on one line, so that a
/// CommonMark reader shows it as typed wherever a template puts it.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    markdown_escape_into(&mut out, text, true);
    out
}

/// Appends `text` escaped; `at_start` when it may begin a line, where `-`, `+`, `=`
/// and `1.` would start a list, a rule or a heading underline.
fn markdown_escape_into(out: &mut String, text: &str, at_start: bool) {
    // Leading spaces show nothing in Markdown, and four of them would start a code block.
    let text = if at_start { text.trim_start() } else { text };
    let mut from = 0;
    if at_start {
        let bytes = text.as_bytes();
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        // What follows a marker: a list needs a space or tab after it, or nothing.
        let spaced = |at: usize| matches!(bytes.get(at), None | Some(b' ' | b'\t'));
        let rule = text
            .bytes()
            .all(|b| matches!(b, b'-' | b'=' | b' ' | b'\t'));
        if matches!(bytes.first(), Some(b'-' | b'+')) && spaced(1) || !text.is_empty() && rule {
            out.push('\\');
        } else if (1..10).contains(&digits)
            && matches!(bytes.get(digits), Some(b'.' | b')'))
            && spaced(digits + 1)
        {
            // "1986. was the year" is no numbered list: the digits stay, their full stop is escaped.
            out.push_str(&text[..digits]);
            out.push('\\');
            from = digits;
        }
    }
    for (i, c) in text.char_indices().skip(from) {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `&copy;` or `&#35;` would become a character: the ampersand is escaped.
            '&' if text[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') =>
            {
                out.push_str("\\&");
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// `text` HTML-escaped, with web addresses as links (`<a href="…">…</a>`).
pub fn html_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (piece, link) in pieces(text) {
        if link {
            let url = html_escape(piece);
            out.push_str("<a href=\"");
            out.push_str(&url);
            out.push_str("\">");
            out.push_str(&url);
            out.push_str("</a>");
        } else {
            out.push_str(&html_escape(piece));
        }
    }
    out
}

/// `text` as XML character data or an attribute value, for the Word document: markup
/// escaped, and the few characters XML cannot hold at all shown as U+FFFD.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `text` escaped for HTML text and attribute values, as every other value of the report is.
fn html_escape(text: &str) -> String {
    HtmlEscape(text).to_string()
}

/// `text` with control characters shown as `\u{..}` escapes, never sent raw.
pub fn escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_text("a < b & \"c\" > d\u{1b}\u{ffff}é"),
            "a &lt; b &amp; &quot;c&quot; &gt; d\u{fffd}\u{fffd}é"
        );
        assert_eq!(xml_text("tab\tand\nline"), "tab\tand\nline");
    }

    #[test]
    fn markdown_markup_is_escaped() {
        assert_eq!(
            markdown_escape("*a* [b](c) <i>"),
            "\\*a\\* \\[b\\](c) \\<i\\>"
        );
        assert_eq!(markdown_escape("&copy; & AT&T"), "\\&copy; & AT\\&T");
    }

    #[test]
    fn what_would_start_a_block_is_escaped_at_the_start_only() {
        assert_eq!(
            markdown_escape("1986. was the year"),
            "1986\\. was the year"
        );
        assert_eq!(markdown_escape("2) then"), "2\\) then");
        assert_eq!(markdown_escape("---"), "\\---");
        assert_eq!(markdown_escape("- a - b"), "\\- a - b");
        assert_eq!(markdown_escape("+ x = y"), "\\+ x = y");
        assert_eq!(markdown_escape("in 1986. Then"), "in 1986. Then");
        assert_eq!(markdown_escape("-11 and +7"), "-11 and +7");
        assert_eq!(markdown_escape("1.5 million"), "1.5 million");
        assert_eq!(markdown_escape("== x"), "== x");
        assert_eq!(markdown_escape("= ="), "\\= =");
    }

    #[test]
    fn web_addresses_are_autolinks_kept_whole() {
        assert_eq!(
            markdown_inline("see https://example.org/survey_2020#repairs, then *act*"),
            "see <https://example.org/survey_2020#repairs>, then \\*act\\*"
        );
        assert_eq!(
            markdown_inline("https://x.org/a_b starts it"),
            "<https://x.org/a_b> starts it"
        );
        // Only web addresses act when clicked.
        assert_eq!(
            markdown_inline("javascript://x.org/%0Aalert(1)"),
            "javascript://x.org/%0Aalert(1)"
        );
    }

    #[test]
    fn html_links_web_addresses_and_escapes_the_rest() {
        assert_eq!(
            html_inline("a <b> & https://example.org/q?a=1&b=\"2\""),
            "a &lt;b&gt; &amp; <a href=\"https:&#x2f;&#x2f;example.org&#x2f;q?a=1&amp;b=\">\
             https:&#x2f;&#x2f;example.org&#x2f;q?a=1&amp;b=</a>&quot;2&quot;"
        );
    }
}
