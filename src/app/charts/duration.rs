//! Cost vs duration: the provider cost stacked by component for outages from 0 to max(24 h, 2·D),
//! with the Uptime Institute $100k and $1M lines in the scenario's currency and the current
//! duration marked.

use std::fmt::Write as _;

use egui::{Color32, Stroke, Ui};
use egui_plot::{FilledArea, HLine, Line, LineStyle, VLine};

use super::{color, money_ticks, plot};
use crate::app::results::Results;
use crate::format::{hours, money, money_exact};
use crate::model::{Component, CurvePoint, Side};
use crate::results::{self, BandPoint};
use crate::scenario::{Field, Scenario};

/// Components stacked in the chart: the provider's.
fn stacked() -> impl Iterator<Item = Component> {
    Component::ALL.into_iter().filter(|c| c.side() == Side::Provider)
}

/// Draws the chart in the space given.
pub fn ui(ui: &mut Ui, scenario: &Scenario, results: &Results, crossings: Option<&[crate::threshold::Crossing]>) {
    // Only the crossings within the curve's durations, so they do not stretch the chart.
    let end = results.curve.last().map_or(0.0, |p| p.duration_hours);
    let within = |h: Option<f64>| h.is_some_and(|h| h > 0.0 && h <= end);
    let crossings: Vec<crate::threshold::Crossing> = crossings
        .unwrap_or_default()
        .iter()
        .filter(|c| within(c.hours) || within(c.p95_hours.flatten()))
        .cloned()
        .collect();
    let code = scenario.currency.code.clone();
    let curve = &results.curve;
    let d = results.evaluation.point.get(Field::DurationHours);
    let per_usd = results.evaluation.point.get(Field::PerUsd);
    let xs: Vec<f64> = curve.iter().map(|p| p.duration_hours).collect();
    let hover_code = code.clone();
    let hover_curve = curve.clone();
    let hover_band = results.band.clone();
    // The highest cost drawn, so the legend names only the Uptime lines one can see.
    let top = results.band.as_ref().map_or_else(
        || curve.iter().map(|p| p.provider_cost).fold(0.0, f64::max),
        |band| band.iter().map(|b| b.p95).fold(0.0, f64::max),
    );
    // The total's line in the theme's strongest text colour, so it shows on dark backgrounds too.
    let ink = ui.visuals().strong_text_color();
    if results.band.is_some() {
        ui.label(
            egui::RichText::new(
                "Each duration's mean and P5–P95 over the other inputs' ranges; the provider-cost card also \
                 averages over the uncertain duration.",
            )
            .small()
            .weak(),
        );
    }
    plot("cost vs duration")
        .legend(super::legend(ui.available_height(), egui_plot::Corner::LeftTop).follow_insertion_order(true))
        .x_axis_label("Outage duration (hours)")
        .y_axis_label(format!("Provider cost ({code})"))
        .y_axis_formatter(money_ticks(code.clone()))
        .y_axis_min_width(64.0)
        .include_y(0.0)
        // Durations start at 0: no margin before it.
        .include_x(0.0)
        .set_margin_fraction(egui::Vec2::new(0.0, 0.05))
        .label_formatter(move |hover| {
            hover_label(hover_band.as_deref(), &hover_curve, &hover_code, super::hover_point(hover).x)
        })
        .show(ui, |plot_ui| {
            if let Some(band) = &results.band {
                // With ranges: the mean cost and its P5–P95, not the inputs as entered.
                let xs: Vec<f64> = band.iter().map(|b| b.hours).collect();
                let lo: Vec<f64> = band.iter().map(|b| b.p5).collect();
                let hi: Vec<f64> = band.iter().map(|b| b.p95).collect();
                let blue = Color32::from_rgb(0x2F, 0x6E, 0xEB);
                plot_ui.add(
                    FilledArea::new("P5–P95", &xs, &lo, &hi).fill_color(blue.gamma_multiply(0.25)).stroke(Stroke::NONE),
                );
                let mean: Vec<[f64; 2]> = band.iter().map(|b| [b.hours, b.mean]).collect();
                plot_ui.line(Line::new("Mean provider cost", mean).color(blue).width(2.0));
                uptime_lines(plot_ui, per_usd, &code, top);
                this_outage(plot_ui, d);
                crossing_marks(plot_ui, &crossings, &code, end);
                return;
            }
            let mut lower = vec![0.0; curve.len()];
            for c in stacked() {
                let upper: Vec<f64> = lower.iter().zip(curve).map(|(l, p)| l + p.components.get(c)).collect();
                if upper.iter().zip(&lower).any(|(u, l)| u > l) {
                    plot_ui.add(
                        FilledArea::new(c.name(), &xs, &lower, &upper)
                            .fill_color(color(c).gamma_multiply(0.8))
                            .stroke(Stroke::new(1.0, color(c))),
                    );
                }
                lower = upper;
            }
            let total: Vec<[f64; 2]> = curve.iter().map(|p| [p.duration_hours, p.provider_cost]).collect();
            plot_ui.line(Line::new("Provider cost", total).color(ink).width(1.5));
            uptime_lines(plot_ui, per_usd, &code, top);
            this_outage(plot_ui, d);
            crossing_marks(plot_ui, &crossings, &code, end);
        });
}

/// What hovering at duration `x` shows: the mean and P5–P95 with ranges, else the cost and its
/// components.
fn hover_label(band: Option<&[BandPoint]>, curve: &[CurvePoint], code: &str, x: f64) -> Option<String> {
    if let Some(band) = band {
        let b = band.iter().min_by(|a, b| (a.hours - x).abs().total_cmp(&(b.hours - x).abs()))?;
        return Some(format!(
            "{} outage: mean {}\nP5–P95 {}–{}",
            hours(b.hours),
            money_exact(b.mean, code),
            money(b.p5, code),
            money(b.p95, code)
        ));
    }
    let nearest = curve.iter().min_by(|a, b| (a.duration_hours - x).abs().total_cmp(&(b.duration_hours - x).abs()))?;
    let mut text = format!("{} outage: {}\n", hours(nearest.duration_hours), money_exact(nearest.provider_cost, code));
    for c in stacked() {
        let v = nearest.components.get(c);
        if v > 0.0 {
            let _ = writeln!(text, "{}: {}", c.name(), money(v, code));
        }
    }
    Some(text.trim_end().to_owned())
}

/// Where the provider cost (and its P95, with ranges) crosses each line (DESIGN §9).
fn crossing_marks(plot_ui: &mut egui_plot::PlotUi<'_>, crossings: &[crate::threshold::Crossing], code: &str, end: f64) {
    let red = Color32::from_rgb(0xD0, 0x45, 0x3A);
    for c in crossings {
        if let Some(h) = c.hours.filter(|h| *h > 0.0 && *h <= end) {
            let name = format!("Reaches {} after {}", money(c.line.amount, code), hours(h));
            plot_ui.points(egui_plot::Points::new(name, vec![[h, c.line.amount]]).radius(5.0).color(red));
        }
        if let Some(h) = c.p95_hours.flatten().filter(|h| *h > 0.0 && *h <= end) {
            let name = format!("P95 reaches {} after {}", money(c.line.amount, code), hours(h));
            plot_ui.points(
                egui_plot::Points::new(name, vec![[h, c.line.amount]]).radius(4.0).color(red.gamma_multiply(0.6)),
            );
        }
    }
}

/// The Uptime Institute $100k and $1M lines in the scenario's currency; the legend names only those
/// that stand clear of the axis on a chart whose highest cost is `top`.
fn uptime_lines(plot_ui: &mut egui_plot::PlotUi<'_>, per_usd: f64, code: &str, top: f64) {
    for (y, label) in results::uptime_lines(per_usd, code) {
        let visible = y >= 0.03 * top && y <= 1.2 * top;
        let name = if visible { label } else { String::new() };
        plot_ui.hline(HLine::new(name, y).color(Color32::from_gray(130)).style(LineStyle::dashed_loose()));
    }
}

/// The open scenario's duration.
fn this_outage(plot_ui: &mut egui_plot::PlotUi<'_>, d: f64) {
    plot_ui.vline(
        VLine::new(format!("This outage: {}", hours(d)), d).color(Color32::from_rgb(0x2F, 0x6E, 0xEB)).width(2.0),
    );
}
