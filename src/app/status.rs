//! The status line: the file, the unsaved mark and how long the last recomputation took.

use egui::{RichText, Ui};

use super::document::Document;
use super::results::Results;

/// Draws the status line at the bottom of the window.
pub fn ui(ui: &mut Ui, doc: &Document, results: &Results) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let file = doc
                .path()
                .map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string());
            ui.label(RichText::new(file).small());
            if doc.is_dirty() {
                ui.label(
                    RichText::new("● unsaved changes")
                        .small()
                        .color(ui.visuals().warn_fg_color),
                );
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(
                    RichText::new(format!(
                        "Deterministic model · recomputed in {:.2} ms",
                        results.compute_time.as_secs_f64() * 1e3
                    ))
                    .small()
                    .weak(),
                );
            });
        });
    });
}
