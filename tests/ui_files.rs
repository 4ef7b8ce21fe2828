//! The app and the user's files (DESIGN §11), driven with egui_kittest: a file changed on disk is
//! not overwritten without asking, and a report folder is created as named and replaced only
//! after a warning.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use outage_cost::app::{Command, OutageApp};
use outage_cost::scenario::{Estimate, presets};

use common::ui::{harness, wait_for_open};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("outage-cost-ui-files-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn apply(harness: &mut Harness<'_, OutageApp>, command: Command) {
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, command);
    // Steps, not `run`: an export's spinner keeps repainting. A file opened is read off the UI
    // thread: wait for it.
    harness.run_steps(4);
    wait_for_open(harness);
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

#[test]
fn dropping_changes_still_notices_a_file_changed_on_disk() {
    let dir = temp_dir("drop-changes");
    let path = dir.join("s.ron");
    std::fs::write(&path, "(version: 1, name: \"Mine\", outage: (duration_hours: 4))").unwrap();
    let mut harness = harness(OutageApp::new(presets::default_scenario(), None));
    apply(&mut harness, Command::Open(path.clone()));
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, "(version: 1, name: \"Theirs\", outage: (duration_hours: 2))").unwrap();
    harness.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(7.0)).unwrap();
    // "Don't save" for a command that keeps the document (here: undo), then an edit and a save.
    apply(&mut harness, Command::Discarding(Box::new(Command::Undo)));
    harness.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(8.0)).unwrap();
    apply(&mut harness, Command::Save);
    harness.get_by_label("The file changed on disk");
    assert!(std::fs::read_to_string(&path).unwrap().contains("Theirs"));
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

fn launch(data: &std::path::Path, file: Option<&std::path::Path>) -> outage_cost::app::Launch {
    outage_cost::app::Launch {
        file: file.map(std::path::Path::to_path_buf),
        data_dir: Some(data.to_path_buf()),
        ..Default::default()
    }
}

fn start(data: &std::path::Path, file: Option<&std::path::Path>) -> Harness<'static, OutageApp> {
    let ctx = egui::Context::default();
    harness(OutageApp::restore(&ctx, None, launch(data, file)))
}

/// The crash copies in a data folder, with their text.
fn copies(data: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(data.join("crash")) else { return Vec::new() };
    let mut texts: Vec<String> = entries.flatten().map(|e| std::fs::read_to_string(e.path()).unwrap()).collect();
    texts.sort();
    texts
}

const OFFER: &str = "Unsaved changes to “Mine” from your last session were kept.";

#[test]
fn a_crash_copy_is_kept_until_the_user_restores_or_discards_it() {
    let dir = temp_dir("crash");
    let (data, file) = (dir.join("data"), dir.join("s.ron"));
    std::fs::write(&file, "(version: 1, name: \"Mine\", outage: (duration_hours: 4))").unwrap();
    // An edit, then the app sits idle (no frame drawn) and crashes.
    let mut first = start(&data, Some(&file));
    first.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(7.0)).unwrap();
    first.step();
    std::thread::sleep(std::time::Duration::from_millis(800));
    let written = copies(&data);
    assert_eq!(written.len(), 1, "the copy is written without another frame");
    assert!(written[0].contains("duration_hours: 7"), "{}", written[0]);
    drop(first);
    // Relaunched with the file: offered; waiting and quitting without choosing keeps it.
    let mut second = start(&data, Some(&file));
    second.get_by_label(OFFER);
    assert!(!second.state().document().is_dirty());
    second.run_steps(5);
    std::thread::sleep(std::time::Duration::from_millis(800));
    second.run_steps(5);
    assert_eq!(copies(&data), written, "the offer is untouched while the user has not chosen");
    drop(second);
    // Relaunched without the file: the copy is restored, unsaved.
    let third = start(&data, None);
    assert_eq!(third.state().scenario().outage.duration_hours.nominal(), 7.0);
    assert!(third.state().document().is_dirty());
    drop(third);
    // Still there; restored by a click it is the document, and the copy follows it.
    let mut fourth = start(&data, Some(&file));
    fourth.get_by_label("Restore them").click();
    fourth.run();
    assert_eq!(fourth.state().scenario().outage.duration_hours.nominal(), 7.0);
    assert_eq!(fourth.state().document().path(), Some(file.as_path()));
    drop(fourth);
    // Discarded, it is gone for good.
    let mut fifth = start(&data, Some(&file));
    fifth.get_by_label("Discard").click();
    fifth.run();
    drop(fifth);
    assert!(copies(&data).is_empty());
    let sixth = start(&data, Some(&file));
    assert!(sixth.query_by_label(OFFER).is_none());
    drop(sixth);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_windows_keep_two_copies_and_never_offer_each_other_theirs() {
    let dir = temp_dir("two-windows");
    let (data, file) = (dir.join("data"), dir.join("s.ron"));
    std::fs::write(&file, "(version: 1, name: \"Mine\", outage: (duration_hours: 4))").unwrap();
    let mut a = start(&data, Some(&file));
    a.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(5.0)).unwrap();
    a.step();
    std::thread::sleep(std::time::Duration::from_millis(800));
    let mut b = start(&data, Some(&file));
    assert!(b.query_by_label(OFFER).is_none(), "a running window's copy is not offered");
    b.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(6.0)).unwrap();
    b.step();
    std::thread::sleep(std::time::Duration::from_millis(800));
    let both = copies(&data);
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(
        both.iter().any(|c| c.contains("duration_hours: 5")) && both.iter().any(|c| c.contains("duration_hours: 6"))
    );
    drop(a);
    drop(b);
    let c = start(&data, Some(&file));
    c.get_by_label(OFFER);
    drop(c);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_never_truncates_the_settings_or_the_crash_copy() {
    let dir = temp_dir("full-disk");
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&data)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let ctx = egui::Context::default();
    let mut app = OutageApp::restore(&ctx, None, launch(&data, None));
    app.apply(&ctx, Command::SetDarkMode(true));
    app.scenario_mut().outage.duration_hours.set(Estimate::Fixed(5.0)).unwrap();
    app.flush_persistence();
    drop(app);
    let settings_before = std::fs::read_to_string(data.join("settings.ron")).unwrap();
    let copies_before = copies(&data);
    assert_eq!(copies_before.len(), 1);
    // Fill the disk.
    let _ = std::fs::write(data.join("filler"), vec![0u8; 1 << 20]);
    let mut app = OutageApp::restore(&ctx, None, launch(&data, None));
    app.apply(&ctx, Command::SetDarkMode(false));
    app.scenario_mut().outage.duration_hours.set(Estimate::Fixed(6.0)).unwrap();
    app.flush_persistence();
    drop(app);
    assert_eq!(std::fs::read_to_string(data.join("settings.ron")).unwrap(), settings_before);
    assert_eq!(copies(&data), copies_before, "the copy is the last one written whole");
    let restored = OutageApp::restore(&ctx, None, launch(&data, None));
    assert_eq!(restored.scenario().outage.duration_hours.nominal(), 5.0);
    drop(restored);
    let _ = std::process::Command::new("umount").arg(&data).status();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_long_business_list_lays_out_only_its_visible_lines() {
    let mut scenario = presets::default_scenario();
    let template = scenario.businesses[0].clone();
    scenario.businesses =
        (0..5000).map(|k| outage_cost::scenario::Business { name: format!("grp {k}"), ..template.clone() }).collect();
    scenario.uncertainty.samples = 0;
    let mut harness = harness(OutageApp::new(scenario, None));
    harness.get_by_label("5000 business groups: pick one to edit it.");
    let shown = harness.query_all_by_label_contains("grp ").count();
    assert!((2..60).contains(&shown), "{shown} rows laid out");
    harness.get_by_label("grp 3").click();
    harness.run();
    // The picked group's inputs are shown below the list, under its name.
    assert!(harness.query_all_by_label("grp 3").count() >= 2);
}

#[test]
fn a_text_too_long_to_edit_is_shown_clipped_and_can_be_shortened() {
    let mut scenario = presets::default_scenario();
    scenario.name = "N".repeat(400_000);
    let mut harness = harness(OutageApp::new(scenario, None));
    harness.get_by_label("Scenario").click();
    harness.run();
    harness.get_by_label_contains("(400000 bytes: too long to edit here)");
    harness.get_by_label("Shorten it").click();
    harness.run();
    assert_eq!(harness.state().scenario().name.chars().count(), 201, "200 characters and an ellipsis");
    assert!(harness.state().document().is_dirty(), "an edit like any other (undo brings it back)");
}

/// eframe storage kept in memory, as an older version left it.
#[derive(Default)]
struct Memory(std::collections::HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

#[test]
fn a_working_copy_an_older_version_kept_is_not_lost_on_upgrade() {
    let dir = temp_dir("legacy");
    let data = dir.join("data");
    let mut memory = Memory::default();
    let text = "(version: 1, name: \"Older\", outage: (duration_hours: 11))";
    eframe::Storage::set_string(&mut memory, "working_copy", text.to_owned());
    let ctx = egui::Context::default();
    let mut app = OutageApp::restore(&ctx, Some(&memory), launch(&data, None));
    assert_eq!(app.scenario().name, "Older");
    assert!(app.document().is_dirty());
    eframe::App::save(&mut app, &mut memory);
    assert!(eframe::Storage::get_string(&memory, "working_copy").is_none(), "moved out of eframe's storage");
    app.flush_persistence();
    drop(app);
    assert_eq!(copies(&data).len(), 1);
    assert!(copies(&data)[0].contains("duration_hours: 11"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_app_opens_a_preset_by_id_in_the_theme_asked_for() {
    let dir = temp_dir("launch");
    let ctx = egui::Context::default();
    let launch = || outage_cost::app::Launch {
        file: Some(PathBuf::from("didi-2023")),
        dark: Some(true),
        data_dir: Some(dir.clone()),
        ..Default::default()
    };
    let mut first = harness(OutageApp::restore(&ctx, None, launch()));
    assert_eq!(first.state().scenario().name, presets::find("didi-2023").unwrap().load().unwrap().name);
    assert!(first.state().document().path().is_none(), "a preset has no file until saved");
    assert_eq!(first.ctx.theme(), egui::Theme::Dark);
    assert!(first.state().error().is_none());
    first.state_mut().flush_persistence();
    drop(first);
    // A file of that name wins over the preset.
    std::fs::write(dir.join("didi-2023"), "(version: 1, name: \"my own\", outage: (duration_hours: 4))").unwrap();
    let own = outage_cost::app::Launch { file: Some(dir.join("didi-2023")), ..launch() };
    let second = harness(OutageApp::restore(&ctx, None, own));
    assert_eq!(second.state().scenario().name, "my own", "{:?}", second.state().error());
    drop(second);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_is_read_off_the_ui_thread_and_shown_once_read() {
    let dir = temp_dir("read-off-thread");
    let path = dir.join("didi.ron");
    std::fs::write(&path, presets::find("didi-2023").unwrap().text).unwrap();
    let mut harness = harness(OutageApp::new(presets::default_scenario(), None));
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, Command::Open(path.clone()));
    // The command only asks for the file: the document is replaced in a later frame.
    assert!(harness.state().is_opening());
    assert_eq!(harness.state().scenario().name, presets::default_scenario().name);
    wait_for_open(&mut harness);
    assert!(!harness.state().is_opening());
    assert_eq!(harness.state().document().path(), Some(path.as_path()));
    assert!(harness.state().scenario().name.contains("Didi"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn edits_made_while_a_file_is_read_are_kept_and_a_newer_choice_wins() {
    let dir = temp_dir("read-while-editing");
    let path = dir.join("didi.ron");
    std::fs::write(&path, presets::find("didi-2023").unwrap().text).unwrap();
    let mut harness = harness(OutageApp::new(presets::default_scenario(), None));
    let ctx = harness.ctx.clone();
    // An edit made after asking for the file, before it is in: the edit stays, and says so.
    harness.state_mut().apply(&ctx, Command::Open(path.clone()));
    harness.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(7.0)).unwrap();
    apply(&mut harness, Command::SetDarkMode(false)); // frames go on; the file arrives
    assert!(!harness.state().is_opening());
    assert_eq!(harness.state().scenario().name, presets::default_scenario().name);
    assert!(harness.state().document().is_dirty());
    assert!(harness.state().error().is_some_and(|e| e.contains("changed meanwhile")), "{:?}", harness.state().error());
    // A preset chosen while a file is being read wins over the file.
    let mut harness = self::harness(OutageApp::new(presets::default_scenario(), None));
    harness.state_mut().apply(&ctx, Command::Open(path.clone()));
    apply(&mut harness, Command::OpenPreset("aws-us-east-1-2021"));
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!harness.state().is_opening());
    assert!(harness.state().scenario().name.contains("AWS"), "{}", harness.state().scenario().name);
    std::fs::remove_dir_all(&dir).unwrap();
}
