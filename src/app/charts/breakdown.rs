//! The breakdown: each component's cost as a horizontal bar, in two panels on scales of their own:
//! what the provider pays above what businesses and users lose.

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
    // Two panels, each on its own scale, so the provider's components (the headline) never shrink
    // to slivers beside a large ecosystem loss.
    let total = value(Output::ProviderCost) + value(Output::EcosystemLoss);
    let height = ui.available_height();
    let provider: Vec<Component> =
        Component::provider_first().into_iter().filter(|c| c.side() == Side::Provider).collect();
    let ecosystem: Vec<Component> =
        Component::provider_first().into_iter().filter(|c| c.side() == Side::Ecosystem).collect();
    let rows = (provider.len() + ecosystem.len()) as f32;
    let eco_height = (height * ecosystem.len() as f32 / rows).max(110.0);
    ui.label(
        egui::RichText::new(format!("Paid by the provider: {}", money(value(Output::ProviderCost), &code))).strong(),
    );
    side_ui(ui, "breakdown provider", &provider, results, &code, total, height - eco_height - 48.0);
    ui.label(
        egui::RichText::new(format!("Borne by businesses and users: {}", money(value(Output::EcosystemLoss), &code)))
            .strong(),
    );
    side_ui(ui, "breakdown ecosystem", &ecosystem, results, &code, total, eco_height - 8.0);
}

/// One side's components as horizontal bars on a scale of their own, `height` points high.
fn side_ui(ui: &mut Ui, id: &str, rows: &[Component], results: &Results, code: &str, total: f64, height: f32) {
    let component = |c: Component| results.figure(Output::Component(c)).value;
    let count = rows.len();
    // Row i from the top sits at y = count − i.
    let y_of = |i: usize| (count - i) as f64;
    let names: Vec<(f64, String)> = rows.iter().enumerate().map(|(i, &c)| (y_of(i), c.name().to_owned())).collect();
    let max = rows.iter().map(|&c| component(c)).fold(0.0, f64::max);
    money_bars(ui, id, names, format!("Cost ({code})"), code, max).height(height.max(60.0)).show(ui, |plot_ui| {
        for (i, &c) in rows.iter().enumerate() {
            let v = component(c);
            let label = egui::RichText::new(money(v, code)).strong().text_style(egui::TextStyle::Body);
            plot_ui.text(
                Text::new(format!("{} value", c.id()), PlotPoint::new(v + max * 0.01, y_of(i)), label)
                    .anchor(egui::Align2::LEFT_CENTER),
            );
            let tip_code = code.to_owned();
            let bar = Bar::new(y_of(i), v).width(0.7).fill(color(c)).name(c.name());
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
