//! The status line: the file, the unsaved mark and how long the last recomputation took.

use egui::{RichText, Ui};

use super::document::Document;
use super::montecarlo::{Status, Worker};
use super::results::Results;
use crate::format::grouped;

/// Draws the status line at the bottom of the window.
pub fn ui(ui: &mut Ui, doc: &Document, results: &Results, worker: Option<&Worker>, exporting: usize) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let file = doc.path().map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string());
            ui.label(RichText::new(file));
            if doc.is_dirty() {
                ui.label(RichText::new("● unsaved changes").color(ui.visuals().warn_fg_color));
            }
            if exporting > 0 {
                ui.spinner();
                ui.label(RichText::new("Exporting…"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let monte_carlo = match worker.map(|w| (w.status(), w.latest.as_ref())) {
                    Some((Status::Done, Some(a))) => format!(
                        "Monte Carlo: {} samples (seed {}) in {:.1} ms",
                        grouped(a.samples.count as f64, 0),
                        a.samples.seed,
                        a.samples.elapsed.as_secs_f64() * 1e3
                    ),
                    Some((Status::Running, _)) => "Monte Carlo running…".to_owned(),
                    _ => "No ranges: single-number model".to_owned(),
                };
                let model = if results.is_pending() {
                    "model recomputing…".to_owned()
                } else {
                    format!("model recomputed in {:.2} ms", results.compute_time.as_secs_f64() * 1e3)
                };
                ui.label(RichText::new(format!("{monte_carlo} · {model}")).weak());
            });
        });
    });
}
