//! Time to threshold (DESIGN §9): the outage duration at which the provider cost crosses the
//! Uptime Institute's $100k and $1M lines (converted with `per_usd`) and any tolerance the user
//! sets: "this outage costs $1M after 38 minutes".
//!
//! The provider cost grows with the duration (a property test holds this), so each crossing is
//! found by bisection on the duration with every other input as entered. With ranges, the P95 of
//! the provider cost at each duration is read from a Monte Carlo run with the duration fixed
//! (common seed, so it too grows with the duration). Edge cases: a cost already above the line at
//! the first moment crosses it "at once" (0 h, e.g. a fixed fine); one still below it after
//! [`MAX_HOURS`] never crosses it. No UI, no I/O.

use std::sync::atomic::AtomicBool;

use serde::Serialize;

use crate::model::uptime::BAND_THRESHOLDS_USD;
use crate::model::{Point, evaluate};
use crate::results::{BAND_SAMPLES, SamplePlan};
use crate::scenario::{Estimate, Field, Scenario};
use crate::sim::{self, Job, Output, percentiles};

/// The longest duration searched: a year of outage.
pub const MAX_HOURS: f64 = 8760.0;

/// Bisection steps as entered: enough to reach the nearest representable duration.
const STEPS: usize = 200;
/// Bisection steps for the P95 (each a Monte Carlo run): to within about half a minute.
const STEPS_P95: usize = 20;

/// A line the provider cost may cross.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    /// "$100k (Uptime)", "$1M (Uptime)", "tolerance".
    pub label: String,
    /// The line in the scenario's currency.
    pub amount: f64,
}

/// Where the provider cost crosses one line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Crossing {
    /// The line.
    pub line: Line,
    /// The duration (hours) at which the provider cost as entered reaches it; `None` if it never
    /// does within [`MAX_HOURS`].
    pub hours: Option<f64>,
    /// The duration at which its P95 reaches it, with ranges.
    pub p95_hours: Option<Option<f64>>,
}

/// The lines to cross: the Uptime lines in the scenario's currency, then the tolerance if any.
#[must_use]
pub fn lines(scenario: &Scenario, tolerance: Option<f64>) -> Vec<Line> {
    let per_usd = scenario.currency.per_usd.nominal();
    let mut out: Vec<Line> = BAND_THRESHOLDS_USD
        .iter()
        .map(|&usd| Line { label: format!("{} (Uptime)", crate::format::money(usd, "USD")), amount: usd * per_usd })
        .collect();
    if let Some(t) = tolerance.filter(|t| t.is_finite() && *t > 0.0) {
        out.push(Line { label: "tolerance".to_owned(), amount: t });
    }
    out
}

/// The smallest duration in `(0, MAX_HOURS]` at which `cost` reaches `amount`, for a `cost` that
/// grows with the duration; `Some(0.0)` if it already does at the first moment.
fn crossing(cost: impl Fn(f64) -> Option<f64>, amount: f64, steps: usize) -> Option<f64> {
    let first = MAX_HOURS * 1e-9;
    if cost(first)? >= amount {
        return Some(0.0);
    }
    if cost(MAX_HOURS)? < amount {
        return None;
    }
    let (mut lo, mut hi) = (first, MAX_HOURS);
    for _ in 0..steps {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        if cost(mid)? >= amount { hi = mid } else { lo = mid }
    }
    Some(hi)
}

/// Where the provider cost crosses each line. `plan` gives the P95 (no run without ranges).
#[must_use]
pub fn time_to_threshold(
    scenario: &Scenario,
    tolerance: Option<f64>,
    plan: SamplePlan,
    cancel: &AtomicBool,
) -> Vec<Crossing> {
    let base = Point::nominal(scenario);
    let as_entered = |d: f64| {
        let mut p = base.clone();
        p.set(Field::DurationHours, d);
        Some(evaluate(&p).provider_cost)
    };
    let count = plan.count.min(BAND_SAMPLES);
    // The draw tables are built once; each duration reuses them.
    let job = (count > 0).then(|| Job::new(scenario));
    let p95 = |d: f64| {
        let at = job.as_ref()?.with_fixed(Field::DurationHours, d).or_else(|| {
            let mut at = scenario.clone();
            at.outage.duration_hours.set(Estimate::Fixed(d)).ok()?;
            Some(Job::new(&at))
        })?;
        // Small runs on the calling thread (starting threads would cost more than they save),
        // keeping every row and counting none into histograms: only the column is read.
        let samples = sim::run_columns(&at, count, plan.seed, cancel)?;
        Some(percentiles(samples.column(Output::ProviderCost), [95.0])[0])
    };
    lines(scenario, tolerance)
        .into_iter()
        .map(|line| {
            let hours = crossing(as_entered, line.amount, STEPS);
            let p95_hours = (count > 0).then(|| crossing(p95, line.amount, STEPS_P95));
            Crossing { line, hours, p95_hours }
        })
        .collect()
}

/// "after 38 min", "at once", "not within a year".
#[must_use]
pub fn when(hours: Option<f64>) -> String {
    match hours {
        Some(h) if h <= 0.0 => "at once".to_owned(),
        Some(h) => format!("after {}", crate::format::hours(h)),
        None => "not within a year".to_owned(),
    }
}

/// "reaches $1M (Uptime) after 38 min (P95: after 20 min)".
#[must_use]
pub fn sentence(c: &Crossing, code: &str) -> String {
    let line = if c.line.label == "tolerance" {
        format!("the tolerance {}", crate::format::money(c.line.amount, code))
    } else {
        c.line.label.clone()
    };
    match c.p95_hours {
        Some(p95) => format!("reaches {line} {} (P95: {})", when(c.hours), when(p95)),
        None => format!("reaches {line} {}", when(c.hours)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::parse;

    #[test]
    fn a_straight_line_crosses_exactly_where_it_should() {
        // P = 1000 + 50 000/h · D (fines), in a currency of 2 per USD: $100k = 200 000 → 3.98 h,
        // $1M = 2 000 000 → 39.98 h, a tolerance of 26 000 → 0.5 h.
        let s = parse("(version: 1, currency: (code: \"XXX\", per_usd: 2), outage: (duration_hours: 1), fines: (fixed: 1000, per_hour: 50000))", "t.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        let c = time_to_threshold(&s, Some(26_000.0), SamplePlan::of(&s, None, None), &AtomicBool::new(false));
        let hours: Vec<f64> = c.iter().map(|c| c.hours.unwrap_or(f64::NAN)).collect();
        for (h, expected) in hours.iter().zip([3.98, 39.98, 0.5]) {
            assert!((h - expected).abs() < 1e-9, "{h} vs {expected}");
        }
        assert!(c.iter().all(|c| c.p95_hours.is_none()));
        assert_eq!(sentence(&c[2], "USD"), "reaches the tolerance $26k after 30 min");
        // A fixed fine above the line: at once; a small cost never crosses.
        let s = parse("(version: 1, outage: (duration_hours: 1), fines: (fixed: 200000))", "t.ron")
            .unwrap_or_else(|e| panic!("{e}"));
        let c = time_to_threshold(&s, None, SamplePlan::of(&s, None, None), &AtomicBool::new(false));
        assert_eq!((c[0].hours, c[1].hours), (Some(0.0), None));
    }

    #[test]
    fn with_ranges_the_p95_crosses_first() {
        let s = parse(
            "(version: 1, outage: (duration_hours: 1), fines: (per_hour: Pert(min: 20000, mode: 50000, max: 200000)), uncertainty: (samples: 2000, seed: 1))",
            "t.ron",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let c = time_to_threshold(&s, None, SamplePlan::of(&s, None, None), &AtomicBool::new(false));
        let (h, p95) = (c[1].hours.unwrap_or(f64::NAN), c[1].p95_hours.flatten().unwrap_or(f64::NAN));
        assert!((h - 20.0).abs() < 1e-9 && p95 < h && p95 > 5.0, "{h} {p95}");
    }
}
