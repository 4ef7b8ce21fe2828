//! The two kinds of app state besides the document: settings kept across restarts (eframe
//! storage) and the transient state of the views.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::command::Command;
use crate::model::Component;

/// How many recent files the File menu lists.
pub const RECENT_FILES: usize = 8;

/// Kept across restarts. Unknown or missing fields fall back to defaults, so an old or broken
/// settings entry never stops the app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Dark or light theme.
    pub dark_mode: bool,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// The file open when the app last closed.
    pub last_file: Option<PathBuf>,
    /// Size of exported charts, in pixels.
    pub export_width: u32,
    /// Height of exported charts, in pixels.
    pub export_height: u32,
}

impl Default for Settings {
    fn default() -> Self {
        let slide = crate::export::Size::SLIDE;
        Self {
            dark_mode: false,
            recent_files: Vec::new(),
            last_file: None,
            export_width: slide.width,
            export_height: slide.height,
        }
    }
}

impl Settings {
    /// Puts `path` first in the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(RECENT_FILES);
        self.last_file = Some(path.to_path_buf());
    }
}

/// The chart tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartTab {
    /// Cost vs duration, stacked by component.
    CostVsDuration,
    /// The breakdown by component.
    Breakdown,
    /// Users affected and cumulative cost over time.
    Timeline,
    /// Cost per hour beside published benchmarks.
    Benchmarks,
    /// Formulas, inputs, sources and assumptions.
    Explain,
    /// Monte Carlo (histogram and exceedance curve).
    Uncertainty,
    /// Tornado chart.
    Sensitivity,
    /// Pinned scenarios side by side.
    Compare,
}

impl ChartTab {
    /// Every tab, in order.
    pub const ALL: [ChartTab; 8] = [
        ChartTab::CostVsDuration,
        ChartTab::Breakdown,
        ChartTab::Timeline,
        ChartTab::Benchmarks,
        ChartTab::Explain,
        ChartTab::Uncertainty,
        ChartTab::Sensitivity,
        ChartTab::Compare,
    ];

    /// The tab's name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ChartTab::CostVsDuration => "Cost vs duration",
            ChartTab::Breakdown => "Breakdown",
            ChartTab::Timeline => "Timeline",
            ChartTab::Benchmarks => "Benchmarks",
            ChartTab::Explain => "Explain",
            ChartTab::Uncertainty => "Uncertainty",
            ChartTab::Sensitivity => "Sensitivity",
            ChartTab::Compare => "Compare",
        }
    }
}

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Choose a scenario to open.
    Open,
    /// Choose where to save.
    SaveAs,
    /// Choose where to save a chart.
    ExportChart(crate::export::Chart, crate::export::Format),
    /// Choose a folder for the report.
    ExportReport,
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
    /// The component the Explain tab shows.
    pub explained: Component,
    /// An open file dialog.
    pub file_dialog: Option<(egui_file::FileDialog, DialogPurpose)>,
    /// A load or save error to show in a dialog.
    pub error: Option<String>,
    /// A command waiting for the user to decide about unsaved changes.
    pub pending: Option<Command>,
    /// A working copy from a previous session, offered for restoring.
    pub recovered: Option<crate::scenario::Scenario>,
    /// A message at the bottom.
    pub toast: Option<Toast>,
    /// Whether closing was confirmed (or nothing needed saving).
    pub close_confirmed: bool,
    /// The window title last sent, to send it only when it changes.
    pub title: String,
    /// The figure the Uncertainty tab shows.
    pub uncertainty_output: crate::sim::Output,
    /// The tolerance line on the exceedance curve.
    pub tolerance: Option<f64>,
    /// What the tornado is sorted by.
    pub sort_by: crate::sim::SortBy,
    /// Scenarios pinned for comparison, computed off the UI thread.
    pub pins: super::pins::Pins,
    /// Commands panels deep in the layout asked for, applied with the frame's others.
    pub queued: Vec<Command>,
}

impl Default for View {
    fn default() -> Self {
        Self {
            tab: ChartTab::CostVsDuration,
            presenting: false,
            slide: 0,
            explained: Component::LostRevenue,
            file_dialog: None,
            error: None,
            pending: None,
            recovered: None,
            toast: None,
            close_confirmed: false,
            title: String::new(),
            uncertainty_output: crate::sim::Output::ProviderCost,
            tolerance: None,
            sort_by: crate::sim::SortBy::ProviderCost,
            pins: super::pins::Pins::default(),
            queued: Vec::new(),
        }
    }
}
