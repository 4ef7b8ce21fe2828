//! The Monte Carlo side of the app driven as a person drives it, headless, with egui_kittest: the
//! correlation editor in the input panel and what drives the spread in the Sensitivity tab.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use outage_cost::app::OutageApp;
use outage_cost::scenario::Scenario;

/// Three ranged inputs that all move the provider cost: the duration, the recovery tail and the
/// fine per hour (`P = fixed + per_hour·D + …`). Few samples, so an unoptimised build keeps up.
fn ranged() -> Scenario {
    common::parse(
        "(version: 1, name: \"Ranged fine\",
          outage: (duration_hours: Range90(low: 1, high: 10), recovery_tail_hours: Pert(min: 0.1, mode: 1, max: 4)),
          fines: (fixed: 10000, per_hour: Pert(min: 10000, mode: 50000, max: 400000)),
          uncertainty: (samples: 2000, seed: 7))",
    )
}

use common::ui::harness;

/// Steps the app until `found` holds, giving the Monte Carlo worker real time to finish.
fn wait_until(harness: &mut Harness<'_, OutageApp>, found: impl Fn(&Harness<'_, OutageApp>) -> bool) -> bool {
    // Up to 30 s: a busy machine running an unoptimised build of the Monte Carlo worker.
    for _ in 0..1500 {
        harness.step();
        if found(harness) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

/// Scrolls the input panel to the widget labelled `label` and clicks it, as a person would.
fn press(harness: &mut Harness<'_, OutageApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// The text of every node whose label or value contains `part`.
fn texts(harness: &Harness<'_, OutageApp>, part: &str) -> Vec<String> {
    harness
        .query_all_by_label_contains(part)
        .filter_map(|node| node.accesskit_node().label().or_else(|| node.accesskit_node().value()))
        .collect()
}

/// The cards' finished intervals ("mean · P5–P95 …", not "updating").
fn intervals(harness: &Harness<'_, OutageApp>) -> Vec<String> {
    texts(harness, "mean · P5–P95").into_iter().filter(|text| !text.contains("updating")).collect()
}

#[test]
fn a_correlation_added_in_the_editor_reaches_the_scenario_and_moves_the_results() {
    let mut harness = harness(OutageApp::new(ranged(), None));
    assert!(wait_until(&mut harness, |h| !intervals(h).is_empty()), "the first run finishes");
    let before = intervals(&harness);

    // Input panel → Monte Carlo → Add a correlation: the first two ranged inputs, rank 0.5.
    press(&mut harness, "Monte Carlo");
    press(&mut harness, "Add a correlation");
    assert_eq!(harness.state().scenario().correlations.len(), 1);

    // Pick the duration and the fine per hour, and move the slider to 0.9.
    let combos: Vec<_> =
        harness.query_all_by_role(Role::ComboBox).filter(|n| n.value().as_deref() == Some("Recovery tail")).collect();
    assert_eq!(combos.len(), 1, "the second input of the pair is the recovery tail");
    combos[0].scroll_to_me();
    harness.run();
    harness.query_all_by_role(Role::ComboBox).find(|n| n.value().as_deref() == Some("Recovery tail")).unwrap().click();
    harness.run();
    harness.get_by_label("Fine per hour").click();
    harness.run();
    harness.get_by_role_and_label(Role::Slider, "rank").set_value_accesskit(0.9);
    harness.run();

    let correlations = &harness.state().scenario().correlations;
    assert_eq!(correlations.len(), 1);
    let pair = &correlations[0];
    assert_eq!((pair.a.as_str(), pair.b.as_str()), ("outage.duration_hours", "fines.per_hour"));
    assert!((pair.rank - 0.9).abs() < 1e-9, "rank {}", pair.rank);
    assert!(outage_cost::sim::correlation::check(harness.state().scenario()).is_ok());
    assert!(harness.query_all_by_label_contains("not applied until fixed").next().is_none());

    // The run is made again with the inputs moving together: a wider spread of the cost.
    assert!(
        wait_until(&mut harness, |h| {
            let now = intervals(h);
            !now.is_empty() && now != before
        }),
        "the cards' intervals change once the correlated run finishes: still {before:?}"
    );
}

#[test]
fn the_sensitivity_tab_shows_what_drives_the_spread() {
    let mut harness = harness(OutageApp::new(ranged(), None));
    assert!(wait_until(&mut harness, |h| !intervals(h).is_empty()), "the run finishes");
    // By its accessibility action, not a pointer at last frame's position: the cards may still
    // be settling after the run came in, moving the tabs under a pointer.
    harness.get_by_label("Sensitivity").click_accesskit();
    harness.run();
    assert_eq!(harness.state().tab(), outage_cost::app::ChartTab::Sensitivity);
    assert!(
        wait_until(&mut harness, |h| h.query_all_by_label("What drives the spread (Monte Carlo)").next().is_some()),
        "the drivers appear beside the tornado"
    );
    harness.get_by_label_contains("share of the variance: squared rank correlation");
    // The chart names every ranged input with its rank correlation, the largest share first:
    // the fine per hour and the duration drive the cost, the recovery tail does not.
    let drivers = texts(&harness, "Drivers: ");
    assert_eq!(drivers.len(), 1, "{drivers:?}");
    let names: Vec<&str> = drivers[0].trim_start_matches("Drivers: ").split("; ").collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for name in ["Duration", "Recovery tail", "Fine per hour"] {
        assert!(names.iter().any(|n| n.starts_with(&format!("{name}  (ρ "))), "{name} in {names:?}");
    }
    assert!(names[2].starts_with("Recovery tail  (ρ "), "the tail explains least: {names:?}");
    // The tornado is beside it, and the swing can be read for the combined impact too.
    harness.get_by_label("Swing of");
    harness.get_by_role_and_label(Role::Button, "Combined impact").click_accesskit();
    harness.run();
    harness.get_by_label("What drives the spread (Monte Carlo)");
}
