//! What the app keeps between runs: its settings and, after a crash, the unsaved working copy.

use std::path::PathBuf;

use egui::Context;

use super::{Document, Launch, OutageApp, Settings, fonts, screenshot};
use crate::scenario::{load, presets};

const SETTINGS_KEY: &str = "settings";
const WORKING_COPY_KEY: &str = "working_copy";
const WORKING_COPY_PATH_KEY: &str = "working_copy_path";

impl OutageApp {
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
        // A register named on the command line (or open when the app last closed) opens once the
        // app runs, through the Open command.
        let register_file = launch
            .file
            .as_ref()
            .or(settings.last_file.as_ref())
            .filter(|f| crate::register::load::is_register_file(f))
            .cloned();
        let (scenario, path) = match (&launch.file, &settings.last_file) {
            _ if register_file.is_some() => (presets::default_scenario(), None),
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
        if let Some(file) = register_file {
            app.view.queued.push(super::Command::Open(file));
        }
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

    /// Keeps the settings and, while there are unsaved changes, a working copy that survives a
    /// crash (a clean exit or a saved document clears it).
    pub(super) fn persist(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_some() {
            return;
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        let keep = self.doc.is_dirty() && !self.view.close_confirmed;
        let text =
            if keep { crate::scenario::save::to_ron(&self.doc.scenario).unwrap_or_default() } else { String::new() };
        storage.set_string(WORKING_COPY_KEY, text);
        let path = self.doc.path().map(|p| p.display().to_string()).unwrap_or_default();
        storage.set_string(WORKING_COPY_PATH_KEY, path);
    }
}
