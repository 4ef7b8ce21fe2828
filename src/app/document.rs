//! The open document: the scenario being edited, where it lives, what was last saved, and the
//! undo history of its edits.

use std::path::{Path, PathBuf};

use egui::util::undoer::{Settings, Undoer};

use crate::files::Stamp;
use crate::scenario::{Scenario, ScenarioError, save};

/// The scenario being edited and its history.
pub struct Document {
    /// The scenario; widgets edit it directly.
    pub scenario: Scenario,
    path: Option<PathBuf>,
    /// What the file was when it was read or last saved, to notice another program's changes.
    stamp: Option<Stamp>,
    saved: Scenario,
    undoer: Undoer<Scenario>,
}

impl Document {
    /// A document for `scenario`, read from `path` if any, with no unsaved changes.
    #[must_use]
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        let stamp = path.as_deref().and_then(Stamp::now);
        Self { saved: scenario.clone(), scenario, path, stamp, undoer: undoer() }
    }

    /// A document for `scenario` as read from `path`, which was `stamp` when it was read.
    #[must_use]
    pub fn opened(scenario: Scenario, path: PathBuf, stamp: Stamp) -> Self {
        Self { saved: scenario.clone(), scenario, path: Some(path), stamp: Some(stamp), undoer: undoer() }
    }

    /// A document whose last saved state is `saved` but whose content is `scenario` (a recovered
    /// working copy): it opens with unsaved changes.
    #[must_use]
    pub fn recovered(scenario: Scenario, saved: Scenario, path: Option<PathBuf>) -> Self {
        let stamp = path.as_deref().and_then(Stamp::now);
        Self { scenario, path, stamp, saved, undoer: undoer() }
    }

    /// The file the document was read from or saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the scenario differs from what was last saved or opened.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.scenario != self.saved
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
        self.stamp = save::save_file_unless_changed(&self.scenario, path, expected)?;
        self.path = Some(path.to_path_buf());
        self.saved = self.scenario.clone();
        Ok(())
    }

    /// Treats the unsaved changes as dropped (the user said so): the document counts as saved,
    /// keeping its file and what the file was when read, so another program's changes are still
    /// noticed.
    pub fn drop_changes(&mut self) {
        self.saved = self.scenario.clone();
    }

    /// Records the scenario for undo; call once per frame after the widgets ran.
    pub fn feed_undo(&mut self, time: f64) {
        self.undoer.feed_state(time, &self.scenario);
    }

    /// Whether there is an edit to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.undoer.has_undo(&self.scenario)
    }

    /// Whether there is an undone edit to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.undoer.has_redo(&self.scenario)
    }

    /// Goes back one edit.
    pub fn undo(&mut self) {
        if let Some(previous) = self.undoer.undo(&self.scenario) {
            self.scenario = previous.clone();
        }
    }

    /// Goes forward one undone edit.
    pub fn redo(&mut self) {
        if let Some(next) = self.undoer.redo(&self.scenario) {
            self.scenario = next.clone();
        }
    }
}

fn undoer() -> Undoer<Scenario> {
    // Edits within half a second (one drag) are one undo step.
    Undoer::with_settings(Settings { max_undos: 200, stable_time: 0.5, ..Settings::default() })
}
