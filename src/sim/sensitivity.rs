//! Sensitivity (DESIGN §2.4): each input swung to its low and high with the others at their
//! nominal values; the bars of the tornado chart, sorted by the largest move of the chosen output
//! away from its value as entered, either side (a start time that raises the cost both an hour
//! earlier and an hour later ranks by how far it moves it, not by the difference of its ends).
//!
//! The swings mean something: a range swings to its ends; a plain number ±25%, kept in its domain
//! (a share within [0, 1]); a clock hour ±3 h around the clock; an SLA tier's uptime threshold and
//! credit are contract terms and are not swung.
//!
//! The work is linear in the scenario's size: a scalar input is swung in one working point
//! (changed, evaluated, put back: no copy of the business list per input), and a business group's
//! input moves the totals linearly through the group's loss per hour (C2) and its count of
//! businesses (C7), with slopes the model gives once from three one-group points, so each group's
//! swing costs a few multiplications.

use super::leaf::{Leaf, leaves_around_businesses};
use crate::model::{Outcome, Point, Profile, business_loss_per_hour, evaluate};
use crate::scenario::{BusinessField, Estimate, Field, Scenario};

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
    /// The input's place among the scenario's inputs (ties are shown in this order).
    pub order: usize,
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

/// The most bars a tornado keeps: the app shows 15 and reports 12, so a scenario with thousands
/// of inputs (60 000 business groups) neither labels nor sorts bars no one sees.
pub const MAX_SWINGS: usize = 64;

/// The tornado's bars for every input that moves the chosen output, largest swing first (at most
/// [`MAX_SWINGS`]).
#[must_use]
pub fn tornado(scenario: &Scenario, sort_by: SortBy) -> Vec<Swing> {
    let (by_provider, by_combined) = tornado_both(scenario);
    match sort_by {
        SortBy::ProviderCost => by_provider,
        SortBy::CombinedImpact => by_combined,
    }
}

/// The tornado sorted both ways (provider cost, combined impact), computing the swings once.
#[must_use]
pub fn tornado_both(scenario: &Scenario) -> (Vec<Swing>, Vec<Swing>) {
    let mut by_provider = Largest::new(SortBy::ProviderCost);
    let mut by_combined = Largest::new(SortBy::CombinedImpact);
    each_swing(scenario, &mut |swing| {
        by_provider.offer(&swing);
        by_combined.offer(&swing);
    });
    (labelled(scenario, by_provider.finish()), labelled(scenario, by_combined.finish()))
}

/// The bars that move one output most, kept while the swings stream by: never more than a few
/// times [`MAX_SWINGS`] at once, whatever the number of inputs.
struct Largest {
    sort_by: SortBy,
    kept: Vec<Swing>,
    /// Once [`MAX_SWINGS`] bars are kept, the smallest of them: a later swing no larger never
    /// makes it (equal swings keep the earlier input).
    floor: f64,
}

impl Largest {
    fn new(sort_by: SortBy) -> Self {
        Self { sort_by, kept: Vec::new(), floor: 0.0 }
    }

    fn key(&self, s: &Swing) -> f64 {
        match self.sort_by {
            SortBy::ProviderCost => s.provider_swing(),
            SortBy::CombinedImpact => s.combined_swing(),
        }
    }

    /// Largest swing first; equal swings in input order, so the bars never jump between frames.
    fn cmp(&self, a: &Swing, b: &Swing) -> std::cmp::Ordering {
        self.key(b).total_cmp(&self.key(a)).then(a.order.cmp(&b.order))
    }

    fn offer(&mut self, swing: &Swing) {
        if self.key(swing) > self.floor {
            self.kept.push(swing.clone());
            if self.kept.len() >= 4 * MAX_SWINGS {
                self.cut();
            }
        }
    }

    fn cut(&mut self) {
        let mut kept = std::mem::take(&mut self.kept);
        if kept.len() > MAX_SWINGS {
            kept.select_nth_unstable_by(MAX_SWINGS, |a, b| self.cmp(a, b));
            kept.truncate(MAX_SWINGS);
            self.floor = kept.iter().map(|s| self.key(s)).fold(f64::INFINITY, f64::min);
        }
        self.kept = kept;
    }

    fn finish(mut self) -> Vec<Swing> {
        self.cut();
        let mut kept = std::mem::take(&mut self.kept);
        kept.sort_by(|a, b| self.cmp(a, b));
        kept
    }
}

fn labelled(scenario: &Scenario, mut swings: Vec<Swing>) -> Vec<Swing> {
    for swing in &mut swings {
        swing.label = swing.leaf.label(scenario);
    }
    swings
}

/// Every input's swing, in leaf order, handed to `take` one at a time (unlabelled).
fn each_swing(scenario: &Scenario, take: &mut dyn FnMut(Swing)) {
    let full = Point::nominal(scenario);
    // Scalar inputs are swung with the business groups summed (the same figures, at a cost that
    // does not grow with the list); a group's own inputs read its row from the full point.
    let mut point = full.with_businesses_summed();
    let raw = scenario.outage.traffic_profile.raw_weights().unwrap_or([1.0; 24]);
    let nominal = evaluate(&point);
    let totals = |o: &Outcome| (o.provider_cost, o.combined_impact);
    let (per_loss, per_count) = group_slopes(&point);
    let mut at = |leaf: Leaf, v: f64| -> (f64, f64) {
        let v = leaf.fit(v);
        let mut weights = raw;
        match leaf {
            Leaf::Business(k, f) => {
                let Some(&row) = full.businesses.get(k) else { return totals(&nominal) };
                let mut swung = row;
                swung[f.index()] = v;
                let loss = business_loss_per_hour(&swung) - business_loss_per_hour(&row);
                let count = swung[BusinessField::Count.index()] - row[BusinessField::Count.index()];
                (
                    nominal.provider_cost + per_loss.0 * loss + per_count.0 * count,
                    nominal.combined_impact + per_loss.1 * loss + per_count.1 * count,
                )
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
    let base = totals(&nominal);
    let mut order = 0;
    let mut swing = |leaf: Leaf, estimate: &Estimate| {
        order += 1;
        let Some((lo, hi)) = swing_of(leaf, estimate) else { return };
        let (low, high) = (at(leaf, lo), at(leaf, hi));
        take(Swing {
            label: String::new(),
            order,
            leaf,
            inputs: (leaf.fit(lo), leaf.fit(hi)),
            provider_cost: (low.0, high.0),
            combined_impact: (low.1, high.1),
            base,
        });
    };
    // The same order as `leaves`, without listing every group's inputs first.
    let (before, after) = leaves_around_businesses(scenario);
    for (leaf, estimate) in &before {
        swing(*leaf, estimate);
    }
    for (k, business) in scenario.businesses.iter().enumerate() {
        for f in BusinessField::ALL {
            swing(Leaf::Business(k, f), f.estimate(business));
        }
    }
    for (leaf, estimate) in &after {
        swing(*leaf, estimate);
    }
}

/// How the totals (provider cost, combined impact) move per unit of a group's loss per hour (C2)
/// and per business counted (C7): a group enters them linearly through these two, so the model
/// gives both slopes from a point without groups and two one-group points.
fn group_slopes(point: &Point) -> ((f64, f64), (f64, f64)) {
    let totals = |o: &Outcome| (o.provider_cost, o.combined_impact);
    let mut single = point.without_businesses();
    let empty = totals(&evaluate(&single));
    let unit = |count: f64, sales: f64| {
        BusinessField::ALL.map(|f| match f {
            BusinessField::Count => count,
            BusinessField::SalesPerHour => sales,
            BusinessField::Dependence | BusinessField::LossShare => 1.0,
            BusinessField::Substitution | BusinessField::ShareRecovered => 0.0,
        })
    };
    // Large units, so the slopes stand far above the rest of the totals and keep their digits.
    let scale = 1e9 * empty.0.abs().max(empty.1.abs()).max(1.0);
    single.businesses.push(unit(scale, 0.0));
    let counted = totals(&evaluate(&single));
    let per_count = ((counted.0 - empty.0) / scale, (counted.1 - empty.1) / scale);
    single.businesses[0] = unit(1.0, scale);
    let lost = totals(&evaluate(&single));
    let per_loss = ((lost.0 - empty.0 - per_count.0) / scale, (lost.1 - empty.1 - per_count.1) / scale);
    (per_loss, per_count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::leaf::leaves;

    /// An input with its provider costs and combined impacts at its low and high.
    type Bar = (Leaf, (f64, f64), (f64, f64));

    /// The tornado as first written: a fresh copy of the whole point per swing.
    fn brute_force(scenario: &Scenario) -> Vec<Bar> {
        let nominal = Point::nominal(scenario);
        let raw = scenario.outage.traffic_profile.raw_weights().unwrap_or([1.0; 24]);
        leaves(scenario)
            .into_iter()
            .filter_map(|(leaf, estimate)| {
                let at = |v: f64| {
                    let mut point = nominal.clone();
                    let mut weights = raw;
                    leaf.write(&mut point, &mut weights, leaf.fit(v));
                    if matches!(leaf, Leaf::Weight(_)) {
                        point.profile = Some(Profile::normalised(weights));
                    }
                    evaluate(&point)
                };
                let (lo, hi) = swing_of(leaf, &estimate)?;
                let (low, high) = (at(lo), at(hi));
                Some((leaf, (low.provider_cost, high.provider_cost), (low.combined_impact, high.combined_impact)))
            })
            .collect()
    }

    /// Kakao with 100 business groups: above the count where groups are summed.
    fn many_groups() -> Scenario {
        let Some(Ok(mut s)) = crate::scenario::presets::find("kakao-2022").map(crate::scenario::presets::Preset::load)
        else {
            panic!("the Kakao preset loads")
        };
        let template = s.businesses[0].clone();
        s.businesses = (0..100)
            .map(|k| crate::scenario::Business {
                count: crate::scenario::Input::fixed(f64::from(k % 9) * 1000.0),
                ..template.clone()
            })
            .collect();
        s
    }

    #[test]
    fn swinging_in_place_and_by_group_matches_evaluating_every_swing_afresh() {
        let scenarios = crate::scenario::presets::PRESETS
            .iter()
            .map(|p| p.load().unwrap_or_else(|e| panic!("{e}")))
            .chain([many_groups()]);
        for scenario in scenarios {
            let mut fast = Vec::new();
            each_swing(&scenario, &mut |s| fast.push(s));
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
                    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{}: {} {a} vs {b}", scenario.name, leaf.path());
                }
            }
        }
    }

    #[test]
    fn a_tornado_keeps_its_largest_bars_labelled() {
        let (provider, combined) = tornado_both(&many_groups());
        assert_eq!(provider.len(), MAX_SWINGS);
        assert!(provider.windows(2).all(|w| w[0].provider_swing() >= w[1].provider_swing()));
        assert!(combined.windows(2).all(|w| w[0].combined_swing() >= w[1].combined_swing()));
        assert!(provider.iter().all(|s| !s.label.is_empty()));
        assert_eq!(provider, tornado(&many_groups(), SortBy::ProviderCost));
    }
}
