//! What survives a crash (DESIGN §11): the crash copy of unsaved work and the settings, each in
//! its own file written atomically on a background thread (`keeper`), never in eframe's storage
//! (which rewrites its file in place).
//!
//! - A window's copy is `crash/<pid>-<random>.ron` in the app's data folder: one per window, so a
//!   second window never touches the first one's. It is written a moment after the document
//!   changes (debounced, off the UI thread, with no need for another frame) while there are
//!   unsaved changes, and removed once the document is saved or its changes discarded.
//! - At start, copies whose process no longer runs are offered. An offer's file is left alone
//!   until the user restores it (the file is then adopted as this window's copy) or discards it
//!   (the file is removed): quitting without choosing keeps it for the next start.
//! - Settings go to `settings.ron`, written atomically when they change.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::document::Version;
use super::{Document, Settings};
use crate::files;
use crate::scenario::{Scenario, load, save};

/// How long the keeper waits after a change for more changes before writing.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// The first line of a crash copy.
const HEADER: &str = "// outage-cost crash copy of unsaved work";

/// The copies this process's running windows own (a copy of another running process is told
/// apart by its process id).
static LIVE: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);

fn set_live(file: &Path, live: bool) {
    if let Ok(mut set) = LIVE.lock() {
        let set = set.get_or_insert_with(HashSet::new);
        if live {
            set.insert(file.to_path_buf());
        } else {
            set.remove(file);
        }
    }
}

/// Whether a window still running owns the copy `file` of process `pid`.
fn is_live(file: &Path, pid: u32) -> bool {
    if pid == std::process::id() {
        LIVE.lock().is_ok_and(|set| set.as_ref().is_some_and(|s| s.contains(file)))
    } else {
        files::process_is_running(pid) == Some(true)
    }
}

/// A copy a previous session left, offered for restoring.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    /// The copy's own file.
    pub file: PathBuf,
    /// The file the work belongs to (`None`: never saved).
    pub path: Option<PathBuf>,
    /// The unsaved work.
    pub scenario: Scenario,
}

/// The settings file in a data folder.
#[must_use]
pub fn settings_file(data_dir: &Path) -> PathBuf {
    data_dir.join("settings.ron")
}

/// Reads the settings kept in `data_dir`, if there are any (a broken file gives `None`).
#[must_use]
pub fn read_settings(data_dir: &Path) -> Option<Settings> {
    let (bytes, _) = files::read_limited(&settings_file(data_dir), 1 << 20).ok()?;
    ron::from_str(std::str::from_utf8(&bytes).ok()?).ok()
}

/// The copies in `data_dir` whose process no longer runs, newest first.
#[must_use]
pub fn offers(data_dir: &Path) -> Vec<Offer> {
    let Ok(entries) = std::fs::read_dir(data_dir.join("crash")) else { return Vec::new() };
    let mut found: Vec<(std::time::SystemTime, Offer)> = entries
        .flatten()
        .filter_map(|entry| {
            let file = entry.path();
            let name = file.file_name()?.to_str()?.to_owned();
            let pid: u32 = name.strip_suffix(".ron")?.split('-').next()?.parse().ok()?;
            if is_live(&file, pid) {
                return None; // A running window's copy: never offered, never touched.
            }
            let offer = read_copy(&file)?;
            let modified = entry.metadata().and_then(|m| m.modified()).ok()?;
            Some((modified, offer))
        })
        .collect();
    found.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    found.into_iter().map(|(_, o)| o).collect()
}

fn read_copy(file: &Path) -> Option<Offer> {
    let (bytes, _) = files::read_limited(file, load::MAX_FILE_BYTES + (64 << 10)).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let rest = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
    let (path_line, body) = rest.split_once('\n')?;
    let path: Option<PathBuf> = serde_json::from_str(path_line.strip_prefix("// file: ")?).ok()?;
    let scenario = load::parse(body, &file.display().to_string()).ok()?;
    Some(Offer { file: file.to_path_buf(), path, scenario })
}

/// Turns a working copy an older version kept in eframe's storage into a copy on disk (offered
/// like any other), so an upgrade loses nothing.
pub fn import_legacy(data_dir: &Path, text: &str, path: Option<&Path>) {
    let Ok(scenario) = load::parse(text, "working copy") else { return };
    let dir = data_dir.join("crash");
    let file = dir.join(format!("0-legacy-{}.ron", files::unpredictable_suffix()));
    if let Some(copy) = copy_text(&scenario, path)
        && std::fs::create_dir_all(&dir).is_ok()
    {
        let _ = files::write_atomically(&file, copy.as_bytes());
    }
}

fn copy_text(scenario: &Scenario, path: Option<&Path>) -> Option<String> {
    // An absolute path, so a later start from another folder finds the same file.
    let path = path.map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()));
    let path = serde_json::to_string(&path).ok()?;
    Some(format!("{HEADER}\n// file: {path}\n{}", save::to_ron(scenario).ok()?))
}

/// What the keeper is asked to do.
enum Job {
    /// Keep this unsaved work in this window's copy.
    Copy(Arc<Scenario>, Option<PathBuf>),
    /// No unsaved work: remove this window's copy.
    Clear,
    /// Write the settings.
    Settings(Box<Settings>),
    /// Remove an offer the user discarded.
    Discard(PathBuf),
    /// Make an offer the user restored this window's copy.
    Adopt(PathBuf),
    /// Finish what is pending and stop.
    Stop,
}

/// The keeper of one window's crash copy and the settings: a background thread that writes a
/// moment after the last change.
pub struct Keeper {
    jobs: Sender<Job>,
    thread: Option<JoinHandle<()>>,
    /// What was last handed over: whether there was unsaved work, the scenario and its file.
    sent: Option<(bool, Version, Option<PathBuf>)>,
    sent_settings: Option<Settings>,
}

impl Keeper {
    /// Starts the keeper for a window whose data folder is `data_dir`.
    pub fn start(data_dir: &Path) -> std::io::Result<Self> {
        let crash_dir = data_dir.join("crash");
        std::fs::create_dir_all(&crash_dir)?;
        let own = crash_dir.join(format!("{}-{}.ron", std::process::id(), files::unpredictable_suffix()));
        let settings = settings_file(data_dir);
        let (jobs, inbox) = mpsc::channel();
        set_live(&own, true);
        let thread = std::thread::Builder::new().name("crash-copy".to_owned()).spawn(move || {
            keep(&inbox, &own, &settings);
            set_live(&own, false);
        })?;
        Ok(Self { jobs, thread: Some(thread), sent: None, sent_settings: None })
    }

    /// Hands over the document and settings when they changed since the last call; cheap when
    /// nothing changed. Call once per frame and before exit.
    pub fn track(&mut self, doc: &Document, settings: &Settings) {
        let dirty = doc.is_dirty();
        let path = doc.path().map(Path::to_path_buf);
        let version = doc.version();
        let changed = self.sent.as_ref().is_none_or(|(d, s, p)| *d != dirty || *p != path || s != version);
        if changed {
            // The document's own shared copy of the scenario, handed to the keeper's thread.
            let job = if dirty { Job::Copy(Arc::clone(version.shared()), path.clone()) } else { Job::Clear };
            let _ = self.jobs.send(job);
            self.sent = Some((dirty, version.clone(), path));
        }
        if self.sent_settings.as_ref() != Some(settings) {
            let _ = self.jobs.send(Job::Settings(Box::new(settings.clone())));
            self.sent_settings = Some(settings.clone());
        }
    }

    /// The user discarded an offered copy: remove its file.
    pub fn discard(&self, offer: &Offer) {
        let _ = self.jobs.send(Job::Discard(offer.file.clone()));
    }

    /// The user restored an offered copy: it becomes this window's copy.
    pub fn adopt(&self, offer: &Offer) {
        let _ = self.jobs.send(Job::Adopt(offer.file.clone()));
    }

    /// Writes what is pending and waits for it.
    pub fn finish(&mut self) {
        let _ = self.jobs.send(Job::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Keeper {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The keeper's loop: gather jobs until none came for [`DEBOUNCE`], then do the latest of each.
fn keep(inbox: &Receiver<Job>, own: &Path, settings_path: &Path) {
    let mut copy: Option<Option<(Arc<Scenario>, Option<PathBuf>)>> = None;
    let mut settings: Option<Box<Settings>> = None;
    loop {
        let (job, stop) = match inbox.recv_timeout(DEBOUNCE) {
            Ok(Job::Stop) | Err(RecvTimeoutError::Disconnected) => (None, true),
            Ok(job) => (Some(job), false),
            Err(RecvTimeoutError::Timeout) => (None, false),
        };
        match job {
            Some(Job::Copy(scenario, path)) => copy = Some(Some((scenario, path))),
            Some(Job::Clear) => copy = Some(None),
            Some(Job::Settings(s)) => settings = Some(s),
            Some(Job::Discard(file)) => {
                let _ = std::fs::remove_file(file);
            }
            Some(Job::Adopt(file)) => {
                if std::fs::rename(&file, own).is_ok() {
                    files::sync_folder(&files::folder_of(own));
                }
            }
            Some(Job::Stop) | None => {
                // Quiet for a moment (or stopping): write the latest state.
                match copy.take() {
                    Some(Some((scenario, path))) => {
                        if let Some(text) = copy_text(&scenario, path.as_deref()) {
                            let _ = files::write_atomically(own, text.as_bytes());
                        }
                    }
                    Some(None) => {
                        let _ = std::fs::remove_file(own);
                    }
                    None => {}
                }
                if let Some(s) = settings.take()
                    && let Ok(text) = ron::ser::to_string_pretty(&*s, ron::ser::PrettyConfig::default())
                {
                    let _ = files::write_atomically(settings_path, text.as_bytes());
                }
                if stop {
                    return;
                }
            }
        }
    }
}
