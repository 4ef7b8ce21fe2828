//! The cost model of DESIGN §2.2–2.3 for one point: every intermediate, component and total.
//!
//! [`evaluate`] is allocation-free and total: any point with inputs in their domains gives finite
//! numbers (a zero duration gives a cost per hour of 0 rather than a division by zero).

use super::churn::churn_share_from;
use super::component::{Component, Components, Side};
use super::hours::{MONTH_MINUTES, effective_hours, sla_downtime_minutes};
use super::point::Point;
use super::real::Real;
use crate::scenario::BusinessField as B;
use crate::scenario::Field::{self, *};

/// Hours in a year, for revenue per hour.
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// Every figure the model computes for one point.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome<T = f64> {
    /// `H`: effective outage hours.
    pub effective_hours: T,
    /// Minutes with at least the SLA threshold of requests failing.
    pub sla_downtime_minutes: T,
    /// `U`: monthly uptime as a fraction.
    pub uptime: T,
    /// `credit(U)`: SLA credit as a share of the monthly fees.
    pub sla_credit_share: T,
    /// `N_aff = N·φ`.
    pub users_affected: T,
    /// `u`: share of the day an average user is on the service.
    pub usage_share: T,
    /// `N_aff·u·H`.
    pub user_hours: T,
    /// `R_h`.
    pub revenue_per_hour: T,
    /// `c(D)`: share of affected users lost.
    pub churn_share: T,
    /// C1–C9.
    pub components: Components<T>,
    /// M: never added to any total.
    pub market_value_hit: T,
    /// `P = C1 + C4 + C5 + C6 + C7 + C8 + C9`.
    pub provider_cost: T,
    /// `Eco = C2 + C3`.
    pub ecosystem_loss: T,
    /// `P − C6 − C7 + Eco`: transfers counted once.
    pub combined_impact: T,
    /// `P / D` (0 for durations under 1e-12 h, too short to divide by).
    pub cost_per_hour: T,
    /// `frequency · P`.
    pub annual_expected_loss: T,
    /// `P` in US dollars.
    pub provider_cost_usd: T,
}

/// C2 of one business row per hour of `φ·H`: `M·G·d·(1−s)·(1−δ)·m`.
#[inline(always)]
#[must_use]
pub fn business_loss_per_hour<T: Real>(row: &[T; 6]) -> T {
    let g = |f: B| row[f.index()];
    let one = T::splat(1.0);
    g(B::Count)
        * g(B::SalesPerHour)
        * g(B::Dependence)
        * (one - g(B::Substitution))
        * (one - g(B::ShareRecovered))
        * g(B::LossShare)
}

/// C2 of one business row, given `φ·H`.
#[inline(always)]
fn business_loss<T: Real>(row: &[T; 6], reach_hours: T) -> T {
    business_loss_per_hour(row) * reach_hours
}

/// C2 per business row, in scenario order (each row's loss times the demand factor `f`).
#[must_use]
pub fn business_losses(p: &Point, outcome: &Outcome) -> Vec<f64> {
    let reach_hours = p.get(ShareAffected) * outcome.effective_hours;
    let demand = p.get(DemandFactor);
    p.businesses.iter().map(|row| demand * business_loss(row, reach_hours)).collect()
}

/// The credit share for a month with `uptime`: the largest credit whose `below` exceeds it.
#[must_use]
#[inline(always)]
pub fn credit_share<T: Real>(tiers: &[(T, T)], uptime: T) -> T {
    tiers.iter().fold(T::splat(0.0), |credit, &(below, tier)| T::select(uptime.lt(below), credit.max(tier), credit))
}

/// C7: `[D > A]·(N_aff·(c_u + c_uh·D)·q_u + B_aff·(c_b + c_bh·D)·q_b)`, with `B_aff = (Σ M_k)·φ`,
/// `user = [c_u, c_uh, q_u]` and `business = [c_b, c_bh, q_b]`. Nothing is paid unless the outage
/// outlasts `after_hours` (`A`; 0 pays for any outage, as every duration is positive).
#[must_use]
#[inline(always)]
pub fn compensation<T: Real>(
    users_affected: T,
    businesses_affected: T,
    duration_hours: T,
    user: [T; 3],
    business: [T; 3],
    after_hours: T,
) -> T {
    let [c_u, c_uh, q_u] = user;
    let [c_b, c_bh, q_b] = business;
    let paid = users_affected * (c_u + c_uh * duration_hours) * q_u
        + businesses_affected * (c_b + c_bh * duration_hours) * q_b;
    T::select(after_hours.lt(duration_hours), paid, T::splat(0.0))
}

/// Below this duration (hours) the cost per hour is 0: `P / D` could overflow.
const MIN_DURATION_FOR_RATE: f64 = 1e-12;

/// Evaluates the model at one point (or at several side by side).
#[must_use]
#[inline(always)]
pub fn evaluate<T: Real>(p: &Point<T>) -> Outcome<T> {
    let v = |f: Field| p.get(f);
    let (zero, one) = (T::splat(0.0), T::splat(1.0));
    let (d, a, tau) = (v(DurationHours), v(FailureShare), v(RecoveryTailHours));
    let phi = v(ShareAffected);
    let h = effective_hours(a, d, tau, v(StartHour).map(super::hours::clock_hour), p.profile.as_ref());
    let minutes = sla_downtime_minutes(a, d, tau, v(ErrorThreshold));
    // An outage longer than the month leaves no uptime, never a negative one.
    let uptime = (one - minutes / T::splat(MONTH_MINUTES)).max(zero);
    let credit = credit_share(&p.tiers, uptime);
    let users_affected = v(ActiveUsers) * phi;
    let usage_share = v(UsageHoursPerDay) / T::splat(24.0);
    let user_hours = users_affected * usage_share * h;
    let revenue_per_hour = v(AnnualRevenue) / T::splat(HOURS_PER_YEAR);
    let churn = churn_share_from(v(ChurnMaxShare), v(ChurnMidpointHours), v(ChurnSteepness), d, p.churn_start());

    let demand = v(DemandFactor);
    let mut c = [zero; super::component::COMPONENT_COUNT];
    c[Component::LostRevenue.index()] =
        demand * revenue_per_hour * v(ShareDependent) * phi * h * (one - v(RevenueShareRecovered));
    let mut business_count = zero;
    for row in &p.businesses {
        c[Component::BusinessLoss.index()] += demand * business_loss(row, phi * h);
        business_count += row[B::Count.index()];
    }
    c[Component::UserTime.index()] = user_hours * v(ValuePerUserHour);
    c[Component::Staff.index()] = v(Employees) * v(WorkforceCostPerHour) * v(ProductivityLoss) * h;
    c[Component::Response.index()] =
        v(Responders) * v(ResponderCostPerHour) * (d + v(PostIncidentHours)) + v(ResponseFixedCost);
    c[Component::SlaCredits.index()] = v(MonthlyFees) * credit;
    c[Component::Compensation.index()] = compensation(
        users_affected,
        business_count * phi,
        d,
        [v(PerUser), v(PerUserPerHour), v(UserUptake)],
        [v(PerBusiness), v(PerBusinessPerHour), v(BusinessUptake)],
        v(CompensationAfterHours),
    );
    c[Component::Churn.index()] = users_affected * a * churn * v(LifetimeValue);
    c[Component::Fines.index()] = v(FinesFixed) + v(FinesPerHour) * d + v(FinesPerUserAffected) * users_affected;
    let components = Components(c);

    let provider_cost = components.side_total(Side::Provider);
    Outcome {
        effective_hours: h,
        sla_downtime_minutes: minutes,
        uptime,
        sla_credit_share: credit,
        users_affected,
        usage_share,
        user_hours,
        revenue_per_hour,
        churn_share: churn,
        components,
        market_value_hit: v(MarketCap) * v(DropShare),
        provider_cost,
        ecosystem_loss: components.side_total(Side::Ecosystem),
        // P − C6 − C7 + Eco, summed without the transfers rather than by subtracting them, so a huge
        // compensation cannot swallow the rest in rounding.
        combined_impact: components.total(|c| !c.is_transfer()),
        // P / D; durations too short to divide by (below 1e-12 h, a few nanoseconds, where P / D
        // could overflow) have no cost per hour, like a zero duration.
        cost_per_hour: T::select(T::splat(MIN_DURATION_FOR_RATE).le(d), provider_cost / d, zero),
        annual_expected_loss: v(FrequencyPerYear) * provider_cost,
        provider_cost_usd: provider_cost / v(PerUsd),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_too_short_to_divide_by_have_no_cost_per_hour() {
        let scenario = crate::scenario::presets::PRESETS[0].load().unwrap_or_else(|e| panic!("{e}"));
        let mut p = Point::nominal(&scenario);
        for (d, positive) in [(1e-320, false), (1e-13, false), (1e-12, true), (0.5, true)] {
            p.set(DurationHours, d);
            let o = evaluate(&p);
            assert!(o.cost_per_hour.is_finite(), "{d}");
            assert_eq!(o.cost_per_hour > 0.0, positive, "{d}: {}", o.cost_per_hour);
        }
    }

    #[test]
    fn the_operators_rules_by_hand() {
        use crate::scenario::{Estimate, Scenario};
        let mut s = Scenario::blank();
        let set = |s: &mut Scenario, f: Field, v: f64| f.set(s, Estimate::Fixed(v)).unwrap_or_else(|e| panic!("{e}"));
        // 1000 users, half affected; 10 per user plus 2 per outage hour, 40% claim; paid past 24 h.
        set(&mut s, ActiveUsers, 1000.0);
        set(&mut s, ShareAffected, 0.5);
        set(&mut s, PerUser, 10.0);
        set(&mut s, PerUserPerHour, 2.0);
        set(&mut s, UserUptake, 0.4);
        set(&mut s, CompensationAfterHours, 24.0);
        // A fine of 3 per affected user; revenue of 8760 a year (1 an hour) on a day of 3× demand.
        set(&mut s, FinesPerUserAffected, 3.0);
        set(&mut s, AnnualRevenue, 8760.0);
        set(&mut s, DemandFactor, 3.0);
        let at = |s: &Scenario, d: f64| {
            let mut p = Point::nominal(s);
            p.set(DurationHours, d);
            evaluate(&p).components
        };
        // D = 24 h is not past 24 h: nothing is paid. D = 30 h: 500 · (10 + 2·30) · 0.4 = 14 000.
        assert_eq!(at(&s, 24.0).get(Component::Compensation), 0.0);
        assert_eq!(at(&s, 30.0).get(Component::Compensation), 14_000.0);
        // C9 = 3 · 500 whatever the duration; C1 = 3 · 1/h · 0.5 · 30 h = 45.
        assert_eq!(at(&s, 30.0).get(Component::Fines), 1500.0);
        assert_eq!(at(&s, 30.0).get(Component::LostRevenue), 45.0);
        // A business group on the same busy day: C2 = 3 · 2 · 5/h · 0.5 · 30 h = 450.
        s.businesses.push(crate::scenario::Business {
            count: crate::scenario::Input::fixed(2.0),
            sales_per_hour: crate::scenario::Input::fixed(5.0),
            ..crate::scenario::Business::default()
        });
        assert_eq!(at(&s, 30.0).get(Component::BusinessLoss), 450.0);
        // 2 businesses · 0.5 · (100 + 10·30) · 1, on top of the users.
        set(&mut s, PerBusiness, 100.0);
        set(&mut s, PerBusinessPerHour, 10.0);
        set(&mut s, BusinessUptake, 1.0);
        assert_eq!(at(&s, 30.0).get(Component::Compensation), 14_000.0 + 400.0);
    }

    #[test]
    fn credit_is_the_largest_applicable_tier() {
        use crate::scenario::TierSet;
        let ec2 = TierSet::AwsEc2.tiers();
        assert_eq!(credit_share(ec2, 0.99995), 0.0);
        assert_eq!(credit_share(ec2, 0.9999), 0.0); // "below" is strict
        assert_eq!(credit_share(ec2, 0.990_283_7), 0.10);
        assert_eq!(credit_share(ec2, 0.985), 0.30);
        assert_eq!(credit_share(ec2, 0.5), 1.00);
        assert_eq!(credit_share(TierSet::GcpCompute.tiers(), 0.5), 0.50);
        assert_eq!(credit_share::<f64>(&[], 0.0), 0.0);
        // Order does not matter.
        assert_eq!(credit_share(&[(0.95, 1.0), (0.9999, 0.1)], 0.9), 1.0);
    }
}
