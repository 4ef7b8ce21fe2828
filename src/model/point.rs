//! A point in input space: one number per input, as the model evaluates it.
//!
//! The deterministic model uses each estimate's nominal value ([`Point::nominal`]); Monte Carlo
//! and sensitivity overwrite some of them. Profile weights are kept normalised to mean 1.

use crate::scenario::fields::{BUSINESS_FIELD_COUNT, FIELD_COUNT};
use crate::scenario::profile::normalise;
use crate::scenario::{BusinessField, Field, Scenario};

/// Every input of a scenario as a plain number.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    values: [f64; FIELD_COUNT],
    /// One row per business group, indexed by [`BusinessField`].
    pub businesses: Vec<[f64; BUSINESS_FIELD_COUNT]>,
    /// Traffic weights of mean 1; `None` for a flat profile.
    pub weights: Option<[f64; 24]>,
    /// SLA tiers as `(below, credit)`.
    pub tiers: Vec<(f64, f64)>,
}

impl Point {
    /// The nominal point of a scenario.
    #[must_use]
    pub fn nominal(s: &Scenario) -> Self {
        Self {
            values: Field::ALL.map(|f| f.estimate(s).nominal()),
            businesses: s
                .businesses
                .iter()
                .map(|b| BusinessField::ALL.map(|f| f.estimate(b).nominal()))
                .collect(),
            weights: s.outage.traffic_profile.raw_weights().map(normalise),
            tiers: s.sla.tiers.nominal(),
        }
    }

    /// One input's value.
    #[must_use]
    pub fn get(&self, field: Field) -> f64 {
        self.values[field.index()]
    }

    /// Sets one input's value (the caller keeps it in the field's domain).
    pub fn set(&mut self, field: Field, value: f64) {
        self.values[field.index()] = value;
    }

    /// One business input.
    #[must_use]
    pub fn business(&self, k: usize, field: BusinessField) -> f64 {
        self.businesses.get(k).map_or(0.0, |b| b[field.index()])
    }
}
