//! The "Monte Carlo" group of the input panel: rank correlations between ranged inputs (DESIGN
//! §2.4). Pick two ranged inputs and a rank correlation from −1 to 1; a set that cannot hold
//! together is named in red and not applied until it is fixed.

use egui::{ComboBox, RichText, Slider, Ui};

use crate::scenario::{Correlation, Scenario};
use crate::sim::{self, Leaf};

/// The ranged inputs of a scenario: `(field path, label)`.
fn ranged(scenario: &Scenario) -> Vec<(String, String)> {
    sim::leaves(scenario)
        .into_iter()
        .filter(|(_, e)| e.is_uncertain())
        .map(|(leaf, _): (Leaf, _)| (leaf.path(), leaf.label(scenario)))
        .collect()
}

/// Draws the editor.
pub fn ui(ui: &mut Ui, scenario: &mut Scenario) {
    let inputs = ranged(scenario);
    if inputs.len() < 2 {
        ui.label(RichText::new("Give two inputs a range (Pert or 90% range) to correlate them.").weak());
        return;
    }
    ui.label(RichText::new("Rank correlations between ranged inputs (each keeps its own distribution)").weak());
    let name = |path: &str| inputs.iter().find(|(p, _)| p == path).map_or_else(|| path.to_owned(), |(_, l)| l.clone());
    let mut remove = None;
    for (i, pair) in scenario.correlations.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            for (side, path) in [("a", &mut pair.a), ("b", &mut pair.b)] {
                ComboBox::from_id_salt(("correlation", i, side))
                    .width(170.0)
                    .selected_text(name(path))
                    .show_ui(ui, |ui| {
                        for (p, label) in &inputs {
                            ui.selectable_value(path, p.clone(), label);
                        }
                    })
                    .response
                    .on_hover_text(path.clone());
            }
            ui.add(Slider::new(&mut pair.rank, -1.0..=1.0).step_by(0.05).text("rank"))
                .on_hover_text("Rank (Spearman) correlation: 1 they rise together, −1 one falls as the other rises");
            if ui.small_button("✕").on_hover_text("Remove this correlation").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        scenario.correlations.remove(i);
    }
    if ui.button("Add a correlation").clicked() {
        let taken =
            |a: &str, b: &str| scenario.correlations.iter().any(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a));
        let pair = inputs
            .iter()
            .enumerate()
            .flat_map(|(i, (a, _))| inputs[i + 1..].iter().map(move |(b, _)| (a.clone(), b.clone())))
            .find(|(a, b)| !taken(a, b));
        if let Some((a, b)) = pair {
            scenario.correlations.push(Correlation { a, b, rank: 0.5 });
        }
    }
    if let Err(e) = sim::correlation::check(scenario) {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("correlations[{}]: {} (not applied until fixed)", e.index, e.message),
        );
    }
}
