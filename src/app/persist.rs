//! What the app keeps between runs: its settings and, after a crash, the unsaved work (both kept
//! by [`crash`](super::crash) in files of their own, written atomically off the UI thread).

use std::path::Path;

use egui::Context;

use super::crash::{self, Keeper, Offer};
use super::{Document, Launch, OutageApp, Settings, fonts, screenshot};
use crate::scenario::{load, presets};

/// Where settings lived before they had a file of their own (read once, never written).
const SETTINGS_KEY: &str = "settings";
/// Where older versions kept the crash copy (moved to a file of its own at start, then cleared).
pub(super) const LEGACY_COPY_KEY: &str = "working_copy";
const LEGACY_COPY_PATH_KEY: &str = "working_copy_path";

impl OutageApp {
    /// The app as it starts: settings and any crash copy a previous session left in
    /// `launch.data_dir` are restored; `launch` says what to open. Launched with a file, a copy of
    /// that file's unsaved work is offered (Restore / Discard) and kept until the user chooses;
    /// launched without one, the newest copy is restored at once.
    #[must_use]
    pub fn restore(ctx: &Context, storage: Option<&dyn eframe::Storage>, mut launch: Launch) -> Self {
        let data_dir = launch.data_dir.clone();
        // A shipped preset's id, as the command line takes it, when no file has that name.
        let preset = launch.file.as_ref().filter(|f| !f.exists()).and_then(|f| f.to_str()).and_then(|id| {
            presets::find(id)
                .map(|p| super::Command::OpenPreset(p.id))
                .or_else(|| crate::register::presets::find(id).map(|p| super::Command::OpenRegisterPreset(p.id)))
        });
        if preset.is_some() {
            launch.file = None;
        }
        let mut settings: Settings = data_dir
            .as_deref()
            .and_then(crash::read_settings)
            .or_else(|| storage.and_then(|s| eframe::get_value(s, SETTINGS_KEY)))
            .unwrap_or_default();
        if let (Some(dir), Some(storage)) = (data_dir.as_deref(), storage)
            && let Some(text) = storage.get_string(LEGACY_COPY_KEY).filter(|t| !t.trim().is_empty())
        {
            let path = storage.get_string(LEGACY_COPY_PATH_KEY).filter(|p| !p.is_empty());
            crash::import_legacy(dir, &text, path.as_deref().map(Path::new));
        }
        let offers = data_dir.as_deref().map(crash::offers).unwrap_or_default();
        let mut error = None;
        // A register named on the command line (or open when the app last closed) opens once the
        // app runs, through the Open command.
        let register_file = launch
            .file
            .as_ref()
            .or(settings.last_file.as_ref())
            .filter(|f| crate::register::load::is_register_file(f))
            .cloned();
        let mut app = match (&launch.file, &settings.last_file) {
            _ if register_file.is_some() => Self::new(presets::default_scenario(), None),
            (Some(file), _) => match load::load_file_stamped(file) {
                Ok((s, stamp)) => Self::with_document(Document::opened(s, file.clone(), stamp)),
                Err(e) => {
                    error = Some(format!("{e:#}"));
                    Self::new(presets::default_scenario(), None)
                }
            },
            (None, Some(last)) => match load::load_file_stamped(last) {
                Ok((s, stamp)) => Self::with_document(Document::opened(s, last.clone(), stamp)),
                Err(_) => Self::new(presets::default_scenario(), None),
            },
            (None, None) => Self::new(presets::default_scenario(), None),
        };
        let repaint = ctx.clone();
        app.view.pins.restore(&settings.pins, move || repaint.request_repaint());
        if let Some(dark) = launch.dark {
            settings.dark_mode = dark;
        }
        app.settings = settings;
        if let Some(file) = register_file.filter(|_| preset.is_none()) {
            app.view.queued.push(super::Command::Open(file));
        }
        app.view.queued.extend(preset);
        app.view.error = error;
        app.keeper = data_dir.as_deref().and_then(|d| Keeper::start(d).ok());
        if let Some(file) = &launch.file {
            let offer = offers.into_iter().find(|o| o.path.as_deref().is_some_and(|p| same_file(p, file)));
            if let Some(offer) = offer {
                if offer.scenario == app.doc.scenario {
                    // Nothing in it that the file does not hold.
                    if let Some(keeper) = &app.keeper {
                        keeper.discard(&offer);
                    }
                } else {
                    app.view.recovered = Some(offer);
                }
            }
        } else {
            let last = app.doc.path().map(Path::to_path_buf);
            let belongs = |o: &Offer| match (o.path.as_deref(), last.as_deref()) {
                (Some(a), Some(b)) => same_file(a, b),
                (a, b) => a == b,
            };
            let newest = offers.iter().position(belongs).unwrap_or(0);
            if let Some(offer) = offers.into_iter().nth(newest) {
                app.restore_offer(offer);
                app.toast(ctx, "Restored the unsaved changes from your last session.");
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

    /// Opens an offered crash copy as the document (unsaved), making it this window's copy.
    pub(super) fn restore_offer(&mut self, offer: Offer) {
        let path = offer.path.clone().or_else(|| self.doc.path().map(Path::to_path_buf));
        // The open document is the file's content when the copy belongs to it (no read needed).
        let open_is_the_file = match (self.doc.path(), path.as_deref()) {
            (Some(open), Some(p)) => same_file(open, p),
            _ => path.is_none(),
        };
        let saved = if open_is_the_file {
            self.doc.scenario.clone()
        } else {
            path.as_deref().and_then(|p| load::load_file(p).ok()).unwrap_or_else(|| self.doc.scenario.clone())
        };
        if let Some(keeper) = &self.keeper {
            keeper.adopt(&offer);
        }
        self.doc = Document::recovered(offer.scenario, saved, path);
        self.view.recovered = None;
    }

    /// Drops an offered crash copy: its file is removed.
    pub(super) fn discard_offer(&mut self, offer: &Offer) {
        if let Some(keeper) = &self.keeper {
            keeper.discard(offer);
        }
        self.view.recovered = None;
    }

    /// Hands the document and settings to the keeper (which writes them a moment later on its own
    /// thread); called every frame and at exit.
    pub(super) fn persist(&mut self) {
        if self.screenshot.is_some() {
            return;
        }
        // The pins are kept with the settings once they have finished computing.
        let pins = &self.view.pins;
        let same = pins.pinned.len() == self.settings.pins.len()
            && pins.pinned.iter().zip(&self.settings.pins).all(|(p, k)| p.label == k.label);
        if !same && pins.computing == 0 {
            self.settings.pins = pins.kept();
        }
        if let Some(keeper) = &mut self.keeper {
            keeper.track(&self.doc, &self.settings);
        }
    }

    /// Writes whatever is pending and stops the keeper (at exit, and for tests that "crash").
    pub fn flush_persistence(&mut self) {
        self.doc.sync();
        self.persist();
        if let Some(keeper) = &mut self.keeper {
            keeper.finish();
        }
    }
}

/// Whether two paths name the same file (through links and relative parts).
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
