//! The outage as it unfolds (DESIGN §4, timeline chart): the share of users affected and the cost
//! accrued so far, from the start through the recovery tail.
//!
//! Losses that accrue with effective hours (C1–C4) grow with `H(t)`, the part of `H` reached by
//! time `t`; incident response accrues per responder-hour through the outage and the follow-up;
//! SLA credits, compensation, churn and the fixed fine are settled at restoration, and the
//! per-hour fine accrues during the outage.

use super::component::Component;
use super::evaluate::Outcome;
use super::hours::effective_hours;
use super::point::Point;
use crate::scenario::Field;

/// One moment of the outage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelinePoint {
    /// Hours since the start.
    pub hours: f64,
    /// Share of all users seeing failures: `φ·a(t)`.
    pub share_of_users_failing: f64,
    /// Provider cost accrued by then.
    pub provider_cost: f64,
    /// Ecosystem loss accrued by then.
    pub ecosystem_loss: f64,
}

/// The time the timeline ends: restoration plus five tail time constants (the failing share is
/// then below 1% of its peak), and never before 1.2·D.
#[must_use]
pub fn timeline_end_hours(point: &Point) -> f64 {
    let d = point.get(Field::DurationHours);
    (d + 5.0 * point.get(Field::RecoveryTailHours)).max(d * 1.2)
}

/// `H(t)`: effective hours reached by time `t`.
#[must_use]
pub fn effective_hours_by(point: &Point, t: f64) -> f64 {
    let (a, d, tau) =
        (point.get(Field::FailureShare), point.get(Field::DurationHours), point.get(Field::RecoveryTailHours));
    let start = super::hours::clock_hour(point.get(Field::StartHour));
    let w = point.profile.as_ref();
    if t <= d {
        return effective_hours(a, t, 0.0, start, w);
    }
    let total = effective_hours(a, d, tau, start, w);
    if tau <= 0.0 {
        return total;
    }
    // What remains after t is a tail starting at t with the failing share a(t).
    let a_t = a * (-(t - d) / tau).exp();
    total - effective_hours(a_t, 0.0, tau, (start + t).rem_euclid(24.0), w)
}

/// `points` moments from 0 to [`timeline_end_hours`] for a point and its outcome.
#[must_use]
pub fn timeline(point: &Point, outcome: &Outcome, points: usize) -> Vec<TimelinePoint> {
    let points = points.max(2);
    let end = timeline_end_hours(point);
    let (a, d, tau, phi) = (
        point.get(Field::FailureShare),
        point.get(Field::DurationHours),
        point.get(Field::RecoveryTailHours),
        point.get(Field::ShareAffected),
    );
    let c = |x: Component| outcome.components.get(x);
    let hourly_provider = c(Component::LostRevenue) + c(Component::Staff);
    let hourly_ecosystem = c(Component::BusinessLoss) + c(Component::UserTime);
    let settled =
        c(Component::SlaCredits) + c(Component::Compensation) + c(Component::Churn) + point.get(Field::FinesFixed);
    let responder_rate = point.get(Field::Responders) * point.get(Field::ResponderCostPerHour);
    let response_hours = d + point.get(Field::PostIncidentHours);
    let h_total = outcome.effective_hours;
    (0..points)
        .map(|i| {
            let t = end * i as f64 / (points - 1) as f64;
            let reached = if h_total > 0.0 { (effective_hours_by(point, t) / h_total).clamp(0.0, 1.0) } else { 1.0 };
            let failing = if t < d {
                a
            } else if tau > 0.0 {
                a * (-(t - d) / tau).exp()
            } else {
                0.0
            };
            let provider_cost = hourly_provider * reached
                + point.get(Field::ResponseFixedCost)
                + responder_rate * t.min(response_hours)
                + point.get(Field::FinesPerHour) * t.min(d)
                + if t >= d { settled } else { 0.0 };
            TimelinePoint {
                hours: t,
                share_of_users_failing: phi * failing,
                provider_cost,
                ecosystem_loss: hourly_ecosystem * reached,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evaluate;
    use crate::scenario::{Scenario, presets};

    #[test]
    fn hours_reached_grow_to_the_total() {
        let s =
            presets::find("didi-2023").map(presets::Preset::load).and_then(Result::ok).unwrap_or_else(Scenario::blank);
        let p = Point::nominal(&s);
        let o = evaluate(&p);
        let mut last = 0.0;
        for i in 0..=200 {
            let h = effective_hours_by(&p, 30.0 * f64::from(i) / 200.0);
            assert!(h >= last - 1e-12, "H(t) decreased at step {i}");
            last = h;
        }
        assert!((effective_hours_by(&p, 1e4) - o.effective_hours).abs() < 1e-9 * o.effective_hours);
    }

    #[test]
    fn flat_profile_by_hand() {
        // a = 1, D = 4, τ = 1, flat: H(2) = 2, H(4) = 4, H(5) = 4 + (1 − e^{-1}).
        let mut p = Point::nominal(&Scenario::blank());
        p.set(Field::DurationHours, 4.0);
        p.set(Field::RecoveryTailHours, 1.0);
        assert!((effective_hours_by(&p, 2.0) - 2.0).abs() < 1e-12);
        assert!((effective_hours_by(&p, 4.0) - 4.0).abs() < 1e-12);
        assert!((effective_hours_by(&p, 5.0) - (5.0 - (-1.0_f64).exp())).abs() < 1e-12);
    }

    #[test]
    fn the_timeline_ends_at_the_full_costs() {
        let s =
            presets::find("kakao-2022").map(presets::Preset::load).and_then(Result::ok).unwrap_or_else(Scenario::blank);
        let p = Point::nominal(&s);
        let o = evaluate(&p);
        let t = timeline(&p, &o, 400);
        let last = t[t.len() - 1];
        // After five time constants 99.3% of the tail has passed.
        assert!((last.provider_cost - o.provider_cost).abs() < 0.01 * o.provider_cost);
        assert!((last.ecosystem_loss - o.ecosystem_loss).abs() < 0.01 * o.ecosystem_loss);
        assert_eq!(t[0].share_of_users_failing, 1.0);
        assert!(t.windows(2).all(|w| w[1].provider_cost >= w[0].provider_cost));
    }
}
