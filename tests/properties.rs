//! Properties of the model over random valid scenarios (DESIGN §7): components sum to the totals,
//! more duration, users or revenue never lowers the cost, and every figure is finite, up to 1e12
//! users.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

use outage_cost::model::{Component, Outcome, Point, Side, evaluate};
use outage_cost::scenario::{Business, Estimate, Field, Input, Scenario, Unit};
use proptest::prelude::*;

/// A value for a field: log-uniform over many orders of magnitude for amounts, uniform in the
/// domain for shares and hours.
fn value_for(field: Field) -> BoxedStrategy<f64> {
    match (field, field.unit()) {
        (Field::DurationHours, _) => (1e-3..2e3_f64).boxed(),
        (Field::PerUsd, _) => (1e-2..1e4_f64).boxed(),
        (Field::DemandFactor, _) => (1e-2..1e2_f64).boxed(),
        (Field::FailureShare | Field::ErrorThreshold, _) => (1e-3..=1.0_f64).boxed(),
        (_, Unit::Share) => (0.0..=1.0_f64).boxed(),
        (_, Unit::ClockHour) => (0.0..23.999_f64).boxed(),
        (_, Unit::HoursPerDay) => (0.0..=24.0_f64).boxed(),
        (Field::ActiveUsers, _) => (0.0..12.0_f64).prop_map(|e| 10f64.powf(e)).boxed(),
        _ => prop_oneof![Just(0.0), (-2.0..9.0_f64).prop_map(|e| 10f64.powf(e))].boxed(),
    }
}

fn scenario_strategy() -> impl Strategy<Value = Scenario> {
    let fields: Vec<BoxedStrategy<f64>> = Field::ALL.iter().map(|&f| value_for(f)).collect();
    let business = (0.0..1e6_f64, 0.0..1e4_f64, 0.0..=1.0_f64, 0.0..=1.0_f64, 0.0..=1.0_f64, 0.0..=1.0_f64);
    let weights = proptest::option::of(proptest::collection::vec(0.0..5.0_f64, 24));
    (fields, proptest::collection::vec(business, 0..3), weights).prop_map(|(values, rows, weights)| {
        let mut s = Scenario::blank();
        for (field, v) in Field::ALL.iter().zip(values) {
            field.set(&mut s, Estimate::Fixed(v)).unwrap_or_else(|e| panic!("{}: {e}", field.path()));
        }
        s.businesses = rows
            .into_iter()
            .map(|(count, sales, d, sub, rec, m)| Business {
                name: "b".into(),
                count: Input::fixed(count),
                sales_per_hour: Input::fixed(sales),
                dependence: Input::fixed(d),
                substitution: Input::fixed(sub),
                share_recovered: Input::fixed(rec),
                loss_share: Input::fixed(m),
            })
            .collect();
        if let Some(w) =
            weights.and_then(|w| outage_cost::scenario::CustomProfile::new(w.into_iter().map(Input::fixed).collect()))
        {
            s.outage.traffic_profile = outage_cost::scenario::TrafficProfile::Custom(w);
        }
        s.sla.tiers = outage_cost::scenario::SlaTiers::Named(outage_cost::scenario::TierSet::AwsEc2);
        s
    })
}

fn all_figures(o: &Outcome) -> Vec<f64> {
    let mut v = vec![
        o.effective_hours,
        o.sla_downtime_minutes,
        o.uptime,
        o.sla_credit_share,
        o.users_affected,
        o.usage_share,
        o.user_hours,
        o.revenue_per_hour,
        o.churn_share,
        o.market_value_hit,
        o.provider_cost,
        o.ecosystem_loss,
        o.combined_impact,
        o.cost_per_hour,
        o.annual_expected_loss,
        o.provider_cost_usd,
    ];
    v.extend(o.components.0);
    v
}

/// `a ≥ b` up to floating-point rounding.
fn not_lower(a: f64, b: f64) -> bool {
    a >= b - 1e-9 * b.abs().max(1.0)
}

proptest! {
    // Failures found once are saved beside this file and re-run first every time.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct("tests/properties.proptest-regressions"))),
        ..ProptestConfig::with_cases(400)
    })]

    #[test]
    fn every_figure_is_finite_and_costs_are_not_negative(s in scenario_strategy()) {
        let o = evaluate(&Point::nominal(&s));
        for x in all_figures(&o) {
            prop_assert!(x.is_finite(), "{x} in {o:?}");
        }
        for (c, v) in o.components.iter() {
            prop_assert!(v >= 0.0, "{} = {v}", c.id());
        }
    }

    #[test]
    fn components_sum_to_the_totals(s in scenario_strategy()) {
        let o = evaluate(&Point::nominal(&s));
        let c = |x: Component| o.components.get(x);
        let provider: f64 = Component::ALL.iter().filter(|x| x.side() == Side::Provider).map(|&x| c(x)).sum();
        let tol = 1e-12 * (o.provider_cost + o.ecosystem_loss).max(1.0);
        prop_assert!((o.provider_cost - provider).abs() <= tol);
        prop_assert!((o.ecosystem_loss - c(Component::BusinessLoss) - c(Component::UserTime)).abs() <= tol);
        let combined = o.provider_cost - c(Component::SlaCredits) - c(Component::Compensation) + o.ecosystem_loss;
        prop_assert!((o.combined_impact - combined).abs() <= tol);
    }

    #[test]
    fn a_longer_outage_never_costs_less(s in scenario_strategy(), factor in 1.0..10.0_f64) {
        let p = Point::nominal(&s);
        let mut longer = p.clone();
        longer.set(Field::DurationHours, p.get(Field::DurationHours) * factor);
        let (a, b) = (evaluate(&p), evaluate(&longer));
        prop_assert!(not_lower(b.provider_cost, a.provider_cost), "{} < {}", b.provider_cost, a.provider_cost);
        prop_assert!(not_lower(b.ecosystem_loss, a.ecosystem_loss));
        prop_assert!(not_lower(b.effective_hours, a.effective_hours));
    }

    #[test]
    fn more_users_or_revenue_never_cost_less(s in scenario_strategy(), factor in 1.0..100.0_f64) {
        let p = Point::nominal(&s);
        let base = evaluate(&p);
        for field in [Field::ActiveUsers, Field::AnnualRevenue] {
            let mut more = p.clone();
            more.set(field, p.get(field) * factor);
            let o = evaluate(&more);
            prop_assert!(not_lower(o.provider_cost, base.provider_cost), "{}", field.path());
            prop_assert!(not_lower(o.combined_impact, base.combined_impact), "{}", field.path());
        }
    }
}

#[test]
fn a_trillion_users_for_a_thousand_hours_stay_finite() {
    let mut s = Scenario::blank();
    for (field, v) in [
        (Field::ActiveUsers, 1e12),
        (Field::UsageHoursPerDay, 24.0),
        (Field::ValuePerUserHour, 1e6),
        (Field::DurationHours, 1e3),
        (Field::RecoveryTailHours, 1e3),
        (Field::PerUser, 1e6),
        (Field::UserUptake, 1.0),
        (Field::ChurnMaxShare, 1.0),
        (Field::ChurnSteepness, 100.0),
        (Field::LifetimeValue, 1e9),
    ] {
        field.set(&mut s, Estimate::Fixed(v)).unwrap();
    }
    let o = evaluate(&Point::nominal(&s));
    assert!(all_figures(&o).iter().all(|x| x.is_finite()), "{o:?}");
    assert!(o.provider_cost > 1e20);
}
