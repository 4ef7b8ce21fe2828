//! The track record (DESIGN §9–§10): every shipped preset lands on its published losses, solving
//! recovers known inputs, and the time to threshold is exact on a straight line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::sync::atomic::AtomicBool;

use common::{assert_close, eval, parse};
use outage_cost::backtest::{self, AGREEMENT};
use outage_cost::model::figure_value;
use outage_cost::results::SamplePlan;
use outage_cost::scenario::{FigureId, presets};
use outage_cost::solve::solve;
use outage_cost::threshold::time_to_threshold;

#[test]
fn every_preset_lands_on_its_published_range_or_says_why_not() {
    let records = backtest::shipped(&AtomicBool::new(false));
    assert!(records.len() >= 10, "only {} presets carry published figures", records.len());
    for r in &records {
        let preset = presets::find(&r.id).unwrap().load().unwrap();
        for c in &r.checks {
            let explained =
                preset.assumptions.iter().any(|a| a.contains("backtest") && a.contains(&c.figure.to_string()));
            assert!(
                c.agrees() || explained,
                "{} {}: model {} against published {}–{} ({:+.1}%): calibrate it within {:.0}% or say why in `assumptions`",
                r.id,
                c.figure,
                c.model,
                c.published.low,
                c.published.high,
                c.error * 100.0,
                AGREEMENT * 100.0
            );
        }
    }
}

#[test]
fn the_backtest_reads_figures_as_every_surface_does() {
    let records = backtest::shipped(&AtomicBool::new(false));
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    for id in [
        "kakao-2022",
        "didi-2023",
        "kddi-2022",
        "kt-2021",
        "rogers-2022",
        "optus-2023",
        "british-airways-2017",
        "southwest-2016",
        "delta-2016",
        "aws-s3-2017",
        "cdk-global-2024",
        "amazon-prime-day-2018",
    ] {
        assert!(ids.contains(&id), "{id} is in the track record");
    }
    // Presets without ranges show the deterministic value; with ranges the Monte Carlo mean.
    let kt = records.iter().find(|r| r.id == "kt-2021").unwrap();
    let s = presets::find("kt-2021").unwrap().load().unwrap();
    let c7 = figure_value(&FigureId::parse("C7").unwrap(), &eval(&s).outcome);
    // KT has ranges elsewhere, so its C7 is a mean of identical draws: the deterministic value.
    assert_close(kt.checks[0].model, c7, 1e-12, "KT C7");
    assert!(kt.is_mean && kt.checks[0].range.is_some());
    // Didi's figure is a sum: C1 + C2.
    let didi = records.iter().find(|r| r.id == "didi-2023").unwrap();
    assert_eq!(didi.checks[0].figure.to_string(), "C1+C2");
}

#[test]
fn solving_recovers_a_known_input_on_several_presets() {
    for (id, field, figure) in [
        ("kakao-2022", "compensation.per_user", "C7"),
        ("kt-2021", "compensation.per_user_per_hour", "C7"),
        ("amazon-prime-day-2018", "outage.demand_factor", "C1"),
        ("optus-2023", "fines.fixed", "C9"),
        ("cdk-global-2024", "businesses[0].count", "C2"),
        ("delta-2016", "revenue.annual_revenue", "P"),
        ("didi-2023", "revenue.share_dependent", "C1+C2"),
    ] {
        let s = presets::find(id).unwrap().load().unwrap();
        let figure = FigureId::parse(figure).unwrap();
        let target = figure_value(&figure, &eval(&s).outcome);
        let sol = solve(&s, field, &figure, target).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_close(sol.value, sol.value_before, 1e-9, &format!("{id} {field}"));
        assert_close(sol.achieved, target, 1e-9, id);
    }
}

#[test]
fn kakaos_compensation_implies_a_per_user_amount() {
    // 27.5B won = 47.5M users · c_u · 1 + 530 000 businesses · 40 000 won · 0.075 → c_u = 545.47 won.
    let s = presets::find("kakao-2022").unwrap().load().unwrap();
    let sol = solve(&s, "compensation.per_user", &FigureId::parse("C7").unwrap(), 27.5e9).unwrap();
    let businesses = (230_000.0 + 300_000.0) * 40_000.0 * 0.075;
    assert_close(sol.value, (27.5e9 - businesses) / 47.5e6, 1e-9, "per user");
}

#[test]
fn the_time_to_threshold_is_exact_on_a_straight_line() {
    // P = 20 000 per hour of outage (response: 10 people at 2 000 an hour); the lines are
    // $100k at 5 h and $1M at 50 h; a tolerance of 13 000 is reached after 39 minutes.
    let s = parse("(version: 1, outage: (duration_hours: 2), response: (responders: 10, cost_per_hour: 2000))");
    let c = time_to_threshold(&s, Some(13_000.0), SamplePlan::of(&s, None, None), &AtomicBool::new(false));
    let hours: Vec<f64> = c.iter().map(|c| c.hours.unwrap()).collect();
    assert_close(hours[0], 5.0, 1e-12, "$100k");
    assert_close(hours[1], 50.0, 1e-12, "$1M");
    assert_close(hours[2], 0.65, 1e-12, "tolerance");
    assert_eq!(outage_cost::threshold::sentence(&c[2], "USD"), "reaches the tolerance $13k after 39 min");
}

#[test]
fn the_report_shows_the_presets_own_published_figures() {
    let s = presets::find("kakao-2022").unwrap().load().unwrap();
    let data = outage_cost::export::ReportData::new(&s, Some(500), None);
    let dir = std::env::temp_dir().join(format!("outage-cost-track-report-{}", std::process::id()));
    outage_cost::export::write_report(&data, &dir, outage_cost::export::Size::new(640, 360).unwrap()).unwrap();
    for file in ["report.html", "report.md"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.contains("Published figures beside the model"), "{file}");
        assert!(text.contains("Compensation (C7)") && text.contains("₩27.5B"), "{file}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
