//! The desktop app (DESIGN §4): egui/eframe over the same model the command line uses.
//!
//! Three kinds of state, three types: the document ([`Document`], the scenario and its undo
//! history), settings kept across restarts ([`Settings`], in their own file) and the transient state
//! of the views ([`view::View`]). Panels draw from the cached [`results::Results`] and return
//! [`Command`]s for anything with a side effect; [`OutageApp::apply`] runs them in one place.

mod apply;
mod background;
mod cards;
mod charts;
mod colors;
mod command;
mod crash;
mod dialogs;
mod document;
mod explain;
mod exports;
mod fonts;
mod inputs;
mod menu;
mod montecarlo;
mod opening;
mod persist;
mod pins;
mod present;
mod register;
mod results;
mod screenshot;
mod settings;
mod solve;
mod status;
mod track;
mod view;
mod widgets;

use std::path::PathBuf;
use std::time::Duration;

use egui::{Context, Key, KeyboardShortcut, Modifiers, ViewportCommand};

pub use command::Command;
pub use document::Document;
pub use fonts::install as install_fonts;
pub use register::RegisterView;
pub use settings::{ChartTab, Settings};

use crate::scenario::Scenario;
use view::{Toast, View};

/// How the app starts.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// A scenario file to open.
    pub file: Option<PathBuf>,
    /// Save a screenshot of the first frames here, then quit.
    pub screenshot: Option<PathBuf>,
    /// Start in presentation mode on this slide (1-based).
    pub present: Option<usize>,
    /// Start in the dark (`true`) or light theme, and keep it.
    pub dark: Option<bool>,
    /// Where settings and crash copies are kept (`None`: nowhere; the window uses eframe's data
    /// folder for the app).
    pub data_dir: Option<PathBuf>,
}

/// Opens the window.
pub fn run(mut launch: Launch) -> anyhow::Result<()> {
    let shooting = launch.screenshot.is_some();
    if shooting {
        // A screenshot starts from a clean slate and leaves nothing behind.
        launch.data_dir = None;
    } else if launch.data_dir.is_none() {
        launch.data_dir = eframe::storage_dir("outage-cost");
    }
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
    if let Some(out) = &launch.screenshot {
        screenshot::check_output(out)?;
    }
    eframe::run_native("outage-cost", options, Box::new(move |cc| Ok(Box::new(OutageApp::start(cc, launch)))))
        .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    if shooting && !screenshot::saved() {
        anyhow::bail!("the screenshot was not saved (see the message above)");
    }
    Ok(())
}

/// The app.
pub struct OutageApp {
    doc: Document,
    results: results::Results,
    settings: Settings,
    view: View,
    worker: Option<montecarlo::Worker>,
    exports: exports::Exports,
    screenshot: Option<screenshot::Shot>,
    /// Keeps the crash copy and the settings on disk (none in tests that do not ask for it).
    keeper: Option<crash::Keeper>,
    register: Option<register::RegisterView>,
    /// Reads the files the user opens.
    opener: Option<opening::Opener>,
    /// While a file the user opened is being read: the document's version when it was asked for.
    opening: Option<document::Version>,
}

impl OutageApp {
    /// An app showing `scenario` (read from `path`, if any) with default settings.
    #[must_use]
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        Self::with_document(Document::new(scenario, path))
    }

    /// An app showing `doc` with default settings.
    #[must_use]
    pub fn with_document(doc: Document) -> Self {
        let results = results::Results::of(&doc.scenario);
        Self {
            doc,
            results,
            settings: Settings::default(),
            view: View::default(),
            worker: None,
            exports: exports::Exports::default(),
            screenshot: None,
            keeper: None,
            register: None,
            opener: None,
            opening: None,
        }
    }

    fn start(cc: &eframe::CreationContext<'_>, launch: Launch) -> Self {
        let storage = if launch.screenshot.is_some() { None } else { cc.storage };
        Self::restore(&cc.egui_ctx, storage, launch)
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

    /// The results the panels show now (of the scenario as it was at the last recomputation).
    #[must_use]
    pub fn shown_results(&self) -> &crate::results::ScenarioResults {
        &self.results
    }

    /// Whether a file the user opened is still being read (off the UI thread).
    #[must_use]
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Whether newer results of a large scenario are being computed off the UI thread.
    #[must_use]
    pub fn results_pending(&self) -> bool {
        self.results.is_pending()
    }

    /// The open register's view, when a register is open (it shows in place of the scenario).
    #[must_use]
    pub fn register_view(&self) -> Option<&register::RegisterView> {
        self.register.as_ref()
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

    /// The tolerance line on the exceedance curve, once the Uncertainty tab has set it.
    #[must_use]
    pub fn tolerance(&self) -> Option<f64> {
        self.view.tolerance
    }

    /// The slide shown in presentation mode (0-based).
    #[must_use]
    pub fn slide(&self) -> usize {
        self.view.slide
    }

    /// How many slides the deck has now.
    #[must_use]
    pub fn slide_count(&self) -> usize {
        if let Some(r) = &self.register {
            return r.slide_count();
        }
        present::slides(&self.results, &self.view).len()
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
    /// (Monte Carlo, pins, exports), the results follow the scenario, edits settle into undo steps, the
    /// title follows the document, and closing with unsaved changes asks first. Panels then only
    /// read finished results.
    pub fn logic(&mut self, ctx: &Context) {
        self.take_opened(ctx);
        self.doc.sync();
        self.results.refresh(self.doc.version(), ctx);
        self.fit_zoom(ctx);
        let repaint = ctx.clone();
        self.worker
            .get_or_insert_with(|| montecarlo::Worker::start(move || repaint.request_repaint()))
            .update(self.doc.version());
        self.sync_spread();
        let repaint = ctx.clone();
        self.view.pins.update(move || repaint.request_repaint());
        let repaint = ctx.clone();
        let want_records = self.view.tab == ChartTab::TrackRecord;
        self.view
            .track
            .update(self.doc.version(), self.view.tolerance, want_records, move || repaint.request_repaint());
        for done in self.exports.finished() {
            match done {
                exports::Done::Saved(message) => self.toast(ctx, &message),
                exports::Done::Copied(text) => {
                    ctx.copy_text(text);
                    self.toast(ctx, "Copied the headline figures to the clipboard");
                }
                exports::Done::Image(chart, size, pixels) => {
                    ctx.copy_image(egui::ColorImage::from_rgb(size, &pixels));
                    self.toast(ctx, &format!("Copied the {} chart to the clipboard", chart.name().to_lowercase()));
                }
                exports::Done::Failed(message) => self.view.error = Some(message),
            }
        }
        // A drag is one undo step however long it pauses: the state is fed only once the pointer
        // is released.
        if !ctx.input(|i| i.pointer.any_down()) {
            self.doc.feed_undo(ctx.input(|i| i.time));
        }
        if let Some(r) = &mut self.register {
            r.logic(ctx);
            match r.finished_report() {
                Some(Ok(files)) => self.toast(ctx, &format!("Wrote the register's report ({files} files)")),
                Some(Err(e)) => self.view.error = Some(e),
                None => {}
            }
        }
        // The crash copy follows the document as it changes, written off this thread.
        self.persist();
        let title = self.register.as_ref().map_or_else(|| self.doc.window_title(), |r| r.doc.window_title());
        if title != self.view.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.view.title = title;
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() && !self.view.close_confirmed {
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
        if let Some(r) = self.register.as_mut().filter(|_| self.view.presenting) {
            self.view.slide = present_keys(&ctx, self.view.slide, r.slide_count());
            r.present_ui(ui, self.view.slide);
        } else if let Some(r) = &mut self.register {
            let (can_undo, can_redo) = (r.doc.can_undo(), r.doc.can_redo());
            commands.extend(menu::ui(ui, (can_undo, can_redo), &mut self.settings));
            egui::CentralPanel::default().show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| commands.extend(r.ui(ui)));
            });
        } else if self.view.presenting {
            let count = present::slides(&self.results, &self.view).len();
            self.view.slide = present_keys(&ctx, self.view.slide, count);
            if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::N)) {
                self.view.notes = !self.view.notes;
            }
            let analysis = self.worker.as_ref().and_then(|w| w.analysis());
            present::ui(ui, &mut self.doc, &mut self.results, analysis, &mut self.view);
        } else {
            commands.extend(menu::ui(ui, (self.doc.can_undo(), self.doc.can_redo()), &mut self.settings));
            status::ui(ui, &self.doc, &self.results, self.worker.as_ref(), self.exports.running);
            if self.settings.inputs_panel {
                inputs::panel_ui(ui, &mut self.doc.scenario);
            }
            // An edit made in this frame shows in this frame's charts.
            self.doc.sync();
            self.results.refresh(self.doc.version(), &ctx);
            egui::CentralPanel::default().show(ui, |ui| self.main_ui(ui));
        }
        let title = self.register.as_ref().map_or(self.doc.scenario.title(), |r| r.doc.register.title()).to_owned();
        commands.extend(dialogs::ui(&ctx, &mut self.view, &title));
        solve::window_ui(&ctx, &mut self.view.solving, &mut self.doc.scenario);
        commands.append(&mut self.view.queued);
        for command in commands {
            self.apply(&ctx, command);
        }
        if let Some(shot) = &mut self.screenshot {
            shot.after_frame(&ctx);
        }
    }

    fn main_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(offer) = self.view.recovered.clone() {
            ui.horizontal(|ui| {
                ui.label(format!("Unsaved changes to “{}” from your last session were kept.", offer.scenario.title()));
                if ui.button("Restore them").clicked() {
                    self.restore_offer(offer.clone());
                }
                if ui.button("Discard").clicked() {
                    self.discard_offer(&offer);
                }
            });
            ui.separator();
        }
        ui.heading(egui::RichText::new(crate::format::clipped(self.doc.scenario.title(), 120)).strong());
        ui.add_space(4.0);
        let analysis = self.worker.as_ref().and_then(|w| w.analysis());
        cards::ui(ui, &self.doc.scenario, &self.results, analysis, self.view.track.crossings());
        ui.add_space(6.0);
        charts::tabs_ui(ui, &mut self.view);
        ui.separator();
        charts::chart_ui(ui, &self.doc.scenario, &self.results, analysis, &mut self.view);
    }

    /// Shows the latest Monte Carlo summaries with the figures (none when the scenario has no
    /// ranges), so every panel reads one value per figure.
    fn sync_spread(&mut self) {
        let analysis = self.worker.as_ref().and_then(|w| w.analysis());
        let spread = analysis.map(|a| &a.results);
        self.results.summaries = spread.and_then(|r| r.summaries);
        let band = spread.and_then(|r| r.band.as_ref());
        if self.results.band.as_ref() != band {
            self.results.band = band.cloned();
        }
    }

    /// On a large screen (a 2560-pixel monitor, a projector at 4K) the type grows with it, once at
    /// start and only while the zoom is still the default: a zoom the user chose is kept.
    fn fit_zoom(&mut self, ctx: &Context) {
        if self.view.fitted_zoom.is_some() {
            return;
        }
        let Some(monitor) = ctx.input(|i| i.viewport().monitor_size) else { return };
        let zoom = if (ctx.zoom_factor() - 1.0).abs() < f32::EPSILON { zoom_for(monitor.x) } else { ctx.zoom_factor() };
        ctx.set_zoom_factor(zoom);
        self.view.fitted_zoom = Some(zoom);
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
        // Settings and the crash copy have files of their own (`crash`); eframe's storage keeps
        // only the window's own layout (an older version's copy was moved out at start). The
        // keeper writes what is pending when the app is dropped.
        if self.keeper.is_some() {
            storage.remove_string(persist::LEGACY_COPY_KEY);
        }
        self.doc.sync();
        self.persist();
    }

    fn auto_save_interval(&self) -> Duration {
        Duration::from_secs(30)
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

/// The zoom that keeps type readable on a screen `width` points wide: 1 up to 1920, then growing
/// with the width (1.25 at 2560, 1.5 at 3200 and more).
#[must_use]
pub fn zoom_for(width: f32) -> f32 {
    (width / 2048.0).clamp(1.0, 1.5)
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
