//! The JSON of `eval --json`: the validated scenario and every result figure.

use serde_json::{Value, json};

use crate::compare::{self, Mitigation, Pinned};
use crate::model::{Evaluation, Outcome};
use crate::results::{Figure, summarise};
use crate::scenario::Scenario;
use crate::sim::{self, Output, Samples};

/// `{"scenario": …, "figures": …, "results": …, "monte_carlo": …}`: `figures` holds each money
/// figure as every surface shows it (the Monte Carlo mean with P5–P95 when the scenario has ranges,
/// DESIGN §2.5), `results` every figure with each input as entered, `monte_carlo` (only when it
/// ran) the mean and percentiles of every output.
#[must_use]
pub fn eval_document(scenario: &Scenario, samples: Option<&Samples>) -> Value {
    let e = Evaluation::of(scenario);
    let summaries = samples.map(summarise);
    let figures: serde_json::Map<String, Value> = Output::ALL
        .iter()
        .filter(|&&o| o != Output::EffectiveHours)
        .map(|&o| {
            let f = Figure::of(&e.outcome, summaries.as_ref(), o);
            let (p5, p95) = f.range.map_or((Value::Null, Value::Null), |(lo, hi)| (json!(lo), json!(hi)));
            (o.key().to_owned(), json!({"value": f.value, "p5": p5, "p95": p95}))
        })
        .collect();
    let basis = if summaries.is_some() { "monte_carlo_mean" } else { "deterministic" };
    let mut doc = json!({
        "scenario": scenario,
        "figures": {"basis": basis, "values": figures},
        "results": results(&e),
        "tornado": tornado_rows(scenario),
    });
    if let Some(samples) = samples {
        doc["monte_carlo"] = monte_carlo(samples);
        doc["monte_carlo"]["drivers"] = drivers(scenario, samples);
    }
    doc
}

/// The tornado's bars, largest move of the provider cost first: each input's low and high, and
/// the provider cost and combined impact there.
fn tornado_rows(scenario: &Scenario) -> Value {
    let bars = sim::tornado(scenario, sim::SortBy::ProviderCost);
    Value::Array(
        bars.iter()
            .map(|b| {
                json!({
                    "input": b.leaf.path(),
                    "label": b.label,
                    "low": b.inputs.0,
                    "high": b.inputs.1,
                    "provider_cost": {"low": b.provider_cost.0, "high": b.provider_cost.1, "as_entered": b.base.0},
                    "combined_impact": {"low": b.combined_impact.0, "high": b.combined_impact.1, "as_entered": b.base.1},
                    "swing": b.provider_swing(),
                })
            })
            .collect(),
    )
}

/// What drives the spread: per uncertain input, its rank correlations and shares of variance.
fn drivers(scenario: &Scenario, samples: &Samples) -> Value {
    json!({
        "method": "Spearman rank correlation over the run's first rows; share = squared rank correlation, normalised over the inputs",
        "rows": samples.kept(),
        "inputs": sim::drivers(scenario, samples).iter().map(|d| json!({
            "input": d.leaf.path(),
            "label": d.label,
            "rank_provider_cost": d.provider_rank,
            "rank_combined_impact": d.combined_rank,
            "share_provider_cost": d.provider_share,
            "share_combined_impact": d.combined_share,
        })).collect::<Vec<_>>(),
    })
}

fn monte_carlo(samples: &Samples) -> Value {
    let summaries: serde_json::Map<String, Value> = Output::ALL
        .iter()
        .map(|&o| {
            let s = samples.summary(o);
            (o.key().to_owned(), json!({"mean": s.mean, "p5": s.p5, "p50": s.p50, "p95": s.p95}))
        })
        .collect();
    json!({
        "samples": samples.count,
        "seed": samples.seed,
        "uncertain_inputs": samples.uncertain.iter().map(|l| l.path()).collect::<Vec<_>>(),
        "percentiles": "streamed over every sample: within 0.1% of an exact sort",
        "seconds": samples.elapsed.as_secs_f64(),
        "summaries": summaries,
    })
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

/// `{"currency": …, "scenarios": […], "rows": […], "mitigations": […]}` for `compare --json`.
#[must_use]
pub fn compare_document(pins: &[Pinned], returns: &[Mitigation]) -> Value {
    let (currency, _) = compare::currency(pins);
    let basis = if pins.iter().any(|p| p.summaries.is_some()) { "monte_carlo_mean" } else { "deterministic" };
    json!({
        "currency": currency,
        "basis": basis,
        "scenarios": pins.iter().map(|p| p.label.clone()).collect::<Vec<_>>(),
        "rows": compare::rows(pins).iter().map(|r| json!({
            "name": r.name,
            "values": r.values,
            "ranges": r.ranges.iter().map(|x| x.map(|(p5, p95)| json!({"p5": p5, "p95": p95}))).collect::<Vec<_>>(),
            "deltas": r.deltas().iter().map(|(abs, rel)| json!({"absolute": abs, "relative": rel})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "mitigations": returns.iter().map(|Mitigation { after: i, before, result: r }| json!({
            "scenario": pins[*i].label,
            "baseline": before.label,
            "currency": pins[*i].scenario.currency.code,
            "ale_before": r.ale_before,
            "ale_after": r.ale_after,
            "annual_cost": r.annual_cost,
            "net_benefit": r.net_benefit,
            "roi": r.roi,
            "payback_years": r.payback_years,
            "break_even_annual_budget": r.break_even_annual_budget,
            "break_even_investment": r.break_even_investment,
            "chance_pays_off": r.chance_pays_off,
        })).collect::<Vec<_>>(),
    })
}
