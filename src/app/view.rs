//! The transient state of the views: nothing here is saved.

use super::ChartTab;
use super::command::Command;
use super::pins::Pins;
use crate::model::Component;

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Choose a scenario to open.
    Open,
    /// Choose where to save.
    SaveAs,
    /// Choose where to save a chart.
    ExportChart(crate::export::Chart, crate::export::Format),
    /// Name the folder for the report (created; default `<scenario>-report`).
    ExportReport,
    /// Where to save the slides as a PDF deck.
    ExportDeck,
}

/// A short message that fades away.
pub struct Toast {
    /// What to say.
    pub text: String,
    /// When to stop showing it (egui time, seconds).
    pub until: f64,
}

/// Transient state of the views: nothing here is saved.
pub struct View {
    /// The chart tab shown.
    pub tab: ChartTab,
    /// Whether presentation mode is on.
    pub presenting: bool,
    /// The slide shown in presentation mode.
    pub slide: usize,
    /// Whether presentation mode shows the speaker notes (N).
    pub notes: bool,
    /// The component the Explain tab shows.
    pub explained: Component,
    /// An open file dialog.
    pub file_dialog: Option<(egui_file::FileDialog, DialogPurpose)>,
    /// A load or save error to show in a dialog.
    pub error: Option<String>,
    /// A command waiting for the user to decide about unsaved changes.
    pub pending: Option<Command>,
    /// The document's file changed on disk since it was opened: what to do about the save.
    pub conflict: Option<std::path::PathBuf>,
    /// A report folder that exists, waiting for the user to confirm replacing it.
    pub replace_report: Option<std::path::PathBuf>,
    /// A working copy from a previous session, offered for restoring.
    pub recovered: Option<super::crash::Offer>,
    /// A message at the bottom.
    pub toast: Option<Toast>,
    /// Whether closing was confirmed (or nothing needed saving).
    pub close_confirmed: bool,
    /// The window title last sent, to send it only when it changes.
    pub title: String,
    /// The zoom fitted to the screen at start (once known; a zoom the user chose is kept).
    pub fitted_zoom: Option<f32>,
    /// The figure the Uncertainty tab shows.
    pub uncertainty_output: crate::sim::Output,
    /// The tolerance line on the exceedance curve.
    pub tolerance: Option<f64>,
    /// What the tornado is sorted by.
    pub sort_by: crate::sim::SortBy,
    /// Scenarios pinned for comparison, computed off the UI thread.
    pub pins: Pins,
    /// Commands panels deep in the layout asked for, applied with the frame's others.
    pub queued: Vec<Command>,
    /// The track record and the time to threshold, computed off the UI thread.
    pub track: super::track::Track,
    /// The solve window, when open.
    pub solving: Option<super::solve::Solving>,
}

impl Default for View {
    fn default() -> Self {
        Self {
            tab: ChartTab::CostVsDuration,
            presenting: false,
            slide: 0,
            notes: false,
            explained: Component::LostRevenue,
            file_dialog: None,
            error: None,
            pending: None,
            conflict: None,
            replace_report: None,
            recovered: None,
            toast: None,
            close_confirmed: false,
            title: String::new(),
            fitted_zoom: None,
            uncertainty_output: crate::sim::Output::ProviderCost,
            tolerance: None,
            sort_by: crate::sim::SortBy::ProviderCost,
            pins: super::pins::Pins::default(),
            queued: Vec::new(),
            track: super::track::Track::default(),
            solving: None,
        }
    }
}
