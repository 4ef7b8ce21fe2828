//! Tests of `files`: reads refuse what is not a regular file and stop at the limit; writes are
//! atomic, exclusive, keep permissions and go through links.

#![allow(clippy::unwrap_used)] // A test that cannot go on should stop loudly.

use super::*;

fn temp_dir(name: &str) -> io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("outage-cost-files-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn names(dir: &Path) -> io::Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.sort();
    Ok(names)
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
    assert_eq!(names(&dir)?, ["a.ron", "a.ron.bak"]);
    fs::remove_dir_all(&dir)
}

#[test]
fn a_writer_failing_half_way_leaves_the_old_file_whole() -> io::Result<()> {
    let dir = temp_dir("crash")?;
    let target = dir.join("a.ron");
    write_with_backup(&target, b"the old scenario")?;
    let crash = |file: &mut fs::File, bytes: &[u8]| -> io::Result<()> {
        file.write_all(&bytes[..bytes.len() / 2])?;
        Err(io::Error::other("the process was killed"))
    };
    let result = write_atomically_with(&target, b"the new scenario, longer", true, &crash);
    assert!(result.is_err());
    assert_eq!(fs::read(&target)?, b"the old scenario");
    assert_eq!(names(&dir)?, ["a.ron"], "no temporary file left");
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

#[test]
fn temporary_names_are_unpredictable_and_created_exclusively() -> io::Result<()> {
    let dir = temp_dir("exclusive")?;
    let (a, _) = create_temporary(&dir, "a.ron", 0o600)?;
    let (b, _) = create_temporary(&dir, "a.ron", 0o600)?;
    assert_ne!(a, b);
    assert!(!a.to_string_lossy().contains(&format!(".{}.tmp", std::process::id())), "{}", a.display());
    fs::remove_dir_all(&dir)
}

#[cfg(unix)]
#[test]
fn links_planted_at_the_old_temporary_names_are_never_followed() -> io::Result<()> {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("planted")?;
    let victim = dir.join("victim.txt");
    fs::write(&victim, b"precious")?;
    let target = dir.join("a.ron");
    fs::write(&target, b"old")?;
    // The names the tool used to use, with links to the victim planted there.
    symlink(&victim, dir.join(format!(".a.ron.{}.tmp", std::process::id())))?;
    symlink(&victim, dir.join("a.ron.bak.tmp"))?;
    write_with_backup(&target, b"new")?;
    assert_eq!(fs::read(&victim)?, b"precious");
    assert_eq!(fs::read(&target)?, b"new");
    assert_eq!(fs::read(dir.join("a.ron.bak"))?, b"old");
    fs::remove_dir_all(&dir)
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_links_written_through() -> io::Result<()> {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = temp_dir("perms")?;
    fs::create_dir(dir.join("real"))?;
    let real = dir.join("real").join("s.ron");
    fs::write(&real, b"old")?;
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600))?;
    let link = dir.join("s.ron");
    symlink("real/s.ron", &link)?;
    write_with_backup(&link, b"new")?;
    assert!(fs::symlink_metadata(&link)?.file_type().is_symlink(), "the link stays a link");
    assert_eq!(fs::read(&real)?, b"new", "the target gets the edits");
    assert_eq!(fs::metadata(&real)?.permissions().mode() & 0o777, 0o600);
    assert_eq!(fs::read(dir.join("real").join("s.ron.bak"))?, b"old", "the backup sits beside the target");
    assert_eq!(names(&dir)?, ["real", "s.ron"]);
    fs::remove_dir_all(&dir)
}

#[test]
fn reads_stop_at_the_limit_whatever_the_file_claims() -> io::Result<()> {
    let dir = temp_dir("limit")?;
    let path = dir.join("big.ron");
    fs::write(&path, vec![b' '; 101])?;
    assert!(matches!(read_limited(&path, 100), Err(ReadError::TooLarge { limit: 100, claimed: 101 })));
    let (bytes, stamp) = read_limited(&path, 101).map_err(io::Error::other)?;
    assert_eq!(bytes.len(), 101);
    assert_eq!(Some(stamp), Stamp::now(&path));
    assert!(matches!(read_limited(&dir, 100), Err(ReadError::NotAFile("a folder"))));
    fs::remove_dir_all(&dir)
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_at_once() -> io::Result<()> {
    let err = read_limited(Path::new("/dev/zero"), 100).unwrap_err();
    assert_eq!(err.to_string(), "it is a device, not a file: choose a scenario file (.ron)");
    let dir = temp_dir("fifo")?;
    let fifo = dir.join("pipe.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let started = std::time::Instant::now();
        let err = read_limited(&fifo, 100).unwrap_err();
        assert!(err.to_string().contains("a FIFO (named pipe)"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
    fs::remove_dir_all(&dir)
}

#[test]
fn a_stamp_changes_when_another_program_rewrites_the_file() -> io::Result<()> {
    let dir = temp_dir("stamp")?;
    let path = dir.join("a.ron");
    fs::write(&path, b"first")?;
    let before = Stamp::now(&path);
    write_atomically(&path, b"second")?;
    assert_ne!(Stamp::now(&path), before);
    fs::remove_dir_all(&dir)
}
