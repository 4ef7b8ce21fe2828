//! Sensitivity (DESIGN §2.4): each input swung to its low and high (a range's ends, or ±25% for a
//! plain number, kept in the input's domain) with the others at their nominal values; the bars of
//! the tornado chart, sorted by the swing of the provider cost.

use super::leaf::{Leaf, leaves};
use crate::model::{Outcome, Point, Profile, evaluate};
use crate::scenario::{Estimate, Scenario};

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq)]
pub struct Swing {
    /// The input.
    pub leaf: Leaf,
    /// Its label.
    pub label: String,
    /// The input's low and high values.
    pub inputs: (f64, f64),
    /// Provider cost with the input at its low and high.
    pub provider_cost: (f64, f64),
    /// Combined impact with the input at its low and high.
    pub combined_impact: (f64, f64),
}

impl Swing {
    /// How far the provider cost moves.
    #[must_use]
    pub fn provider_swing(&self) -> f64 {
        (self.provider_cost.1 - self.provider_cost.0).abs()
    }

    /// How far the combined impact moves.
    #[must_use]
    pub fn combined_swing(&self) -> f64 {
        (self.combined_impact.1 - self.combined_impact.0).abs()
    }
}

/// An input's low and high: a PERT's min and max, a 90% range's bounds, or ±25% of a number.
#[must_use]
pub fn low_high(estimate: &Estimate) -> (f64, f64) {
    match *estimate {
        Estimate::Fixed(v) => (0.75 * v, 1.25 * v),
        Estimate::Pert(p) => (p.min, p.max),
        Estimate::Range90(r) => (r.low, r.high),
    }
}

/// Which output the bars are sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// The provider cost.
    ProviderCost,
    /// The combined impact.
    CombinedImpact,
}

/// The tornado's bars for every input that moves the chosen output, largest swing first.
#[must_use]
pub fn tornado(scenario: &Scenario, sort_by: SortBy) -> Vec<Swing> {
    let nominal = Point::nominal(scenario);
    let raw = scenario.outage.traffic_profile.raw_weights().unwrap_or([1.0; 24]);
    let at = |leaf: Leaf, v: f64| -> Outcome {
        let mut point = nominal.clone();
        let mut weights = raw;
        leaf.write(&mut point, &mut weights, leaf.fit(v));
        if matches!(leaf, Leaf::Weight(_)) {
            point.profile = Some(Profile::normalised(weights));
        }
        evaluate(&point)
    };
    let mut swings: Vec<Swing> = leaves(scenario)
        .into_iter()
        .map(|(leaf, estimate)| {
            let (lo, hi) = low_high(&estimate);
            let (low, high) = (at(leaf, lo), at(leaf, hi));
            Swing {
                label: leaf.label(scenario),
                leaf,
                inputs: (leaf.fit(lo), leaf.fit(hi)),
                provider_cost: (low.provider_cost, high.provider_cost),
                combined_impact: (low.combined_impact, high.combined_impact),
            }
        })
        .collect();
    let key = |s: &Swing| match sort_by {
        SortBy::ProviderCost => s.provider_swing(),
        SortBy::CombinedImpact => s.combined_swing(),
    };
    swings.retain(|s| key(s) > 0.0);
    swings.sort_by(|a, b| key(b).total_cmp(&key(a)));
    swings
}
