//! Sensitivity (DESIGN §2.4): each input swung to its low and high with the others at their
//! nominal values; the bars of the tornado chart, sorted by the largest move of the chosen output
//! away from its value as entered, either side (a start time that raises the cost both an hour
//! earlier and an hour later ranks by how far it moves it, not by the difference of its ends).
//!
//! The swings mean something: a range swings to its ends; a plain number ±25%, kept in its domain
//! (a share within [0, 1]); a clock hour ±3 h around the clock; an SLA tier's uptime threshold and
//! credit are contract terms and are not swung.

use super::leaf::{Leaf, leaves};
use crate::model::{Outcome, Point, Profile, evaluate};
use crate::scenario::{Estimate, Field, Scenario};

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
    /// Provider cost and combined impact with every input as entered.
    pub base: (f64, f64),
}

impl Swing {
    /// How far the provider cost moves from its value as entered, the larger of either side.
    #[must_use]
    pub fn provider_swing(&self) -> f64 {
        (self.provider_cost.0 - self.base.0).abs().max((self.provider_cost.1 - self.base.0).abs())
    }

    /// How far the combined impact moves from its value as entered, the larger of either side.
    #[must_use]
    pub fn combined_swing(&self) -> f64 {
        (self.combined_impact.0 - self.base.1).abs().max((self.combined_impact.1 - self.base.1).abs())
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

/// How far the clock hour swings either side when it is a plain number.
pub const HOUR_SWING: f64 = 3.0;

/// What the tornado swings an input to (before fitting into its domain): [`low_high`], but ±3 h
/// for a plain clock hour; `None` for an SLA tier's threshold or credit.
#[must_use]
pub fn swing_of(leaf: Leaf, estimate: &Estimate) -> Option<(f64, f64)> {
    match (leaf, *estimate) {
        (Leaf::TierBelow(_) | Leaf::TierCredit(_), _) => None,
        (Leaf::Field(Field::StartHour), Estimate::Fixed(v)) => Some((v - HOUR_SWING, v + HOUR_SWING)),
        _ => Some(low_high(estimate)),
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
    let base = evaluate(&nominal);
    let mut swings: Vec<Swing> = leaves(scenario)
        .into_iter()
        .filter_map(|(leaf, estimate)| {
            let (lo, hi) = swing_of(leaf, &estimate)?;
            let (low, high) = (at(leaf, lo), at(leaf, hi));
            Some(Swing {
                label: leaf.label(scenario),
                leaf,
                inputs: (leaf.fit(lo), leaf.fit(hi)),
                provider_cost: (low.provider_cost, high.provider_cost),
                combined_impact: (low.combined_impact, high.combined_impact),
                base: (base.provider_cost, base.combined_impact),
            })
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
