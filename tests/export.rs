//! Charts, reports and CSV (DESIGN §4 Export, §5 `report`): what a person opens must hold what it
//! claims.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::process::Command;

use outage_cost::export::{self, Chart, ReportData, Size, charts};
use outage_cost::model::Component;
use outage_cost::scenario::presets;

fn kakao() -> ReportData {
    ReportData::new(&presets::find("kakao-2022").unwrap().load().unwrap(), Some(2000), Some(1))
}

/// Kakao without Monte Carlo: the duration chart stacks the components as entered.
fn kakao_as_entered() -> ReportData {
    ReportData::new(&presets::find("kakao-2022").unwrap().load().unwrap(), Some(0), Some(1))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("outage-cost-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn svg_charts_hold_their_title_axis_labels_and_legend() {
    let data = kakao();
    let svg = charts::svg(Chart::CostVsDuration, &kakao_as_entered(), Size::SLIDE).unwrap();
    for needle in [
        "Provider cost by outage duration — Kakao data-center fire, October 2022",
        "Outage duration (hours)",
        "Provider cost (KRW)",
        "Lost revenue",
        "Compensation",
        "This outage: 10 h 30 min",
        "Uptime $100k",
        "₩60B",
    ] {
        assert!(svg.contains(needle), "missing {needle:?}");
    }
    let breakdown = charts::svg(Chart::Breakdown, &data, Size::SLIDE).unwrap();
    for c in Component::ALL {
        assert!(breakdown.contains(c.name()), "{}", c.name());
    }
    let tornado = charts::svg(Chart::Tornado, &data, Size::SLIDE).unwrap();
    assert!(tornado.contains("Recovery tail"));
}

#[test]
fn png_charts_have_the_requested_size_and_are_not_blank() {
    for (chart, size) in [(Chart::CostVsDuration, Size::SLIDE), (Chart::Histogram, Size::new(800, 450).unwrap())] {
        let data = if chart == Chart::CostVsDuration { kakao_as_entered() } else { kakao() };
        let bytes = charts::png(chart, &data, size).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), (size.width, size.height));
        let coloured = pixels.chunks(3).filter(|p| p.iter().any(|&c| c < 200)).count();
        assert!(coloured > pixels.len() / 3 / 20, "{}: only {coloured} non-white pixels", chart.name());
    }
}

#[test]
fn the_html_report_names_every_component_source_and_assumption() {
    let data = kakao();
    let dir = temp_dir("html");
    let files = export::write_report(&data, &dir, Size::new(960, 540).unwrap()).unwrap();
    assert!(files.iter().all(|f| f.starts_with(&dir) && f.exists()));
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.trim_end().ends_with("</html>"));
    for c in Component::ALL {
        // Formulas are escaped as HTML text (C7's `[D > A]`).
        let formula = c.formula().replace('>', "&gt;");
        assert!(html.contains(c.name()) && html.contains(&formula), "{}", c.name());
    }
    for source in &data.scenario.sources {
        assert!(html.contains(&source.url.replace('&', "&amp;")), "{}", source.url);
    }
    assert!(html.contains("over $1M") && html.contains("Uptime Institute"));
    assert!(html.contains("<svg"), "charts are inline");
    assert!(!html.contains("src=\"http") && !html.contains("<link"), "nothing loaded from outside");
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains("# Kakao data-center fire") && md.contains("![Cost vs duration](cost-vs-duration.png)"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn csv_files_read_back_to_the_same_numbers() {
    let data = kakao();
    let dir = temp_dir("csv");
    export::write_report(&data, &dir, Size::new(640, 360).unwrap()).unwrap();
    let breakdown = std::fs::read_to_string(dir.join("breakdown.csv")).unwrap();
    let mut lines = breakdown.lines();
    assert_eq!(lines.next(), Some("id,component,side,value,p5,p95,as_entered"));
    for (c, v) in data.evaluation.outcome.components.iter() {
        let line = lines.next().unwrap();
        assert!(line.starts_with(&format!("{},", c.id())), "{line}");
        let cells: Vec<&str> = line.split(',').collect();
        // The value is the figure every surface shows (the mean with ranges); the last column is
        // the component with every input as entered.
        let shown = data.figure(outage_cost::sim::Output::Component(c));
        assert_eq!(cells[3].parse::<f64>().unwrap(), shown.value, "{line}");
        assert_eq!(cells[6].parse::<f64>().unwrap(), v, "{line}");
    }
    let p: f64 = breakdown.lines().find(|l| l.starts_with("P,")).unwrap().split(',').nth(3).unwrap().parse().unwrap();
    assert_eq!(p, data.figure(outage_cost::sim::Output::ProviderCost).value);
    let curve = std::fs::read_to_string(dir.join("curve.csv")).unwrap();
    let rows: Vec<Vec<f64>> =
        curve.lines().skip(1).map(|l| l.split(',').map(|x| x.parse().unwrap()).collect()).collect();
    assert_eq!(rows.len(), data.curve.len());
    assert_eq!(rows[10][0], data.curve[10].duration_hours);
    assert_eq!(rows[10][10], data.curve[10].provider_cost);
    let samples = std::fs::read_to_string(dir.join("samples.csv")).unwrap();
    let header: Vec<&str> = samples.lines().next().unwrap().split(',').collect();
    assert_eq!(header[..3], ["sample", "provider_cost", "ecosystem_loss"]);
    assert_eq!(samples.lines().count(), 2001);
    let first: Vec<f64> = samples.lines().nth(1).unwrap().split(',').map(|x| x.parse().unwrap()).collect();
    let s = data.samples.as_ref().unwrap();
    assert_eq!(first[1], s.column(outage_cost::sim::Output::ProviderCost)[0]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_report_command_works_for_every_shipped_preset() {
    for p in presets::PRESETS {
        let dir = temp_dir(&format!("preset-{}", p.id));
        let out = Command::new(env!("CARGO_BIN_EXE_outage-cost"))
            .args(["report", p.id, "--out", dir.to_str().unwrap(), "--size", "800x450", "--samples", "500"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}: {}", p.id, String::from_utf8_lossy(&out.stderr));
        for name in ["report.html", "report.md", "breakdown.csv", "curve.csv", "cost-vs-duration.png", "tornado.svg"] {
            assert!(dir.join(name).is_file(), "{}: {name}", p.id);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn absurd_sizes_are_refused_with_a_clear_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_outage-cost"))
        .args(["report", "kakao-2022", "--out", "/tmp/never-written", "--size", "0x0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("0×0 is not a chart size: use 320×200 to 8000×8000 pixels"), "{err}");
    assert!(!std::path::Path::new("/tmp/never-written").exists());
}

#[test]
fn the_summary_text_holds_the_headline_figures() {
    let mut scenario = presets::find("didi-2023").unwrap().load().unwrap();
    scenario.uncertainty.samples = 0;
    let text = export::summary_text(&ReportData::new(&scenario, None, None));
    assert!(text.starts_with("Didi ride-hailing outage, November 2023\n"), "{text}");
    for needle in ["Provider cost: ¥252M for a 12 h outage", "Users affected: 30M", "over $1M", "suggested severity 5"]
    {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn pinned_scenarios_add_a_comparison_chart_and_table_to_the_report() {
    use outage_cost::compare::Pinned;
    let load = |id: &str| presets::find(id).unwrap().load().unwrap();
    let (before, after) = (load("cloud-single-region"), load("cloud-two-regions"));
    let pins = vec![Pinned::new(before.title(), &before), Pinned::new(after.title(), &after)];
    let returns = outage_cost::compare::returns(&pins, &[None, None]);
    assert_eq!(returns.len(), 1, "the two-region preset names the single-region one as its baseline");
    let data = ReportData::new(&after, Some(0), None).with_comparison(pins, returns);
    let svg = charts::svg(Chart::Compare, &data, Size::SLIDE).unwrap();
    assert!(
        svg.contains("SaaS on a single cloud region (what-if)") && svg.contains("SaaS on two cloud regions (what-if)")
    );
    let dir = temp_dir("compare");
    export::write_report(&data, &dir, Size::new(640, 360).unwrap()).unwrap();
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    for needle in [
        "<h2>Comparison</h2>",
        "vs first",
        "Return on the mitigation: SaaS on two cloud regions",
        "Payback of the investment",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    assert!(dir.join("compare.png").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// DESIGN §2.5: with ranges the report's headline, cards and breakdown show the Monte Carlo mean,
/// and the breakdown's components add up to the provider cost shown.
#[test]
fn reports_show_the_mean_with_its_range_and_the_parts_add_up() {
    use outage_cost::format::{money, money_exact};
    use outage_cost::sim::Output;
    let data = kakao();
    let code = data.currency().to_owned();
    let p = data.figure(Output::ProviderCost);
    let s = data.summary(Output::ProviderCost).unwrap();
    assert_eq!(p.value, s.mean);
    let summary = export::summary_text(&data);
    assert!(summary.contains(&format!("{} (mean; P5–P95", money(s.mean, &code))), "{summary}");
    assert!(!summary.contains(&money(s.p50, &code)) || money(s.p50, &code) == money(s.mean, &code), "{summary}");
    let parts: f64 = Component::ALL
        .iter()
        .filter(|c| c.side() == outage_cost::model::Side::Provider)
        .map(|&c| data.figure(Output::Component(c)).value)
        .sum();
    assert!((parts - p.value).abs() <= 1e-9 * p.value);
    let dir = temp_dir("mean-report");
    export::write_report(&data, &dir, Size::new(640, 360).unwrap()).unwrap();
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains(&money_exact(p.value, &code)), "the breakdown total is the mean");
    assert!(html.contains("Monte Carlo means"));
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains(&format!("{} (mean; P5–P95", money(p.value, &code))), "{md}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// With ranges the exported cost-vs-duration chart shows the mean curve and its P5–P95 band.
#[test]
fn the_exported_duration_chart_shows_the_mean_and_its_band_with_ranges() {
    let data = kakao();
    assert!(data.band.as_ref().is_some_and(|b| b.len() == outage_cost::results::BAND_POINTS));
    let svg = charts::svg(Chart::CostVsDuration, &data, Size::SLIDE).unwrap();
    assert!(svg.contains("Mean provider cost") && svg.contains("P5–P95"), "band and mean in the legend");
    let mut fixed = presets::find("kakao-2022").unwrap().load().unwrap();
    fixed.uncertainty.samples = 0;
    let plain = ReportData::new(&fixed, Some(0), None);
    let svg = charts::svg(Chart::CostVsDuration, &plain, Size::SLIDE).unwrap();
    assert!(svg.contains("Provider cost") && !svg.contains("Mean provider cost"));
}

#[test]
fn the_report_holds_the_deck_its_notes_and_what_changed_from_the_preset() {
    let mut scenario = presets::find("kakao-2022").unwrap().load().unwrap();
    scenario.outage.duration_hours.set(outage_cost::scenario::Estimate::Fixed(21.0)).unwrap();
    let data = ReportData::new(&scenario, Some(0), Some(1));
    let dir = temp_dir("deck");
    export::write_report(&data, &dir, Size::new(640, 360).unwrap()).unwrap();
    let deck = std::fs::read(dir.join("deck.pdf")).unwrap();
    assert!(deck.starts_with(b"%PDF-"));
    let notes = std::fs::read_to_string(dir.join("notes.md")).unwrap();
    assert!(notes.contains("## 1. Kakao data-center fire, October 2022"), "{notes}");
    assert!(notes.contains("What to do"));
    for report in ["report.md", "report.html"] {
        let text = std::fs::read_to_string(dir.join(report)).unwrap();
        assert!(text.contains("Changed from the preset “kakao-2022”"), "{report}");
        assert!(text.contains("21 h"), "{report}");
    }
    // The bundled CJK font travels inside report.html, for readers without CJK fonts.
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("@font-face { font-family: 'Outage CJK'; src: url(data:font/otf;base64,"));
    std::fs::remove_dir_all(&dir).unwrap();
}
