//! This scenario's cost per outage hour beside the published per-hour benchmarks, converted to the
//! scenario's currency.

use egui::Ui;
use egui_plot::{Bar, BarChart, PlotPoint, Text};

use super::{money_bars, rgb};
use crate::app::results::Results;
use crate::format::{money, money_exact};
use crate::palette::{ACCENT_RGB, REFERENCE_RGB};
use crate::scenario::Scenario;

/// Draws the chart in the space given.
pub fn ui(ui: &mut Ui, scenario: &Scenario, results: &Results) {
    let code = scenario.currency.code.clone();
    let e = &results.evaluation;
    let mut rows: Vec<(String, f64, String, bool)> =
        vec![("This scenario".to_owned(), e.outcome.cost_per_hour, "Provider cost ÷ outage duration".to_owned(), true)];
    rows.extend(
        e.benchmarks.iter().map(|b| (b.benchmark.label.to_owned(), b.per_hour, b.benchmark.source.to_owned(), false)),
    );
    let ratio = e.benchmarks.iter().map(|b| b.per_hour).fold(f64::NAN, f64::max);
    ui.label(format!(
        "This outage costs {} per hour; the highest benchmark, {} per hour.",
        money(e.outcome.cost_per_hour, &code),
        money(ratio, &code)
    ));
    let count = rows.len();
    let names: Vec<(f64, String)> = rows.iter().enumerate().map(|(i, r)| ((count - i) as f64, r.0.clone())).collect();
    let max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    money_bars(ui, "benchmarks", names, format!("Cost per outage hour ({code})"), &code, max).show(ui, |plot_ui| {
        for (i, (name, value, source, ours)) in rows.into_iter().enumerate() {
            let label =
                egui::RichText::new(format!("{}/h", money(value, &code))).strong().text_style(egui::TextStyle::Body);
            plot_ui.text(
                Text::new(format!("{name} value"), PlotPoint::new(value + max * 0.01, (count - i) as f64), label)
                    .anchor(egui::Align2::LEFT_CENTER),
            );
            let fill = rgb(if ours { ACCENT_RGB } else { REFERENCE_RGB });
            let tip_code = code.clone();
            let bar = Bar::new((count - i) as f64, value).width(0.6).fill(fill).name(&name);
            plot_ui.bar_chart(BarChart::new(name, vec![bar]).horizontal().color(fill).element_formatter(Box::new(
                move |bar, _| format!("{}\n{} per hour\n{source}", bar.name, money_exact(bar.value, &tip_code)),
            )));
        }
    });
}
