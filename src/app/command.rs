//! Side effects of the app, as values: every menu item, shortcut and button that opens, saves,
//! loads a preset or changes mode returns a [`Command`], applied in one place at the end of the
//! frame (`OutageApp::apply`).

use std::path::PathBuf;

use crate::export::{Chart, Format};

/// Something the app should do.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub enum Command {
    /// A new scenario from the template.
    New,
    /// Show the open dialog.
    OpenDialog,
    /// Open a scenario file.
    Open(PathBuf),
    /// Open a shipped preset by id.
    OpenPreset(&'static str),
    /// Open a shipped register by id.
    OpenRegisterPreset(&'static str),
    /// Open the scenario an entry of the open register names: a preset id, or a file relative to
    /// the register's folder.
    OpenEntry(String, Option<PathBuf>),
    /// Save to the document's file (or ask where).
    Save,
    /// Ask where to save.
    SaveAsDialog,
    /// Save to this file.
    SaveAs(PathBuf),
    /// Save over this file even though it changed on disk since it was opened (the user said so).
    Overwrite(PathBuf),
    /// Read the document's file again, dropping the edits (the user said so).
    Reload,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Enter or leave presentation mode.
    TogglePresentation,
    /// Switch between dark and light themes.
    SetDarkMode(bool),
    /// Ask where to save a chart.
    ExportChartDialog(Chart, Format),
    /// Save a chart to this file.
    ExportChart(Chart, Format, PathBuf),
    /// Ask for a folder for the whole report.
    ExportReportDialog,
    /// Write the whole report into this folder (created if needed); an existing folder is
    /// replaced only after the user confirmed it.
    ExportReport(PathBuf),
    /// Replace the report already in this folder (confirmed).
    ReplaceReport(PathBuf),
    /// Copy the headline summary to the clipboard.
    CopySummary,
    /// Open an unsaved copy of the scenario to change as a variant.
    DuplicateAsVariant,
    /// Ask where to save the slides as a PDF deck.
    ExportDeckDialog,
    /// Save the slides as a PDF deck here.
    ExportDeck(PathBuf),
    /// Copy a chart to the clipboard as an image.
    CopyChart(Chart),
    /// Pin a scenario for comparison; a relative mitigation baseline is read from `folder`.
    Pin {
        /// How the comparison names it.
        label: String,
        /// The scenario.
        scenario: Box<crate::scenario::Scenario>,
        /// The folder of the file it was read from.
        folder: Option<PathBuf>,
    },
    /// Pin the open scenario (its relative baseline read beside its file).
    PinOpen,
    /// Unpin the pinned scenario at this index.
    Unpin(usize),
    /// Open the solve window.
    OpenSolve,
    /// Show the Track record tab.
    ShowTrackRecord,
    /// Close the app.
    Quit,
    /// Run the inner command even though it drops unsaved changes (the user said so).
    Discarding(Box<Command>),
    /// Save, then run the inner command.
    SavingFirst(Box<Command>),
}

impl Command {
    /// Whether running the command replaces the open document (so unsaved changes need a word).
    #[must_use]
    pub fn replaces_document(&self) -> bool {
        matches!(
            self,
            Command::New
                | Command::Open(_)
                | Command::OpenPreset(_)
                | Command::OpenRegisterPreset(_)
                | Command::OpenEntry(..)
                | Command::DuplicateAsVariant
                | Command::Quit
        )
    }
}
