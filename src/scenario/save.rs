//! Writing scenarios as RON: every field spelt out, `version` first, saved atomically.

use std::path::Path;

use super::{Scenario, ScenarioError};
use crate::files::{Stamp, resolve_links, write_with_backup};

/// The scenario as RON text, with a header saying what the file is.
pub fn to_ron(scenario: &Scenario) -> Result<String, ron::Error> {
    // Sections and lists one item per line; a business, a source or a PERT on one line each.
    let config = ron::ser::PrettyConfig::new().depth_limit(2).indentor("    ").escape_strings(false);
    let body = super::load::options().to_string_pretty(scenario, config)?;
    Ok(format!(
        "// Outage cost scenario (format version {}). Fields and defaults: presets/template.ron.\n{body}\n",
        scenario.version.number()
    ))
}

/// Saves the scenario to `path` atomically: a crash leaves the old file or the new one, whole.
/// The file's permissions are kept and a symlink is written through to its target.
pub fn save_file(scenario: &Scenario, path: &Path) -> Result<(), ScenarioError> {
    save_file_unless_changed(scenario, path, None).map(|_| ())
}

/// Like [`save_file`], refusing with [`ScenarioError::ChangedOnDisk`] when `expected` is given
/// and the file is no longer what it was when it was read (or last saved); returns the new
/// stamp. `expected` is `None` to overwrite whatever is there (the user said so).
pub fn save_file_unless_changed(
    scenario: &Scenario,
    path: &Path,
    expected: Option<Stamp>,
) -> Result<Option<Stamp>, ScenarioError> {
    let origin = path.display().to_string();
    if let Some(expected) = expected
        && Stamp::now(path).is_some_and(|now| now != expected)
    {
        return Err(ScenarioError::ChangedOnDisk { origin });
    }
    let text = to_ron(scenario).map_err(|e| ScenarioError::Write { origin: origin.clone(), message: e.to_string() })?;
    write_with_backup(path, text.as_bytes()).map_err(|e| ScenarioError::Write { origin, message: e.to_string() })?;
    Ok(Stamp::now(&resolve_links(path)))
}
