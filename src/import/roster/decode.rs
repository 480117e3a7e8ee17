//! A roster file's bytes as text, the way spreadsheets save them: UTF-8 with or
//! without a byte-order mark, UTF-16 with one (Excel's "Unicode text"), or
//! Windows-1252 (a European Excel's CSV); and which separator its header uses.

use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::import::ImportProblem;
use crate::source::utf8_or_position;

/// The text of a roster, and the encoding it was read from when not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// "UTF-16", "Windows-1252"…, or `None` for UTF-8.
    pub encoding: Option<&'static str>,
}

/// Reads `bytes` as text: a byte-order mark says UTF-8 or UTF-16; without one, UTF-8
/// if it is, else Windows-1252, unless the bytes hold UTF-8 characters too (a damaged
/// UTF-8 file, refused at its first bad byte) or bytes Windows-1252 does not define.
pub fn decode(bytes: &[u8], path: &Path) -> Result<Decoded, ImportProblem> {
    let with_bom = |encoding: &'static Encoding, name: &'static str, rest: &[u8]| {
        encoding
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(|text| Decoded {
                text: text.into_owned(),
                encoding: Some(name),
            })
            .ok_or_else(|| {
                ImportProblem::whole_file(
                    path,
                    format!("invalid {name}: the file starts with a {name} byte-order mark"),
                )
            })
    };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return with_bom(UTF_16LE, "UTF-16", rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return with_bom(UTF_16BE, "UTF-16", rest);
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = place(bytes, at);
        return Err(ImportProblem::at(
            path,
            line,
            col,
            "a NUL byte: UTF-16 without a byte-order mark? save the file as UTF-8, \
             or as Unicode text",
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: None,
        });
    }
    let utf8_characters = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
    if bom || utf8_characters {
        // UTF-8 characters beside bytes that are not: a damaged file, not another encoding.
        utf8_or_position(bytes, path)?;
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    // Five bytes have no character in Windows-1252; they come out as C1 controls.
    if let Some(at) = bytes
        .iter()
        .position(|b| matches!(b, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d))
    {
        let (line, col) = place(bytes, at);
        return Err(ImportProblem::at(
            path,
            line,
            col,
            format!(
                "byte 0x{:02x} is neither UTF-8 nor Windows-1252; save the file as UTF-8",
                bytes[at]
            ),
        ));
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: Some("Windows-1252"),
    })
}

/// Line and column (in characters, as Windows-1252 reads them) of byte `at`.
fn place(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    // A line ends at `\n`, `\r\n` or a lone `\r`, as the rows' line numbers count them.
    let ends =
        |i: usize| before[i] == b'\n' || (before[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    let line = (0..at).filter(|&i| ends(i)).count() + 1;
    let start = (0..at).rev().find(|&i| ends(i)).map_or(0, |i| i + 1);
    (line, at - start + 1)
}

/// The separators a roster's columns may have, in the order they are tried.
pub const SEPARATORS: [(u8, &str); 3] = [(b',', "commas"), (b';', "semicolons"), (b'\t', "tabs")];

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<&'static str>) {
        let d = decode(bytes, Path::new("p.csv")).unwrap();
        (d.text, d.encoding)
    }

    #[test]
    fn every_encoding_a_spreadsheet_saves() {
        assert_eq!(text(b"name\nZo\xc3\xab"), ("name\nZoë".into(), None));
        assert_eq!(
            text(b"\xef\xbb\xbfname\nZo\xc3\xab"),
            ("name\nZoë".into(), None)
        );
        assert_eq!(
            text(b"name\nM\xfcller \x80"),
            ("name\nMüller €".into(), Some("Windows-1252"))
        );
        let le: Vec<u8> = b"\xff\xfe"
            .iter()
            .copied()
            .chain("name\nZoë".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(text(&le), ("name\nZoë".into(), Some("UTF-16")));
        let be: Vec<u8> = b"\xfe\xff"
            .iter()
            .copied()
            .chain("name\nZoë".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(&be), ("name\nZoë".into(), Some("UTF-16")));
    }

    #[test]
    fn damaged_or_unknown_bytes_are_refused_with_their_place() {
        let error = |bytes: &[u8]| decode(bytes, Path::new("p.csv")).unwrap_err().to_string();
        assert_eq!(
            error(b"name\nZo\xc3\xab \xff"),
            "p.csv:2:5: invalid UTF-8 (the file must be UTF-8 text)"
        );
        assert!(error(b"name\nA\x81").starts_with("p.csv:2:2: byte 0x81 is neither"));
        assert!(error(b"n\0a\0m\0e\0").starts_with("p.csv:1:2: a NUL byte"));
        assert!(error(b"name\rA\r\nB\0").starts_with("p.csv:3:2: a NUL byte"));
        assert!(error(b"\xff\xfe\x00\xd8").starts_with("p.csv: invalid UTF-16"));
    }
}
