//! The open document: the scenario being edited, where it lives, what was last saved, and the
//! undo history of its edits.
//!
//! Widgets edit the scenario in place; once per frame (and after the input panel) [`Document::sync`]
//! notices a change and makes one shared [`Version`] of it. The results, the Monte Carlo worker,
//! undo and the crash copy all hold that version, so a change of a large scenario is copied once,
//! not once per consumer, and "is this the same scenario?" is mostly a pointer comparison.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::util::undoer::{Settings, Undoer};

use crate::files::Stamp;
use crate::scenario::{Scenario, ScenarioError, save};

/// One version of the scenario, shared without copying. Two versions are equal when they are the
/// same copy or hold equal scenarios.
#[derive(Clone, Debug)]
pub struct Version(Arc<Scenario>);

impl Version {
    /// A version holding `scenario`.
    #[must_use]
    pub fn new(scenario: Scenario) -> Self {
        Self(Arc::new(scenario))
    }

    /// The shared scenario.
    #[must_use]
    pub fn shared(&self) -> &Arc<Scenario> {
        &self.0
    }

    /// Whether this version holds `scenario` (the same copy, or an equal scenario).
    #[must_use]
    pub fn holds(&self, scenario: &Arc<Scenario>) -> bool {
        Arc::ptr_eq(&self.0, scenario) || *self.0 == **scenario
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.holds(&other.0)
    }
}

impl Deref for Version {
    type Target = Scenario;

    fn deref(&self) -> &Scenario {
        &self.0
    }
}

/// The scenario being edited and its history.
pub struct Document {
    /// The scenario; widgets edit it directly.
    pub scenario: Scenario,
    /// The scenario as of the last [`Document::sync`].
    version: Version,
    path: Option<PathBuf>,
    /// What the file was when it was read or last saved, to notice another program's changes.
    stamp: Option<Stamp>,
    saved: Version,
    /// Whether `version` differs from `saved`.
    dirty: bool,
    undoer: Undoer<Version>,
}

impl Document {
    /// A document for `scenario`, read from `path` if any, with no unsaved changes.
    #[must_use]
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        let stamp = path.as_deref().and_then(Stamp::now);
        Self::with(scenario, None, path, stamp)
    }

    fn with(scenario: Scenario, saved: Option<Scenario>, path: Option<PathBuf>, stamp: Option<Stamp>) -> Self {
        let version = Version::new(scenario.clone());
        let saved = saved.map_or_else(|| version.clone(), Version::new);
        let dirty = saved != version;
        Self { scenario, version, path, stamp, saved, dirty, undoer: undoer() }
    }

    /// A document for `scenario` as read from `path`, which was `stamp` when it was read.
    #[must_use]
    pub fn opened(scenario: Scenario, path: PathBuf, stamp: Stamp) -> Self {
        Self::with(scenario, None, Some(path), Some(stamp))
    }

    /// A document whose last saved state is `saved` but whose content is `scenario` (a recovered
    /// working copy): it opens with unsaved changes.
    #[must_use]
    pub fn recovered(scenario: Scenario, saved: Scenario, path: Option<PathBuf>) -> Self {
        let stamp = path.as_deref().and_then(Stamp::now);
        Self::with(scenario, Some(saved), path, stamp)
    }

    /// Notices an edit made since the last call and makes it the current [`Version`] (one copy of
    /// the scenario, shared by everything that follows it); returns whether there was one. Call at
    /// the start of a frame, after the widgets that edit, and before acting on the document.
    pub fn sync(&mut self) -> bool {
        if *self.version == self.scenario {
            return false;
        }
        self.version = Version::new(self.scenario.clone());
        self.dirty = self.version != self.saved;
        true
    }

    /// The scenario as of the last [`Document::sync`].
    #[must_use]
    pub fn version(&self) -> &Version {
        &self.version
    }

    /// The file the document was read from or saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the scenario differs from what was last saved or opened, as of the last
    /// [`Document::sync`].
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The file name, or "not saved yet".
    #[must_use]
    pub fn file_label(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| "not saved yet".to_owned(), |n| n.to_string_lossy().into_owned())
    }

    /// The window title: scenario, file and an unsaved mark.
    #[must_use]
    pub fn window_title(&self) -> String {
        let mark = if self.is_dirty() { " •" } else { "" };
        let title = self.scenario.title();
        let title = match title.char_indices().nth(120) {
            Some((cut, _)) => format!("{}…", &title[..cut]),
            None => title.to_owned(),
        };
        format!("{title} — {}{mark} — Outage cost", self.file_label())
    }

    /// Saves to `path` atomically and makes it the document's file. Saving over the document's
    /// own file refuses with [`ScenarioError::ChangedOnDisk`] when another program changed it
    /// since it was read or saved, unless `overwrite` (the user said so).
    pub fn save_to(&mut self, path: &Path, overwrite: bool) -> Result<(), ScenarioError> {
        let own_file = self.path.as_deref() == Some(path);
        let expected = if own_file && !overwrite { self.stamp } else { None };
        self.sync();
        self.stamp = save::save_file_unless_changed(&self.version, path, expected)?;
        self.path = Some(path.to_path_buf());
        self.saved = self.version.clone();
        self.dirty = false;
        Ok(())
    }

    /// Treats the unsaved changes as dropped (the user said so): the document counts as saved,
    /// keeping its file and what the file was when read, so another program's changes are still
    /// noticed.
    pub fn drop_changes(&mut self) {
        self.sync();
        self.saved = self.version.clone();
        self.dirty = false;
    }

    /// Records the version of the last [`Document::sync`] for undo; call once per frame after it.
    pub fn feed_undo(&mut self, time: f64) {
        self.undoer.feed_state(time, &self.version);
    }

    /// Whether there is an edit to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.undoer.has_undo(&self.version)
    }

    /// Whether there is an undone edit to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.undoer.has_redo(&self.version)
    }

    /// Goes back one edit.
    pub fn undo(&mut self) {
        self.sync();
        if let Some(previous) = self.undoer.undo(&self.version).cloned() {
            self.go_to(previous);
        }
    }

    /// Goes forward one undone edit.
    pub fn redo(&mut self) {
        self.sync();
        if let Some(next) = self.undoer.redo(&self.version).cloned() {
            self.go_to(next);
        }
    }

    fn go_to(&mut self, version: Version) {
        self.scenario = (*version).clone();
        self.dirty = version != self.saved;
        self.version = version;
    }
}

fn undoer() -> Undoer<Version> {
    // Edits within half a second (one drag) are one undo step.
    Undoer::with_settings(Settings { max_undos: 200, stable_time: 0.5, ..Settings::default() })
}
