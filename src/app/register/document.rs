//! The open register: the document being edited, where it lives, what was last saved, and the
//! undo history of its edits (as `Document` is for a scenario).

use std::path::{Path, PathBuf};

use egui::util::undoer::{Settings, Undoer};

use crate::register::{Register, save};
use crate::scenario::ScenarioError;

/// The register being edited and its history.
pub struct RegisterDoc {
    /// The register; widgets edit it directly.
    pub register: Register,
    path: Option<PathBuf>,
    saved: Register,
    undoer: Undoer<Register>,
}

impl RegisterDoc {
    /// A document for `register`, read from `path` if any, with no unsaved changes.
    #[must_use]
    pub fn new(register: Register, path: Option<PathBuf>) -> Self {
        let undoer = Undoer::with_settings(Settings { max_undos: 200, stable_time: 0.5, ..Settings::default() });
        Self { saved: register.clone(), register, path, undoer }
    }

    /// The file the register was read from or saved to.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder relative entries resolve against.
    #[must_use]
    pub fn folder(&self) -> Option<PathBuf> {
        self.path.as_ref().and_then(|p| p.parent()).map(Path::to_path_buf)
    }

    /// Whether the register differs from what was last saved or opened.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.register != self.saved
    }

    /// The window title: register, file and an unsaved mark.
    #[must_use]
    pub fn window_title(&self) -> String {
        let file = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(|| "not saved yet".to_owned(), |n| n.to_string_lossy().into_owned());
        let mark = if self.is_dirty() { " •" } else { "" };
        format!("{} — {file}{mark} — Outage cost", self.register.title())
    }

    /// Saves to `path` atomically and makes it the document's file.
    pub fn save_to(&mut self, path: &Path) -> Result<(), ScenarioError> {
        save::save_file(&self.register, path)?;
        self.path = Some(path.to_path_buf());
        self.saved = self.register.clone();
        Ok(())
    }

    /// Records the register for undo; call once per frame after the widgets ran.
    pub fn feed_undo(&mut self, time: f64) {
        self.undoer.feed_state(time, &self.register);
    }

    /// Whether there is an edit to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.undoer.has_undo(&self.register)
    }

    /// Whether there is an undone edit to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.undoer.has_redo(&self.register)
    }

    /// Goes back one edit.
    pub fn undo(&mut self) {
        if let Some(previous) = self.undoer.undo(&self.register) {
            self.register = previous.clone();
        }
    }

    /// Goes forward one undone edit.
    pub fn redo(&mut self) {
        if let Some(next) = self.undoer.redo(&self.register) {
            self.register = next.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_writes_a_register_that_reads_back_and_clears_the_unsaved_mark() {
        let register = crate::register::presets::find("kakao-register").and_then(|p| p.parse().ok());
        let mut doc = RegisterDoc::new(register.unwrap_or_else(Register::blank), None);
        doc.register.seed = 99;
        assert!(doc.is_dirty());
        let dir = std::env::temp_dir().join(format!("outage-cost-register-doc-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("r.ron");
        assert!(doc.save_to(&path).is_ok());
        assert!(!doc.is_dirty());
        let again = crate::register::load::parse_file(&path).ok();
        assert_eq!(again.as_ref(), Some(&doc.register));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
