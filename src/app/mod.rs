//! The desktop app (DESIGN §4): egui/eframe over the same model the command line uses.
//!
//! Three kinds of state, three types: the document ([`Document`], the scenario and its undo
//! history), settings kept across restarts ([`Settings`], eframe storage) and the transient state
//! of the views ([`settings::View`]). Panels draw from the cached [`results::Results`] and return
//! [`Command`]s for anything with a side effect; [`OutageApp::apply`] runs them in one place.

mod cards;
mod charts;
mod command;
mod dialogs;
mod document;
mod explain;
mod fonts;
mod inputs;
mod menu;
mod montecarlo;
mod pins;
mod present;
mod results;
mod screenshot;
mod settings;
mod status;
mod widgets;

use std::path::PathBuf;
use std::time::Duration;

use egui::{Context, Key, KeyboardShortcut, Modifiers, ViewportCommand};

pub use command::Command;
pub use document::Document;
pub use fonts::install as install_fonts;
pub use settings::{ChartTab, Settings};

use crate::scenario::{Scenario, load, presets};
use settings::{DialogPurpose, Toast, View};

const SETTINGS_KEY: &str = "settings";
const WORKING_COPY_KEY: &str = "working_copy";
const WORKING_COPY_PATH_KEY: &str = "working_copy_path";

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// A scenario file to open.
    pub file: Option<PathBuf>,
    /// Save a screenshot of the first frames here, then quit.
    pub screenshot: Option<PathBuf>,
    /// Start in presentation mode on this slide (1-based).
    pub present: Option<usize>,
}

/// Opens the window.
pub fn run(launch: Launch) -> anyhow::Result<()> {
    let shooting = launch.screenshot.is_some();
    let size = if shooting { [1600.0, 1000.0] } else { [1400.0, 880.0] };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(size)
            .with_min_inner_size([900.0, 600.0])
            .with_title("Outage cost"),
        persist_window: !shooting,
        // A screenshot starts from a clean slate: no panel sizes or settings from earlier runs.
        persistence_path: shooting
            .then(|| std::env::temp_dir().join(format!("outage-cost-shot-{}", std::process::id()))),
        ..Default::default()
    };
    eframe::run_native("outage-cost", options, Box::new(move |cc| Ok(Box::new(OutageApp::start(cc, launch)))))
        .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// The app.
pub struct OutageApp {
    doc: Document,
    results: results::Results,
    settings: Settings,
    view: View,
    worker: Option<montecarlo::Worker>,
    screenshot: Option<screenshot::Shot>,
}

impl OutageApp {
    /// An app showing `scenario` (read from `path`, if any) with default settings.
    #[must_use]
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        let results = results::Results::of(&scenario);
        Self {
            doc: Document::new(scenario, path),
            results,
            settings: Settings::default(),
            view: View::default(),
            worker: None,
            screenshot: None,
        }
    }

    fn start(cc: &eframe::CreationContext<'_>, launch: Launch) -> Self {
        let storage = if launch.screenshot.is_some() { None } else { cc.storage };
        Self::restore(&cc.egui_ctx, storage, launch)
    }

    /// The app as it starts: settings and any working copy a previous session left in `storage`
    /// (after a crash) are restored; `launch` says what to open.
    #[must_use]
    pub fn restore(ctx: &Context, storage: Option<&dyn eframe::Storage>, launch: Launch) -> Self {
        let settings: Settings = storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY)).unwrap_or_default();
        let working_copy = storage.and_then(|s| {
            let text = s.get_string(WORKING_COPY_KEY)?;
            let path = s.get_string(WORKING_COPY_PATH_KEY).filter(|p| !p.is_empty()).map(PathBuf::from);
            load::parse(&text, "working copy").ok().map(|scenario| (scenario, path))
        });
        let mut error = None;
        let (scenario, path) = match (&launch.file, &settings.last_file) {
            (Some(file), _) => match load::load_file(file) {
                Ok(s) => (s, Some(file.clone())),
                Err(e) => {
                    error = Some(format!("{e:#}"));
                    (presets::default_scenario(), None)
                }
            },
            (None, Some(last)) => {
                load::load_file(last).map_or_else(|_| (presets::default_scenario(), None), |s| (s, Some(last.clone())))
            }
            (None, None) => (presets::default_scenario(), None),
        };
        let mut app = Self::new(scenario, path);
        app.settings = settings;
        app.view.error = error;
        if let Some((scenario, path)) = working_copy {
            if launch.file.is_none() {
                let saved =
                    path.as_deref().and_then(|p| load::load_file(p).ok()).unwrap_or_else(|| app.doc.scenario.clone());
                if scenario != saved {
                    app.doc = Document::recovered(scenario, saved, path);
                    app.toast(ctx, "Restored the unsaved changes from your last session.");
                }
            } else if scenario != app.doc.scenario {
                app.view.recovered = Some(scenario);
            }
        }
        if let Some(slide) = launch.present {
            app.view.presenting = true;
            app.view.slide = slide.saturating_sub(1);
        }
        app.screenshot = launch.screenshot.map(screenshot::Shot::new);
        fonts::install(ctx);
        app.apply_theme(ctx);
        app
    }

    /// The open document.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The open scenario.
    #[must_use]
    pub fn scenario(&self) -> &Scenario {
        &self.doc.scenario
    }

    /// Whether presentation mode is on.
    #[must_use]
    pub fn is_presenting(&self) -> bool {
        self.view.presenting
    }

    /// The chart tab shown.
    #[must_use]
    pub fn tab(&self) -> ChartTab {
        self.view.tab
    }

    /// Shows another chart tab.
    pub fn set_tab(&mut self, tab: ChartTab) {
        self.view.tab = tab;
    }

    /// Enters presentation mode on `slide` (0-based; clamped to the deck), without going full
    /// screen: for benchmarks and automation.
    pub fn present_slide(&mut self, slide: usize) {
        self.view.presenting = true;
        self.view.slide = slide.min(self.slide_count().saturating_sub(1));
    }

    /// How many slides the deck has now.
    #[must_use]
    pub fn slide_count(&self) -> usize {
        present::slides(self.view.pins.pinned.len()).len()
    }

    /// How many scenarios are pinned for comparison (finished computing).
    #[must_use]
    pub fn pinned_count(&self) -> usize {
        self.view.pins.pinned.len()
    }

    /// The open scenario, for editing from outside the panels (benchmarks, automation).
    pub fn scenario_mut(&mut self) -> &mut Scenario {
        &mut self.doc.scenario
    }

    /// The error dialog's message, if one is open.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.view.error.as_deref()
    }

    /// One frame: the per-frame logic, then the drawing.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.logic(&ctx);
        self.draw(ui);
    }

    /// What runs once per frame before anything is drawn: finished background work is taken in
    /// (Monte Carlo, pins), the results follow the scenario, edits settle into undo steps, the
    /// title follows the document, and closing with unsaved changes asks first. Panels then only
    /// read finished results.
    pub fn logic(&mut self, ctx: &Context) {
        self.results.refresh(&self.doc.scenario);
        let repaint = ctx.clone();
        self.worker
            .get_or_insert_with(|| montecarlo::Worker::start(move || repaint.request_repaint()))
            .update(&self.doc.scenario);
        self.sync_spread();
        let repaint = ctx.clone();
        self.view.pins.update(move || repaint.request_repaint());
        self.doc.feed_undo(ctx.input(|i| i.time));
        let title = self.doc.window_title();
        if title != self.view.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.view.title = title;
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.view.close_confirmed {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.view.pending = Some(Command::Quit);
        }
    }

    /// Draws the whole app: one call per panel, then the commands they returned.
    fn draw(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.screenshot.is_some() {
            // A screenshot shows the app at rest, without hover tooltips where the pointer happens to be.
            ctx.input_mut(|i| i.pointer = egui::PointerState::default());
        }
        let mut commands = shortcuts(&ctx, self.view.presenting);
        commands.extend(dropped_files(&ctx));
        if self.view.presenting {
            let count = present::slides(self.view.pins.pinned.len()).len();
            self.view.slide = present_keys(&ctx, self.view.slide, count);
            present::ui(ui, &mut self.doc.scenario, &mut self.results, self.view.slide, &self.view.pins);
        } else {
            commands.extend(menu::ui(ui, &self.doc, &mut self.settings));
            status::ui(ui, &self.doc, &self.results, self.worker.as_ref());
            inputs::panel_ui(ui, &mut self.doc.scenario);
            // An edit made in this frame shows in this frame's charts.
            self.results.refresh(&self.doc.scenario);
            egui::CentralPanel::default().show(ui, |ui| self.main_ui(ui));
        }
        commands.extend(dialogs::ui(&ctx, &mut self.view, self.doc.scenario.title()));
        commands.append(&mut self.view.queued);
        for command in commands {
            self.apply(&ctx, command);
        }
        if let Some(shot) = &mut self.screenshot {
            shot.after_frame(&ctx);
        }
    }

    fn main_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(recovered) = self.view.recovered.clone() {
            ui.horizontal(|ui| {
                ui.label(format!("Unsaved changes to “{}” from your last session were kept.", recovered.title()));
                if ui.button("Restore them").clicked() {
                    self.doc = Document::recovered(recovered, self.doc.scenario.clone(), None);
                    self.view.recovered = None;
                }
                if ui.button("Discard").clicked() {
                    self.view.recovered = None;
                }
            });
            ui.separator();
        }
        ui.heading(egui::RichText::new(self.doc.scenario.title()).strong());
        ui.add_space(4.0);
        let analysis = self.worker.as_ref().and_then(|w| w.analysis(&self.doc.scenario));
        cards::ui(ui, &self.doc.scenario, &self.results, analysis);
        ui.add_space(6.0);
        charts::tabs_ui(ui, &mut self.view);
        ui.separator();
        charts::chart_ui(ui, &self.doc.scenario, &self.results, analysis, &mut self.view);
    }

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
            Command::Open(path) => match load::load_file(&path) {
                Ok(scenario) => {
                    self.settings.remember(&path);
                    self.replace(Document::new(scenario, Some(path)));
                }
                Err(e) => self.view.error = Some(format!("{e:#}")),
            },
            Command::OpenPreset(id) => match presets::find(id).map(presets::Preset::load) {
                Some(Ok(scenario)) => {
                    self.settings.last_file = None;
                    self.replace(Document::new(scenario, None));
                }
                Some(Err(e)) => self.view.error = Some(e.to_string()),
                None => self.view.error = Some(format!("there is no preset called {id}")),
            },
            Command::Save => match self.doc.path().map(std::path::Path::to_path_buf) {
                Some(path) => self.save_to(ctx, &path),
                None => self.open_dialog(DialogPurpose::SaveAs),
            },
            Command::SaveAsDialog => self.open_dialog(DialogPurpose::SaveAs),
            Command::SaveAs(path) => self.save_to(ctx, &path),
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
            Command::ExportChart(chart, format, path) => {
                let data = self.report_data();
                match crate::export::write_chart(&data, chart, format, self.export_size(), &path) {
                    Ok(()) => self.toast(ctx, &format!("Saved {}", path.display())),
                    Err(e) => self.view.error = Some(format!("{e:#}")),
                }
            }
            Command::ExportReportDialog => self.open_dialog(DialogPurpose::ExportReport),
            Command::ExportReport(dir) => {
                let data = self.report_data();
                match crate::export::write_report(&data, &dir, self.export_size()) {
                    Ok(files) => self.toast(ctx, &format!("Saved {} files to {}", files.len(), dir.display())),
                    Err(e) => self.view.error = Some(format!("{e:#}")),
                }
            }
            Command::CopySummary => {
                ctx.copy_text(crate::export::summary_text(&self.report_data()));
                self.toast(ctx, "Copied the headline figures to the clipboard");
            }
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
                self.doc = Document::new(self.doc.scenario.clone(), self.doc.path().map(std::path::Path::to_path_buf));
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

    /// Shows the latest Monte Carlo summaries with the figures (none when the scenario has no
    /// ranges), so every panel reads one value per figure.
    fn sync_spread(&mut self) {
        let analysis = self.worker.as_ref().and_then(|w| w.analysis(&self.doc.scenario));
        self.results.summaries = analysis.map(|a| a.summaries);
        let band = analysis.map(|a| &a.band);
        if self.results.band.as_ref() != band {
            self.results.band = band.cloned();
        }
    }

    /// The figures to export: the Monte Carlo samples on screen when they are current.
    fn report_data(&self) -> crate::export::ReportData {
        let scenario = &self.doc.scenario;
        let current = self.worker.as_ref().and_then(|w| w.latest.as_ref()).filter(|a| a.scenario == *scenario);
        let data = match current {
            Some(analysis) => crate::export::ReportData::with_samples(scenario, Some(analysis.samples.clone())),
            None => crate::export::ReportData::new(scenario, None, None),
        };
        data.with_comparison(self.view.pins.pinned.clone())
    }

    fn export_size(&self) -> crate::export::Size {
        crate::export::Size::new(self.settings.export_width, self.settings.export_height).unwrap_or_default()
    }

    fn replace(&mut self, doc: Document) {
        self.doc = doc;
        self.results.refresh(&self.doc.scenario);
    }

    fn save_to(&mut self, ctx: &Context, path: &std::path::Path) {
        match self.doc.save_to(path) {
            Ok(()) => {
                self.settings.remember(path);
                self.toast(ctx, &format!("Saved {}", path.display()));
            }
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
                DialogPurpose::ExportReport => egui_file::FileDialog::select_folder(),
            };
        if let Some(folder) = folder {
            dialog = dialog.initial_path(folder);
        }
        dialog.open();
        self.view.file_dialog = Some((dialog, purpose));
    }

    fn toast(&mut self, ctx: &Context, text: &str) {
        let until = ctx.input(|i| i.time) + 4.0;
        self.view.toast = Some(Toast { text: text.to_owned(), until });
    }

    fn apply_theme(&self, ctx: &Context) {
        ctx.set_theme(if self.settings.dark_mode { egui::Theme::Dark } else { egui::Theme::Light });
    }
}

impl eframe::App for OutageApp {
    fn logic(&mut self, ctx: &Context, _frame: &mut eframe::Frame) {
        OutageApp::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_some() {
            return;
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        // The working copy survives a crash; a clean exit or a saved document clears it.
        let keep = self.doc.is_dirty() && !self.view.close_confirmed;
        let text =
            if keep { crate::scenario::save::to_ron(&self.doc.scenario).unwrap_or_default() } else { String::new() };
        storage.set_string(WORKING_COPY_KEY, text);
        let path = self.doc.path().map(|p| p.display().to_string()).unwrap_or_default();
        storage.set_string(WORKING_COPY_PATH_KEY, path);
    }

    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(5)
    }
}

/// Keyboard shortcuts that work everywhere.
fn shortcuts(ctx: &Context, presenting: bool) -> Vec<Command> {
    let cmd = Modifiers::COMMAND;
    let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    let table = [
        (KeyboardShortcut::new(cmd_shift, Key::Z), Command::Redo),
        (KeyboardShortcut::new(cmd, Key::Y), Command::Redo),
        (KeyboardShortcut::new(cmd, Key::Z), Command::Undo),
        (KeyboardShortcut::new(cmd_shift, Key::S), Command::SaveAsDialog),
        (KeyboardShortcut::new(cmd, Key::S), Command::Save),
        (KeyboardShortcut::new(cmd, Key::O), Command::OpenDialog),
        (KeyboardShortcut::new(cmd, Key::N), Command::New),
        (KeyboardShortcut::new(Modifiers::NONE, Key::F5), Command::TogglePresentation),
    ];
    let mut commands: Vec<Command> = ctx.input_mut(|i| {
        table.into_iter().filter(|(shortcut, _)| i.consume_shortcut(shortcut)).map(|(_, c)| c).collect()
    });
    if presenting && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        commands.push(Command::TogglePresentation);
    }
    commands
}

/// ←/→ between `count` slides.
fn present_keys(ctx: &Context, slide: usize, count: usize) -> usize {
    ctx.input_mut(|i| {
        if i.consume_key(Modifiers::NONE, Key::ArrowRight) {
            (slide + 1).min(count.saturating_sub(1))
        } else if i.consume_key(Modifiers::NONE, Key::ArrowLeft) {
            slide.saturating_sub(1)
        } else {
            slide
        }
    })
}

/// Scenario files dropped on the window.
fn dropped_files(ctx: &Context) -> Vec<Command> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .map(Command::Open)
            .collect()
    })
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
