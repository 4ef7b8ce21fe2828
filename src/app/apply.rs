//! Commands run in one place: files are read and written and modes change only here.

use egui::{Context, ViewportCommand};

use super::exports::{Inputs, Job};
use super::view::DialogPurpose;
use super::{Command, Document, OutageApp};
use crate::scenario::{Scenario, load, presets};

impl OutageApp {
    /// Runs a command: the one place where files are read and written and modes change.
    pub fn apply(&mut self, ctx: &Context, command: Command) {
        if command.replaces_document() && self.doc.is_dirty() {
            self.view.pending = Some(command);
            return;
        }
        match command {
            Command::New => {
                let mut scenario =
                    presets::find("template").and_then(|p| p.load().ok()).unwrap_or_else(Scenario::blank);
                "New scenario".clone_into(&mut scenario.name);
                scenario.sources.clear();
                scenario.assumptions.clear();
                self.replace(Document::new(scenario, None));
            }
            Command::OpenDialog => self.open_dialog(DialogPurpose::Open),
            Command::Open(path) => match load::load_file_stamped(&path) {
                Ok((scenario, stamp)) => {
                    self.settings.remember(&path);
                    self.replace(Document::opened(scenario, path, stamp));
                }
                Err(e) => self.view.error = Some(format!("{e:#}")),
            },
            Command::Reload => {
                if let Some(path) = self.doc.path().map(std::path::Path::to_path_buf) {
                    self.doc.drop_changes();
                    self.apply(ctx, Command::Open(path));
                }
            }
            Command::OpenPreset(id) => match presets::find(id).map(presets::Preset::load) {
                Some(Ok(scenario)) => {
                    self.settings.last_file = None;
                    self.replace(Document::new(scenario, None));
                }
                Some(Err(e)) => self.view.error = Some(e.to_string()),
                None => self.view.error = Some(format!("there is no preset called {id}")),
            },
            Command::Save => match self.doc.path().map(std::path::Path::to_path_buf) {
                Some(path) => self.save_to(ctx, &path, false),
                None => self.open_dialog(DialogPurpose::SaveAs),
            },
            Command::SaveAsDialog => self.open_dialog(DialogPurpose::SaveAs),
            Command::SaveAs(path) => self.save_to(ctx, &path, false),
            Command::Overwrite(path) => self.save_to(ctx, &path, true),
            Command::Undo => self.doc.undo(),
            Command::Redo => self.doc.redo(),
            Command::TogglePresentation => {
                self.view.presenting = !self.view.presenting;
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(self.view.presenting));
            }
            Command::SetDarkMode(dark) => {
                self.settings.dark_mode = dark;
                self.apply_theme(ctx);
            }
            Command::ExportChartDialog(chart, format) => {
                self.open_dialog(DialogPurpose::ExportChart(chart, format));
            }
            Command::ExportChart(chart, format, path) => self.export(ctx, Job::Chart(chart, format, path)),
            Command::ExportReportDialog => self.open_dialog(DialogPurpose::ExportReport),
            Command::ExportReport(dir) if dir.exists() => self.view.replace_report = Some(dir),
            Command::ExportReport(dir) | Command::ReplaceReport(dir) => self.export(ctx, Job::Report(dir)),
            Command::CopySummary => self.export(ctx, Job::Summary),
            Command::Pin { label, scenario, folder } => {
                let repaint = ctx.clone();
                self.view.pins.pin(label, *scenario, folder, move || repaint.request_repaint());
            }
            Command::PinOpen => {
                let folder = self.doc.path().and_then(|p| p.parent()).map(std::path::Path::to_path_buf);
                let (label, scenario) = (self.doc.scenario.title().to_owned(), self.doc.scenario.clone());
                let repaint = ctx.clone();
                self.view.pins.pin(label, scenario, folder, move || repaint.request_repaint());
            }
            Command::Unpin(index) => {
                let repaint = ctx.clone();
                self.view.pins.unpin(index, move || repaint.request_repaint());
            }
            Command::Quit => {
                self.view.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            Command::Discarding(inner) => {
                self.doc.drop_changes();
                self.apply(ctx, *inner);
            }
            Command::SavingFirst(inner) => {
                self.apply(ctx, Command::Save);
                if !self.doc.is_dirty() {
                    self.apply(ctx, *inner);
                }
            }
        }
    }

    /// Starts an export of what is on screen (the Monte Carlo samples when they are current) on a
    /// background thread; [`OutageApp::logic`] tells the user when it is done.
    fn export(&mut self, ctx: &Context, job: Job) {
        let scenario = self.doc.scenario.clone();
        let current = self.worker.as_ref().and_then(|w| w.latest.as_ref()).filter(|a| a.scenario == scenario);
        let inputs = Inputs {
            samples: current.map(|a| a.samples.clone()),
            scenario,
            pins: (self.view.pins.pinned.clone(), self.view.pins.returns.clone()),
            size: crate::export::Size::new(self.settings.export_width, self.settings.export_height).unwrap_or_default(),
        };
        let repaint = ctx.clone();
        self.exports.start(job, inputs, move || repaint.request_repaint());
    }

    fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.results.refresh(&self.doc.scenario);
    }

    fn save_to(&mut self, ctx: &Context, path: &std::path::Path, overwrite: bool) {
        match self.doc.save_to(path, overwrite) {
            Ok(()) => {
                self.settings.remember(path);
                self.toast(ctx, &format!("Saved {}", path.display()));
            }
            Err(crate::scenario::ScenarioError::ChangedOnDisk { .. }) => self.view.conflict = Some(path.to_path_buf()),
            Err(e) => self.view.error = Some(format!("{e:#}")),
        }
    }

    fn open_dialog(&mut self, purpose: DialogPurpose) {
        let folder = self.doc.path().and_then(|p| p.parent()).map(std::path::Path::to_path_buf);
        let stem = file_stem(self.doc.scenario.title());
        let mut dialog =
            match purpose {
                DialogPurpose::Open => egui_file::FileDialog::open_file()
                    .show_files_filter(Box::new(|p: &std::path::Path| p.extension().is_some_and(|e| e == "ron"))),
                DialogPurpose::SaveAs => egui_file::FileDialog::save_file().default_filename(format!("{stem}.ron")),
                DialogPurpose::ExportChart(chart, format) => egui_file::FileDialog::save_file()
                    .default_filename(format!("{stem}-{}.{}", chart.file_stem(), format.extension())),
                // A name typed here is the folder created for the report.
                DialogPurpose::ExportReport => {
                    egui_file::FileDialog::save_file().default_filename(format!("{stem}-report"))
                }
            };
        if let Some(folder) = folder {
            dialog = dialog.initial_path(folder);
        }
        dialog.open();
        self.view.file_dialog = Some((dialog, purpose));
    }
}

/// A file name from a scenario title: letters, digits and dashes.
fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() { "scenario".to_owned() } else { stem }
}
