//! Sensitivity (DESIGN §2.4): each input swung to its low and high (a range's ends, or ±25% for a
//! plain number, kept in the input's domain) with the others at their nominal values; the bars of
//! the tornado chart, sorted by the swing of the provider cost.
//!
//! The work is linear in the scenario's size: a scalar input is swung in one working point
//! (changed, evaluated, put back: no copy of the business list per input), and a business group's
//! input moves only that group's terms, which are additive over groups (C2, and C7 through the
//! count of businesses), so its swing is the nominal result plus the change of a one-group point.

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
    /// The input's place among the scenario's inputs (ties are shown in this order).
    pub order: usize,
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

/// The most bars a tornado keeps: the app shows 15 and reports 12, so a scenario with thousands
/// of inputs (60 000 business groups) neither labels nor sorts bars no one sees.
pub const MAX_SWINGS: usize = 64;

/// The tornado's bars for every input that moves the chosen output, largest swing first (at most
/// [`MAX_SWINGS`]).
#[must_use]
pub fn tornado(scenario: &Scenario, sort_by: SortBy) -> Vec<Swing> {
    labelled(scenario, largest(&swings(scenario), sort_by))
}

/// The tornado sorted both ways (provider cost, combined impact), computing the swings once.
#[must_use]
pub fn tornado_both(scenario: &Scenario) -> (Vec<Swing>, Vec<Swing>) {
    let all = swings(scenario);
    let by_provider = largest(&all, SortBy::ProviderCost);
    let by_combined = largest(&all, SortBy::CombinedImpact);
    (labelled(scenario, by_provider), labelled(scenario, by_combined))
}

/// The bars that move the chosen output, largest first, at most [`MAX_SWINGS`].
fn largest(swings: &[Swing], sort_by: SortBy) -> Vec<Swing> {
    let key = |s: &Swing| match sort_by {
        SortBy::ProviderCost => s.provider_swing(),
        SortBy::CombinedImpact => s.combined_swing(),
    };
    let mut kept: Vec<&Swing> = swings.iter().filter(|s| key(s) > 0.0).collect();
    // Ties keep leaf order (a stable sort), so the bars do not jump between frames.
    let order = |a: &&Swing, b: &&Swing| key(b).total_cmp(&key(a));
    if kept.len() > MAX_SWINGS {
        kept.select_nth_unstable_by(MAX_SWINGS, order);
        kept.truncate(MAX_SWINGS);
        kept.sort_by_key(|s| s.order);
    }
    kept.sort_by(order);
    kept.into_iter().cloned().collect()
}

fn labelled(scenario: &Scenario, mut swings: Vec<Swing>) -> Vec<Swing> {
    for swing in &mut swings {
        swing.label = swing.leaf.label(scenario);
    }
    swings
}

/// Every input's swing, in leaf order.
fn swings(scenario: &Scenario) -> Vec<Swing> {
    let mut point = Point::nominal(scenario);
    let raw = scenario.outage.traffic_profile.raw_weights().unwrap_or([1.0; 24]);
    let nominal = evaluate(&point);
    // The nominal point with no business groups: one group is put in to swing its inputs.
    let mut single = point.without_businesses();
    let totals = |o: &Outcome| (o.provider_cost, o.combined_impact);
    let mut at = |leaf: Leaf, v: f64| -> (f64, f64) {
        let v = leaf.fit(v);
        let mut weights = raw;
        match leaf {
            Leaf::Business(k, f) => {
                let Some(row) = point.businesses.get(k).copied() else { return totals(&nominal) };
                single.businesses.clear();
                single.businesses.push(row);
                let before = totals(&evaluate(&single));
                Leaf::Business(0, f).write(&mut single, &mut weights, v);
                let after = totals(&evaluate(&single));
                (nominal.provider_cost + (after.0 - before.0), nominal.combined_impact + (after.1 - before.1))
            }
            Leaf::Field(f) => {
                let old = point.get(f);
                point.set(f, v);
                let outcome = totals(&evaluate(&point));
                point.set(f, old);
                outcome
            }
            Leaf::Weight(_) => {
                leaf.write(&mut point, &mut weights, v);
                let old = point.profile.replace(Profile::normalised(weights));
                let outcome = totals(&evaluate(&point));
                point.profile = old;
                outcome
            }
            Leaf::TierBelow(_) | Leaf::TierCredit(_) => {
                let old = point.tiers.clone();
                leaf.write(&mut point, &mut weights, v);
                let outcome = totals(&evaluate(&point));
                point.tiers = old;
                outcome
            }
        }
    };
    leaves(scenario)
        .into_iter()
        .enumerate()
        .map(|(order, (leaf, estimate))| {
            let (lo, hi) = low_high(&estimate);
            let (low, high) = (at(leaf, lo), at(leaf, hi));
            Swing {
                label: String::new(),
                order,
                leaf,
                inputs: (leaf.fit(lo), leaf.fit(hi)),
                provider_cost: (low.0, high.0),
                combined_impact: (low.1, high.1),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An input with its provider costs and combined impacts at its low and high.
    type Bar = (Leaf, (f64, f64), (f64, f64));

    /// The tornado as first written: a fresh copy of the whole point per swing.
    fn brute_force(scenario: &Scenario) -> Vec<Bar> {
        let nominal = Point::nominal(scenario);
        let raw = scenario.outage.traffic_profile.raw_weights().unwrap_or([1.0; 24]);
        leaves(scenario)
            .into_iter()
            .map(|(leaf, estimate)| {
                let at = |v: f64| {
                    let mut point = nominal.clone();
                    let mut weights = raw;
                    leaf.write(&mut point, &mut weights, leaf.fit(v));
                    if matches!(leaf, Leaf::Weight(_)) {
                        point.profile = Some(Profile::normalised(weights));
                    }
                    evaluate(&point)
                };
                let (lo, hi) = low_high(&estimate);
                let (low, high) = (at(lo), at(hi));
                (leaf, (low.provider_cost, high.provider_cost), (low.combined_impact, high.combined_impact))
            })
            .collect()
    }

    #[test]
    fn swinging_in_place_and_by_group_matches_evaluating_every_swing_afresh() {
        for preset in crate::scenario::presets::PRESETS {
            let Ok(scenario) = preset.load() else { panic!("{} loads", preset.id) };
            let fast = swings(&scenario);
            let slow = brute_force(&scenario);
            assert_eq!(fast.len(), slow.len());
            for (f, (leaf, p, c)) in fast.iter().zip(&slow) {
                assert_eq!(f.leaf, *leaf);
                for (a, b) in [
                    (f.provider_cost.0, p.0),
                    (f.provider_cost.1, p.1),
                    (f.combined_impact.0, c.0),
                    (f.combined_impact.1, c.1),
                ] {
                    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{}: {} {a} vs {b}", preset.id, leaf.path());
                }
            }
        }
    }
}
