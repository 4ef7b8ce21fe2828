//! The register's slides: what a year costs (cards and the exceedance chart), which causes drive
//! it, and, with a mitigation, whether it pays. Large type, ←/→ between slides as for scenarios.

use egui::{RichText, Ui};

use super::worker::Computed;
use super::{cards_ui, charts, investment_cards_ui};
use crate::format::{money, percent};
use crate::register::Register;

/// How much larger text is while presenting.
const TEXT_SCALE: f32 = 1.4;

/// How many slides: two, three with an investment case.
#[must_use]
pub fn slide_count(computed: Option<&Computed>) -> usize {
    if computed.is_some_and(|c| c.analysis.investment.is_some()) { 3 } else { 2 }
}

/// Draws slide `slide` of the register's deck.
pub fn ui(ui: &mut Ui, register: &mut Register, computed: Option<&Computed>, slide: usize) {
    for font in ui.style_mut().text_styles.values_mut() {
        font.size *= TEXT_SCALE;
    }
    let count = slide_count(computed);
    let slide = slide.min(count - 1);
    egui::Panel::bottom("register presentation bar").show(ui, |ui| {
        ui.label(RichText::new(format!("{} / {count}   ← → to move · Esc to leave", slide + 1)).weak());
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(c) = computed else {
            ui.heading("Simulating the years…");
            return;
        };
        let r = &c.analysis.risk;
        let code = r.currency.as_str();
        let height = (ui.available_height() - 220.0).max(200.0);
        match slide {
            0 => {
                ui.label(
                    RichText::new(format!(
                        "Outages cost {} in an average year, {} in a 1-in-20 year",
                        money(r.loss.mean, code),
                        money(r.loss.p95, code)
                    ))
                    .size(30.0)
                    .strong(),
                );
                ui.label(RichText::new(register.title()).weak());
                cards_ui(ui, r);
                charts::exceedance_ui(ui, &c.analysis, false, height);
            }
            1 => {
                let top = r.entries.iter().max_by(|a, b| a.share_of_tail.total_cmp(&b.share_of_tail));
                let headline = top.map_or_else(
                    || "No causes yet".to_owned(),
                    |e| format!("{} drives {} of the worst years", e.name, percent(e.share_of_tail)),
                );
                ui.label(RichText::new(headline).size(30.0).strong());
                ui.label(RichText::new(register.title()).weak());
                charts::contributions_ui(ui, r, height + 80.0);
            }
            _ => {
                if let Some(i) = &c.analysis.investment {
                    let verdict = if i.net_benefit >= 0.0 { "pays" } else { "does not pay" };
                    ui.label(
                        RichText::new(format!(
                            "The mitigation saves {} a year and costs {}: it {verdict}",
                            money(i.mean_saved, code),
                            money(i.annual_cost, code)
                        ))
                        .size(30.0)
                        .strong(),
                    );
                    ui.label(RichText::new(register.title()).weak());
                    investment_cards_ui(ui, i, code);
                    charts::exceedance_ui(ui, &c.analysis, true, height);
                }
            }
        }
    });
}
