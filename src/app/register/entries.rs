//! The register's entries: each cause with its rate (a slider on the rate, or on the middle of its
//! range), the mean loss of one of its outages and its shares of the annual mean and of the worst
//! years; buttons to open an entry's scenario or remove it; adding a shipped preset or a file.

use egui::{Grid, RichText, Slider, Ui, widgets::SliderClamping};

use crate::app::command::Command;
use crate::format::{money, percent};
use crate::register::{Entry, Register, Risk};
use crate::scenario::{Estimate, Input, Pert, Range90, Scenario, presets};

/// The highest rate the slider offers (outages per year); the file may say more.
const SLIDER_MAX_RATE: f64 = 50.0;

/// Draws the entries; returns commands (open an entry's scenario).
pub fn ui(
    ui: &mut Ui,
    register: &mut Register,
    scenarios: &[Scenario],
    risk: Option<&Risk>,
    add_file: &mut String,
    folder: Option<&std::path::Path>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut remove = None;
    let code = register.currency.code.clone();
    Grid::new("register entries").striped(true).num_columns(7).spacing([14.0, 4.0]).show(ui, |ui| {
        for head in
            ["Cause", "Outages per year", "", "Mean loss per outage", "Share of the mean", "Share of the worst 5%", ""]
        {
            ui.label(RichText::new(head).strong());
        }
        ui.end_row();
        for (i, entry) in register.entries.iter_mut().enumerate() {
            // The figures of the last run, if it had this entry in this place.
            let figures = risk.and_then(|r| r.entries.get(i)).filter(|e| e.scenario == entry.scenario);
            let scenario = scenarios.get(i).filter(|_| figures.is_some());
            let title = figures.map_or_else(|| entry.scenario.clone(), |f| f.name.clone());
            let label = ui.label(&title).on_hover_text(format!("Scenario: {}", entry.scenario));
            let frequency = scenario.map_or_else(|| Input::fixed(1.0), |s| s.frequency_per_year);
            let estimate = entry.rate(&frequency);
            rate_ui(ui, entry, &estimate, &title, label.id);
            match figures {
                Some(f) => {
                    ui.label(money(f.mean_loss_per_outage, &code));
                    ui.label(percent(f.share_of_mean));
                    ui.label(percent(f.share_of_tail));
                }
                None => {
                    for _ in 0..3 {
                        ui.label(RichText::new("…").weak());
                    }
                }
            }
            ui.horizontal(|ui| {
                if ui.button("Open").on_hover_text("Open this cause's scenario").clicked() {
                    commands.push(Command::OpenEntry(entry.scenario.clone(), folder.map(std::path::Path::to_path_buf)));
                }
                if ui.button("Remove").clicked() {
                    remove = Some(i);
                }
            });
            ui.end_row();
        }
    });
    if let Some(i) = remove {
        register.entries.remove(i);
    }
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Add a cause from the presets").selected_text("Choose…").show_ui(ui, |ui| {
            for preset in presets::PRESETS.iter().filter(|p| p.id != "template") {
                if ui.button(preset.id).clicked() {
                    register.entries.push(Entry { scenario: preset.id.to_owned(), per_year: None });
                }
            }
        });
        let label = ui.label("or a file beside the register:");
        ui.text_edit_singleline(add_file).labelled_by(label.id);
        if ui.add_enabled(!add_file.trim().is_empty(), egui::Button::new("Add file")).clicked() {
            register.entries.push(Entry { scenario: add_file.trim().to_owned(), per_year: None });
            add_file.clear();
        }
    });
    commands
}

/// The rate's slider (the number, or the middle of its range) and the range toggle.
fn rate_ui(ui: &mut Ui, entry: &mut Entry, estimate: &Estimate, title: &str, label: egui::Id) {
    let nominal = estimate.nominal();
    let mut shown = nominal;
    let response = ui
        .add(
            Slider::new(&mut shown, 0.0..=SLIDER_MAX_RATE)
                .logarithmic(true)
                .smallest_positive(0.001)
                .clamping(SliderClamping::Edits)
                .max_decimals(3),
        )
        .labelled_by(label)
        .on_hover_text(range_text(estimate));
    if response.changed()
        && let Ok(input) = Input::new(scaled(estimate, shown.max(0.0)))
    {
        entry.per_year = Some(input);
    }
    let ranged = estimate.is_uncertain();
    let toggle = ui.selectable_label(ranged, "±").on_hover_text(if ranged {
        "Make the rate a single number"
    } else {
        "Give the rate a 90% range"
    });
    let name = format!("Rate of {title} as a range");
    toggle.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, ranged, &name));
    if toggle.clicked() {
        let next = if ranged {
            Estimate::Fixed(nominal)
        } else {
            Estimate::Range90(Range90 { low: nominal / 2.0, high: nominal * 2.0 })
        };
        if let Ok(input) = Input::new(next) {
            entry.per_year = Some(input);
        }
    }
}

/// What a rate is, in words.
fn range_text(estimate: &Estimate) -> String {
    match *estimate {
        Estimate::Fixed(v) => format!("{v} outages a year"),
        Estimate::Range90(r) => format!("90% range {} to {} a year, drawn once per simulated year", r.low, r.high),
        Estimate::Pert(p) => format!("PERT {} / {} / {} a year, drawn once per simulated year", p.min, p.mode, p.max),
    }
}

/// `estimate` moved so its nominal value is `value`: a number replaced, a range scaled.
fn scaled(estimate: &Estimate, value: f64) -> Estimate {
    let old = estimate.nominal();
    let k = if old > 0.0 { value / old } else { 0.0 };
    match *estimate {
        Estimate::Range90(r) if k > 0.0 => Estimate::Range90(Range90 { low: r.low * k, high: r.high * k }),
        Estimate::Pert(p) if k > 0.0 => Estimate::Pert(Pert { min: p.min * k, mode: p.mode * k, max: p.max * k }),
        _ => Estimate::Fixed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_scales_with_its_middle() {
        let r = Estimate::Range90(Range90 { low: 1.0, high: 4.0 });
        let Estimate::Range90(s) = scaled(&r, 4.0) else { panic!("still a range") };
        assert!((s.low - 2.0).abs() < 1e-12 && (s.high - 8.0).abs() < 1e-12);
        assert_eq!(scaled(&Estimate::Fixed(1.0), 3.0), Estimate::Fixed(3.0));
    }
}
