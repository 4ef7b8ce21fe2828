//! Reading registers: RON text → checked [`Register`], then each entry's scenario and the
//! mitigation's baseline register resolved (a shipped preset by id, or a file beside the register),
//! with errors in the scenario loader's form: `file:line:col: field: message with the fix`.
//!
//! Files are read through the scenario loader's one read path ([`scenario::load::read_file`]),
//! so its limits apply to registers and their entries alike. A register that names itself as its
//! baseline, directly or through a chain of baselines, is refused.

use std::path::{Path, PathBuf};

use super::{MAX_RATE_PER_YEAR, Register, is_register_text, presets};
use crate::scenario::{self, LoadError, Scenario, ScenarioError};

/// How many baselines deep a chain may go (each names the next).
const MAX_BASELINE_DEPTH: usize = 16;

/// A register with its entries' scenarios and its baseline loaded: what the simulation needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The document.
    pub register: Register,
    /// The file (or preset) it came from, for messages.
    pub origin: String,
    /// The folder relative entry and baseline paths resolve against.
    pub folder: Option<PathBuf>,
    /// One scenario per entry, in order.
    pub scenarios: Vec<Scenario>,
    /// The baseline register, when the register has a mitigation.
    pub baseline: Option<Box<Resolved>>,
}

/// Parses a register from RON text (no entries resolved): checks the `kind`, every field's domain
/// and the rates' bounds.
pub fn parse(text: &str, origin: &str) -> Result<Register, LoadError> {
    if !is_register_text(text) && !text.trim().is_empty() {
        return Err(LoadError {
            origin: origin.to_owned(),
            line: 1,
            column: 1,
            field: "kind".to_owned(),
            message: "this is not a register: a register says `kind: Register,` after `version: 1,` \
                      (open a scenario file as a scenario)"
                .to_owned(),
        });
    }
    let register: Register = scenario::load::parse_document(text, origin)?;
    for (i, entry) in register.entries.iter().enumerate() {
        if entry.scenario.trim().is_empty() {
            return Err(at(
                text,
                origin,
                "scenario",
                i,
                "entries",
                "an entry names no scenario: write a preset id or a file name",
            ));
        }
        if let Some(rate) = &entry.per_year
            && rate.nominal() > MAX_RATE_PER_YEAR
        {
            let message = format!(
                "{} outages a year is more than {MAX_RATE_PER_YEAR}: a register lists distinct outages; write a lower rate",
                rate.nominal()
            );
            return Err(at(text, origin, &entry.scenario, i, "per_year", &message));
        }
    }
    Ok(register)
}

/// Reads a register file and resolves its entries and baseline beside it.
pub fn load_file(path: &Path) -> Result<Resolved, ScenarioError> {
    let mut chain = Vec::new();
    load_file_in(path, &mut chain)
}

/// Whether the file at `path` is a register (it says `kind:`); read through the one read path.
#[must_use]
pub fn is_register_file(path: &Path) -> bool {
    scenario::load::read_file(path).is_ok_and(|bytes| is_register_text(&String::from_utf8_lossy(&bytes)))
}

/// Reads and checks a register file without resolving its entries (the app resolves them off the
/// UI thread).
pub fn parse_file(path: &Path) -> Result<Register, ScenarioError> {
    let (text, origin) = read_text(path)?;
    Ok(parse(&text, &origin)?)
}

/// A register file's text (without a byte-order mark) and its name for messages.
fn read_text(path: &Path) -> Result<(String, String), ScenarioError> {
    let origin = path.display().to_string();
    let bytes = scenario::load::read_file(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        let message = "the file is not UTF-8 text (is it a register file?): save it as UTF-8".to_owned();
        return Err(LoadError { origin, line: 1, column: 1, field: String::new(), message }.into());
    };
    Ok((text.to_owned(), origin))
}

/// A shipped register by id, resolved.
#[must_use]
pub fn load_preset(id: &str) -> Option<Result<Resolved, ScenarioError>> {
    let preset = presets::find(id)?;
    let mut chain = Vec::new();
    Some(load_preset_in(preset, &mut chain))
}

/// Resolves a register already in memory (the app's document): entries and baseline beside
/// `folder`. `text` (the file's text, when there is one) lets errors name a line.
pub fn resolve(
    register: Register,
    origin: &str,
    text: Option<&str>,
    folder: Option<&Path>,
) -> Result<Resolved, ScenarioError> {
    // A register opened from a file is the first link of its baseline chain.
    let own = folder.map(|_| identity(Path::new(origin))).into_iter().collect::<Vec<_>>();
    resolve_in(register, origin, text, folder, &own)
}

fn load_file_in(path: &Path, chain: &mut Vec<String>) -> Result<Resolved, ScenarioError> {
    let (text, origin) = read_text(path)?;
    let register = parse(&text, &origin)?;
    chain.push(identity(path));
    resolve_in(register, &origin, Some(&text), path.parent(), chain)
}

fn load_preset_in(preset: &presets::RegisterPreset, chain: &mut Vec<String>) -> Result<Resolved, ScenarioError> {
    let origin = format!("presets/{}", preset.file_name());
    let register = parse(preset.text, &origin)?;
    chain.push(format!("preset:{}", preset.id));
    resolve_in(register, &origin, Some(preset.text), None, chain)
}

fn resolve_in(
    register: Register,
    origin: &str,
    text: Option<&str>,
    folder: Option<&Path>,
    chain: &[String],
) -> Result<Resolved, ScenarioError> {
    let text = text.unwrap_or("");
    let mut scenarios = Vec::with_capacity(register.entries.len());
    for (i, entry) in register.entries.iter().enumerate() {
        let scenario = load_entry(&entry.scenario, folder)
            .map_err(|reason| at(text, origin, &entry.scenario, i, "scenario", &reason))?;
        if entry.per_year.is_none() && scenario.frequency_per_year.nominal() > MAX_RATE_PER_YEAR {
            let message = format!(
                "its scenario happens {} times a year, more than {MAX_RATE_PER_YEAR}: write a lower `per_year` for this entry",
                scenario.frequency_per_year.nominal()
            );
            return Err(at(text, origin, &entry.scenario, i, "scenario", &message).into());
        }
        scenarios.push(scenario);
    }
    let baseline = if register.mitigation.is_unused() {
        None
    } else {
        let name = register.mitigation.baseline.trim().to_owned();
        let fail = |message: String| -> ScenarioError {
            let (line, column) = position(text, &format!("\"{name}\""), 0);
            LoadError { origin: origin.to_owned(), line, column, field: "mitigation.baseline".to_owned(), message }
                .into()
        };
        if chain.len() > MAX_BASELINE_DEPTH {
            return Err(fail(format!(
                "baselines nest more than {MAX_BASELINE_DEPTH} deep: name a register without a mitigation"
            )));
        }
        let named = match presets::find(&name) {
            Some(preset) => Named::Preset(preset),
            None => Named::File(beside(&name, folder)),
        };
        let key = match &named {
            Named::Preset(preset) => format!("preset:{}", preset.id),
            Named::File(path) => identity(path),
        };
        if chain.contains(&key) {
            return Err(fail(format!(
                "the register “{name}” is this register itself, or names it through its own baseline: \
                 name the register without the mitigation"
            )));
        }
        let mut inner = chain.to_vec();
        let loaded = match named {
            Named::Preset(preset) => load_preset_in(preset, &mut inner),
            Named::File(path) => load_file_in(&path, &mut inner),
        }
        .map_err(|e| fail(format!("cannot load the baseline register “{name}”: {e}")))?;
        Some(Box::new(loaded))
    };
    Ok(Resolved { register, origin: origin.to_owned(), folder: folder.map(Path::to_path_buf), scenarios, baseline })
}

/// A baseline register as named: shipped, or a file.
enum Named {
    Preset(&'static presets::RegisterPreset),
    File(PathBuf),
}

/// Loads an entry's scenario: a shipped preset by id, else a file beside the register. The error
/// is the reason, with the fix.
pub fn load_entry(name: &str, folder: Option<&Path>) -> Result<Scenario, String> {
    let name = name.trim();
    if let Some(preset) = scenario::presets::find(name) {
        return preset.load().map_err(|e| e.to_string());
    }
    let path = beside(name, folder);
    if !path.exists() {
        return Err(format!(
            "cannot load “{name}”: it is neither a shipped preset (see `outage-cost presets`) nor a file at {}: \
             write a preset id or a path relative to the register's folder",
            path.display()
        ));
    }
    let bytes = scenario::load::read_file(&path).map_err(|e| format!("cannot load “{name}”: {e}"))?;
    if is_register_text(&String::from_utf8_lossy(&bytes)) {
        return Err(format!("“{name}” is a register, not a scenario: an entry names one scenario"));
    }
    scenario::load::parse_bytes(&bytes, &path.display().to_string()).map_err(|e| format!("cannot load “{name}”: {e}"))
}

/// A path as written, resolved against `folder` when relative.
fn beside(name: &str, folder: Option<&Path>) -> PathBuf {
    let path = Path::new(name);
    match folder {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    }
}

/// What identifies a file in a chain of baselines: its canonical path when it exists.
fn identity(path: &Path) -> String {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

/// An error at entry `index`'s `needle` (its scenario name as written) in the register's text.
fn at(text: &str, origin: &str, needle: &str, index: usize, field: &str, message: &str) -> LoadError {
    let start = text.find("entries").unwrap_or(0);
    let (line, column) = position(text, &format!("\"{needle}\""), start);
    let field = if field == "entries" { format!("entries[{index}]") } else { format!("entries[{index}].{field}") };
    LoadError { origin: origin.to_owned(), line, column, field, message: message.to_owned() }
}

/// The 1-based line and column of `needle`'s first occurrence at or after byte `from` (1:1 when
/// absent).
fn position(text: &str, needle: &str, from: usize) -> (usize, usize) {
    let Some(offset) = text.get(from..).and_then(|rest| rest.find(needle)).map(|o| o + from) else {
        return (1, 1);
    };
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_columns() {
        assert_eq!(position("ab\n  \"x\"", "\"x\"", 0), (2, 3));
        assert_eq!(position("ab", "\"x\"", 0), (1, 1));
    }

    #[test]
    fn an_entry_that_is_not_a_preset_names_the_fix() {
        let text = "(version: 1, kind: Register, entries: [(scenario: \"no-such-thing\")])";
        let register = parse(text, "r.ron").unwrap_or_else(|e| panic!("{e}"));
        let err = resolve(register, "r.ron", Some(text), None).unwrap_err().to_string();
        assert!(err.starts_with("r.ron:1:51: entries[0].scenario: cannot load “no-such-thing”"), "{err}");
    }

    #[test]
    fn a_scenario_is_not_a_register() {
        let err = parse("(version: 1, outage: (duration_hours: 1))", "s.ron").unwrap_err();
        assert!(err.message.contains("not a register"), "{err}");
    }
}
