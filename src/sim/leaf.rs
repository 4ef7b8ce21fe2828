//! Every numeric input of a scenario as a leaf: where it lives, its estimate and domain, and how
//! to write a value into a [`Point`]. Monte Carlo draws the uncertain leaves; sensitivity swings
//! them all.

use crate::model::{Point, Real};
use crate::scenario::{
    Amount, BusinessField, Domain, Estimate, Field, Kind, Scenario, Share, SlaTiers, TrafficProfile, Unit,
};

/// Where an input lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Leaf {
    /// A scalar field.
    Field(Field),
    /// An input of business group `k`.
    Business(usize, BusinessField),
    /// The custom traffic weight of clock hour `h`.
    Weight(usize),
    /// The `below` of custom SLA tier `i`.
    TierBelow(usize),
    /// The `credit` of custom SLA tier `i`.
    TierCredit(usize),
}

impl Leaf {
    /// The path in a scenario file: `outage.duration_hours`, `businesses[1].dependence`, …
    #[must_use]
    pub fn path(self) -> String {
        match self {
            Leaf::Field(f) => f.path().to_owned(),
            Leaf::Business(k, f) => format!("businesses[{k}].{}", f.path()),
            Leaf::Weight(h) => format!("outage.traffic_profile[{h}]"),
            Leaf::TierBelow(i) => format!("sla.tiers[{i}].below"),
            Leaf::TierCredit(i) => format!("sla.tiers[{i}].credit"),
        }
    }

    /// A label for charts: the field's label, with the business group's name where it has one.
    #[must_use]
    pub fn label(self, scenario: &Scenario) -> String {
        match self {
            Leaf::Field(f) => f.label().to_owned(),
            Leaf::Business(k, f) => {
                let name = scenario.businesses.get(k).map_or("", |b| b.name.as_str());
                if name.is_empty() {
                    format!("{} (group {})", f.label(), k + 1)
                } else {
                    format!("{}: {name}", f.label())
                }
            }
            Leaf::Weight(h) => format!("Traffic weight {h:02}:00"),
            Leaf::TierBelow(i) => format!("SLA tier {} uptime", i + 1),
            Leaf::TierCredit(i) => format!("SLA tier {} credit", i + 1),
        }
    }

    /// What the input measures.
    #[must_use]
    pub fn unit(self) -> Unit {
        match self {
            Leaf::Field(f) => f.unit(),
            Leaf::Business(_, f) => f.unit(),
            Leaf::Weight(_) => Unit::Count,
            Leaf::TierBelow(_) => Unit::Uptime,
            Leaf::TierCredit(_) => Unit::Share,
        }
    }

    /// The values the input allows.
    #[must_use]
    pub fn domain(self) -> Domain {
        match self {
            Leaf::Field(f) => f.domain(),
            Leaf::Business(_, f) => f.domain(),
            Leaf::Weight(_) => Amount::DOMAIN,
            Leaf::TierBelow(_) | Leaf::TierCredit(_) => Share::DOMAIN,
        }
    }

    /// Moves a drawn or swung value into the domain; the start hour wraps around the clock.
    #[must_use]
    pub fn fit(self, v: f64) -> f64 {
        if self == Leaf::Field(Field::StartHour) {
            let wrapped = v.rem_euclid(24.0);
            if wrapped < 24.0 { wrapped } else { 0.0 }
        } else {
            self.domain().clamp(v)
        }
    }

    /// Writes a value into a point. Traffic weights go into `raw_weights`; the caller normalises.
    #[inline(always)]
    pub fn write<T: Real>(self, point: &mut Point<T>, raw_weights: &mut [T; 24], v: T) {
        match self {
            Leaf::Field(f) => point.set(f, v),
            Leaf::Business(k, f) => {
                if let Some(row) = point.businesses.get_mut(k) {
                    row[f.index()] = v;
                }
            }
            Leaf::Weight(h) => raw_weights[h] = v,
            Leaf::TierBelow(i) => {
                if let Some(t) = point.tiers.get_mut(i) {
                    t.0 = v;
                }
            }
            Leaf::TierCredit(i) => {
                if let Some(t) = point.tiers.get_mut(i) {
                    t.1 = v;
                }
            }
        }
    }
}

/// Whether any input is a range Monte Carlo draws, without listing every input (a scenario with
/// 60 000 business groups is asked this every frame).
#[must_use]
pub fn any_uncertain(scenario: &Scenario) -> bool {
    let (before, after) = leaves_around_businesses(scenario);
    before.iter().chain(&after).any(|(_, e)| e.is_uncertain())
        || scenario.businesses.iter().any(|b| BusinessField::ALL.iter().any(|f| f.estimate(b).is_uncertain()))
}

/// Leaves with their estimates.
pub type Leaves = Vec<(Leaf, Estimate)>;

/// Every leaf of a scenario with its estimate, in a fixed order: the scalar fields, then each
/// business group, the custom traffic weights and the custom SLA tiers.
#[must_use]
pub fn leaves(scenario: &Scenario) -> Vec<(Leaf, Estimate)> {
    let (mut out, after) = leaves_around_businesses(scenario);
    for (k, business) in scenario.businesses.iter().enumerate() {
        out.extend(BusinessField::ALL.iter().map(|&f| (Leaf::Business(k, f), *f.estimate(business))));
    }
    out.extend(after);
    out
}

/// The leaves before and after the business groups' in [`leaves`] (the scalar fields; the custom
/// traffic weights and SLA tiers), for walks that treat the groups apart.
#[must_use]
pub fn leaves_around_businesses(scenario: &Scenario) -> (Leaves, Leaves) {
    let before: Vec<(Leaf, Estimate)> = Field::ALL.iter().map(|&f| (Leaf::Field(f), *f.estimate(scenario))).collect();
    let mut after = Vec::new();
    if let TrafficProfile::Custom(custom) = &scenario.outage.traffic_profile {
        after.extend(custom.weights().iter().enumerate().map(|(h, w)| (Leaf::Weight(h), *w.estimate())));
    }
    if let SlaTiers::Custom(tiers) = &scenario.sla.tiers {
        for (i, t) in tiers.iter().enumerate() {
            after.push((Leaf::TierBelow(i), *t.below.estimate()));
            after.push((Leaf::TierCredit(i), *t.credit.estimate()));
        }
    }
    (before, after)
}
