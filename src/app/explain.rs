//! The Explain tab: for each component the formula, the numbers that went in and the result, and
//! the scenario's sources and assumptions (links open in the browser).

use egui::{Grid, RichText, ScrollArea, Ui};

use super::colors::color;
use super::results::Results;
use crate::format::{money, money_exact, value};
use crate::model::{Component, explain};
use crate::results::Total;
use crate::scenario::Scenario;

/// Draws the tab; `selected` is the component shown.
pub fn ui(ui: &mut Ui, scenario: &Scenario, results: &Results, selected: &mut Component) {
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
    sources_ui(ui, scenario);
}

fn sources_ui(ui: &mut Ui, scenario: &Scenario) {
    ScrollArea::vertical().id_salt("sources").show(ui, |ui| {
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
    });
}
