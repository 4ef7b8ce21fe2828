//! The menu bar: File, Edit, View. Items return commands; nothing here touches files.

use egui::{Button, Ui};

use super::command::Command;
use super::settings::Settings;
use crate::export::{Chart, Format};
use crate::scenario::presets;

/// Draws the menu bar and returns what was chosen.
pub fn ui(ui: &mut Ui, (can_undo, can_redo): (bool, bool), settings: &mut Settings) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu_ui(ui, settings, &mut commands));
            ui.menu_button("Export", |ui| export_menu_ui(ui, settings, &mut commands));
            ui.menu_button("Edit", |ui| {
                if ui.add_enabled(can_undo, Button::new("Undo").shortcut_text("Ctrl+Z")).clicked() {
                    commands.push(Command::Undo);
                }
                if ui.add_enabled(can_redo, Button::new("Redo").shortcut_text("Ctrl+Shift+Z")).clicked() {
                    commands.push(Command::Redo);
                }
            });
            ui.menu_button("View", |ui| {
                if ui.add(Button::new("Presentation mode").shortcut_text("F5")).clicked() {
                    commands.push(Command::TogglePresentation);
                }
                if ui.button("Track record").clicked() {
                    commands.push(Command::ShowTrackRecord);
                }
                if ui.button("Solve for an input…").clicked() {
                    commands.push(Command::OpenSolve);
                }
                let (label, dark) = if settings.dark_mode { ("Light theme", false) } else { ("Dark theme", true) };
                if ui.button(label).clicked() {
                    commands.push(Command::SetDarkMode(dark));
                }
                ui.checkbox(&mut settings.inputs_panel, "Inputs panel")
                    .on_hover_text("Hide the inputs to give the charts the whole window");
                ui.separator();
                // Zoom in and out (Ctrl + and Ctrl −) and back to 100%.
                egui::gui_zoom::zoom_menu_buttons(ui);
            });
        });
    });
    commands
}

fn export_menu_ui(ui: &mut Ui, settings: &mut Settings, commands: &mut Vec<Command>) {
    for (format, label) in [(Format::Png, "Chart as PNG"), (Format::Svg, "Chart as SVG")] {
        ui.menu_button(label, |ui| {
            for chart in Chart::ALL {
                if ui.button(format!("{}…", chart.name())).clicked() {
                    commands.push(Command::ExportChartDialog(chart, format));
                }
            }
        });
    }
    if ui
        .button("Slides as PDF…")
        .on_hover_text("The presentation's slides, 16:9, one per page, with vector charts and fonts embedded")
        .clicked()
    {
        commands.push(Command::ExportDeckDialog);
    }
    ui.menu_button("Copy chart as image", |ui| {
        for chart in Chart::ALL {
            if ui.button(chart.name()).clicked() {
                commands.push(Command::CopyChart(chart));
            }
        }
    });
    if ui
        .button("Report to a folder…")
        .on_hover_text("Every chart as PNG and SVG, report.html, report.md and CSV files")
        .clicked()
    {
        commands.push(Command::ExportReportDialog);
    }
    if ui.button("Copy summary").on_hover_text("The headline figures as text, for an email or a chat").clicked() {
        commands.push(Command::CopySummary);
    }
    ui.separator();
    ui.horizontal(|ui| {
        let (min, max) = (crate::export::Size::MIN, crate::export::Size::MAX);
        let label = ui.label("Chart size");
        ui.add(egui::DragValue::new(&mut settings.export_width).range(min.width..=max.width).suffix(" px"))
            .labelled_by(label.id);
        ui.label("×");
        ui.add(egui::DragValue::new(&mut settings.export_height).range(min.height..=max.height).suffix(" px"))
            .labelled_by(label.id);
    });
}

fn file_menu_ui(ui: &mut Ui, settings: &Settings, commands: &mut Vec<Command>) {
    if ui.add(Button::new("New").shortcut_text("Ctrl+N")).clicked() {
        commands.push(Command::New);
    }
    if ui.add(Button::new("Open…").shortcut_text("Ctrl+O")).clicked() {
        commands.push(Command::OpenDialog);
    }
    ui.menu_button("Presets", |ui| {
        for preset in presets::PRESETS {
            let name = preset.load().map_or_else(|_| preset.id.to_owned(), |s| s.title().to_owned());
            let text = match preset.incident_date {
                Some(date) => format!("{name}  ({date})"),
                None => name,
            };
            if ui.button(text).clicked() {
                commands.push(Command::OpenPreset(preset.id));
            }
        }
        ui.separator();
        ui.label(egui::RichText::new("Registers: the ways a service fails, over years").weak());
        for register in crate::register::presets::REGISTERS {
            let name = register.parse().map_or_else(|_| register.id.to_owned(), |r| r.title().to_owned());
            if ui.button(name).on_hover_text("What a year of outages costs, and which cause drives it").clicked() {
                commands.push(Command::OpenRegisterPreset(register.id));
            }
        }
    });
    ui.menu_button("Open recent", |ui| {
        if settings.recent_files.is_empty() {
            ui.label("No recent files");
        }
        for path in &settings.recent_files {
            if ui.button(path.display().to_string()).clicked() {
                commands.push(Command::Open(path.clone()));
            }
        }
    });
    ui.separator();
    if ui.add(Button::new("Save").shortcut_text("Ctrl+S")).clicked() {
        commands.push(Command::Save);
    }
    if ui.add(Button::new("Save as…").shortcut_text("Ctrl+Shift+S")).clicked() {
        commands.push(Command::SaveAsDialog);
    }
    if ui
        .button("Duplicate as variant")
        .on_hover_text("An unsaved copy to change freely (\"with a second region\"), then pin both to compare")
        .clicked()
    {
        commands.push(Command::DuplicateAsVariant);
    }
    ui.separator();
    if ui.button("Quit").clicked() {
        commands.push(Command::Quit);
    }
}
