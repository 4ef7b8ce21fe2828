//! Settings kept across restarts (`settings.ron` in the data folder, written atomically by
//! `crash`) and the chart tabs they remember.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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
    /// The scenarios pinned for comparison.
    pub pins: Vec<super::pins::KeptPin>,
    /// Whether the inputs panel is shown.
    pub inputs_panel: bool,
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
            pins: Vec::new(),
            inputs_panel: true,
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
    /// The presets against their published losses.
    TrackRecord,
}

impl ChartTab {
    /// Every tab, in order.
    pub const ALL: [ChartTab; 9] = [
        ChartTab::CostVsDuration,
        ChartTab::Breakdown,
        ChartTab::Timeline,
        ChartTab::Benchmarks,
        ChartTab::Explain,
        ChartTab::Uncertainty,
        ChartTab::Sensitivity,
        ChartTab::Compare,
        ChartTab::TrackRecord,
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
            ChartTab::TrackRecord => "Track record",
        }
    }
}
