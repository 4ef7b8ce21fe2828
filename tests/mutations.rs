//! Damaged scenario files (DESIGN §7 Robustness): the shipped presets with bytes flipped, cut
//! short, numbers swapped for extreme ones, or nested deeply, run through load, evaluation, a small
//! Monte Carlo run and SVG export. Nothing may panic; every failure names its line and column;
//! every success gives finite figures.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

use std::sync::atomic::AtomicBool;

use outage_cost::export::{Chart, ReportData, Size, charts};
use outage_cost::model::Evaluation;
use outage_cost::scenario::{load, presets};
use outage_cost::sim::{self, Job, Output};
use proptest::prelude::*;

/// Extreme or malformed numbers to put where a number stood.
const NUMBERS: [&str; 12] =
    ["1e308", "-1e308", "1e-320", "NaN", "inf", "-inf", "-0", "99999999999999999999999", "0x10", "1e", ".", "-"];

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, xor: u8 },
    Truncate { at: usize },
    Number { nth: usize, with: usize },
    Nest { at: usize, depth: usize },
    Repeat { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255_u8).prop_map(|(at, xor)| Mutation::Flip { at, xor }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 0..NUMBERS.len()).prop_map(|(nth, with)| Mutation::Number { nth, with }),
        (any::<usize>(), 1..300_usize).prop_map(|(at, depth)| Mutation::Nest { at, depth }),
        (any::<usize>(), 1..200_usize).prop_map(|(at, len)| Mutation::Repeat { at, len }),
    ]
}

fn apply(text: &str, m: &Mutation) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let n = bytes.len();
    match *m {
        Mutation::Flip { at, xor } => bytes[at % n] ^= xor,
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::Number { nth, with } => {
            let starts: Vec<usize> =
                (1..n).filter(|&i| bytes[i].is_ascii_digit() && !bytes[i - 1].is_ascii_alphanumeric()).collect();
            if let Some(&start) = starts.get(nth % starts.len().max(1)) {
                let end = (start..n).find(|&i| !(bytes[i].is_ascii_digit() || bytes[i] == b'.')).unwrap_or(n);
                bytes.splice(start..end, NUMBERS[with].bytes());
            }
        }
        Mutation::Nest { at, depth } => {
            let at = at % n;
            let nest: Vec<u8> = "(".repeat(depth).bytes().chain("1".bytes()).chain(")".repeat(depth).bytes()).collect();
            bytes.splice(at..at, nest);
        }
        Mutation::Repeat { at, len } => {
            let at = at % n;
            let slice: Vec<u8> = bytes[at..(at + len).min(n)].to_vec();
            bytes.splice(at..at, slice);
        }
    }
    bytes
}

proptest! {
    // Failures found once are saved beside this file and re-run first every time.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct("tests/mutations.proptest-regressions"))),
        ..ProptestConfig::with_cases(300)
    })]

    #[test]
    fn damaged_presets_fail_cleanly_or_give_finite_figures(which in 0..presets::PRESETS.len(), m in mutation()) {
        let bytes = apply(presets::PRESETS[which].text, &m);
        match load::parse_bytes(&bytes, "damaged.ron") {
            Err(e) => {
                prop_assert!(e.line >= 1 && e.column >= 1, "{e}");
                prop_assert!(!e.message.trim().is_empty(), "{e}");
            }
            Ok(scenario) => {
                let o = Evaluation::of(&scenario).outcome;
                for x in [o.provider_cost, o.ecosystem_loss, o.combined_impact, o.cost_per_hour, o.annual_expected_loss, o.market_value_hit] {
                    prop_assert!(x.is_finite(), "{m:?}: {o:?}");
                }
                let samples = sim::run(&Job::new(&scenario), 64, 1, 1, &AtomicBool::new(false));
                if let Some(s) = &samples {
                    prop_assert!(s.column(Output::ProviderCost).iter().all(|x| x.is_finite()), "{m:?}");
                }
                let data = ReportData::with_samples(&scenario, samples);
                prop_assert!(charts::svg(Chart::CostVsDuration, &data, Size::MIN).is_ok());
            }
        }
    }
}
