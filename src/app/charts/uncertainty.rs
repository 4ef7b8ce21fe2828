//! The Uncertainty tab: the histogram of the Monte Carlo samples and the loss-exceedance curve
//! `P(cost > x)` on a logarithmic money axis, with a tolerance line the user drags to read "x%
//! chance of exceeding it".

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Line, PlotPoint, Text, VLine};

use super::{plot, rgb};
use crate::app::montecarlo::{Analysis, has_ranges};
use crate::app::view::View;
use crate::format::{grouped, money, percent};
use crate::palette::{ACCENT_RGB, REFERENCE_RGB};
use crate::scenario::Scenario;
use crate::sim::Output;

/// The outputs the tab can show.
pub const CHOICES: [Output; 3] = [Output::ProviderCost, Output::CombinedImpact, Output::AnnualExpectedLoss];

/// Draws the tab.
pub fn ui(ui: &mut Ui, scenario: &Scenario, analysis: Option<&Analysis>, view: &mut View) {
    let Some(analysis) = analysis.filter(|_| has_ranges(scenario)) else {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.heading("No input has a range yet");
            ui.label(
                RichText::new(
                    "Press ± next to an input you are unsure of (the duration, the share affected…) to give it a \
                     range. Monte Carlo then runs in the background and this tab shows the spread of outcomes.",
                )
                .weak(),
            );
        });
        return;
    };
    let code = scenario.currency.code.clone();
    let output = view.uncertainty_output;
    let s = analysis.summary(output);
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("uncertainty output")
            .selected_text(output.name())
            .show_ui(ui, |ui| {
                for choice in CHOICES {
                    ui.selectable_value(&mut view.uncertainty_output, choice, choice.name());
                }
            })
            .response
            .on_hover_text("Which figure to show");
        ui.label(format!(
            "P5 {} · median {} · P95 {} · mean {}   ({} samples, seed {})",
            money(s.p5, &code),
            money(s.p50, &code),
            money(s.p95, &code),
            money(s.mean, &code),
            grouped(analysis.samples.count as f64, 0),
            analysis.samples.seed
        ));
    });
    // The tolerance starts at the median of this scenario's own run (not of an earlier scenario's
    // run still shown while the new one is under way).
    let tolerance = view.tolerance.unwrap_or(s.p50);
    if view.tolerance.is_none() && analysis.scenario() == scenario {
        view.tolerance = Some(s.p50);
    }
    let chance = analysis.samples.distribution(output).share_above(tolerance);
    let height = ui.available_height();
    ui.columns(2, |columns| {
        histogram_ui(&mut columns[0], analysis, output, &code, height);
        if let Some(t) = exceedance_ui(&mut columns[1], analysis, output, &code, tolerance, chance, height) {
            view.tolerance = Some(t);
        }
    });
}

fn histogram_ui(ui: &mut Ui, analysis: &Analysis, output: Output, code: &str, height: f32) {
    let Some((_, bins)) = analysis.histograms.iter().find(|(o, _)| *o == output) else {
        return;
    };
    let s = analysis.summary(output);
    let tick_code = code.to_owned();
    let tip_code = code.to_owned();
    plot("histogram")
        .height(height)
        .x_axis_label(format!("{} ({code})", output.name()))
        .y_axis_label("Share of samples")
        .x_axis_formatter(move |mark, _| money(mark.value, &tick_code))
        .y_axis_formatter(|mark, _| percent(mark.value))
        .include_y(0.0)
        .show(ui, |plot_ui| {
            let bars: Vec<Bar> = bins
                .iter()
                .map(|&(left, width, share)| {
                    Bar::new(left + width / 2.0, share).width(width * 0.95).fill(rgb(ACCENT_RGB))
                })
                .collect();
            plot_ui.bar_chart(BarChart::new("samples", bars).color(rgb(ACCENT_RGB)).element_formatter(Box::new(
                move |bar, _| format!("around {}\n{} of samples", money(bar.argument, &tip_code), percent(bar.value)),
            )));
            for (label, x) in [("P5", s.p5), ("median", s.p50), ("P95", s.p95)] {
                plot_ui.vline(VLine::new(format!("{label} {}", money(x, code)), x).color(rgb(REFERENCE_RGB)));
            }
        });
}

/// The exceedance curve; returns a new tolerance when the user drags or clicks in the plot.
fn exceedance_ui(
    ui: &mut Ui,
    analysis: &Analysis,
    output: Output,
    code: &str,
    tolerance: f64,
    chance: f64,
    height: f32,
) -> Option<f64> {
    let (_, curve) = analysis.exceedance.iter().find(|(o, _)| *o == output)?;
    // A log money axis: x is log10 of the cost.
    let log = |x: f64| x.max(1e-9).log10();
    let points: Vec<[f64; 2]> = curve.iter().map(|&(x, p)| [log(x), p * 100.0]).collect();
    let response =
        super::exceedance_plot("exceedance", format!("{} ({code}, log scale)", output.name()), "exceeding it", code)
            .height(height)
            .show(ui, |plot_ui| {
                plot_ui.line(Line::new("P(cost > x)", points).color(rgb(ACCENT_RGB)).width(2.0));
                let x = log(tolerance);
                plot_ui.vline(VLine::new("Tolerance", x).color(Color32::from_rgb(0xD6, 0x3C, 0x3C)).width(2.0));
                let text = format!("{} chance of exceeding {}", percent(chance), money(tolerance, code));
                plot_ui.text(
                    Text::new("tolerance label", PlotPoint::new(x, 95.0), RichText::new(text).strong().size(15.0))
                        .anchor(egui::Align2::LEFT_TOP),
                );
                let r = plot_ui.response();
                if r.dragged() || r.clicked() { plot_ui.pointer_coordinate().map(|p| 10f64.powf(p.x)) } else { None }
            });
    response.inner
}
