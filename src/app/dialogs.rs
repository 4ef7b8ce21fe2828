//! Dialogs over the window: the file dialog, load and save errors, the unsaved-changes prompt,
//! the offer to restore a previous session's work, and toasts.

use egui::{Context, Id, Modal, RichText};

use super::command::Command;
use super::view::{DialogPurpose, View};

/// Shows whatever dialog is open and returns the commands chosen in them.
pub fn ui(ctx: &Context, view: &mut View, title: &str) -> Vec<Command> {
    let mut commands = Vec::new();
    file_dialog_ui(ctx, view, &mut commands);
    if let Some(error) = view.error.clone() {
        let modal = Modal::new(Id::unique("error")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("That did not work");
            ui.add_space(4.0);
            ui.label(RichText::new(error).monospace());
            ui.add_space(4.0);
            ui.label("Nothing you had open was changed.");
            ui.add_space(8.0);
            ui.button("OK").clicked()
        });
        if modal.inner || modal.should_close() {
            view.error = None;
        }
    }
    if let Some(pending) = view.pending.clone() {
        let modal = Modal::new(Id::unique("unsaved")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Save your changes?");
            ui.label(format!("“{title}” has changes that are not saved."));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    Choice::Save
                } else if ui.button("Don't save").clicked() {
                    Choice::Discard
                } else if ui.button("Cancel").clicked() {
                    Choice::Cancel
                } else {
                    Choice::Undecided
                }
            })
            .inner
        });
        let choice = if modal.should_close() { Choice::Cancel } else { modal.inner };
        match choice {
            Choice::Save => commands.push(Command::SavingFirst(Box::new(pending))),
            Choice::Discard => commands.push(Command::Discarding(Box::new(pending))),
            Choice::Cancel | Choice::Undecided => {}
        }
        if choice != Choice::Undecided {
            view.pending = None;
        }
    }
    conflict_ui(ctx, view, &mut commands);
    replace_report_ui(ctx, view, &mut commands);
    toast_ui(ctx, view);
    commands
}

/// The document's file changed on disk since it was opened: never overwrite it without asking.
fn conflict_ui(ctx: &Context, view: &mut View, commands: &mut Vec<Command>) {
    let Some(path) = view.conflict.clone() else { return };
    let modal = Modal::new(Id::unique("changed-on-disk")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("The file changed on disk");
        ui.label(format!(
            "{} was changed by another program or window since you opened it. Saving now would overwrite those changes.",
            path.display()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save As…").clicked() {
                Some(Some(Command::SaveAsDialog))
            } else if ui.button("Overwrite").clicked() {
                Some(Some(Command::Overwrite(path.clone())))
            } else if ui.button("Reload from disk (drop my changes)").clicked() {
                Some(Some(Command::Reload))
            } else if ui.button("Cancel").clicked() {
                Some(None)
            } else {
                None
            }
        })
        .inner
    });
    let choice = if modal.should_close() { Some(None) } else { modal.inner };
    if let Some(command) = choice {
        commands.extend(command);
        view.conflict = None;
    }
}

/// A report folder that exists is replaced only when the user says so.
fn replace_report_ui(ctx: &Context, view: &mut View, commands: &mut Vec<Command>) {
    let Some(dir) = view.replace_report.clone() else { return };
    let modal = Modal::new(Id::unique("replace-report")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Replace the report?");
        ui.label(format!(
            "{} already exists. The new report replaces the one in it whole (a folder holding other files is left alone).",
            dir.display()
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Replace").clicked() {
                Some(true)
            } else if ui.button("Cancel").clicked() {
                Some(false)
            } else {
                None
            }
        })
        .inner
    });
    let choice = if modal.should_close() { Some(false) } else { modal.inner };
    if let Some(replace) = choice {
        if replace {
            commands.push(Command::ReplaceReport(dir));
        }
        view.replace_report = None;
    }
}

/// The answer to the unsaved-changes prompt.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Save,
    Discard,
    Cancel,
    Undecided,
}

fn file_dialog_ui(ctx: &Context, view: &mut View, commands: &mut Vec<Command>) {
    let Some((dialog, purpose)) = &mut view.file_dialog else {
        return;
    };
    dialog.show(ctx);
    if dialog.selected() {
        if let Some(path) = dialog.path() {
            let mut path = path.to_path_buf();
            let extension = match purpose {
                DialogPurpose::SaveAs => Some("ron"),
                DialogPurpose::ExportChart(_, format) => Some(format.extension()),
                DialogPurpose::ExportDeck => Some("pdf"),
                DialogPurpose::Open | DialogPurpose::ExportReport => None,
            };
            if let Some(extension) = extension.filter(|_| path.extension().is_none()) {
                path.set_extension(extension);
            }
            commands.push(match *purpose {
                DialogPurpose::Open => Command::Open(path),
                DialogPurpose::SaveAs => Command::SaveAs(path),
                DialogPurpose::ExportChart(chart, format) => Command::ExportChart(chart, format, path),
                DialogPurpose::ExportReport => Command::ExportReport(path),
                DialogPurpose::ExportDeck => Command::ExportDeck(path),
            });
        }
        view.file_dialog = None;
    } else if !dialog.visible() {
        view.file_dialog = None;
    }
}

fn toast_ui(ctx: &Context, view: &mut View) {
    let now = ctx.input(|i| i.time);
    let Some(toast) = &view.toast else { return };
    if now > toast.until {
        view.toast = None;
        return;
    }
    egui::Area::new(Id::unique("toast")).anchor(egui::Align2::CENTER_BOTTOM, [0.0, -40.0]).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.label(&toast.text);
        });
    });
    ctx.request_repaint_after(std::time::Duration::from_millis(250));
}
