//! Writing files so that a crash never leaves half a file: write a temporary file beside the
//! target, flush it to disk, then rename it over the target (atomic on one file system). Saving a
//! scenario also keeps the file it replaces as `NAME.bak`. Folders that are missing or read-only
//! are refused before anything is written, with a sentence saying what to do.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, bytes, false, &write_and_sync)
}

/// Like [`write_atomically`], keeping the file it replaces as `NAME.bak` beside it.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, bytes, true, &write_and_sync)
}

/// The backup file kept for `path`: `NAME.bak` in the same folder.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map_or_else(|| "file".into(), std::ffi::OsStr::to_os_string);
    name.push(".bak");
    path.with_file_name(name)
}

/// The atomic write with the function that writes and flushes the temporary file given, so tests
/// can make it fail half-way.
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    write: &dyn Fn(&Path, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    check_folder(&dir)?;
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is a folder: choose a file name", path.display()),
        ));
    }
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write(&temp, bytes).and_then(|()| {
        if backup && path.is_file() {
            keep_backup(path)?;
        }
        fs::rename(&temp, path)
    });
    if result.is_err() {
        // The target is untouched; do not leave the temporary file behind.
        let _ = fs::remove_file(&temp);
    } else if let Ok(d) = fs::File::open(&dir) {
        // Persist the rename itself; some file systems do not support syncing a folder.
        let _ = d.sync_all();
    }
    result
}

/// A folder we may write into, or an error saying why not.
fn check_folder(dir: &Path) -> io::Result<()> {
    let meta = fs::metadata(dir).map_err(|_| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("the folder {} does not exist: create it or choose another", dir.display()),
        )
    })?;
    if !meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("{} is not a folder", dir.display())));
    }
    if meta.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("the folder {} is read-only: choose another folder", dir.display()),
        ));
    }
    Ok(())
}

/// Copies the current file to `NAME.bak`, itself atomically.
fn keep_backup(path: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    let temp = backup.with_extension("bak.tmp");
    fs::copy(path, &temp).and_then(|_| fs::rename(&temp, &backup)).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

fn write_and_sync(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> io::Result<PathBuf> {
        let dir = std::env::temp_dir().join(format!("outage-cost-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    #[test]
    fn replaces_the_file_keeps_a_backup_and_leaves_no_temporary() -> io::Result<()> {
        let dir = temp_dir("replace")?;
        let target = dir.join("a.ron");
        write_with_backup(&target, b"old")?;
        assert!(!backup_path(&target).exists(), "nothing to back up the first time");
        write_with_backup(&target, b"new")?;
        assert_eq!(fs::read(&target)?, b"new");
        assert_eq!(fs::read(backup_path(&target))?, b"old");
        assert_eq!(fs::read_dir(&dir)?.count(), 2);
        fs::remove_dir_all(&dir)
    }

    #[test]
    fn a_writer_failing_half_way_leaves_the_old_file_whole() -> io::Result<()> {
        let dir = temp_dir("crash")?;
        let target = dir.join("a.ron");
        write_with_backup(&target, b"the old scenario")?;
        let crash = |temp: &Path, bytes: &[u8]| -> io::Result<()> {
            fs::write(temp, &bytes[..bytes.len() / 2])?;
            Err(io::Error::other("the process was killed"))
        };
        let result = write_atomically_with(&target, b"the new scenario, longer", true, &crash);
        assert!(result.is_err());
        assert_eq!(fs::read(&target)?, b"the old scenario");
        assert_eq!(fs::read_dir(&dir)?.count(), 1, "no temporary file left");
        fs::remove_dir_all(&dir)
    }

    #[test]
    fn missing_and_read_only_folders_are_refused_before_writing() -> io::Result<()> {
        let err = write_atomically(Path::new("/no/such/folder/a.ron"), b"x").unwrap_err();
        assert!(err.to_string().contains("does not exist: create it or choose another"), "{err}");
        let dir = temp_dir("readonly")?;
        let mut perms = fs::metadata(&dir)?.permissions();
        perms.set_readonly(true);
        fs::set_permissions(&dir, perms.clone())?;
        let err = write_atomically(&dir.join("a.ron"), b"x").unwrap_err();
        assert!(err.to_string().contains("is read-only: choose another folder"), "{err}");
        assert!(!dir.join("a.ron").exists());
        #[allow(clippy::permissions_set_readonly_false)] // Undo the test's own change.
        perms.set_readonly(false);
        fs::set_permissions(&dir, perms)?;
        let err = write_atomically(&dir, b"x").unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
        fs::remove_dir_all(&dir)
    }
}
