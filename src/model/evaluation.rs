//! A scenario's full deterministic result: the outcome at the nominal point plus everything shown
//! around it (per-business losses, Uptime band, severity, benchmarks). The app, the export and the
//! command line all read this one struct.

use super::evaluate::{Outcome, business_losses, evaluate};
use super::point::Point;
use super::uptime::{BENCHMARKS, Benchmark, Severity, UptimeBand, suggest_severity};
use crate::scenario::{Field, Scenario};

/// C2 of one business group.
#[derive(Clone, Debug, PartialEq)]
pub struct BusinessLoss {
    /// The group's name.
    pub name: String,
    /// Its share of C2.
    pub value: f64,
}

/// A benchmark converted to the scenario's currency.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BenchmarkInCurrency {
    /// The benchmark.
    pub benchmark: Benchmark,
    /// Its cost per hour in the scenario's currency.
    pub per_hour: f64,
}

/// Everything the deterministic model says about a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// The inputs at their nominal values.
    pub point: Point,
    /// Every figure of the model.
    pub outcome: Outcome,
    /// C2 split by business group.
    pub business_losses: Vec<BusinessLoss>,
    /// The Uptime Institute band of the provider cost.
    pub band: UptimeBand,
    /// The suggested severity level.
    pub severity: Severity,
    /// Per-hour benchmarks in the scenario's currency.
    pub benchmarks: Vec<BenchmarkInCurrency>,
}

impl Evaluation {
    /// Evaluates a scenario at its nominal values.
    #[must_use]
    pub fn of(scenario: &Scenario) -> Self {
        let point = Point::nominal(scenario);
        let outcome = evaluate(&point);
        let business_losses = scenario
            .businesses
            .iter()
            .zip(business_losses(&point, &outcome))
            .enumerate()
            .map(|(k, (b, value))| BusinessLoss {
                name: if b.name.trim().is_empty() { format!("Business group {}", k + 1) } else { b.name.clone() },
                value,
            })
            .collect();
        let per_usd = point.get(Field::PerUsd);
        let severity = suggest_severity(
            outcome.provider_cost_usd,
            outcome.users_affected,
            point.get(Field::DurationHours),
            outcome.components.get(super::Component::Fines),
        );
        Self {
            band: UptimeBand::of_usd(outcome.provider_cost_usd),
            severity,
            benchmarks: BENCHMARKS
                .iter()
                .map(|&benchmark| BenchmarkInCurrency { benchmark, per_hour: benchmark.usd_per_hour * per_usd })
                .collect(),
            point,
            outcome,
            business_losses,
        }
    }
}
