//! Reading and writing the user's files so that nothing is lost or let in (DESIGN §11).
//!
//! Reading: [`read_limited`] is the one way a user's file is read (scenarios, mitigation
//! baselines, anything a file names). Only regular files are read: devices, FIFOs and folders are
//! refused before they are opened (and the opened handle is checked again, opened without
//! blocking, so a FIFO swapped in meanwhile never hangs); the size limit holds on the bytes
//! actually read, whatever the file claims.
//!
//! Writing: a temporary file with an unpredictable name is created exclusively beside the target
//! (never following a link planted there), written, flushed to disk and renamed over the target
//! (atomic on one file system). The target's permissions are kept; a symlink is written through
//! to the file it points at (the link stays a link). Saving a scenario also keeps the file it
//! replaces as `NAME.bak`. Folders that are missing or read-only are refused before anything is
//! written, with a sentence saying what to do. [`Stamp`] remembers what a file was when it was
//! read, so a save can refuse to overwrite a file changed on disk since.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Why a user's file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A device, FIFO, socket or folder: never read.
    #[error("it is {0}, not a file: choose a scenario file (.ron)")]
    NotAFile(&'static str),
    /// More bytes than the limit.
    #[error("it holds more than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
        /// What the file system claims (at least `limit + 1` when it claims less).
        claimed: u64,
    },
}

/// What a file was when it was read or written: enough to notice that another program (or
/// another window) changed it since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    #[must_use]
    pub fn of(meta: &fs::Metadata) -> Self {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Self { len: meta.len(), modified: meta.modified().ok(), inode }
    }

    /// The stamp of the file at `path` now (through links), if it exists.
    #[must_use]
    pub fn now(path: &Path) -> Option<Self> {
        fs::metadata(path).ok().map(|m| Self::of(&m))
    }
}

/// Reads a regular file of at most `limit` bytes; returns its bytes and its stamp.
pub fn read_limited(path: &Path, limit: u64) -> Result<(Vec<u8>, Stamp), ReadError> {
    // Check the kind before opening, so a FIFO is never opened (opening one blocks).
    check_kind(&fs::metadata(path)?)?;
    let file = open_without_blocking(path)?;
    // The path may have been swapped between the check and the open: check what was opened.
    let meta = file.metadata()?;
    check_kind(&meta)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge { limit, claimed: meta.len() });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(1 << 20));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit, claimed: meta.len().max(limit + 1) });
    }
    Ok((bytes, Stamp::of(&meta)))
}

fn check_kind(meta: &fs::Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(ReadError::NotAFile("a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Err(ReadError::NotAFile("a FIFO (named pipe)"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Err(ReadError::NotAFile("a device"));
        }
        if kind.is_socket() {
            return Err(ReadError::NotAFile("a socket"));
        }
    }
    Err(ReadError::NotAFile("not a regular file"))
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, bytes, false, &write_and_sync)
}

/// Like [`write_atomically`], keeping the file it replaces as `NAME.bak` beside it.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, bytes, true, &write_and_sync)
}

/// The backup file kept for `path`: `NAME.bak` in the same folder as the file written (a link's
/// target).
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let path = resolve_links(path);
    let mut name = path.file_name().map_or_else(|| "file".into(), std::ffi::OsStr::to_os_string);
    name.push(".bak");
    path.with_file_name(name)
}

/// The file a write to `path` lands in: `path` itself, or the file its chain of symlinks points
/// at (which need not exist yet). A loop of links is left as it is, so the write fails on it.
#[must_use]
pub fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => match fs::read_link(&current) {
                Ok(target) => {
                    current = match current.parent() {
                        Some(dir) if target.is_relative() => dir.join(target),
                        _ => target,
                    };
                }
                Err(_) => return current,
            },
            _ => return current,
        }
    }
    current
}

/// The folder a file lives in (`.` for a bare name).
#[must_use]
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// An unpredictable name: the process id, the time and a per-process hash seed, so a link planted
/// under a guessed name is never met (and `create_new` refuses it if it were).
#[must_use]
pub fn unpredictable_suffix() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(t) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        hasher.write_u128(t.as_nanos());
    }
    format!("{:016x}", hasher.finish())
}

/// Creates a new file exclusively (refusing anything already there, links included) under a
/// fresh name `.{stem}.{random}.tmp` in `dir`, with `mode` on Unix (the umask applies).
pub fn create_temporary(dir: &Path, stem: &str, mode: u32) -> io::Result<(PathBuf, fs::File)> {
    let mut last = None;
    for _ in 0..16 {
        let path = dir.join(format!(".{stem}.{}.tmp", unpredictable_suffix()));
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        #[cfg(not(unix))]
        let _ = mode;
        match options.open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("cannot create a temporary file")))
}

/// The atomic write with the function that writes and flushes the temporary file given, so tests
/// can make it fail half-way.
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    write: &dyn Fn(&mut fs::File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve_links(path);
    let dir = folder_of(&target);
    check_folder(&dir)?;
    if target.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is a folder: choose a file name", path.display()),
        ));
    }
    let name = target.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let existing = fs::metadata(&target).ok().filter(fs::Metadata::is_file);
    // A new file gets the usual permissions (0666 less the umask); a replaced one keeps its own.
    let (temp, mut file) = create_temporary(&dir, &name, if existing.is_some() { 0o600 } else { 0o666 })?;
    let result = write(&mut file, bytes)
        .and_then(|()| match &existing {
            Some(meta) => file.set_permissions(meta.permissions()),
            None => Ok(()),
        })
        .and_then(|()| {
            drop(file);
            if backup && existing.is_some() {
                keep_backup(&target, &dir)?;
            }
            fs::rename(&temp, &target)
        });
    if result.is_err() {
        // The target is untouched; do not leave the temporary file behind.
        let _ = fs::remove_file(&temp);
    } else {
        sync_folder(&dir);
    }
    result
}

/// Whether a process with this id runs, where the system can tell (`/proc`); `None` elsewhere.
#[must_use]
pub fn process_is_running(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    proc.join("self").exists().then(|| proc.join(pid.to_string()).exists())
}

/// Persists a rename in `dir`; some file systems do not support syncing a folder.
pub fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A folder we may write into, or an error saying why not.
pub fn check_folder(dir: &Path) -> io::Result<()> {
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

/// Copies the current file to `NAME.bak`, itself atomically through an exclusive temporary file.
fn keep_backup(target: &Path, dir: &Path) -> io::Result<()> {
    let backup = backup_path(target);
    let name = backup.file_name().map_or_else(|| "file.bak".into(), |n| n.to_string_lossy().into_owned());
    let (temp, mut file) = create_temporary(dir, &name, 0o600)?;
    let copied = fs::File::open(target)
        .and_then(|mut source| {
            io::copy(&mut source, &mut file)?;
            file.set_permissions(source.metadata()?.permissions())?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temp, &backup));
    copied.inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

fn write_and_sync(file: &mut fs::File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;
