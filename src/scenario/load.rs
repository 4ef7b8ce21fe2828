//! Reading scenarios: RON text → checked [`Scenario`], with errors that name the file, the line
//! and column, the field and the fix (DESIGN §3).

use std::fmt;
use std::path::Path;

use ron::error::SpannedError;
use serde::de::DeserializeOwned;

use super::Scenario;
use crate::files::{self, ReadError, Stamp};

/// A scenario that could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("{origin}: cannot read the file: {source}")]
    Read {
        /// The file.
        origin: String,
        /// Why.
        source: std::io::Error,
    },
    /// The text is not a valid scenario.
    #[error(transparent)]
    Invalid(#[from] LoadError),
    /// The file changed on disk since it was read (another program or window wrote it).
    #[error(
        "{origin}: the file changed on disk since it was opened: save under another name, reload it, or overwrite it on purpose"
    )]
    ChangedOnDisk {
        /// The file.
        origin: String,
    },
    /// The file could not be written.
    #[error("{origin}: cannot save: {message}")]
    Write {
        /// The file.
        origin: String,
        /// Why, and what to do.
        message: String,
    },
}

/// Where a scenario text is wrong, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file (or preset) the text came from.
    pub origin: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The field, as `users.share_affected` or `businesses[1].dependence` (empty at top level).
    pub field: String,
    /// What is wrong and how to fix it, one sentence.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.origin, self.line, self.column)?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for LoadError {}

/// The largest scenario file read: real ones are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// Reads a scenario file.
pub fn load_file(path: &Path) -> Result<Scenario, ScenarioError> {
    load_file_stamped(path).map(|(scenario, _)| scenario)
}

/// Reads a scenario file and what the file was when it was read, so a later save can tell
/// whether another program changed it meanwhile ([`super::save::save_file_unless_changed`]).
pub fn load_file_stamped(path: &Path) -> Result<(Scenario, Stamp), ScenarioError> {
    let (bytes, stamp) = read_file_stamped(path)?;
    Ok((parse_bytes(&bytes, &path.display().to_string())?, stamp))
}

/// Reads the bytes of a document file (a scenario, a register): the one read path, with its size
/// limit, that every document goes through.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ScenarioError> {
    read_file_stamped(path).map(|(bytes, _)| bytes)
}

/// [`read_file`], with the file's stamp. Only regular files are read (a device, FIFO or folder is
/// refused at once), and never more than [`MAX_FILE_BYTES`], whatever the file claims.
fn read_file_stamped(path: &Path) -> Result<(Vec<u8>, Stamp), ScenarioError> {
    let origin = path.display().to_string();
    files::read_limited(path, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(source) => ScenarioError::Read { origin: origin.clone(), source },
        ReadError::NotAFile(_) => ScenarioError::Read {
            origin: origin.clone(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, e.to_string()),
        },
        ReadError::TooLarge { limit, claimed } => ScenarioError::Invalid(LoadError {
            origin: origin.clone(),
            line: 1,
            column: 1,
            field: String::new(),
            message: format!(
                "the file is {}{:.1} MB, but a scenario is a few kilobytes: is this the right file? (at most {} MiB)",
                if claimed > limit && claimed == limit + 1 { "over " } else { "" },
                claimed as f64 / 1e6,
                limit >> 20
            ),
        }),
    })
}

/// Parses a scenario from raw bytes: UTF-8, with or without a byte-order mark.
pub fn parse_bytes(bytes: &[u8], origin: &str) -> Result<Scenario, LoadError> {
    parse(text_of(bytes, origin)?, origin)
}

/// Parses any RON document (a scenario, a register) from raw bytes, with the scenario's error
/// messages: UTF-8, with or without a byte-order mark.
pub fn parse_document_bytes<T: DeserializeOwned>(bytes: &[u8], origin: &str) -> Result<T, LoadError> {
    parse_document(text_of(bytes, origin)?, origin)
}

/// A file's bytes as text: UTF-8, with or without a byte-order mark, else an error saying so.
fn text_of<'a>(bytes: &'a [u8], origin: &str) -> Result<&'a str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let message = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
                "the file is UTF-16 text: save it as UTF-8".to_owned()
            } else {
                "the file is not UTF-8 text (is it a scenario file?): save it as UTF-8".to_owned()
            };
            let (line, column) = position_of(&bytes[..e.valid_up_to()]);
            Err(LoadError { origin: origin.to_owned(), line, column, field: String::new(), message })
        }
    }
}

fn position_of(valid_prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(valid_prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parses a scenario from RON text.
pub fn parse(text: &str, origin: &str) -> Result<Scenario, LoadError> {
    let scenario: Scenario = parse_document(text, origin)?;
    // Correlations are checked as a set (they must be possible together), after the fields.
    if let Err(e) = crate::sim::correlation::check(&scenario) {
        let (line, column) = entry_position(text, "correlations", e.index);
        return Err(LoadError {
            origin: origin.to_owned(),
            line,
            column,
            field: format!("correlations[{}]", e.index),
            message: e.message,
        });
    }
    Ok(scenario)
}

/// Parses any RON document (a scenario, a register) from text, with errors that name the line,
/// column and field.
pub fn parse_document<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, LoadError> {
    let located = |e: SpannedError, field: String| LoadError {
        origin: origin.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: explain(&e.code, &field),
        field,
    };
    if text.trim().is_empty() {
        return Err(LoadError {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            field: String::new(),
            message: "the file is empty: start from presets/template.ron".to_owned(),
        });
    }
    let mut de = ron::Deserializer::from_str_with_options(text, &options()).map_err(|e| located(e, String::new()))?;
    let document: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let field = tidy_path(&e.path().to_string());
        let spanned = de.span_error(e.into_inner());
        located(spanned, field)
    })?;
    de.end().map_err(|e| located(de.span_error(e), String::new()))?;
    Ok(document)
}

/// Where entry `index` of the list under `key` starts (its opening parenthesis), as 1-based line
/// and column; the key itself, or the start of the text, when not found.
fn entry_position(text: &str, key: &str, index: usize) -> (usize, usize) {
    let Some(start) = text.find(&format!("{key}:")).or_else(|| text.find(key)) else {
        return (1, 1);
    };
    let mut at = start;
    let (mut depth, mut seen) = (0_i32, 0);
    for (i, c) in text[start..].char_indices() {
        match c {
            '[' | '(' => {
                if c == '(' && depth == 1 {
                    if seen == index {
                        at = start + i;
                        break;
                    }
                    seen += 1;
                }
                depth += 1;
            }
            ']' | ')' => {
                depth -= 1;
                if depth <= 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    position_of(&text.as_bytes()[..at])
}

/// RON options shared by reading and writing: a deep-nesting limit so hostile files fail cleanly.
pub(crate) fn options() -> ron::Options {
    ron::Options::default().with_recursion_limit(64)
}

/// The field path as a file names it: `serde_path_to_error` writes `?` for the root and adds enum
/// variants as segments (`outage.traffic_profile.Custom[3]`), which a reader never types.
fn tidy_path(path: &str) -> String {
    if path == "?" || path == "." {
        return String::new();
    }
    let mut tidy = String::new();
    for segment in path.split('.') {
        let is_variant = segment.starts_with(|c: char| c.is_ascii_uppercase());
        let kept = if is_variant { segment.trim_start_matches(|c: char| c != '[') } else { segment };
        if !tidy.is_empty() && !kept.is_empty() && !kept.starts_with('[') {
            tidy.push('.');
        }
        tidy.push_str(kept);
    }
    // Deeply nested values add an index per level: name the field, not the nesting.
    if tidy.matches('[').count() > 2
        && let Some(cut) = tidy.rfind(|c: char| c.is_ascii_alphabetic() || c == '_')
    {
        tidy.truncate(cut + 1);
    }
    tidy
}

/// One sentence for a RON error code: what is wrong and how to fix it.
fn explain(code: &ron::Error, field: &str) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchStructField { expected, found, outer } => {
            let place = outer.as_deref().map_or_else(String::new, |o| format!(" in {}", section_name(o)));
            let hint = closest(found, expected).map_or_else(String::new, |c| format!("did you mean `{c}`? "));
            format!("unknown field `{found}`{place}: {hint}expected one of {}", list(expected))
        }
        E::MissingStructField { field: missing, outer } => match (*missing, outer.as_deref()) {
            ("version", _) => "the file has no `version`: add `version: 1,` as its first field".to_owned(),
            ("outage", _) => "the scenario has no `outage` section: add `outage: (duration_hours: 4),`".to_owned(),
            ("duration_hours", _) => "the outage needs `duration_hours`: add e.g. `duration_hours: 4,`".to_owned(),
            (missing, Some(o)) => {
                format!("`{missing}` is missing from {}: add it", section_name(o))
            }
            (missing, None) => format!("`{missing}` is missing: add it"),
        },
        E::DuplicateStructField { field: dup, .. } => format!("`{dup}` is written twice: keep one"),
        E::NoSuchEnumVariant { expected, found, .. } => {
            let hint = closest(found, expected).map_or_else(String::new, |c| format!("did you mean `{c}`? "));
            format!("`{found}` is not a known choice here: {hint}expected one of {}", list(expected))
        }
        E::InvalidValueForType { expected, found } => {
            format!("expected {expected}, found {found}{}", fix_for(field))
        }
        E::ExpectedFloat | E::ExpectedInteger => format!("expected a number{}", fix_for(field)),
        E::ExpectedString => "expected text in double quotes, like \"Kakao\"".to_owned(),
        E::ExpectedStringEnd => "this text has no closing double quote: add one".to_owned(),
        E::IntegerOutOfBounds => {
            format!("this number does not fit here: write a whole number of 0 or more{}", fix_for(field))
        }
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "expected a section in parentheses here, like `users: (active_users: 1000)`".to_owned()
        }
        E::UnclosedBlockComment => "a /* comment */ is not closed: add */".to_owned(),
        E::Eof => "the file ends too early: a closing `)` or `]` is missing".to_owned(),
        E::ExpectedComma => "a comma is missing here (after the value before this point)".to_owned(),
        E::ExpectedMapColon => "a `:` is missing between a field's name and its value".to_owned(),
        E::ExpectedStructLikeEnd | E::ExpectedArrayEnd => {
            "a closing bracket is missing or a comma is out of place here".to_owned()
        }
        E::ExpectedIdentifier => "expected a field name or a choice such as `Flat` here".to_owned(),
        E::TrailingCharacters => "unexpected text after the scenario's closing `)`: remove it".to_owned(),
        E::ExceededRecursionLimit => "the file nests too deeply to be a scenario".to_owned(),
        E::Message(m) => m.clone(),
        other => format!("{other}: check the syntax near here against presets/template.ron"),
    }
}

fn fix_for(field: &str) -> &'static str {
    if field.is_empty() { "" } else { " (see presets/template.ron for this field's form)" }
}

fn section_name(outer: &str) -> String {
    match outer {
        "Scenario" => "the scenario".to_owned(),
        other => format!("`{}`", other.to_lowercase()),
    }
}

fn list(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// The expected name nearest to a misspelt one, if it is near enough to be a typo.
fn closest<'a>(found: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (edit_distance(found, e), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_field() {
        assert_eq!(closest("duraton_hours", &["start_hour", "duration_hours"]), Some("duration_hours"));
        assert_eq!(closest("colour", &["start_hour", "duration_hours"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn paths_drop_variant_names() {
        assert_eq!(tidy_path("outage.traffic_profile.Custom"), "outage.traffic_profile");
        assert_eq!(tidy_path("outage.traffic_profile.Custom[3]"), "outage.traffic_profile[3]");
        assert_eq!(tidy_path("businesses[1].dependence"), "businesses[1].dependence");
        assert_eq!(tidy_path("?"), "");
        assert_eq!(tidy_path("outage.duration_hours[0][0][0][0]"), "outage.duration_hours");
    }

    #[test]
    fn correlation_entries_are_found_by_index() {
        let text =
            "(\n  correlations: [\n    (a: \"x\", b: \"y\", rank: 0.5),\n    (a: \"y\", b: \"z\", rank: 0.1),\n  ],\n)";
        assert_eq!(entry_position(text, "correlations", 0), (3, 5));
        assert_eq!(entry_position(text, "correlations", 1), (4, 5));
        assert_eq!(entry_position("()", "correlations", 0), (1, 1));
    }

    #[test]
    fn position_counts_lines_and_columns() {
        assert_eq!(position_of(b"ab\ncd"), (2, 3));
        assert_eq!(position_of(b""), (1, 1));
    }
}
