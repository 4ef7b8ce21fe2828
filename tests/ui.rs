//! The app driven as a person drives it, headless, with egui_kittest: menus, sliders, keys,
//! dropped files. Each test starts from a fresh app.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use outage_cost::app::{ChartTab, OutageApp};
use outage_cost::model::Component;
use outage_cost::scenario::{Estimate, Scenario, presets};

fn preset(id: &str) -> Scenario {
    presets::find(id).unwrap().load().unwrap()
}

/// A preset with Monte Carlo off, so the cards show the single-number figures.
fn deterministic(id: &str) -> Scenario {
    let mut s = preset(id);
    s.uncertainty.samples = 0;
    s
}

use common::ui::harness;

fn default_app() -> Harness<'static, OutageApp> {
    harness(OutageApp::new(presets::default_scenario(), None))
}

/// File → Presets → the preset whose name contains `name`.
fn open_from_presets_menu(harness: &mut Harness<'_, OutageApp>, name: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Presets").click();
    harness.run();
    harness.get_by_label_contains(name).click();
    harness.run();
}

/// Lets the undo history settle so the next edit is a step of its own.
fn settle(harness: &mut Harness<'_, OutageApp>) {
    harness.run_steps(60);
}

/// A file dropped on the window, as the windowing layer would hand it over.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, OutageApp>, path: &std::path::Path) {
    harness.input_mut().dropped_files.push(std::sync::Arc::new(Dropped(path.to_path_buf())));
    harness.run();
    wait_for_open(harness);
}

/// Steps until a file being opened has been read and shown, then until the frames settle.
fn wait_for_open(harness: &mut Harness<'_, OutageApp>) {
    common::ui::wait_for_open(harness);
    harness.run();
}

#[test]
fn opens_on_the_default_scenario_with_its_headline_figures() {
    let harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    harness.get_by_label("Kakao data-center fire, October 2022");
    harness.get_by_label("₩59.8B"); // provider cost card
    harness.get_by_label_contains("Uptime band over $1M"); // Uptime band badge
}

#[test]
fn a_shipped_preset_opens_from_the_file_menu() {
    let mut harness = default_app();
    open_from_presets_menu(&mut harness, "Didi ride-hailing outage");
    assert_eq!(harness.state().scenario().name, "Didi ride-hailing outage, November 2023");
    harness.get_by_label("Didi ride-hailing outage, November 2023");
}

#[test]
fn changing_the_duration_changes_the_provider_cost_and_undo_restores_it() {
    let mut harness = harness(OutageApp::new(deterministic("alibaba-cloud-2023"), None));
    let before = harness.state().scenario().clone();
    let cost_before = outage_cost::model::Evaluation::of(&before).outcome.provider_cost;
    settle(&mut harness);
    harness.get_by_role_and_label(Role::Slider, "Duration").set_value_accesskit(12.0);
    harness.run();
    assert_eq!(harness.state().scenario().outage.duration_hours.nominal(), 12.0);
    let cost_after = outage_cost::model::Evaluation::of(harness.state().scenario()).outcome.provider_cost;
    assert!(cost_after > cost_before, "{cost_after} should exceed {cost_before}");
    let shown = outage_cost::format::money(cost_after, "CNY");
    harness.get_by_label(&shown); // the card follows within the frame
    assert!(harness.state().document().is_dirty());
    settle(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(*harness.state().scenario(), before);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().scenario().outage.duration_hours.nominal(), 12.0);
}

#[test]
fn business_rows_can_be_added_and_removed() {
    let mut harness = default_app();
    assert_eq!(harness.state().scenario().businesses.len(), 2);
    harness.get_by_label("➕ Add business group").click();
    harness.run();
    assert_eq!(harness.state().scenario().businesses.len(), 3);
    harness.get_by_label("Business group 3").click(); // open the new group
    harness.run();
    let removes = harness.get_all_by_label("Remove this group").count();
    assert_eq!(removes, 2, "the first and the new group are open");
    let remove = harness.get_all_by_label("Remove this group").last().unwrap();
    remove.scroll_to_me();
    harness.run();
    harness.get_all_by_label("Remove this group").last().unwrap().click();
    harness.run();
    assert_eq!(harness.state().scenario().businesses.len(), 2);
    assert_eq!(harness.state().scenario().businesses[1].name, "Small merchants (gifting, channels, KakaoPay)");
}

#[test]
fn the_range_toggle_turns_a_number_into_a_pert_and_back() {
    let mut harness = default_app();
    assert!(matches!(harness.state().scenario().users.active_users.estimate(), Estimate::Fixed(_)));
    harness.get_by_label("Active users as a range").click();
    harness.run();
    let Estimate::Pert(p) = *harness.state().scenario().users.active_users.estimate() else {
        panic!("expected a PERT");
    };
    assert_eq!((p.min, p.mode, p.max), (47_500_000.0 * 0.75, 47_500_000.0, 47_500_000.0 * 1.25));
    harness.get_by_label("Active users as a range").click();
    harness.run();
    assert_eq!(*harness.state().scenario().users.active_users.estimate(), Estimate::Fixed(47_500_000.0));
}

#[test]
fn a_bad_file_shows_its_error_and_the_scenario_stays() {
    let mut harness = default_app();
    let before = harness.state().scenario().clone();
    drop_file(&mut harness, &common::data("bad/share_above_one.ron"));
    let error = harness.state().error().unwrap().to_owned();
    assert!(error.contains("share_above_one.ron:4:49: users.share_affected"), "{error}");
    harness.get_by_label_contains("1.5 is not allowed for a share");
    assert_eq!(*harness.state().scenario(), before);
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().error().is_none());
}

#[test]
fn save_then_reopen_gives_the_same_scenario() {
    let dir = std::env::temp_dir().join(format!("outage-cost-ui-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("saved.ron");
    let mut harness = harness(OutageApp::new(preset("google-oracle-uk-2022"), Some(path.clone())));
    harness.get_by_role_and_label(Role::Slider, "Duration").set_value_accesskit(20.0);
    harness.run();
    assert!(harness.state().document().is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().document().is_dirty());
    let edited = harness.state().scenario().clone();
    let mut reopened = default_app();
    drop_file(&mut reopened, &path);
    assert_eq!(*reopened.state().scenario(), edited);
    assert_eq!(reopened.state().document().path(), Some(path.as_path()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn f5_presents_arrows_move_between_slides_and_escape_leaves() {
    let mut harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().is_presenting());
    // The deck opens on its title slide, with the headline sentence.
    harness.get_by_label_contains("outage costs ₩59.8B");
    assert_eq!(harness.state().slide(), 0);
    harness.key_press(Key::ArrowRight);
    harness.key_press(Key::ArrowRight);
    harness.run();
    harness.get_by_label_contains("The provider pays ₩59.8B");
    // N shows the speaker notes.
    harness.key_press(Key::N);
    harness.run();
    harness.get_by_label("Speaker notes");
    // The duration stays live in presentation mode: one large slider.
    let before = harness.state().scenario().outage.duration_hours.nominal();
    harness.get_by_role_and_label(Role::Slider, "Duration").set_value_accesskit(2.0 * before);
    harness.run();
    assert_eq!(harness.state().scenario().outage.duration_hours.nominal(), 2.0 * before);
    // The last slide says what to do.
    for _ in 0..10 {
        harness.key_press(Key::ArrowRight);
    }
    harness.run();
    harness.get_by_label("WHAT TO DO");
    // Leaving and pressing F5 again starts from the title slide.
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    assert_eq!(harness.state().slide(), 0);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().is_presenting());
    harness.get_by_label("File");
}

#[test]
fn unsaved_changes_are_not_dropped_without_asking() {
    let mut harness = harness(OutageApp::new(preset("alibaba-cloud-2023"), None));
    harness.get_by_role_and_label(Role::Slider, "Duration").set_value_accesskit(6.0);
    harness.run();
    open_from_presets_menu(&mut harness, "Didi ride-hailing outage");
    harness.get_by_label("Save your changes?");
    assert_eq!(harness.state().scenario().outage.duration_hours.nominal(), 6.0);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Save your changes?").is_none());
    assert_eq!(harness.state().scenario().name, "Alibaba Cloud outage, November 2023");
    // Asking again and answering "Don't save" opens the preset.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    harness.get_by_label("Don't save").click();
    harness.run();
    assert_eq!(harness.state().scenario().name, "New scenario");
}

#[test]
fn tabs_switch_charts_and_explain_shows_formula_inputs_and_sources() {
    let mut harness = default_app();
    harness.get_by_label("Explain").click();
    harness.run();
    assert_eq!(harness.state().tab(), ChartTab::Explain);
    harness.get_by_label(Component::LostRevenue.formula());
    harness.get_by_label_contains("Assumptions");
    harness.get_by_label_contains("C7  Compensation").click();
    harness.run();
    harness.get_by_label(Component::Compensation.formula());
    // The preset's own published figures beside the model's.
    harness.get_by_label_contains("Published figures beside the model");
    for tab in ["Breakdown", "Timeline", "Benchmarks", "Uncertainty", "Cost vs duration"] {
        harness.get_by_label(tab).click();
        harness.run();
    }
    assert_eq!(harness.state().tab(), ChartTab::CostVsDuration);
}

#[test]
fn the_theme_switches_from_the_view_menu() {
    let mut harness = default_app();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Dark theme").click();
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
}

#[test]
fn a_custom_traffic_profile_shows_its_24_weights() {
    let mut harness = default_app();
    harness.get_by_role_and_label(Role::ComboBox, "Traffic profile").click();
    harness.run();
    harness.get_by_label("Custom (24 weights)").click();
    harness.run();
    harness.get_by_role_and_label(Role::SpinButton, "18:00");
    assert!(matches!(
        harness.state().scenario().outage.traffic_profile,
        outage_cost::scenario::TrafficProfile::Custom(_)
    ));
}

#[test]
fn every_shipped_preset_renders_with_labelled_inputs() {
    // The harness checks after every run that each input widget has an accessible name.
    for p in presets::PRESETS {
        let harness = harness(OutageApp::new(p.load().unwrap(), None));
        harness.get_by_label(p.load().unwrap().title());
    }
}

#[test]
fn bundled_fonts_draw_every_character_of_every_shipped_preset() {
    // Run one frame so the bundled fonts are loaded, then ask the font system glyph by glyph.
    let harness = default_app();
    let font = egui::FontId::proportional(14.0);
    for p in presets::PRESETS {
        let s = p.load().unwrap();
        let mut text = format!("{} {} {}", s.name, s.description, s.assumptions.join(" "));
        for source in &s.sources {
            text.push_str(&source.label);
        }
        let missing: String = harness.ctx.fonts_mut(|f| text.chars().filter(|&c| !f.has_glyph(&font, c)).collect());
        assert!(missing.is_empty(), "{}: no bundled glyph for {missing:?}; run scripts/subset-cjk-font.py", p.id);
    }
    // The currency signs and marks the app prints.
    let marks = "₩¥£€₹$−×≈≤≥±●·φρδθτΣ₅₀";
    assert!(harness.ctx.fonts_mut(|f| f.has_glyphs(&font, marks)));
    // The check can fail: a character outside the subset is reported missing.
    assert!(!harness.ctx.fonts_mut(|f| f.has_glyph(&font, '漢')));
}

/// Steps the app until `label` shows up, giving the Monte Carlo worker real time to finish.
fn wait_for(harness: &mut Harness<'_, OutageApp>, label: &str) -> bool {
    // Up to 30 s: a busy machine running an unoptimised build of the Monte Carlo worker.
    for _ in 0..1500 {
        harness.step();
        if harness.query_all_by_label_contains(label).next().is_some() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

#[test]
fn toggling_a_range_shows_an_interval_on_the_cards() {
    let mut harness = harness(OutageApp::new(common::scenario("flat_full_outage.ron"), None));
    assert!(harness.query_all_by_label_contains("P5–P95").next().is_none(), "no ranges, no interval");
    harness.get_by_label_contains("No ranges: single-number model");
    harness.get_by_label("Duration as a range").click();
    harness.run();
    assert!(wait_for(&mut harness, "P5–P95"), "the provider cost card shows its interval");
    harness.get_by_label_contains("Monte Carlo: 10,000 samples");
    // The Uncertainty and Sensitivity tabs show the run and the swings.
    harness.get_by_label("Uncertainty").click();
    harness.run();
    harness.get_by_label_contains("samples, seed 1)");
    harness.get_by_label("Sensitivity").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Combined impact").click();
    harness.run();
}

#[test]
fn the_export_menu_copies_the_summary() {
    let mut harness = harness(OutageApp::new(deterministic("didi-2023"), None));
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Copy summary").click();
    harness.run();
    harness.get_by_label("Copied the headline figures to the clipboard");
}

#[test]
fn a_chart_is_copied_to_the_clipboard_as_an_image() {
    let mut harness = harness(OutageApp::new(deterministic("didi-2023"), None));
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Copy chart as image").click();
    harness.run();
    // The menu's entry comes before the chart tab of the same name.
    harness.get_all_by_label("Breakdown").next().unwrap().click();
    assert!(wait_for(&mut harness, "Copied the breakdown chart to the clipboard"));
}

#[test]
fn pinning_two_presets_shows_both_curves_the_delta_table_and_the_return() {
    let mut harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label("📌 Pin this scenario").click();
    harness.run();
    harness.get_by_label("Pin a preset").click();
    harness.run();
    harness.get_by_label("Kakao with a hot-standby data center (what-if)").click();
    harness.run();
    // Pins and their returns are computed off the UI thread.
    assert!(wait_for(&mut harness, "Return on the mitigation: Kakao with a hot-standby"));
    // Both curves in the legend, the delta table, and the return on the standby.
    assert!(harness.query_all_by_label("Kakao data-center fire, October 2022").count() >= 2, "pin chip and legend");
    assert!(harness.query_all_by_label("Kakao with a hot-standby data center (what-if)").count() >= 2);
    harness.get_by_label("vs first");
    harness.get_by_label("C7 Compensation");
    harness.get_by_label_contains("Return on the mitigation: Kakao with a hot-standby");
    harness.get_by_label("Break-even annual budget");
    harness.get_by_label("never: savings do not cover the running cost");
    // The comparison, then what to do, close the presentation.
    harness.key_press(Key::F5);
    harness.run();
    for _ in 0..10 {
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    harness.get_by_label("WHAT TO DO");
    // Mean annual expected losses with ranges: ₩6.1B before, ₩103M after.
    harness.get_by_label_contains("saves ₩6B a year");
    harness.key_press(Key::ArrowLeft);
    harness.run();
    harness.get_by_label("SIDE BY SIDE");
}

#[test]
fn unsaved_work_survives_a_crash_and_a_saved_document_leaves_nothing_behind() {
    let ctx = egui::Context::default();
    let data = std::env::temp_dir().join(format!("outage-cost-recovery-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let launch = || outage_cost::app::Launch { data_dir: Some(data.clone()), ..Default::default() };
    // A session edits the duration, then dies without quitting.
    let mut before = OutageApp::restore(&ctx, None, launch());
    before.apply(&ctx, outage_cost::app::Command::OpenPreset("alibaba-cloud-2023"));
    before.scenario_mut().outage.duration_hours.set(Estimate::Fixed(9.0)).unwrap();
    before.flush_persistence();
    drop(before);
    // The next session opens on the edited scenario, marked unsaved.
    let mut after = OutageApp::restore(&ctx, None, launch());
    assert_eq!(after.scenario().outage.duration_hours.nominal(), 9.0);
    assert_eq!(after.scenario().name, "Alibaba Cloud outage, November 2023");
    assert!(after.document().is_dirty());
    // Saving the work clears the crash copy: a later session starts clean.
    after.apply(&ctx, outage_cost::app::Command::SaveAs(data.join("a.ron")));
    assert!(!after.document().is_dirty());
    after.flush_persistence();
    drop(after);
    let clean = OutageApp::restore(&ctx, None, launch());
    assert!(!clean.document().is_dirty());
    assert_eq!(clean.document().path(), Some(data.join("a.ron").as_path()), "the last file reopens");
    drop(clean);
    std::fs::remove_dir_all(&data).unwrap();
}

/// Work that lasts: what changed from the preset is listed, a failed open keeps the unsaved mark,
/// and a variant is an unsaved copy.
#[test]
fn changes_from_the_preset_are_listed_kept_after_a_failed_open_and_carried_by_a_variant() {
    let mut harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    harness.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(21.0)).unwrap();
    harness.run();
    harness.get_by_label("Explain").click();
    harness.run();
    harness.get_by_label("Changed from the preset “kakao-2022”");
    harness.get_by_label("21 h");
    // Answering "Don't save" to open a file that cannot be read keeps the edits, still unsaved.
    let ctx = harness.ctx.clone();
    let missing = std::env::temp_dir().join("outage-cost-no-such-file.ron");
    harness
        .state_mut()
        .apply(&ctx, outage_cost::app::Command::Discarding(Box::new(outage_cost::app::Command::Open(missing))));
    wait_for_open(&mut harness);
    assert!(harness.state().error().is_some());
    assert!(harness.state().document().is_dirty(), "the unsaved mark stays after a failed open");
    assert_eq!(harness.state().scenario().outage.duration_hours.nominal(), 21.0);
    // A variant: an unsaved copy with the edits, named so.
    harness
        .state_mut()
        .apply(&ctx, outage_cost::app::Command::Discarding(Box::new(outage_cost::app::Command::DuplicateAsVariant)));
    harness.run();
    assert_eq!(harness.state().scenario().name, "Kakao data-center fire, October 2022 (variant)");
    assert!(harness.state().document().is_dirty() && harness.state().document().path().is_none());
    assert_eq!(harness.state().scenario().outage.duration_hours.nominal(), 21.0);
}

#[test]
fn a_short_soak_of_random_actions_never_breaks_the_app() {
    // The full 10 000-frame soak is `cargo bench --bench soak`; this runs the same mix briefly.
    let mut harness = default_app();
    let mut rng = outage_cost::sim::rng::SplitMix64::new(11);
    for _ in 0..300 {
        let roll = rng.next_open01();
        let ctx = harness.ctx.clone();
        let app = harness.state_mut();
        if roll < 0.4 {
            let field = outage_cost::scenario::Field::ALL[rng.next_u64() as usize % 34];
            let v = field.domain().clamp(rng.next_open01() * 1e6);
            let _ = field.set(app.scenario_mut(), Estimate::Fixed(v));
        } else if roll < 0.45 {
            let preset = &presets::PRESETS[rng.next_u64() as usize % presets::PRESETS.len()];
            app.apply(
                &ctx,
                outage_cost::app::Command::Discarding(Box::new(outage_cost::app::Command::OpenPreset(preset.id))),
            );
        } else if roll < 0.55 {
            app.apply(&ctx, outage_cost::app::Command::Undo);
        } else if roll < 0.6 {
            app.apply(&ctx, outage_cost::app::Command::TogglePresentation);
        } else if roll < 0.65 {
            app.set_tab(ChartTab::ALL[rng.next_u64() as usize % ChartTab::ALL.len()]);
        }
        harness.step();
        assert!(harness.state().error().is_none());
    }
}

/// DESIGN §2.5: with ranges the card, the breakdown's header and the slide's headline all show the
/// Monte Carlo mean the report and the command line show.
#[test]
fn with_ranges_cards_breakdown_and_slides_show_the_same_mean() {
    use outage_cost::format::money;
    use outage_cost::sim::Output;
    let scenario = preset("cloud-single-region");
    let expected = outage_cost::export::ReportData::new(&scenario, None, None).figure(Output::ProviderCost);
    assert!(expected.is_mean(), "the preset has ranges");
    let code = scenario.currency.code.clone();
    let shown = money(expected.value, &code);
    let mut harness = harness(OutageApp::new(scenario, None));
    assert!(wait_for(&mut harness, "mean · P5–P95"), "the cards show the mean and its interval");
    assert!(harness.query_all_by_label(&shown).next().is_some(), "the provider cost card shows {shown}");
    harness.get_by_label("Breakdown").click();
    harness.run();
    harness.get_by_label_contains(&format!("Provider cost {shown} (mean; P5–P95"));
    // Explain works through the inputs as entered and says so.
    harness.get_by_label("Explain").click();
    harness.run();
    harness.get_by_label("Components, as entered");
    // The compare table shows the same mean once the scenario is pinned.
    harness.get_by_label("Compare").click();
    harness.run();
    harness.get_by_label("📌 Pin this scenario").click();
    harness.run();
    harness.get_by_label("Pin a preset").click();
    harness.run();
    harness.get_by_label("Didi ride-hailing outage, November 2023").click();
    harness.run();
    assert!(wait_for(&mut harness, "Provider cost, P5–P95"), "the pinned scenario's interval");
    assert!(harness.query_all_by_label(&shown).next().is_some(), "the delta table shows {shown}");
    harness.key_press(Key::F5);
    harness.run();
    harness.get_by_label_contains(&format!("costs {shown} on average"));
}

#[test]
fn pins_survive_a_restart() {
    let ctx = egui::Context::default();
    let data = std::env::temp_dir().join(format!("outage-cost-pins-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let launch = || outage_cost::app::Launch { data_dir: Some(data.clone()), ..Default::default() };
    let wait_for_pin = |app: &mut OutageApp| {
        for _ in 0..1500 {
            app.logic(&ctx);
            if app.pinned_count() == 1 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        app.pinned_count()
    };
    let mut before = OutageApp::restore(&ctx, None, launch());
    before.apply(&ctx, outage_cost::app::Command::PinOpen);
    assert_eq!(wait_for_pin(&mut before), 1);
    before.flush_persistence();
    drop(before);
    let mut after = OutageApp::restore(&ctx, None, launch());
    assert_eq!(wait_for_pin(&mut after), 1, "the pin comes back after a restart");
    drop(after);
    std::fs::remove_dir_all(&data).unwrap();
}

#[test]
fn the_track_record_tab_sets_every_published_loss_beside_the_model() {
    let mut harness = default_app();
    harness.get_by_label("Track record").click();
    harness.run();
    assert_eq!(harness.state().tab(), ChartTab::TrackRecord);
    assert!(wait_for(&mut harness, "kddi-2022: C7"), "the backtest finished");
    harness.get_by_label_contains("kakao-2022: C7");
}

#[test]
fn solving_for_an_input_finds_kakaos_per_user_compensation_and_uses_it() {
    let mut harness = default_app();
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Solve for an input…").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Target (KRW)").click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Target (KRW)").type_text("27.5B");
    harness.run();
    harness.get_by_label("Solve").click();
    harness.run();
    harness.get_by_label("Use this value").click();
    harness.run();
    let per_user = harness.state().scenario().compensation.per_user.nominal();
    assert!((per_user - 545.473_684_21).abs() < 1e-6, "{per_user}");
}

#[test]
fn the_cards_say_when_the_outage_costs_a_million_dollars() {
    let mut harness = harness(OutageApp::new(common::scenario("flat_full_outage.ron"), None));
    assert!(wait_for(&mut harness, "Costs $1M"), "the time to threshold arrives");
}

#[test]
fn an_inputs_context_menu_opens_the_solve_window_on_it() {
    let mut harness = default_app();
    let before = harness.query_all_by_label_contains("Demand on the day").count();
    harness.get_by_role_and_label(Role::Label, "Demand on the day").click_secondary();
    harness.run();
    harness.get_by_label("Solve for this input…").click();
    harness.run();
    harness.get_by_label("Solve for an input");
    // The window's input list shows the input asked for.
    let combo = harness.get_by_role_and_label(Role::ComboBox, "Input");
    assert_eq!(combo.accesskit_node().value().as_deref(), Some("Demand on the day"), "{before}");
}

#[test]
fn an_implausible_value_is_allowed_but_flagged() {
    let mut harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    assert!(harness.query_all_by_label_contains("more users than people on Earth").next().is_none());
    harness.state_mut().scenario_mut().users.active_users.set(Estimate::Fixed(1e10)).unwrap();
    harness.run();
    harness.get_by_label_contains("more users than people on Earth");
}

/// Steps the app until the open register's figures are for the register as it is now.
fn wait_for_register(harness: &mut Harness<'_, OutageApp>) -> bool {
    // Up to 60 s: an unoptimised build simulating 100,000 years on a busy machine.
    for _ in 0..3000 {
        harness.step();
        if harness.state().register_view().is_some_and(|r| r.is_current() && r.annual_mean().is_some()) {
            harness.run();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

#[test]
fn a_shipped_register_opens_a_dragged_rate_changes_the_annual_mean_and_undo_restores_it() {
    let mut harness = default_app();
    open_from_presets_menu(&mut harness, "Kakao: the ways the platform can fail");
    assert!(wait_for_register(&mut harness), "the years are simulated");
    let mean = |h: &Harness<'_, OutageApp>| {
        h.state().register_view().and_then(outage_cost::app::RegisterView::annual_mean).unwrap()
    };
    let before = mean(&harness);
    for label in ["Annual loss (mean)", "A 1-in-20 year", "Chance of no outage", "Tail value at risk", "Loss tolerance"]
    {
        harness.get_by_label(label);
    }
    harness.get_by_role_and_label(Role::Slider, "Kakao data-center fire, October 2022");
    settle(&mut harness);
    harness.get_by_role_and_label(Role::Slider, "Kakao bad deploy (what-if)").set_value_accesskit(20.0);
    harness.run();
    assert!(harness.state().register_view().unwrap().doc.is_dirty());
    assert!(wait_for_register(&mut harness));
    let after = mean(&harness);
    assert!(after > before, "more bad deploys cost more: {after} vs {before}");
    settle(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(wait_for_register(&mut harness));
    assert_eq!(mean(&harness), before, "undo gives the same years back");
    assert!(!harness.state().register_view().unwrap().doc.is_dirty());
    // The slides: what a year costs, then which cause drives the worst years.
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().is_presenting());
    harness.get_by_label_contains("in a 1-in-20 year");
    harness.key_press(Key::ArrowRight);
    harness.run();
    harness.get_by_label_contains("drives");
}

#[test]
fn the_new_data_center_register_shows_whether_it_pays_and_opens_an_entry() {
    let mut harness = default_app();
    open_from_presets_menu(&mut harness, "Kakao with its new data center");
    assert!(wait_for_register(&mut harness));
    harness.get_by_label("Loss saved per year");
    harness.get_by_label("It does not pay");
    harness.get_by_label_contains("Without it (").click();
    harness.run();
    // Open an entry's scenario: with the register changed, the app asks first; then the register
    // gives way to the scenario.
    settle(&mut harness);
    harness.get_by_role_and_label(Role::Slider, "Kakao network misconfiguration (what-if)").set_value_accesskit(3.0);
    harness.run();
    harness.get_all_by_label("Open").next().unwrap().click();
    harness.run();
    harness.get_by_label("Save your changes?");
    assert!(harness.state().register_view().is_some(), "nothing is dropped before the answer");
    harness.get_by_label("Don't save").click();
    harness.run();
    assert!(harness.state().register_view().is_none());
    assert_eq!(harness.state().scenario().name, "Kakao with a hot-standby data center (what-if)");
}

#[test]
fn the_tolerance_line_starts_afresh_with_another_scenario() {
    let mut harness = harness(OutageApp::new(preset("kakao-2022"), None));
    harness.state_mut().set_tab(ChartTab::Uncertainty);
    let settle = |harness: &mut Harness<'_, OutageApp>| {
        for _ in 0..1500 {
            harness.step();
            if harness.state().tolerance().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        harness.state().tolerance()
    };
    let won = settle(&mut harness).expect("the Kakao tolerance, at its median in won");
    assert!(won > 1e10, "{won}");
    let ctx = harness.ctx.clone();
    harness.state_mut().apply(&ctx, outage_cost::app::Command::OpenPreset("cloud-single-region"));
    assert_eq!(harness.state().tolerance(), None, "the next scenario does not inherit it");
    let dollars = settle(&mut harness).expect("its own tolerance, at its median in dollars");
    assert!(dollars < 1e9, "{dollars}");
}

#[test]
fn text_that_is_not_a_number_gets_a_message_and_changes_nothing() {
    let mut harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    let before = harness.state().scenario().users.active_users.nominal();
    harness.get_all_by_role_and_label(Role::SpinButton, "Active users").next().unwrap().click();
    harness.run();
    harness.get_all_by_role_and_label(Role::SpinButton, "Active users").next().unwrap().type_text("lots");
    harness.run();
    harness.get_by_label_contains("“lots” is not a number");
    assert_eq!(harness.state().scenario().users.active_users.nominal(), before);
}

#[test]
fn capitals_typed_with_shift_held_are_read_in_a_slider_box() {
    let mut harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    harness.get_all_by_role_and_label(Role::SpinButton, "Active users").next().unwrap().click();
    harness.run();
    harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    harness.get_all_by_role_and_label(Role::SpinButton, "Active users").next().unwrap().type_text("2B");
    harness.run();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().scenario().users.active_users.nominal(), 2e9);
}

#[test]
fn a_percentage_under_one_is_read_as_percent_and_says_so() {
    let mut harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    let field = "Share of users affected";
    harness.get_all_by_role_and_label(Role::SpinButton, field).next().unwrap().click();
    harness.run();
    harness.get_all_by_role_and_label(Role::SpinButton, field).next().unwrap().type_text("0.15");
    harness.run();
    harness.get_by_label_contains("Read as 0.15%; for 15% type 15");
    harness.key_press(Key::Enter);
    harness.run();
    let share = harness.state().scenario().users.share_affected.nominal();
    assert!((share - 0.0015).abs() < 1e-12, "{share}");
}

/// The layout holds at both ends of the screens presenters use: every card, tab and input label
/// is laid out inside the window, and no two cards overlap.
#[test]
fn the_layout_holds_from_1280_by_720_to_2560_by_1440() {
    for size in [[1280.0, 720.0], [2560.0, 1440.0]] {
        let mut harness = Harness::builder()
            .with_size(size)
            .with_context_setup(outage_cost::app::install_fonts)
            .with_max_steps(64)
            .build_ui_state(|ui, app: &mut OutageApp| app.ui(ui), OutageApp::new(deterministic("kakao-2022"), None));
        harness.run();
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(size[0], size[1]));
        let mut cards = Vec::new();
        for label in [
            "Provider cost of this outage",
            "Cost per outage hour",
            "Users affected",
            "Ecosystem loss",
            "Annual expected loss",
        ] {
            let rect = harness.get_by_label(label).rect();
            assert!(window.contains_rect(rect), "{label} at {rect:?} in a {size:?} window");
            cards.push((label, rect));
        }
        for tab in ["Cost vs duration", "Breakdown", "Sensitivity", "Compare", "Track record"] {
            let rect = harness.get_all_by_label(tab).next().unwrap().rect();
            assert!(window.contains_rect(rect), "tab {tab} at {rect:?} in a {size:?} window");
        }
        for input in ["Active users", "Share of users affected", "Duration"] {
            let rect = harness.get_all_by_label(input).next().unwrap().rect();
            assert!(
                window.contains_rect(rect) && rect.width() > 20.0,
                "input {input} at {rect:?} in a {size:?} window"
            );
        }
        for (i, (a, ra)) in cards.iter().enumerate() {
            for (b, rb) in &cards[i + 1..] {
                assert!(!ra.intersects(*rb), "{a} overlaps {b} in a {size:?} window");
            }
        }
    }
}

#[test]
fn type_grows_with_large_screens() {
    assert_eq!(outage_cost::app::zoom_for(1280.0), 1.0);
    assert_eq!(outage_cost::app::zoom_for(1920.0), 1.0);
    assert_eq!(outage_cost::app::zoom_for(2560.0), 1.25);
    assert_eq!(outage_cost::app::zoom_for(7680.0), 1.5);
}

#[test]
fn a_large_scenario_is_recomputed_off_the_ui_thread_and_the_results_catch_up() {
    let mut scenario = deterministic("kakao-2022");
    let template = scenario.businesses.first().cloned().unwrap();
    scenario.businesses = (0..12_000)
        .map(|k| outage_cost::scenario::Business { name: format!("group {k}"), ..template.clone() })
        .collect();
    let mut harness = harness(OutageApp::new(scenario, None));
    assert!(!harness.state().results_pending());
    let before = harness.state().shown_results().evaluation.outcome.provider_cost;
    harness.state_mut().scenario_mut().outage.duration_hours.set(Estimate::Fixed(30.0)).unwrap();
    harness.step();
    // The frame that saw the edit handed it to the worker and kept showing the previous results.
    assert!(harness.state().results_pending());
    harness.get_by_label_contains("model recomputing");
    assert_eq!(harness.state().shown_results().evaluation.outcome.provider_cost, before);
    for _ in 0..400 {
        if !harness.state().results_pending() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    let shown = harness.state().shown_results();
    assert_eq!(shown.scenario.outage.duration_hours.nominal(), 30.0);
    let expected = outage_cost::results::ScenarioResults::of(harness.state().scenario());
    assert_eq!(shown.evaluation.outcome.provider_cost, expected.evaluation.outcome.provider_cost);
    assert!(shown.evaluation.outcome.provider_cost > before);
}

/// Drags the "Active users" slider from its marker by `dx` points, with `modifiers` held; returns
/// how many times larger the count became.
fn drag_users(harness: &mut Harness<'_, OutageApp>, dx: f32, modifiers: Modifiers) -> f64 {
    let rect = harness.get_by_role_and_label(Role::Slider, "Active users").rect();
    let h = harness.state().scenario().users.active_users.nominal();
    // The marker of a log slider spanning h/10 … 10h sits in the middle of the rail.
    let width = 100.0_f32.min(rect.width());
    let from = egui::pos2(rect.left() + width / 2.0, rect.center().y);
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    harness.drag_at(from);
    harness.step();
    for step in 1..=4 {
        harness.hover_at(from + egui::vec2(dx * step as f32 / 4.0, 0.0));
        harness.step();
    }
    harness.drop_at(from + egui::vec2(dx, 0.0));
    harness.step();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let after = harness.state().scenario().users.active_users.nominal();
    assert!(after > h, "{h} → {after}");
    after / h
}

#[test]
fn a_slider_spans_a_range_around_its_value_and_shift_drags_finely() {
    let mut harness = harness(OutageApp::new(deterministic("kakao-2022"), None));
    // Pulled to the far right, the count grows at most tenfold (not to the old end at 10 billion).
    let far = drag_users(&mut harness, 400.0, Modifiers::NONE);
    assert!((9.0..=10.0 + 1e-9).contains(&far), "×{far}");
    settle(&mut harness);
    // The range re-centres on the new value once the drag ends: another pull grows it again.
    let again = drag_users(&mut harness, 400.0, Modifiers::NONE);
    assert!((9.0..=10.0 + 1e-9).contains(&again), "×{again}");
    settle(&mut harness);
    // With Shift, 20 points move the value ten times more slowly than the rail would.
    let fine = drag_users(&mut harness, 20.0, Modifiers::SHIFT);
    let coarse = 100.0_f64.powf(20.0 / 100.0);
    assert!(fine > 1.0 && fine < 1.0 + (coarse - 1.0) / 5.0, "×{fine} against ×{coarse} without Shift");
}
