//! The Sensitivity tab: a tornado chart and, with Monte Carlo results, what drives the spread.
//! Each input is swung to its low and high (its range, or ±25% kept in its domain, a clock hour
//! ±3 h; SLA tiers are contract terms and are not swung) with the others at their nominal values;
//! the bars show how far the cost moves, the largest move either side first. Beside it, each
//! uncertain input's share of the variance of the cost over the Monte Carlo draws (its squared rank
//! correlation, normalised), with the rank correlation itself.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, VLine};

use super::{money_ticks, plot, rgb, with_categories};
use crate::app::montecarlo::Analysis;
use crate::app::results::Results;
use crate::app::view::View;
use crate::format::{money, value};
use crate::palette::REFERENCE_RGB;
use crate::scenario::Scenario;
use crate::sim::{Driver, SortBy, Swing};

/// Bars shown at most.
const MAX_BARS: usize = 15;
/// The height a bar's row needs for its label to be read (fewer bars on a shorter chart).
const ROW_HEIGHT: f32 = 30.0;

/// How many bars a chart `height` points tall shows.
fn bars_that_fit(height: f32) -> usize {
    ((height - 60.0) / ROW_HEIGHT).floor().clamp(4.0, MAX_BARS as f32) as usize
}
const LOW_RGB: [u8; 3] = [0x4C, 0x78, 0xA8];
const HIGH_RGB: [u8; 3] = [0xF5, 0x85, 0x18];

/// The bars from the nominal cost to the cost with each input at its low and at its high.
fn bars(shown: &[&Swing], by: SortBy, nominal: f64, code: &str) -> (Vec<Bar>, Vec<Bar>) {
    let count = shown.len();
    let mut lows = Vec::with_capacity(count);
    let mut highs = Vec::with_capacity(count);
    for (i, s) in shown.iter().enumerate() {
        let (at_low, at_high) = match by {
            SortBy::ProviderCost => s.provider_cost,
            SortBy::CombinedImpact => s.combined_impact,
        };
        let y = (count - i) as f64;
        let bar = |to: f64, rgb_: [u8; 3], end: &str| {
            Bar::new(y, to - nominal).base_offset(nominal).width(0.6).fill(rgb(rgb_)).name(format!(
                "{} at its {end}: {}",
                s.label,
                money(to, code)
            ))
        };
        lows.push(bar(at_low, LOW_RGB, "low"));
        highs.push(bar(at_high, HIGH_RGB, "high"));
    }
    (lows, highs)
}

/// Draws the tab: the output chooser, the tornado, and the drivers of the spread when Monte Carlo
/// ran: beside the tornado on a wide screen, under it otherwise, so every label keeps its room.
pub fn ui(ui: &mut Ui, scenario: &Scenario, results: &Results, analysis: Option<&Analysis>, view: &mut View) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Swing of");
        ui.selectable_value(&mut view.sort_by, SortBy::ProviderCost, "Provider cost");
        ui.selectable_value(&mut view.sort_by, SortBy::CombinedImpact, "Combined impact");
        ui.label(
            RichText::new("each input at its low and high (its range, or ±25% in its domain, a clock hour ±3 h), the others as they are")
                .weak(),
        );
    });
    let height = ui.available_height();
    match analysis.filter(|a| !a.drivers.is_empty()) {
        Some(analysis) if ui.available_width() >= WIDE => {
            ui.columns(2, |columns| {
                tornado_ui(&mut columns[0], scenario, results, view, height);
                drivers_ui(&mut columns[1], analysis, view.sort_by, height);
            });
        }
        Some(analysis) => {
            tornado_ui(ui, scenario, results, view, height * 0.6);
            drivers_ui(ui, analysis, view.sort_by, ui.available_height());
        }
        None => tornado_ui(ui, scenario, results, view, height),
    }
}

/// The width from which the two charts stand side by side.
const WIDE: f32 = 1500.0;

/// What drives the spread: each uncertain input's share of the variance of the chosen output,
/// largest first, labelled with its rank correlation.
fn drivers_ui(ui: &mut Ui, analysis: &Analysis, by: SortBy, height: f32) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("What drives the spread (Monte Carlo)").strong());
        ui.label(
            RichText::new(
                "share of the variance: squared rank correlation with the figure, normalised; ρ its sign and size",
            )
            .weak(),
        );
    });
    let height = (height - ui.text_style_height(&egui::TextStyle::Body) * 2.0).max(120.0);
    let share = |d: &Driver| if by == SortBy::ProviderCost { d.provider_share } else { d.combined_share };
    let rank = |d: &Driver| if by == SortBy::ProviderCost { d.provider_rank } else { d.combined_rank };
    let mut shown: Vec<&Driver> = analysis.drivers.iter().collect();
    shown.sort_by(|a, b| share(b).total_cmp(&share(a)));
    shown.truncate(bars_that_fit(height));
    let count = shown.len();
    let names: Vec<(f64, String)> = shown
        .iter()
        .enumerate()
        .map(|(i, d)| ((count - i) as f64, format!("{}  (ρ {:+.2})", d.label, rank(d))))
        .collect();
    let bars: Vec<Bar> = shown
        .iter()
        .enumerate()
        .map(|(i, d)| {
            Bar::new((count - i) as f64, share(d) * 100.0).width(0.6).fill(rgb(LOW_RGB)).name(format!(
                "{}: {:.1}% of the variance, rank correlation {:+.2}",
                d.label,
                share(d) * 100.0,
                rank(d)
            ))
        })
        .collect();
    // The axis names are painted, so the chart names its bars for screen readers (and tests).
    let spoken = names.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join("; ");
    let response = with_categories(ui, plot("drivers"), names)
        .x_axis_label("Share of the variance (%)")
        .include_x(0.0)
        .height(height)
        .show_grid([true, false])
        .show(ui, |plot_ui| {
            let tip = Box::new(|bar: &Bar, _: &BarChart| bar.name.clone());
            plot_ui.bar_chart(BarChart::new("Share of the variance", bars).horizontal().element_formatter(tip));
        })
        .response;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Figure, true, format!("Drivers: {spoken}")));
}

/// The tornado, `height` points tall.
fn tornado_ui(ui: &mut Ui, scenario: &Scenario, results: &Results, view: &View, height: f32) {
    let code = scenario.currency.code.clone();
    let (swings, nominal) = match view.sort_by {
        SortBy::ProviderCost => (&results.tornado_provider, results.evaluation.outcome.provider_cost),
        SortBy::CombinedImpact => (&results.tornado_combined, results.evaluation.outcome.combined_impact),
    };
    let shown: Vec<_> = swings.iter().take(bars_that_fit(height)).collect();
    if shown.is_empty() {
        ui.label("No input moves this figure.");
        return;
    }
    let count = shown.len();
    let names: Vec<(f64, String)> = shown
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let unit = s.leaf.unit();
            let range = format!("{} – {}", value(s.inputs.0, unit, &code), value(s.inputs.1, unit, &code));
            ((count - i) as f64, format!("{}  ({range})", s.label))
        })
        .collect();
    let by = view.sort_by;
    with_categories(ui, plot("tornado"), names)
        .height(height)
        .legend(super::legend(height, egui_plot::Corner::RightBottom))
        .x_axis_label(format!(
            "{} ({code})",
            if by == SortBy::ProviderCost { "Provider cost" } else { "Combined impact" }
        ))
        .x_axis_formatter(money_ticks(code.clone()))
        .show_grid([true, false])
        .show(ui, |plot_ui| {
            let (lows, highs) = bars(&shown, by, nominal, &code);
            let tip = Box::new(|bar: &Bar, _: &BarChart| bar.name.clone());
            plot_ui.bar_chart(
                BarChart::new("Input at its low", lows).horizontal().color(rgb(LOW_RGB)).element_formatter(tip),
            );
            let tip = Box::new(|bar: &Bar, _: &BarChart| bar.name.clone());
            plot_ui.bar_chart(
                BarChart::new("Input at its high", highs).horizontal().color(rgb(HIGH_RGB)).element_formatter(tip),
            );
            plot_ui
                .vline(VLine::new(format!("As entered: {}", money(nominal, &code)), nominal).color(rgb(REFERENCE_RGB)));
        });
}
