//! The track record (DESIGN §10): every shipped preset with `published` figures against them.
//!
//! Each published figure is set beside the model's value of the same figure, read as every
//! surface reads a figure (DESIGN §2.5): the Monte Carlo mean with its P5–P95 when the preset has
//! ranges ([`SamplePlan`]), else the deterministic result. The error is the model's distance from
//! the published range, relative to the nearer end (0 inside it). No UI, no I/O.

use std::sync::atomic::AtomicBool;

use serde::Serialize;

use crate::format::money;
use crate::model::{Evaluation, Outcome, figure_name, figure_value, term_component};
use crate::results::SamplePlan;
use crate::scenario::{FigureId, FigureTerm, Published, Scenario, presets};
use crate::sim::{Output, Samples, Summary};

/// How far (relative) the model may sit from a published range and still agree with it.
pub const AGREEMENT: f64 = 0.10;

/// One published figure beside the model's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    /// The figure's id (`C7`, `C1+C2`).
    pub figure: FigureId,
    /// Its name ("Compensation (C7)").
    pub name: String,
    /// The published figure: range, source, note.
    pub published: Published,
    /// The model's value: the Monte Carlo mean with ranges, else the deterministic result.
    pub model: f64,
    /// The model's P5 and P95, with ranges.
    pub range: Option<(f64, f64)>,
    /// The model's distance from the published range, relative to its nearer end (0 inside it;
    /// positive above, negative below).
    pub error: f64,
    /// Whether the published range meets the model's P5–P95 (or holds its value, without ranges).
    pub overlaps: bool,
}

impl Check {
    /// Whether the model agrees with the published range: within [`AGREEMENT`] of it.
    #[must_use]
    pub fn agrees(&self) -> bool {
        self.error.abs() <= AGREEMENT
    }

    /// The error for people: "inside", "+3.2%", "−12.0%", or "above" when the published range is
    /// 0 (no percentage of nothing).
    #[must_use]
    pub fn error_text(&self) -> String {
        if self.error == 0.0 {
            "inside".to_owned()
        } else if self.error.is_finite() {
            format!("{:+.1}%", self.error * 100.0)
        } else {
            "above".to_owned()
        }
    }

    /// The published range: "₩27.5B", or "$54M–$82M".
    #[must_use]
    pub fn published_text(&self, code: &str) -> String {
        let (low, high) = (self.published.low, self.published.high);
        if low == high { money(low, code) } else { format!("{}–{}", money(low, code), money(high, code)) }
    }

    /// The model's P5–P95, or "—" without ranges.
    #[must_use]
    pub fn range_text(&self, code: &str) -> String {
        self.range.map_or_else(|| "—".to_owned(), |(lo, hi)| format!("{}–{}", money(lo, code), money(hi, code)))
    }
}

/// One preset's published figures beside the model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    /// The preset's id (`kakao-2022`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its currency code.
    pub currency: String,
    /// Its currency per US dollar (to set presets side by side).
    pub per_usd: f64,
    /// Whether the model's values are Monte Carlo means.
    pub is_mean: bool,
    /// One check per published figure, in file order.
    pub checks: Vec<Check>,
}

/// The Monte Carlo column of one term.
fn term_output(term: FigureTerm) -> Output {
    match term {
        FigureTerm::Component(_) => term_component(term).map_or(Output::ProviderCost, Output::Component),
        FigureTerm::ProviderCost => Output::ProviderCost,
        FigureTerm::EcosystemLoss => Output::EcosystemLoss,
        FigureTerm::CombinedImpact => Output::CombinedImpact,
        FigureTerm::MarketValueHit => Output::MarketValueHit,
    }
}

/// A figure's value in every Monte Carlo draw: the sum of its terms' columns.
#[must_use]
pub fn figure_column(id: &FigureId, samples: &Samples) -> Vec<f64> {
    let mut sum = vec![0.0; samples.column(Output::ProviderCost).len()];
    for &t in id.terms() {
        for (s, v) in sum.iter_mut().zip(samples.column(term_output(t))) {
            *s += v;
        }
    }
    sum
}

/// The model's value of a figure and its P5–P95: from the draws when there are any, else from
/// the deterministic outcome.
#[must_use]
pub fn model_figure(id: &FigureId, outcome: &Outcome, samples: Option<&Samples>) -> (f64, Option<(f64, f64)>) {
    match samples {
        Some(samples) => {
            let s = Summary::of(&figure_column(id, samples));
            (s.mean, Some((s.p5, s.p95)))
        }
        None => (figure_value(id, outcome), None),
    }
}

/// The model's distance from `[low, high]`, relative to the nearer end (0 inside).
#[must_use]
pub fn relative_error(model: f64, low: f64, high: f64) -> f64 {
    if model < low {
        (model - low) / low
    } else if model > high {
        if high > 0.0 { (model - high) / high } else { f64::INFINITY }
    } else {
        0.0
    }
}

/// Checks one scenario's published figures, with its Monte Carlo draws when it has ranges.
#[must_use]
pub fn check(scenario: &Scenario, samples: Option<&Samples>) -> Vec<Check> {
    let outcome = Evaluation::of(scenario).outcome;
    scenario
        .published
        .iter()
        .map(|p| {
            let (model, range) = model_figure(&p.figure, &outcome, samples);
            let (lo, hi) = range.unwrap_or((model, model));
            Check {
                figure: p.figure.clone(),
                name: figure_name(&p.figure),
                published: p.clone(),
                model,
                range,
                error: relative_error(model, p.low, p.high),
                overlaps: lo <= p.high && p.low <= hi,
            }
        })
        .collect()
}

/// One scenario's record, running its sample plan (the scenario's own samples and seed).
#[must_use]
pub fn record(id: &str, scenario: &Scenario, cancel: &AtomicBool) -> Record {
    let samples = SamplePlan::of(scenario, None, None).run(scenario, cancel);
    Record {
        id: id.to_owned(),
        title: scenario.title().to_owned(),
        currency: scenario.currency.code.clone(),
        per_usd: scenario.currency.per_usd.nominal(),
        is_mean: samples.is_some(),
        checks: check(scenario, samples.as_ref()),
    }
}

/// Every shipped preset with published figures, in the presets' order. A preset that fails to
/// load is left out (the preset tests hold every one to load).
#[must_use]
pub fn shipped(cancel: &AtomicBool) -> Vec<Record> {
    presets::PRESETS
        .iter()
        .filter_map(|p| Some((p.id, p.load().ok()?)))
        .filter(|(_, s)| !s.published.is_empty())
        .map(|(id, s)| record(id, &s, cancel))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_is_the_distance_from_the_nearer_end() {
        assert_eq!(relative_error(5.0, 4.0, 6.0), 0.0);
        assert!((relative_error(3.0, 4.0, 6.0) + 0.25).abs() < 1e-12);
        assert!((relative_error(9.0, 4.0, 6.0) - 0.5).abs() < 1e-12);
        assert_eq!(relative_error(1.0, 0.0, 0.0), f64::INFINITY);
        let text = r#"(version: 1, outage: (duration_hours: 2), fines: (fixed: 100), published: [(figure: "C9", low: 0, high: 0)])"#;
        let s = crate::scenario::load::parse(text, "t.ron").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check(&s, None)[0].error_text(), "above");
    }

    #[test]
    fn a_deterministic_scenario_is_checked_against_its_own_published_range() {
        let text = r#"(version: 1, outage: (duration_hours: 2), fines: (fixed: 100, per_hour: 10),
            published: [(figure: "C9", low: 110, high: 130), (figure: "C9+C5", low: 200, high: 300)])"#;
        let s = crate::scenario::load::parse(text, "t.ron").unwrap_or_else(|e| panic!("{e}"));
        let checks = check(&s, None);
        assert_eq!(checks.len(), 2);
        assert_eq!((checks[0].model, checks[0].error, checks[0].overlaps), (120.0, 0.0, true));
        assert!(checks[0].agrees());
        assert!((checks[1].error + 0.4).abs() < 1e-12 && !checks[1].overlaps && !checks[1].agrees());
        assert_eq!(checks[1].name, "Fines + Incident response (C9+C5)");
    }
}
