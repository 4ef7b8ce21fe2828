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
use crate::ticks;

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

/// A legend in `corner` of a plot `height` points tall; on a short plot (a small window) its type
/// is small and its background lighter, so it covers little of the lines.
#[must_use]
pub fn legend(height: f32, corner: egui_plot::Corner) -> egui_plot::Legend {
    let legend = egui_plot::Legend::default().position(corner);
    if height < 320.0 { legend.text_style(egui::TextStyle::Small).background_alpha(0.6) } else { legend }
}

/// A loss-exceedance plot: x is log10 of an amount in `code` (ticked by the log rule, labelled in
/// money), y the chance in percent of exceeding it (`chance`: "exceeding it", "a worse year").
#[must_use]
pub fn exceedance_plot(id: &str, x_label: String, chance: &'static str, code: &str) -> Plot<'static> {
    let (tick_code, hover_code) = (code.to_owned(), code.to_owned());
    plot(id)
        .x_axis_label(x_label)
        .y_axis_label(format!("Chance of {chance} (%)"))
        .x_grid_spacer(log_grid)
        .x_axis_formatter(move |mark, _| money(10f64.powf(mark.value), &tick_code))
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .include_y(0.0)
        .include_y(100.0)
        .label_formatter(move |hover| {
            let p = hover_point(hover);
            Some(format!("{}\n{:.1}% chance of {chance}", money(10f64.powf(p.x), &hover_code), p.y))
        })
}

/// A plot whose y axis names categories: one tick per `(y, name)`, labelled with the name, the
/// axis as wide as the longest name (so no name runs into the plot or out of the window).
#[must_use]
pub fn with_categories(ui: &Ui, plot: Plot<'static>, names: Vec<(f64, String)>) -> Plot<'static> {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = names
        .iter()
        .map(|(_, n)| ui.painter().layout_no_wrap(n.clone(), font.clone(), egui::Color32::WHITE).size().x)
        .fold(0.0, f32::max);
    let ticks: Vec<f64> = names.iter().map(|(y, _)| *y).collect();
    plot.y_axis_min_width(widest + 12.0)
        .y_grid_spacer(move |_input: GridInput| ticks.iter().map(|&value| GridMark { value, step_size: 1.0 }).collect())
        .y_axis_formatter(move |mark, _| {
            names.iter().find(|(y, _)| (y - mark.value).abs() < 1e-6).map_or_else(String::new, |(_, n)| n.clone())
        })
}

/// A horizontal bar chart of money: categories named on the y axis, money on the x axis from 0,
/// with room at the right of the longest bar (`max`) for its value label.
#[must_use]
pub fn money_bars(ui: &Ui, id: &str, names: Vec<(f64, String)>, axis: String, code: &str, max: f64) -> Plot<'static> {
    with_categories(ui, plot(id), names)
        .x_axis_label(axis)
        .x_axis_formatter(money_ticks(code.to_owned()))
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

/// Tick marks at 1, 2 or 5 × 10ⁿ, at most eight across the axis ([`ticks::linear`]).
#[must_use]
#[allow(clippy::needless_pass_by_value)] // egui_plot hands a grid spacer its input by value.
pub fn nice_grid(input: GridInput) -> Vec<GridMark> {
    let (values, step) = ticks::linear(input.bounds.0, input.bounds.1, ticks::MAX_TICKS);
    values.into_iter().map(|value| GridMark { value, step_size: step }).collect()
}

/// Tick marks for an axis holding log10 of a value ([`ticks::log10`]).
#[must_use]
#[allow(clippy::needless_pass_by_value)] // egui_plot hands a grid spacer its input by value.
pub fn log_grid(input: GridInput) -> Vec<GridMark> {
    ticks::log10(input.bounds.0, input.bounds.1).into_iter().map(|value| GridMark { value, step_size: 1.0 }).collect()
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
