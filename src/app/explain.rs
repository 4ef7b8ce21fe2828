//! The Explain tab: for each component the formula, the numbers that went in and the result, and
//! the scenario's sources and assumptions (links open in the browser).

use egui::{Grid, RichText, ScrollArea, Ui};

use super::colors::color;
use super::montecarlo::Analysis;
use super::results::Results;
use crate::changes::Changes;
use crate::format::{money, money_exact, value};
use crate::model::{Component, explain};
use crate::results::Total;
use crate::scenario::Scenario;

/// Draws the tab, scrolling as a whole; `selected` is the component shown.
pub fn ui(ui: &mut Ui, scenario: &Scenario, results: &Results, analysis: Option<&Analysis>, selected: &mut Component) {
    ScrollArea::vertical().id_salt("explain").show(ui, |ui| body_ui(ui, scenario, results, analysis, selected));
}

fn body_ui(ui: &mut Ui, scenario: &Scenario, results: &Results, analysis: Option<&Analysis>, selected: &mut Component) {
    let code = scenario.currency.code.as_str();
    let e = &results.evaluation;
    if results.summaries.is_some() {
        ui.label(
            RichText::new(
                "Worked through with every input as entered; the cards and the Breakdown show Monte Carlo means.",
            )
            .weak(),
        );
    }
    if !scenario.correlations.is_empty() {
        let pairs: Vec<String> =
            scenario.correlations.iter().map(|c| format!("{} ↔ {} (rank {:+.2})", c.a, c.b, c.rank)).collect();
        ui.label(
            RichText::new(format!(
                "Monte Carlo draws these inputs together (Gaussian copula, each keeps its own distribution): {}",
                pairs.join("; ")
            ))
            .weak(),
        );
    }
    ui.columns(2, |columns| {
        let left = &mut columns[0];
        let heading = if results.summaries.is_some() { "Components, as entered" } else { "Components" };
        left.label(RichText::new(heading).strong());
        for c in Component::ALL {
            let text = format!("{}  {} — {}", c.id(), c.name(), money(e.outcome.components.get(c), code));
            let label = RichText::new(text).color(if *selected == c { color(c) } else { left.visuals().text_color() });
            left.selectable_value(selected, c, label);
        }
        left.add_space(8.0);
        left.label(RichText::new("Totals").strong());
        for total in Total::ALL {
            let note = total.note(false).map_or_else(String::new, |n| format!(" ({n})"));
            left.label(RichText::new(format!("{}{note}", total.line())).monospace().size(12.0));
        }
        let right = &mut columns[1];
        let x = explain(*selected, e);
        right.label(RichText::new(format!("{} {}", selected.id(), selected.name())).heading().color(color(*selected)));
        right.label(RichText::new(x.formula).monospace());
        right.add_space(6.0);
        Grid::new("terms").num_columns(3).striped(true).spacing([12.0, 4.0]).show(right, |ui| {
            for term in &x.terms {
                ui.label(RichText::new(term.symbol).monospace());
                ui.label(&term.label);
                ui.label(value(term.value, term.unit, code));
                ui.end_row();
            }
            ui.label(RichText::new("=").monospace().strong());
            ui.label(RichText::new(selected.name()).strong());
            ui.label(RichText::new(money_exact(x.result, code)).strong());
            ui.end_row();
        });
    });
    ui.separator();
    sources_ui(ui, scenario, analysis, results.changes.as_ref());
}

/// The scenario's published figures beside the model's (DESIGN §10), read as the backtest reads
/// them: the Monte Carlo mean and P5–P95 with ranges.
fn published_ui(ui: &mut Ui, scenario: &Scenario, analysis: Option<&Analysis>) {
    let code = scenario.currency.code.as_str();
    let checks = crate::backtest::check(scenario, analysis.map(|a| &a.samples));
    ui.label(RichText::new("Published figures beside the model").strong());
    Grid::new("published").num_columns(5).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
        for h in ["Figure", "Published", "Model", "P5–P95", "Error"] {
            ui.label(RichText::new(h).weak());
        }
        ui.end_row();
        for c in &checks {
            ui.label(&c.name).on_hover_text(format!("Source: {}\n{}", c.published.source, c.published.note));
            ui.label(c.published_text(code));
            ui.label(money(c.model, code));
            ui.label(c.range_text(code));
            let verdict = c.error_text();
            ui.label(if c.agrees() {
                RichText::new(verdict)
            } else {
                RichText::new(verdict).color(egui::Color32::from_rgb(0xD0, 0x45, 0x3A))
            });
            ui.end_row();
        }
    });
}

/// The inputs changed from the preset (preset value → now), and the assumptions that mention a
/// value that has changed since.
fn changes_ui(ui: &mut Ui, changes: &Changes) {
    if changes.inputs.is_empty() {
        ui.label(RichText::new(format!("Every input is as in the preset “{}”.", changes.preset)).weak());
        return;
    }
    ui.label(RichText::new(format!("Changed from the preset “{}”", changes.preset)).strong());
    Grid::new("changed from the preset").num_columns(3).striped(true).spacing([12.0, 2.0]).show(ui, |ui| {
        ui.label(RichText::new("Input").weak());
        ui.label(RichText::new("Preset").weak());
        ui.label(RichText::new("Now").weak());
        ui.end_row();
        for change in &changes.inputs {
            ui.label(&change.label).on_hover_text(&change.path);
            ui.label(&change.preset);
            ui.label(RichText::new(&change.now).strong());
            ui.end_row();
        }
    });
    for stale in &changes.stale {
        ui.label(
            RichText::new(format!(
                "⚠ This assumption mentions the preset's {}, which has changed: {}",
                stale.input, stale.text
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    ui.add_space(6.0);
}

fn sources_ui(ui: &mut Ui, scenario: &Scenario, analysis: Option<&Analysis>, changes: Option<&Changes>) {
    if let Some(changes) = changes {
        changes_ui(ui, changes);
    }
    if !scenario.published.is_empty() {
        published_ui(ui, scenario, analysis);
        ui.add_space(6.0);
    }
    ui.label(RichText::new("About this scenario").strong());
    if !scenario.description.is_empty() {
        ui.label(&scenario.description);
    }
    if !scenario.sources.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new("Sources").strong());
        for source in &scenario.sources {
            if source.url.is_empty() {
                ui.label(format!("• {}", source.label));
            } else {
                ui.hyperlink_to(format!("• {}", source.label), &source.url).on_hover_text(&source.url);
            }
        }
    }
    if !scenario.assumptions.is_empty() {
        ui.add_space(4.0);
        ui.label(RichText::new("Assumptions").strong());
        for assumption in &scenario.assumptions {
            ui.label(format!("• {assumption}"));
        }
    }
}
