//! Any bytes as a scenario file: load and validate, then evaluate, draw a little Monte Carlo and
//! export a chart to SVG. Nothing may panic; a file that loads must give finite figures.
#![no_main]

use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use outage_cost::export::{Chart, ReportData, Size, charts};
use outage_cost::model::Evaluation;
use outage_cost::scenario::load;
use outage_cost::sim::{self, Job, Output};

fuzz_target!(|bytes: &[u8]| {
    let Ok(scenario) = load::parse_bytes(bytes, "fuzz.ron") else { return };
    let o = Evaluation::of(&scenario).outcome;
    assert!(o.provider_cost.is_finite() && o.combined_impact.is_finite() && o.annual_expected_loss.is_finite());
    let samples = sim::run(&Job::new(&scenario), 32, 1, 1, &AtomicBool::new(false));
    if let Some(s) = &samples {
        assert!(s.column(Output::ProviderCost).iter().all(|x| x.is_finite()));
    }
    let data = ReportData::with_samples(&scenario, samples);
    assert!(charts::svg(Chart::CostVsDuration, &data, Size::MIN).is_ok());
});
