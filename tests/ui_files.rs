//! The app and the user's files (DESIGN §11), driven with egui_kittest: a file changed on disk is
//! not overwritten without asking, and a report folder is created as named and replaced only
//! after a warning.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use outage_cost::app::{Command, OutageApp};
use outage_cost::scenario::{Estimate, presets};

fn harness(app: OutageApp) -> Harness<'static, OutageApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(outage_cost::app::install_fonts)
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut OutageApp| app.ui(ui), app);
    harness.run();
    harness
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("outage-cost-ui-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn apply(harness: &mut Harness<'_, OutageApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    // Steps, not `run`: an export's spinner keeps repainting.
    harness.run_steps(4);
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let dir = temp_dir("conflict");
    let path = dir.join("s.ron");
    std::fs::write(&path, "(version: 1, name: \"Mine\", outage: (duration_hours: 4))").unwrap();
    let mut harness = harness(OutageApp::new(presets::default_scenario(), None));
    apply(&mut harness, Command::Open(path.clone()));
    assert_eq!(harness.state().scenario().name, "Mine");
    harness.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(7.0)).unwrap();
    // Another window saves the same file meanwhile.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, "(version: 1, name: \"Theirs\", outage: (duration_hours: 2))").unwrap();
    apply(&mut harness, Command::Save);
    harness.get_by_label("The file changed on disk");
    assert!(std::fs::read_to_string(&path).unwrap().contains("Theirs"), "their save is kept");
    assert!(harness.state().document().is_dirty());
    harness.get_by_label("Overwrite").click();
    harness.run();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Mine") && text.contains("duration_hours: 7"), "{text}");
    assert!(!harness.state().document().is_dirty());
    // Saving again now is quiet: the file is what this window wrote.
    harness.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(8.0)).unwrap();
    apply(&mut harness, Command::Save);
    assert!(harness.query_by_label("The file changed on disk").is_none());
    assert!(std::fs::read_to_string(&path).unwrap().contains("duration_hours: 8"));
    // Or the user reloads what is on disk.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, "(version: 1, name: \"Theirs again\", outage: (duration_hours: 2))").unwrap();
    harness.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(9.0)).unwrap();
    apply(&mut harness, Command::Save);
    harness.get_by_label("Reload from disk (drop my changes)").click();
    harness.run();
    assert_eq!(harness.state().scenario().name, "Theirs again");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs frames until `done` holds (an export runs on its own thread), for up to 30 s.
fn wait_until(harness: &mut Harness<'_, OutageApp>, done: impl Fn() -> bool) -> bool {
    for _ in 0..600 {
        harness.step();
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

#[test]
fn a_report_folder_is_created_as_named_and_replaced_only_after_a_warning() {
    let dir = temp_dir("report");
    let named = dir.join("kakao-report");
    let mut harness = harness(OutageApp::new(presets::default_scenario(), None));
    apply(&mut harness, Command::ExportReport(named.clone()));
    assert!(wait_until(&mut harness, || named.join("report.html").is_file()), "the folder typed is created");
    let first = std::fs::metadata(named.join("report.html")).unwrap().modified().unwrap();
    apply(&mut harness, Command::ExportReport(named.clone()));
    harness.get_by_label("Replace the report?");
    harness.get_by_label("Cancel").click();
    harness.run_steps(4);
    assert_eq!(std::fs::metadata(named.join("report.html")).unwrap().modified().unwrap(), first);
    apply(&mut harness, Command::ExportReport(named.clone()));
    harness.get_by_label("Replace").click();
    assert!(wait_until(&mut harness, || std::fs::metadata(named.join("report.html"))
        .and_then(|m| m.modified())
        .is_ok_and(|t| t != first)));
    std::fs::remove_dir_all(&dir).unwrap();
}
