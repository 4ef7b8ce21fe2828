//! The JSON of `eval --json`: the validated scenario and every result figure.

use serde_json::{Value, json};

use crate::model::{Evaluation, Outcome};
use crate::scenario::Scenario;

/// `{"scenario": …, "results": …}`.
#[must_use]
pub fn eval_document(scenario: &Scenario) -> Value {
    let e = Evaluation::of(scenario);
    json!({ "scenario": scenario, "results": results(&e) })
}

fn results(e: &Evaluation) -> Value {
    let o: &Outcome = &e.outcome;
    json!({
        "effective_hours": o.effective_hours,
        "sla_downtime_minutes": o.sla_downtime_minutes,
        "uptime": o.uptime,
        "sla_credit_share": o.sla_credit_share,
        "users_affected": o.users_affected,
        "usage_share": o.usage_share,
        "user_hours": o.user_hours,
        "revenue_per_hour": o.revenue_per_hour,
        "churn_share": o.churn_share,
        "components": o.components.iter().map(|(c, v)| json!({
            "id": c.id(), "name": c.name(), "side": format!("{:?}", c.side()).to_lowercase(), "value": v,
        })).collect::<Vec<_>>(),
        "business_losses": e.business_losses.iter().map(|b| json!({"name": b.name, "value": b.value})).collect::<Vec<_>>(),
        "market_value_hit": o.market_value_hit,
        "provider_cost": o.provider_cost,
        "ecosystem_loss": o.ecosystem_loss,
        "combined_impact": o.combined_impact,
        "cost_per_hour": o.cost_per_hour,
        "annual_expected_loss": o.annual_expected_loss,
        "provider_cost_usd": o.provider_cost_usd,
        "uptime_band": e.band.label(),
        "severity": {"level": e.severity.level, "name": e.severity.name(), "reason": e.severity.reason},
        "benchmarks": e.benchmarks.iter().map(|b| json!({
            "label": b.benchmark.label, "usd_per_hour": b.benchmark.usd_per_hour,
            "per_hour": b.per_hour, "source": b.benchmark.source,
        })).collect::<Vec<_>>(),
    })
}
