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
    let mut p = point.clone();
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
