//! Writing registers as RON: `version` and `kind` first, saved atomically like scenarios.

use std::path::Path;

use super::Register;
use crate::files::write_with_backup;
use crate::scenario::ScenarioError;

/// The register as RON text, with a header saying what the file is.
pub fn to_ron(register: &Register) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new().depth_limit(2).indentor("    ").escape_strings(false);
    let body = ron::Options::default().to_string_pretty(register, config)?;
    Ok(format!(
        "// Outage risk register (format version {}): the ways a service fails, each a scenario with its rate.\n{body}\n",
        register.version.number()
    ))
}

/// Saves the register to `path` atomically: a crash leaves the old file or the new one, whole.
pub fn save_file(register: &Register, path: &Path) -> Result<(), ScenarioError> {
    let origin = path.display().to_string();
    let text = to_ron(register).map_err(|e| ScenarioError::Write { origin: origin.clone(), message: e.to_string() })?;
    write_with_backup(path, text.as_bytes()).map_err(|e| ScenarioError::Write { origin, message: e.to_string() })
}
