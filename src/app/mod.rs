//! The desktop app (DESIGN §4): a window over the same model the command line uses.
//!
//! This first window shows a preset picker, the headline figures and the cost breakdown of the
//! open scenario; results are recomputed only when the scenario changes.

use std::path::Path;

use egui::{Grid, RichText};

use crate::format::{compact, money, money_exact};
use crate::model::{Evaluation, Side};
use crate::scenario::{Scenario, load, presets};

/// Opens the app on `file`, or on the default scenario.
pub fn run(file: Option<&Path>) -> anyhow::Result<()> {
    let (scenario, error) = match file {
        Some(path) => match load::load_file(path) {
            Ok(s) => (s, None),
            Err(e) => (presets::default_scenario(), Some(format!("{e:#}"))),
        },
        None => (presets::default_scenario(), None),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_title("Outage cost"),
        ..Default::default()
    };
    eframe::run_native(
        "Outage cost",
        options,
        Box::new(move |_cc| Ok(Box::new(OutageApp::new(scenario, error)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// The app's state: the open scenario and its cached evaluation.
pub struct OutageApp {
    scenario: Scenario,
    evaluation: Evaluation,
    error: Option<String>,
}

impl OutageApp {
    /// An app showing `scenario`, with an error to show first, if any.
    #[must_use]
    pub fn new(scenario: Scenario, error: Option<String>) -> Self {
        let evaluation = Evaluation::of(&scenario);
        Self {
            scenario,
            evaluation,
            error,
        }
    }

    /// The open scenario.
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    fn open(&mut self, scenario: Scenario) {
        self.evaluation = Evaluation::of(&scenario);
        self.scenario = scenario;
    }

    fn preset_picker_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label("Scenario");
            let mut chosen = None;
            egui::ComboBox::from_id_salt("preset")
                .selected_text(self.scenario.title())
                .width(420.0)
                .show_ui(ui, |ui| {
                    for preset in presets::PRESETS {
                        if let Ok(s) = preset.load()
                            && ui
                                .selectable_label(s.name == self.scenario.name, s.title())
                                .clicked()
                        {
                            chosen = Some(s);
                        }
                    }
                });
            if let Some(s) = chosen {
                self.open(s);
            }
        });
    }

    fn headline_ui(&self, ui: &mut egui::Ui) {
        let o = &self.evaluation.outcome;
        let code = self.scenario.currency.code.as_str();
        ui.horizontal_wrapped(|ui| {
            for (label, value) in [
                ("Provider cost", money(o.provider_cost, code)),
                ("Cost per outage hour", money(o.cost_per_hour, code)),
                ("Users affected", compact(o.users_affected)),
                ("Ecosystem loss", money(o.ecosystem_loss, code)),
                ("Combined impact", money(o.combined_impact, code)),
                ("Annual expected loss", money(o.annual_expected_loss, code)),
            ] {
                ui.group(|ui| {
                    ui.vertical(|ui| {
                        ui.label(label);
                        ui.label(RichText::new(value).size(24.0).strong());
                    });
                });
            }
        });
        ui.label(format!(
            "Uptime Institute band: {}. Suggested severity {} ({}): {}.",
            self.evaluation.band.label(),
            self.evaluation.severity.level,
            self.evaluation.severity.name(),
            self.evaluation.severity.reason
        ));
    }

    fn breakdown_ui(&self, ui: &mut egui::Ui) {
        let code = self.scenario.currency.code.as_str();
        Grid::new("breakdown")
            .striped(true)
            .num_columns(4)
            .show(ui, |ui| {
                for header in ["", "Component", "Borne by", "Cost"] {
                    ui.label(RichText::new(header).strong());
                }
                ui.end_row();
                for (c, v) in self.evaluation.outcome.components.iter() {
                    ui.label(c.id());
                    ui.label(c.name());
                    ui.label(if c.side() == Side::Provider {
                        "provider"
                    } else {
                        "ecosystem"
                    });
                    ui.label(money(v, code)).on_hover_text(money_exact(v, code));
                    ui.end_row();
                }
            });
    }
}

impl eframe::App for OutageApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("top").show(ui, |ui| self.preset_picker_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.heading(self.scenario.title());
            ui.label(&self.scenario.description);
            ui.add_space(8.0);
            self.headline_ui(ui);
            ui.add_space(8.0);
            self.breakdown_ui(ui);
        });
    }
}
