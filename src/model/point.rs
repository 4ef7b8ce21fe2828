//! A point in input space: one number per input, as the model evaluates it.
//!
//! The deterministic model uses each estimate's nominal value ([`Point::nominal`]); Monte Carlo
//! and sensitivity overwrite some of them. Profile weights are kept normalised to mean 1.

use super::churn::churn_start;
use super::hours::Profile;
use super::real::Real;
use crate::scenario::fields::{BUSINESS_FIELD_COUNT, FIELD_COUNT};
use crate::scenario::{BusinessField, Field, Scenario};

/// Every input of a scenario as a plain number (or, for Monte Carlo, several points side by side:
/// see [`Real`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Point<T = f64> {
    values: [T; FIELD_COUNT],
    /// One row per business group, indexed by [`BusinessField`].
    pub businesses: Vec<[T; BUSINESS_FIELD_COUNT]>,
    /// The traffic profile (weights of mean 1); `None` for a flat profile. Shared by all points.
    pub profile: Option<Profile>,
    /// SLA tiers as `(below, credit)`.
    pub tiers: Vec<(T, T)>,
    /// `L(0)` of the churn curve, kept in step with its midpoint and steepness by [`Point::set`].
    churn_start: T,
}

impl Point {
    /// The nominal point of a scenario.
    #[must_use]
    pub fn nominal(s: &Scenario) -> Self {
        let mut point = Self {
            values: Field::ALL.map(|f| f.estimate(s).nominal()),
            businesses: s.businesses.iter().map(|b| BusinessField::ALL.map(|f| f.estimate(b).nominal())).collect(),
            profile: s.outage.traffic_profile.raw_weights().map(Profile::normalised),
            tiers: s.sla.tiers.nominal(),
            churn_start: 0.0,
        };
        point.update_churn_start();
        point
    }
}

/// Above this many business groups, [`Point::with_businesses_summed`] sums them.
const SUMMED_ABOVE: usize = 64;

impl Point {
    /// The point with a long business list replaced by one group holding the same sums: business
    /// groups enter the model only through the sum of their losses per hour (C2) and the count of
    /// businesses (C7), so every figure is the same up to rounding, and sweeps over one point (the
    /// cost curve, the tornado's scalar inputs) no longer grow with the list. Lists of up to 64
    /// groups are kept as they are.
    #[must_use]
    pub fn with_businesses_summed(&self) -> Self {
        if self.businesses.len() <= SUMMED_ABOVE {
            return self.clone();
        }
        let count: f64 = self.businesses.iter().map(|row| row[BusinessField::Count.index()]).sum();
        let loss_per_hour: f64 = self.businesses.iter().map(super::evaluate::business_loss_per_hour).sum();
        let mut summed = self.without_businesses();
        summed.businesses.push(BusinessField::ALL.map(|f| match f {
            BusinessField::Count => count,
            BusinessField::SalesPerHour if count > 0.0 => loss_per_hour / count,
            BusinessField::Dependence | BusinessField::LossShare => 1.0,
            _ => 0.0,
        }));
        summed
    }
}

impl<T: Real> Point<T> {
    /// The same point in every lane of `T`.
    #[must_use]
    pub fn splat(p: &Point) -> Self {
        Self {
            values: p.values.map(T::splat),
            businesses: p.businesses.iter().map(|row| row.map(T::splat)).collect(),
            profile: p.profile,
            tiers: p.tiers.iter().map(|&(below, credit)| (T::splat(below), T::splat(credit))).collect(),
            churn_start: T::splat(p.churn_start),
        }
    }

    /// The same point with no business groups (without copying them).
    #[must_use]
    pub fn without_businesses(&self) -> Self {
        Self {
            values: self.values,
            businesses: Vec::new(),
            profile: self.profile,
            tiers: self.tiers.clone(),
            churn_start: self.churn_start,
        }
    }

    fn update_churn_start(&mut self) {
        self.churn_start = churn_start(self.get(Field::ChurnMidpointHours), self.get(Field::ChurnSteepness));
    }

    /// `L(0)` of the churn curve (an `exp` saved per evaluation).
    #[must_use]
    pub fn churn_start(&self) -> T {
        self.churn_start
    }

    /// One input's value.
    #[must_use]
    pub fn get(&self, field: Field) -> T {
        self.values[field.index()]
    }

    /// Sets one input's value (the caller keeps it in the field's domain).
    pub fn set(&mut self, field: Field, value: T) {
        self.values[field.index()] = value;
        if matches!(field, Field::ChurnMidpointHours | Field::ChurnSteepness) {
            self.update_churn_start();
        }
    }
}
