//! The command line, run as a person runs it: through the built binary.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outage-cost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn eval_prints_the_breakdown() {
    let o = run(&["eval", "tests/data/flat_full_outage.ron"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in [
        "Lost revenue",
        "Business-side loss",
        "Churn",
        "$1,219,268.63",
        "$6,092,268.63",
        "over $1M",
        "Market-value hit (never added to totals)",
        "merchants",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn eval_json_holds_the_validated_scenario_and_every_figure() {
    let o = run(&["eval", "tests/data/payment_wallet_uncertain.ron", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["scenario"]["version"], 1);
    assert_eq!(doc["scenario"]["users"]["share_affected"]["Pert"]["mode"], 0.85);
    assert_eq!(doc["scenario"]["outage"]["duration_hours"]["Range90"]["high"], 8.0);
    let results = &doc["results"];
    let p = results["provider_cost"].as_f64().unwrap();
    assert!((p - 18_107_259.881_937_034).abs() / p < 1e-12);
    assert_eq!(results["components"].as_array().unwrap().len(), 9);
    for key in ["effective_hours", "combined_impact", "annual_expected_loss", "uptime_band", "severity", "benchmarks"] {
        assert!(!results[key].is_null(), "{key}");
    }
}

#[test]
fn eval_accepts_a_preset_id() {
    let o = run(&["eval", "kakao-2022"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Kakao data-center fire"));
}

#[test]
fn validate_passes_every_shipped_preset() {
    let files: Vec<String> =
        outage_cost::scenario::presets::PRESETS.iter().map(|p| format!("presets/{}", p.file_name())).collect();
    let args: Vec<&str> = std::iter::once("validate").chain(files.iter().map(String::as_str)).collect();
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().filter(|l| l.contains(": ok")).count(), files.len());
}

#[test]
fn validate_reports_file_line_column_and_fails() {
    let o = run(&["validate", "presets/didi-2023.ron", "tests/data/bad/share_above_one.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("presets/didi-2023.ron: ok"));
    assert!(
        stderr(&o).contains("tests/data/bad/share_above_one.ron:4:49: users.share_affected: 1.5 is not allowed"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_file_fails_with_its_name() {
    let o = run(&["eval", "no-such-file.ron"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-file.ron: cannot read the file"));
}

#[test]
fn presets_lists_every_incident_with_its_date() {
    let o = run(&["presets"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for (id, date) in [("kakao-2022", "2022-10-15"), ("didi-2023", "2023-11-27"), ("wechat-qq-2023", "2023-03-29")] {
        assert!(text.lines().any(|l| l.starts_with(id) && l.contains(date)), "{id} in\n{text}");
    }
}

#[test]
fn bad_arguments_exit_with_2() {
    assert_eq!(run(&["eval"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate", "x"]).status.code(), Some(2));
}

#[test]
fn compare_prints_the_delta_table_and_the_return_on_the_mitigation() {
    let o = run(&["compare", "cloud-single-region", "cloud-two-regions"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in [
        "Annual expected loss",
        "change vs first",
        "Mitigation: SaaS on two cloud regions",
        "Return on the mitigation",
        "Payback of the investment",
        "Break-even",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let o = run(&["compare", "kakao-2022", "kakao-2022-hot-standby", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["scenarios"].as_array().unwrap().len(), 2);
    let m = &doc["mitigations"][0];
    assert_eq!(m["baseline"], "Kakao data-center fire, October 2022");
    // 460B won over 10 years plus 20B won a year to run: 66B won a year.
    assert_eq!(m["annual_cost"].as_f64().unwrap(), 66e9);
    let (before, after) = (m["ale_before"].as_f64().unwrap(), m["ale_after"].as_f64().unwrap());
    assert!((m["net_benefit"].as_f64().unwrap() - (before - after - 66e9)).abs() < 1.0);
    assert!(m["payback_years"].is_null(), "the standby never pays back on this outage alone");
}

#[test]
fn compare_needs_two_to_four_scenarios() {
    assert_eq!(run(&["compare", "kakao-2022"]).status.code(), Some(2));
    let five = ["compare", "kakao-2022", "kakao-2022", "kakao-2022", "kakao-2022", "kakao-2022"];
    assert_eq!(run(&five).status.code(), Some(2));
}

/// DESIGN §2.5: with ranges, the table and the JSON show the Monte Carlo mean of every money
/// figure, and the components shown add up to the totals shown.
#[test]
fn eval_shows_the_mean_everywhere_when_there_are_ranges() {
    let file = "tests/data/payment_wallet_uncertain.ron";
    let o = run(&["eval", file, "--json", "--samples", "4000", "--seed", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["figures"]["basis"], "monte_carlo_mean");
    let values = &doc["figures"]["values"];
    let mean = |key: &str| doc["monte_carlo"]["summaries"][key]["mean"].as_f64().unwrap();
    let value = |key: &str| values[key]["value"].as_f64().unwrap();
    for key in ["provider_cost", "ecosystem_loss", "combined_impact", "annual_expected_loss", "C1", "C7"] {
        assert_eq!(value(key), mean(key), "{key}");
        assert!(values[key]["p5"].as_f64().unwrap() <= value(key) * 1.000_001 || value(key) == 0.0, "{key}");
    }
    let provider: f64 = ["C1", "C4", "C5", "C6", "C7", "C8", "C9"].iter().map(|k| value(k)).sum();
    assert!((provider - value("provider_cost")).abs() <= 1e-9 * value("provider_cost"));
    assert!((value("C2") + value("C3") - value("ecosystem_loss")).abs() <= 1e-9 * value("ecosystem_loss"));

    let table = stdout(&run(&["eval", file, "--samples", "4000", "--seed", "3"]));
    let shown = outage_cost::format::money_exact(value("provider_cost"), "USD");
    assert!(table.contains(&shown), "the table should show the mean {shown}:\n{table}");
    assert!(table.contains("Monte Carlo means"), "{table}");

    // Without ranges the figures are the deterministic results.
    let fixed = run(&["eval", "tests/data/flat_full_outage.ron", "--json", "--samples", "500"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&fixed)).unwrap();
    assert_eq!(doc["figures"]["basis"], "deterministic");
    assert_eq!(doc["figures"]["values"]["provider_cost"]["value"], doc["results"]["provider_cost"]);
    assert!(doc.get("monte_carlo").is_none());
}

#[test]
fn compare_shows_the_same_means_as_eval_when_there_are_ranges() {
    let file = "tests/data/payment_wallet_uncertain.ron";
    let eval: serde_json::Value = serde_json::from_str(&stdout(&run(&["eval", file, "--json"]))).unwrap();
    let o = run(&["compare", file, "tests/data/flat_full_outage.ron", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["basis"], "monte_carlo_mean");
    let row = |name: &str| doc["rows"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap().clone();
    for (name, key) in [
        ("Provider cost", "provider_cost"),
        ("Combined impact", "combined_impact"),
        ("Annual expected loss", "annual_expected_loss"),
    ] {
        let r = row(name);
        assert_eq!(r["values"][0], eval["figures"]["values"][key]["value"], "{name}");
        assert_eq!(r["ranges"][0]["p95"], eval["figures"]["values"][key]["p95"], "{name}");
        assert!(r["ranges"][1].is_null(), "the second file has no ranges");
    }
    assert!(row("Cost per outage hour (as entered)")["values"][0].is_number());
    let table = stdout(&run(&["compare", file, "tests/data/flat_full_outage.ron"]));
    let mean = eval["figures"]["values"]["provider_cost"]["value"].as_f64().unwrap();
    let shown = outage_cost::format::money(mean, "USD");
    assert!(table.contains("Monte Carlo means") && table.contains(&shown), "{shown} in\n{table}");
}

#[test]
fn backtest_shows_every_preset_with_a_published_loss_beside_the_model() {
    let o = run(&["backtest"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in ["kakao-2022", "kddi-2022", "cdk-global-2024", "Compensation (C7)", "₩27.5B", "Agrees"] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert!(!text.contains(" NO"), "every preset agrees:\n{text}");
    let o = run(&["backtest", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let presets = doc["presets"].as_array().unwrap();
    assert!(presets.len() >= 10);
    let kakao = presets.iter().find(|p| p["id"] == "kakao-2022").unwrap();
    assert_eq!(kakao["checks"][0]["figure"], "C7");
    assert_eq!(kakao["checks"][0]["published"]["low"], 27.5e9);
    assert!(kakao["checks"][0]["model"].as_f64().unwrap() > 0.0);
}

#[test]
fn solve_finds_the_input_that_meets_a_target() {
    let o =
        run(&["solve", "tests/data/flat_full_outage.ron", "--vary", "compensation.per_user", "--target", "C7=402000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // C7 = 1M · c_u · 0.1 + 10 200 · 0.5 · 50 · 0.4 = 100 000 · c_u + 102 000 → c_u = 3.
    assert!(stdout(&o).contains("compensation.per_user = $3 gives Compensation (C7) = $402k"), "{}", stdout(&o));
    let o = run(&["solve", "kakao-2022", "--vary", "compensation.per_user", "--target", "C7=27.5e9", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let v = doc["solution"]["value"].as_f64().unwrap();
    assert!((v - 545.473_684_210).abs() < 1e-6, "{v}");
    // A target out of reach, a bad figure, an unknown field.
    let o = run(&["solve", "kakao-2022", "--vary", "compensation.user_uptake", "--target", "C7=1e15"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("goes only from"), "{}", stderr(&o));
    let o = run(&["solve", "kakao-2022", "--vary", "compensation.per_user", "--target", "C12=1"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["solve", "kakao-2022", "--vary", "compensation.per_usr", "--target", "C7=1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not an input"), "{}", stderr(&o));
}

#[test]
fn eval_shows_the_time_to_threshold() {
    let o = run(&["eval", "tests/data/flat_full_outage.ron", "--tolerance", "500000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Time to threshold") && text.contains("$1M (Uptime)") && text.contains("tolerance"),
        "{text}"
    );
    let o = run(&["eval", "tests/data/flat_full_outage.ron", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines = doc["time_to_threshold"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert!(lines[1]["hours"].as_f64().unwrap() > 0.0);
}

#[test]
fn risk_prints_the_register_table_and_the_investment_case() {
    let o = run(&["risk", "kakao-register-new-dc", "--years", "20000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in [
        "Kakao with its new data center",
        "20000 simulated years",
        "1-in-20 year (P95)",
        "TVaR 95%",
        "Chance of a year without an outage",
        "kakao-network-misconfiguration",
        "Loss tolerance",
        "Investment against",
        "chance it pays off in a year",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn risk_json_holds_every_figure_and_matches_the_report() {
    let o = run(&["risk", "presets/kakao-register.ron", "--years", "5000", "--seed", "3", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["register"]["kind"], "Register");
    let risk = &doc["risk"];
    assert_eq!(risk["years"], 5000);
    for key in ["mean", "p50", "p90", "p95", "p99", "tvar95"] {
        assert!(risk["loss"][key].as_f64().unwrap() >= 0.0, "{key}");
    }
    for key in ["chance_no_outage", "exceedance", "largest_exceedance", "entries", "tolerance"] {
        assert!(!risk[key].is_null(), "{key}");
    }
    let shares: f64 = risk["entries"].as_array().unwrap().iter().map(|e| e["share_of_mean"].as_f64().unwrap()).sum();
    assert!((shares - 1.0).abs() < 1e-9, "{shares}");
    // The report's per-year CSV gives the same mean.
    let dir = std::env::temp_dir().join(format!("outage-cost-risk-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let r = run(&[
        "report",
        "presets/kakao-register.ron",
        "--out",
        dir.to_str().unwrap(),
        "--seed",
        "3",
        "--size",
        "640x400",
    ]);
    assert!(r.status.success(), "{}", stderr(&r));
    let o = run(&["risk", "presets/kakao-register.ron", "--seed", "3", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let csv = std::fs::read_to_string(dir.join("years.csv")).unwrap();
    let totals: Vec<f64> = csv.lines().skip(1).map(|l| l.split(',').nth(2).unwrap().parse().unwrap()).collect();
    let mean = totals.iter().sum::<f64>() / totals.len() as f64;
    let json_mean = doc["risk"]["loss"]["mean"].as_f64().unwrap();
    assert!((mean - json_mean).abs() <= 1e-9 * json_mean, "{mean} vs {json_mean}");
    for f in ["annual-exceedance.svg", "annual-exceedance.png", "contributions.svg", "report.html", "report.md"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn validate_and_presets_know_registers() {
    let o = run(&[
        "validate",
        "presets/kakao-register.ron",
        "presets/saas-register-two-regions.ron",
        "presets/kakao-2022.ron",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("ok (register: Kakao: the ways the platform can fail)"), "{}", stdout(&o));
    let bad = run(&["validate", "tests/data/bad/register_years_zero.ron"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("register_years_zero.ron:5:12: years:"), "{}", stderr(&bad));
    let p = run(&["presets"]);
    for id in ["kakao-register", "kakao-register-new-dc", "saas-register-one-region", "saas-register-two-regions"] {
        assert!(stdout(&p).contains(id), "{id}");
    }
    let missing = run(&["risk", "no-such-register"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn eval_on_a_register_points_to_risk() {
    let o = run(&["eval", "kakao-register"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("this is a register, not a scenario: run `outage-cost risk FILE`"), "{}", stderr(&o));
}
