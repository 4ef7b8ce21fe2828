//! Scenario files written by hand from DESIGN §3 alone load, with the documented defaults.

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use common::{eval, parse};
use outage_cost::model::Component;
use outage_cost::scenario::{Estimate, Pert, Range90, SlaTiers, TierSet, TrafficProfile};

#[test]
fn a_minimal_file_needs_only_version_and_duration() {
    let s = parse("(version: 1, outage: (duration_hours: 3))");
    assert_eq!(s.users.share_affected.nominal(), 1.0);
    assert_eq!(s.outage.failure_share.nominal(), 1.0);
    assert_eq!(s.revenue.share_dependent.nominal(), 1.0);
    assert_eq!(s.workforce.productivity_loss.nominal(), 1.0);
    assert_eq!(s.sla.error_threshold.nominal(), 0.05);
    assert_eq!(s.frequency_per_year.nominal(), 1.0);
    assert_eq!(s.currency.per_usd.nominal(), 1.0);
    assert_eq!(s.currency.code, "USD");
    assert_eq!(s.outage.traffic_profile, TrafficProfile::Flat);
    assert_eq!(s.uncertainty.samples, 10_000);
    assert_eq!(s.sla.tiers, SlaTiers::Named(TierSet::None));
    // A missing section costs nothing.
    assert_eq!(eval(&s).outcome.provider_cost, 0.0);
}

#[test]
fn a_hand_written_scenario_with_comments_ranges_and_named_sets_loads() {
    let s = parse(
        r#"
        // A payment wallet, written from DESIGN.md §3.
        Scenario(
            version: 1,
            name: "Wallet",
            currency: (code: "CNY", per_usd: 7.2),
            users: (active_users: 1e6, share_affected: Pert(min: 0.2, mode: 0.5, max: 0.9)),
            outage: (
                duration_hours: Range90(low: 2, high: 8), /* inline comment */
                start_hour: 12,
                traffic_profile: BusinessDay,
            ),
            revenue: (annual_revenue: 8.76e9),
            businesses: [(name: "merchants", count: 1000, sales_per_hour: 100)],
            sla: (monthly_fees: 1e6, tiers: GcpCompute),
        )"#,
    );
    assert_eq!(s.name, "Wallet");
    assert_eq!(*s.users.share_affected.estimate(), Estimate::Pert(Pert { min: 0.2, mode: 0.5, max: 0.9 }));
    assert_eq!(*s.outage.duration_hours.estimate(), Estimate::Range90(Range90 { low: 2.0, high: 8.0 }));
    assert_eq!(s.outage.duration_hours.nominal(), 4.0); // the range's median √(2·8)
    let o = eval(&s).outcome;
    // C1 = 1e6/h · 1 · 0.5 · H · 1, with H = 4 h of business-day traffic at weight 2/0.9375 from 12:00.
    let h = 4.0 * 2.0 / 0.9375;
    assert!((o.effective_hours - h).abs() < 1e-9);
    assert!((o.components.get(Component::LostRevenue) - 1e6 * 0.5 * h).abs() < 1e-3);
    // 4 h down: U = 1 − 240/43200 ≈ 0.99444, below 0.9999 but not below 0.99 → GCP's 10% tier.
    assert_eq!(o.sla_credit_share, 0.10);
}

#[test]
fn tiers_may_be_listed_and_none_is_the_empty_set() {
    let listed = parse("(version: 1, outage: (duration_hours: 1), sla: (tiers: [(below: 0.9999, credit: 0.5)]))");
    assert_eq!(listed.sla.tiers.nominal(), vec![(0.9999, 0.5)]);
    let none = parse("(version: 1, outage: (duration_hours: 1), sla: (tiers: None))");
    assert_eq!(none.sla.tiers, SlaTiers::Named(TierSet::None));
}

#[test]
fn integers_and_floats_are_both_numbers() {
    let s = parse("(version: 1, outage: (duration_hours: 2, start_hour: 23.5), users: (active_users: 1000000))");
    assert_eq!(s.users.active_users.nominal(), 1e6);
}
