//! The cost-vs-duration curve (DESIGN §2.4): the provider cost, stacked by component, for outage
//! durations from 0 to max(24 h, 2·D), every other input at its nominal value.

use super::component::Components;
use super::evaluate::evaluate;
use super::point::Point;
use crate::scenario::Field;

/// The cost at one duration.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurvePoint {
    /// The outage duration `D`.
    pub duration_hours: f64,
    /// C1–C9 at that duration.
    pub components: Components,
    /// `P` at that duration.
    pub provider_cost: f64,
    /// `Eco` at that duration.
    pub ecosystem_loss: f64,
}

/// The longest duration the curve shows for a nominal duration `d`.
#[must_use]
pub fn curve_end_hours(d: f64) -> f64 {
    (2.0 * d).max(24.0)
}

/// `points` evenly spaced durations from 0 to [`curve_end_hours`] (at least 2 points).
#[must_use]
pub fn cost_curve(point: &Point, points: usize) -> Vec<CurvePoint> {
    let points = points.max(2);
    let end = curve_end_hours(point.get(Field::DurationHours));
    let mut p = point.with_businesses_summed();
    (0..points)
        .map(|i| {
            let d = end * i as f64 / (points - 1) as f64;
            p.set(Field::DurationHours, d);
            let o = evaluate(&p);
            CurvePoint {
                duration_hours: d,
                components: o.components,
                provider_cost: o.provider_cost,
                ecosystem_loss: o.ecosystem_loss,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Business, Input, Scenario};

    #[test]
    fn a_long_business_list_summed_gives_the_same_curve() {
        let mut s = Scenario::blank();
        s.compensation.per_business = Input::fixed(3.0);
        s.compensation.business_uptake = Input::fixed(1.0);
        s.businesses = (0..200)
            .map(|k| Business {
                count: Input::fixed(f64::from(k % 7)),
                sales_per_hour: Input::fixed(100.0 + f64::from(k)),
                dependence: Input::fixed(0.5),
                substitution: Input::fixed(0.1),
                ..Business::default()
            })
            .collect();
        let point = Point::nominal(&s);
        let curve = cost_curve(&point, 50);
        let mut p = point.clone();
        for c in &curve {
            p.set(Field::DurationHours, c.duration_hours);
            let o = evaluate(&p);
            for (a, b) in [(c.provider_cost, o.provider_cost), (c.ecosystem_loss, o.ecosystem_loss)] {
                assert!((a - b).abs() <= 1e-12 * b.abs().max(1.0), "{a} vs {b}");
            }
        }
        assert!(curve[10].ecosystem_loss > 0.0 && curve[10].provider_cost > 0.0);
    }
}
