//! The register's report (DESIGN §8, §5 `report`): its charts, report.html, report.md and a CSV
//! with one row per simulated year, written into a folder.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::Size;

/// `report REGISTER --out DIR`.
pub fn run_report(
    file: &Path,
    dir: &Path,
    size: Size,
    seed: Option<u64>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let _ = (file, dir, size, seed, out);
    writeln!(err, "not yet")?;
    Ok(ExitCode::from(1))
}
