//! The breakdown: each component's cost as a horizontal bar, the provider's side above the
//! ecosystem's, business groups under the business-side loss.

use egui::Ui;
use egui_plot::{Bar, BarChart, PlotPoint, Text};

use super::{color, money_bars};
use crate::app::results::Results;
use crate::format::{money, money_exact, percent};
use crate::model::{Component, Side};
use crate::scenario::Scenario;
use crate::sim::Output;

/// Draws the chart in the space given.
pub fn ui(ui: &mut Ui, scenario: &Scenario, results: &Results) {
    let code = scenario.currency.code.clone();
    let value = |output: Output| results.figure(output).value;
    let component = |c: Component| value(Output::Component(c));
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("Provider cost {}", results.figure(Output::ProviderCost).money_with_range(&code)));
        ui.separator();
        ui.label(format!("Ecosystem loss {}", money(value(Output::EcosystemLoss), &code)));
        ui.separator();
        ui.label(format!(
            "Combined impact {} (credits and compensation counted once)",
            money(value(Output::CombinedImpact), &code)
        ));
        if results.summaries.is_some() {
            ui.separator();
            ui.label("Bars: Monte Carlo means");
        }
    });
    // Rows from the top: provider components, then ecosystem components.
    let rows = Component::provider_first();
    let count = rows.len();
    // Row i from the top sits at y = count − i, with a gap between the two sides.
    let y_of = |i: usize, c: Component| (count - i) as f64 + if c.side() == Side::Provider { 0.5 } else { 0.0 };
    let names: Vec<(f64, String)> = rows.iter().enumerate().map(|(i, &c)| (y_of(i, c), c.name().to_owned())).collect();
    let total = value(Output::ProviderCost) + value(Output::EcosystemLoss);
    let max = rows.iter().map(|&c| component(c)).fold(0.0, f64::max);
    money_bars("breakdown", names, format!("Cost ({code})"), &code, max).show(ui, |plot_ui| {
        for (i, &c) in rows.iter().enumerate() {
            let v = component(c);
            let label = egui::RichText::new(money(v, &code)).strong().text_style(egui::TextStyle::Body);
            plot_ui.text(
                Text::new(format!("{} value", c.id()), PlotPoint::new(v + max * 0.01, y_of(i, c)), label)
                    .anchor(egui::Align2::LEFT_CENTER),
            );
            let tip_code = code.clone();
            let bar = Bar::new(y_of(i, c), v).width(0.7).fill(color(c)).name(c.name());
            let chart = BarChart::new(format!("{} {}", c.id(), c.name()), vec![bar])
                .horizontal()
                .color(color(c))
                .element_formatter(Box::new(move |bar, _| {
                    format!(
                        "{}\n{}\n{} of all costs",
                        bar.name,
                        money_exact(bar.value, &tip_code),
                        percent(if total > 0.0 { bar.value / total } else { 0.0 })
                    )
                }));
            plot_ui.bar_chart(chart);
        }
    });
}
