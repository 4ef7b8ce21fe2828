//! The chart tabs (DESIGN §4): each chart reads the cached results and draws with egui_plot;
//! hovering shows exact values; a component has the same colour everywhere.

mod benchmarks;
mod breakdown;
mod compare;
mod duration;
mod sensitivity;
mod timeline;
mod uncertainty;

use std::ops::RangeInclusive;

use egui::Ui;
use egui_plot::{GridInput, GridMark, HoverPosition, Plot, PlotPoint};

use super::montecarlo::Analysis;
use super::results::Results;
use super::settings::ChartTab;
use super::view::View;
use crate::format::money;
use crate::scenario::Scenario;

pub use benchmarks::ui as benchmarks_ui;
pub use breakdown::ui as breakdown_ui;
pub use compare::body_ui as compare_body_ui;
pub use duration::ui as duration_ui;
pub use timeline::ui as timeline_ui;
pub use uncertainty::ui as uncertainty_ui;

/// The row of tabs.
pub fn tabs_ui(ui: &mut Ui, view: &mut View) {
    // Wrapped, so every tab stays reachable in a narrow window.
    ui.horizontal_wrapped(|ui| {
        for tab in ChartTab::ALL {
            ui.selectable_value(&mut view.tab, tab, tab.label());
        }
    });
}

/// The chart of the selected tab, filling the space left.
pub fn chart_ui(ui: &mut Ui, scenario: &Scenario, results: &Results, analysis: Option<&Analysis>, view: &mut View) {
    match view.tab {
        ChartTab::CostVsDuration => duration_ui(ui, scenario, results, view.track.crossings()),
        ChartTab::Breakdown => breakdown_ui(ui, scenario, results),
        ChartTab::Timeline => timeline_ui(ui, scenario, results),
        ChartTab::Benchmarks => benchmarks_ui(ui, scenario, results),
        ChartTab::Explain => super::explain::ui(ui, scenario, results, analysis, &mut view.explained),
        ChartTab::Uncertainty => uncertainty::ui(ui, scenario, analysis, view),
        ChartTab::Sensitivity => sensitivity::ui(ui, scenario, results, analysis, view),
        ChartTab::Compare => compare::ui(ui, scenario, view),
        ChartTab::TrackRecord => super::track::ui(ui, &view.track),
    }
}

pub use super::colors::{color, rgb};

/// Tick labels in compact money: `₩20B`.
pub fn money_ticks(code: String) -> impl Fn(GridMark, &RangeInclusive<f64>) -> String {
    move |mark, _| {
        if mark.value < 0.0 { String::new() } else { money(mark.value, &code) }
    }
}

/// A plot whose y axis names categories: one tick per `(y, name)`, labelled with the name.
#[must_use]
pub fn with_categories(plot: Plot<'static>, names: Vec<(f64, String)>) -> Plot<'static> {
    let ticks: Vec<f64> = names.iter().map(|(y, _)| *y).collect();
    plot.y_grid_spacer(move |_input: GridInput| ticks.iter().map(|&value| GridMark { value, step_size: 1.0 }).collect())
        .y_axis_formatter(move |mark, _| {
            names.iter().find(|(y, _)| (y - mark.value).abs() < 1e-6).map_or_else(String::new, |(_, n)| n.clone())
        })
}

/// A horizontal bar chart of money: categories named on the y axis, money on the x axis from 0,
/// with room at the right of the longest bar (`max`) for its value label.
#[must_use]
pub fn money_bars(id: &str, names: Vec<(f64, String)>, axis: String, code: &str, max: f64) -> Plot<'static> {
    with_categories(plot(id), names)
        .x_axis_label(axis)
        .x_axis_formatter(money_ticks(code.to_owned()))
        .y_axis_min_width(150.0)
        .include_x(0.0)
        .include_x(max * 1.15)
        .show_grid([true, false])
}

/// Where the pointer is in plot coordinates.
#[must_use]
pub fn hover_point(hover: &HoverPosition<'_>) -> PlotPoint {
    match *hover {
        HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position } => position,
    }
}

/// The most tick labels an axis shows: enough to read, few enough to read from across a room.
const MAX_TICKS: f64 = 8.0;

/// Tick marks at 1, 2 or 5 × 10ⁿ, at most [`MAX_TICKS`] across the axis.
#[must_use]
#[allow(clippy::needless_pass_by_value)] // egui_plot hands a grid spacer its input by value.
pub fn nice_grid(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let step = nice_step((hi - lo) / MAX_TICKS);
    if !(step.is_finite() && step > 0.0) {
        return Vec::new();
    }
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|i| GridMark { value: i as f64 * step, step_size: step }).collect()
}

/// The smallest 1, 2 or 5 × 10ⁿ at least `raw`.
#[must_use]
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 0.0;
    }
    let scale = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * scale).find(|&s| s >= raw * (1.0 - 1e-12)).unwrap_or(10.0 * scale)
}

/// Tick marks for an axis holding log10 of a value: at 1, 2 and 5 × 10ⁿ, thinned to at most
/// [`MAX_TICKS`] (whole decades only when the axis spans many).
#[must_use]
#[allow(clippy::needless_pass_by_value)] // egui_plot hands a grid spacer its input by value.
pub fn log_grid(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let decades = (lo.floor() as i64)..=(hi.ceil() as i64);
    let marks = |multiples: &[f64]| -> Vec<GridMark> {
        decades
            .clone()
            .flat_map(|d| multiples.iter().map(move |m| (10f64.powi(d as i32) * m).log10()))
            .filter(|v| (lo..=hi).contains(v))
            .map(|value| GridMark { value, step_size: 1.0 })
            .collect()
    };
    for multiples in [&[1.0, 2.0, 5.0][..], &[1.0, 3.0][..], &[1.0][..]] {
        let m = marks(multiples);
        if m.len() as f64 <= MAX_TICKS {
            return m;
        }
    }
    // Many decades: every k-th decade.
    let k = ((hi - lo) / MAX_TICKS).ceil().max(1.0) as i64;
    decades.filter(|d| d % k == 0).map(|d| GridMark { value: d as f64, step_size: k as f64 }).collect()
}

/// A plot with the settings every chart shares: no zooming or panning by accident, hover on, at
/// most eight ticks at 1, 2 or 5 × 10ⁿ.
#[must_use]
pub fn plot(id: &str) -> Plot<'static> {
    Plot::new(id)
        .x_grid_spacer(nice_grid)
        .y_grid_spacer(nice_grid)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([false, true])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_fall_on_one_two_five_and_are_few() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.3), 2.0);
        assert_eq!(nice_step(2.5e9), 5e9);
        assert_eq!(nice_step(6e9), 1e10);
        let marks = nice_grid(GridInput { bounds: (-1.0, 141e9), base_step_size: 1.0 });
        assert!(marks.len() <= 8 && marks.len() >= 4, "{}", marks.len());
        assert!(marks.iter().all(|m| m.value >= 0.0 && (m.value / 2e10).fract().abs() < 1e-9));
        let log = log_grid(GridInput { bounds: (7.35, 8.1), base_step_size: 1.0 });
        let values: Vec<f64> = log.iter().map(|m| 10f64.powf(m.value).round()).collect();
        assert_eq!(values, [5e7, 1e8]);
        assert!(log_grid(GridInput { bounds: (0.0, 30.0), base_step_size: 1.0 }).len() <= 8);
    }
}
