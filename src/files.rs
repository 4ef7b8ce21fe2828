//! Writing files so that a crash never leaves half a file: write a temporary file beside the
//! target, flush it to disk, then rename it over the target (atomic on one file system).

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("the folder {} does not exist: create it or choose another", dir.display()),
        ));
    }
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_and_sync(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        // The target is untouched; do not leave the temporary file behind.
        let _ = fs::remove_file(&temp);
    } else if let Ok(d) = fs::File::open(&dir) {
        // Persist the rename itself; some file systems do not support syncing a folder.
        let _ = d.sync_all();
    }
    result
}

fn write_and_sync(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() -> io::Result<()> {
        let dir = std::env::temp_dir().join(format!("outage-cost-files-{}", std::process::id()));
        fs::create_dir_all(&dir)?;
        let target = dir.join("a.ron");
        write_atomically(&target, b"old")?;
        write_atomically(&target, b"new")?;
        assert_eq!(fs::read(&target)?, b"new");
        assert_eq!(fs::read_dir(&dir)?.count(), 1);
        assert!(write_atomically(&dir.join("missing/b.ron"), b"x").is_err());
        fs::remove_dir_all(&dir)
    }
}
