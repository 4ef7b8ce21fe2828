//! A report folder that always holds one consistent report (DESIGN §11): the report is written
//! into a staging folder beside the target and swapped in whole. The old report is kept as
//! `DIR.old` until the swap has succeeded, then removed, so files of an earlier report never
//! linger and a failed run leaves the old report as it was. A lock file beside the folder
//! (`.DIR.lock`, holding the process id) keeps two runs from writing the same folder at once; a
//! lock left by a process that no longer runs is taken over. A folder holding files this tool
//! does not write is replaced only when the caller says so ([`Replace::Anything`]).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::charts::register::RegisterChart;
use super::{Chart, ExportError};
use crate::files::{check_folder, folder_of, resolve_links, sync_folder, unpredictable_suffix};

/// What an existing folder may hold for a report to replace it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Replace {
    /// Only files a report holds (charts, report.html, report.md, CSV files): anything else is
    /// refused with a message.
    #[default]
    OnlyReports,
    /// Whatever it holds (`report --force`).
    Anything,
}

/// Whether `name` is a file a report writes.
#[must_use]
pub fn is_report_file(name: &str) -> bool {
    const FIXED: [&str; 8] =
        ["report.html", "report.md", "breakdown.csv", "curve.csv", "samples.csv", "deck.pdf", "notes.md", "years.csv"];
    let stems = Chart::ALL.iter().map(|c| c.file_stem()).chain(RegisterChart::ALL.iter().map(|c| c.file_stem()));
    FIXED.contains(&name)
        || stems.into_iter().any(|stem| name.strip_prefix(stem).is_some_and(|ext| ext == ".png" || ext == ".svg"))
}

/// Writes the files `make` produces into `dir` as one report, swapped in whole. `make` gets the
/// staging folder and returns the names it wrote there.
pub(super) fn write_whole(
    dir: &Path,
    replace: Replace,
    make: &mut dyn FnMut(&Path) -> Result<Vec<String>, ExportError>,
) -> Result<Vec<PathBuf>, ExportError> {
    let dir = resolve_links(dir);
    let parent = folder_of(&dir);
    fs::create_dir_all(&parent).map_err(at(&parent))?;
    check_folder(&parent).map_err(at(&parent))?;
    let name = dir.file_name().map_or_else(|| "report".to_owned(), |n| n.to_string_lossy().into_owned());
    let _lock = Lock::take(&parent, &name).map_err(at(&dir))?;
    let exists = check_replaceable(&dir, replace).map_err(at(&dir))?;
    let staging = parent.join(format!(".{name}.staging-{}", unpredictable_suffix()));
    fs::create_dir(&staging).map_err(at(&staging))?;
    let result = make(&staging).and_then(|names| {
        sync_folder(&staging);
        swap_in(&staging, &dir, exists).map_err(at(&dir))?;
        Ok(names.into_iter().map(|n| dir.join(n)).collect())
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// An error writing at `path`.
fn at(path: &Path) -> impl Fn(io::Error) -> ExportError + '_ {
    move |source| ExportError::Write { path: path.to_path_buf(), source }
}

/// Writes one new file into a staging folder (exclusively: nothing is there to overwrite).
pub(super) fn put(staging: &Path, name: &str, bytes: &[u8]) -> Result<(), ExportError> {
    let path = staging.join(name);
    let write = || -> io::Result<()> {
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
        file.write_all(bytes)?;
        file.sync_all()
    };
    write().map_err(|source| ExportError::Write { path: path.clone(), source })
}

/// Whether `dir` exists (and may be replaced), or why it may not be.
fn check_replaceable(dir: &Path, replace: Replace) -> io::Result<bool> {
    let meta = match fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "it is a file, not a folder: choose a folder name"));
    }
    if replace == Replace::OnlyReports
        && let Some(foreign) = foreign_files(dir)?.first()
    {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "the folder holds files a report does not write (such as “{foreign}”): choose a new or empty folder, or replace it anyway with --force"
            ),
        ));
    }
    Ok(true)
}

/// Names in `dir` that a report does not write.
fn foreign_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut foreign = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type()?.is_file() || !is_report_file(&name) {
            foreign.push(name);
        }
    }
    foreign.sort();
    Ok(foreign)
}

/// Puts the staging folder where `dir` is: the old report moves to `DIR.old`, the new one in,
/// then the old one is removed. If the second step fails the old report is put back.
fn swap_in(staging: &Path, dir: &Path, exists: bool) -> io::Result<()> {
    if !exists {
        fs::rename(staging, dir)?;
        sync_folder(&folder_of(dir));
        return Ok(());
    }
    let mut old_name = dir.file_name().map_or_else(|| "report".into(), std::ffi::OsStr::to_os_string);
    old_name.push(".old");
    let old = dir.with_file_name(old_name);
    if fs::symlink_metadata(&old).is_ok() {
        // Left by a run that stopped between the two renames: it is that earlier report.
        if fs::symlink_metadata(&old)?.is_dir() && foreign_files(&old)?.is_empty() {
            fs::remove_dir_all(&old)?;
        } else {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is in the way of the swap: move it away and run again", old.display()),
            ));
        }
    }
    fs::rename(dir, &old)?;
    if let Err(e) = fs::rename(staging, dir) {
        let _ = fs::rename(&old, dir);
        return Err(e);
    }
    sync_folder(&folder_of(dir));
    fs::remove_dir_all(&old)
}

/// A lock file beside the report folder for the length of a run.
struct Lock(PathBuf);

impl Lock {
    fn take(parent: &Path, name: &str) -> io::Result<Self> {
        let path = parent.join(format!(".{name}.lock"));
        for _ in 0..2 {
            match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    write!(file, "{}", std::process::id())?;
                    return Ok(Self(path));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path).ok().and_then(|t| t.trim().parse::<u32>().ok());
                    let fresh = fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() < 5));
                    // Where the system cannot tell, a holder is taken to be running.
                    if holder.map_or(fresh, |pid| crate::files::process_is_running(pid) != Some(false)) {
                        return Err(io::Error::new(
                            io::ErrorKind::WouldBlock,
                            format!(
                                "another report is being written into this folder{}: wait for it to finish",
                                holder.map_or_else(String::new, |pid| format!(" (process {pid})"))
                            ),
                        ));
                    }
                    // Left by a run that no longer runs (or unreadable while being written):
                    // take it over once.
                    let _ = fs::remove_file(&path);
                }
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            format!("another report is being written into this folder: wait, or remove {}", path.display()),
        ))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_failing_half_way_leaves_the_old_report_as_it_was() -> Result<(), ExportError> {
        let parent = std::env::temp_dir().join(format!("outage-cost-folder-fail-{}", std::process::id()));
        let _ = fs::remove_dir_all(&parent);
        let dir = parent.join("out");
        write_whole(&dir, Replace::OnlyReports, &mut |staging| {
            put(staging, "report.md", b"first")?;
            put(staging, "samples.csv", b"1,2")?;
            Ok(vec!["report.md".into(), "samples.csv".into()])
        })?;
        let failed = write_whole(&dir, Replace::OnlyReports, &mut |staging| {
            put(staging, "report.md", b"second")?;
            Err(ExportError::Chart { chart: "breakdown", message: "the disk is full".into() })
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(dir.join("report.md")).ok().as_deref(), Some(&b"first"[..]));
        assert!(dir.join("samples.csv").exists());
        let left: Vec<_> = fs::read_dir(&parent).into_iter().flatten().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, ["out"], "no staging folder or lock left");
        let _ = fs::remove_dir_all(&parent);
        Ok(())
    }

    #[test]
    fn report_files_are_known_by_name() {
        assert!(is_report_file("report.html") && is_report_file("breakdown.png") && is_report_file("samples.csv"));
        assert!(!is_report_file("notes.txt") && !is_report_file("breakdown.png.bak"));
    }
}
