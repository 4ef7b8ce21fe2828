//! Commands run in one place: files are read and written and modes change only here.

use egui::{Context, ViewportCommand};

use super::exports::{Inputs, Job};
use super::opening;
use super::register::RegisterView;
use super::view::DialogPurpose;
use super::{Command, Document, OutageApp};
use crate::register;
use crate::scenario::{Scenario, presets};
use std::path::PathBuf;

impl OutageApp {
    /// Runs a command: the one place where files are read and written and modes change.
    pub fn apply(&mut self, ctx: &Context, command: Command) {
        self.apply_guarded(ctx, command, true);
    }

    /// Runs a command; with `guard`, one that would replace a document with unsaved changes asks
    /// first.
    fn apply_guarded(&mut self, ctx: &Context, command: Command, guard: bool) {
        // Edits made since the frame began count (the unsaved mark, undo, what is saved).
        self.doc.sync();
        if self.register.is_some() && self.apply_to_register(ctx, &command) {
            return;
        }
        if guard && command.replaces_document() && self.is_dirty() {
            self.view.pending = Some(command);
            return;
        }
        match command {
            Command::New => self.new_document(),
            Command::OpenDialog => self.open_dialog(DialogPurpose::Open),
            Command::OpenRegisterPreset(id) => self.open_register_preset(id),
            Command::OpenEntry(name, folder) => self.read(ctx, opening::Request::Entry(name, folder)),
            Command::Open(path) => self.read(ctx, opening::Request::File(path)),
            Command::Reload => {
                // The user chose to drop the changes for the file as it is now: read it again
                // (no unsaved-changes question; the edits go once the file is in).
                if let Some(path) = self.doc.path().map(std::path::Path::to_path_buf) {
                    self.read(ctx, opening::Request::File(path));
                }
            }
            Command::OpenPreset(id) => self.open_preset(id),
            Command::Save => match self.doc.path().map(std::path::Path::to_path_buf) {
                Some(path) => self.save_to(ctx, &path, false),
                None => self.open_dialog(DialogPurpose::SaveAs),
            },
            Command::SaveAsDialog => self.open_dialog(DialogPurpose::SaveAs),
            Command::SaveAs(path) => self.save_to(ctx, &path, false),
            Command::Overwrite(path) => self.save_to(ctx, &path, true),
            Command::OpenSolve => self.view.solving = Some(super::solve::Solving::default()),
            Command::ShowTrackRecord => self.view.tab = super::ChartTab::TrackRecord,
            Command::Undo => self.doc.undo(),
            Command::Redo => self.doc.redo(),
            Command::TogglePresentation => {
                self.view.presenting = !self.view.presenting;
                // A presentation starts at its title slide.
                self.view.slide = 0;
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
            Command::ExportDeckDialog => self.open_dialog(DialogPurpose::ExportDeck),
            Command::ExportDeck(path) => self.export(ctx, Job::Deck(path)),
            Command::CopyChart(chart) => self.export(ctx, Job::CopyChart(chart)),
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
                // The register's changes go with the document it replaces.
                self.register = None;
                // The user chose to drop the changes: the command runs without asking, and if it
                // fails (a file that cannot be read) the document stays as it was, still unsaved.
                self.apply_guarded(ctx, *inner, false);
            }
            Command::DuplicateAsVariant => self.duplicate_as_variant(ctx),
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
        let current = self.worker.as_ref().and_then(|w| w.latest.as_ref()).filter(|a| *a.scenario() == scenario);
        let inputs = Inputs {
            samples: current.map(|a| a.samples.clone()),
            scenario,
            pins: (self.view.pins.pinned.clone(), self.view.pins.returns.clone()),
            size: crate::export::Size::new(self.settings.export_width, self.settings.export_height).unwrap_or_default(),
        };
        let repaint = ctx.clone();
        self.exports.start(job, inputs, move || repaint.request_repaint());
    }

    /// A new scenario from the template, unsaved.
    fn new_document(&mut self) {
        let mut scenario = presets::find("template").and_then(|p| p.load().ok()).unwrap_or_else(Scenario::blank);
        "New scenario".clone_into(&mut scenario.name);
        scenario.sources.clear();
        scenario.assumptions.clear();
        self.replace(Document::new(scenario, None));
    }

    /// Opens a shipped preset; an error leaves the document as it was.
    fn open_preset(&mut self, id: &str) {
        match presets::find(id).map(presets::Preset::load) {
            Some(Ok(scenario)) => {
                self.settings.last_file = None;
                self.replace(Document::new(scenario, None));
            }
            Some(Err(e)) => self.view.error = Some(e.to_string()),
            None => self.view.error = Some(format!("there is no preset called {id}")),
        }
    }

    /// A copy of the scenario to change freely: unsaved, no file yet, named as a variant.
    fn duplicate_as_variant(&mut self, ctx: &Context) {
        let mut scenario = self.doc.scenario.clone();
        scenario.name = format!("{} (variant)", self.doc.scenario.title());
        self.replace(Document::recovered(scenario, Scenario::blank(), None));
        self.toast(ctx, "A variant of the scenario: change it freely, then Save As");
    }

    fn replace(&mut self, doc: Document) {
        self.stop_opening();
        self.register = None;
        self.doc = doc;
        // A tolerance belongs to its scenario (and its currency): the next one starts at its median.
        self.view.tolerance = None;
        self.results = super::results::Results::of(&self.doc.scenario);
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
        let title = self.register.as_ref().map_or(self.doc.scenario.title(), |r| r.doc.register.title());
        let stem = file_stem(title);
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
                DialogPurpose::ExportDeck => {
                    egui_file::FileDialog::save_file().default_filename(format!("{stem}-slides.pdf"))
                }
            };
        if let Some(folder) = folder {
            dialog = dialog.initial_path(folder);
        }
        dialog.open();
        self.view.file_dialog = Some((dialog, purpose));
    }
}

impl OutageApp {
    /// Whether the open scenario or register has unsaved changes.
    pub(crate) fn is_dirty(&self) -> bool {
        self.doc.is_dirty() || self.register.as_ref().is_some_and(|r| r.doc.is_dirty())
    }

    /// Shows `register` (read from `path`, if any) in place of the scenario.
    fn open_register(&mut self, register: crate::register::Register, path: Option<PathBuf>) {
        self.stop_opening();
        self.register = Some(RegisterView::new(register, path));
        self.view.slide = 0;
    }

    /// Another document replaced the one a file was being read for: the file is no longer wanted.
    fn stop_opening(&mut self) {
        if let Some(opener) = &mut self.opener {
            opener.stop();
        }
        self.opening = None;
    }

    /// Has a file read off the UI thread; [`OutageApp::take_opened`] shows it once read, unless
    /// the document changed meanwhile.
    fn read(&mut self, ctx: &Context, request: opening::Request) {
        let repaint = ctx.clone();
        let opener = self.opener.get_or_insert_with(|| opening::start(move || repaint.request_repaint()));
        if opener.ask(request) {
            self.opening = Some(self.doc.version().clone());
        } else {
            self.view.error = Some("cannot read files: the reading thread is gone; restart the app".to_owned());
        }
    }

    /// Shows a file the worker has read: the scenario or register replaces the document, or the
    /// message says why it could not be opened (the document stays as it was).
    pub(super) fn take_opened(&mut self, ctx: &Context) {
        let Some(opened) = self.opener.as_ref().and_then(opening::Opener::take) else {
            if self.opening.is_some() {
                // Frames keep coming until the file is in, however the window is driven.
                ctx.request_repaint();
            }
            return;
        };
        let Some(asked_on) = self.opening.take() else { return };
        self.doc.sync();
        if *self.doc.version() != asked_on && self.is_dirty() {
            // Edits made while the file was being read are never replaced without asking.
            self.view.error = Some(
                "The file was read, but the scenario changed meanwhile: your changes are kept. Open the file again \
                 to replace them."
                    .to_owned(),
            );
            return;
        }
        match opened {
            opening::Opened::Scenario(path, scenario, stamp) => {
                self.settings.remember(&path);
                self.replace(Document::opened(*scenario, path, stamp));
            }
            opening::Opened::Register(path, r) => {
                self.settings.remember(&path);
                self.open_register(*r, Some(path));
            }
            opening::Opened::Entry(path, scenario) => self.replace(Document::new(*scenario, path)),
            opening::Opened::Failed(message) => self.view.error = Some(message),
        }
    }

    fn open_register_preset(&mut self, id: &str) {
        match register::presets::find(id).map(register::presets::RegisterPreset::parse) {
            Some(Ok(r)) => self.open_register(r, None),
            Some(Err(e)) => self.view.error = Some(e.to_string()),
            None => self.view.error = Some(format!("there is no register called {id}")),
        }
    }

    /// Undo, redo and saving act on the open register; returns whether the command was handled.
    fn apply_to_register(&mut self, ctx: &Context, command: &Command) -> bool {
        let Some(view) = &mut self.register else {
            return false;
        };
        let target = match command {
            Command::Undo => {
                view.doc.undo();
                return true;
            }
            Command::Redo => {
                view.doc.redo();
                return true;
            }
            Command::Save => view.doc.path().map(std::path::Path::to_path_buf),
            Command::SaveAs(path) => Some(path.clone()),
            Command::ExportReport(dir) => {
                let size = crate::export::Size::new(self.settings.export_width, self.settings.export_height)
                    .unwrap_or_default();
                let repaint = ctx.clone();
                if let Err(e) = view.start_report(dir.clone(), size, move || repaint.request_repaint()) {
                    self.view.error = Some(e);
                }
                return true;
            }
            _ => return false,
        };
        let Some(path) = target else {
            self.open_dialog(DialogPurpose::SaveAs);
            return true;
        };
        match view.doc.save_to(&path) {
            Ok(()) => {
                self.settings.remember(&path);
                self.toast(ctx, &format!("Saved {}", path.display()));
            }
            Err(e) => self.view.error = Some(format!("{e:#}")),
        }
        true
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
