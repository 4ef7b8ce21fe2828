//! The value of a figure named by id (`C7`, `P`, `"C1+C2"`: DESIGN §3 `published`) in one
//! evaluation, for the backtest and for solving.

use super::component::Component;
use super::evaluate::Outcome;
use super::real::Real;
use crate::scenario::{FigureId, FigureTerm};

/// The component a term names, if it names one.
#[must_use]
pub fn term_component(term: FigureTerm) -> Option<Component> {
    match term {
        FigureTerm::Component(n) => Component::ALL.get(usize::from(n).checked_sub(1)?).copied(),
        _ => None,
    }
}

/// One term's value.
#[must_use]
pub fn term_value<T: Real>(term: FigureTerm, o: &Outcome<T>) -> T {
    match term {
        FigureTerm::Component(_) => term_component(term).map_or(T::splat(0.0), |c| o.components.get(c)),
        FigureTerm::ProviderCost => o.provider_cost,
        FigureTerm::EcosystemLoss => o.ecosystem_loss,
        FigureTerm::CombinedImpact => o.combined_impact,
        FigureTerm::MarketValueHit => o.market_value_hit,
    }
}

/// The figure's value: the sum of its terms.
#[must_use]
pub fn figure_value<T: Real>(id: &FigureId, o: &Outcome<T>) -> T {
    let mut sum = T::splat(0.0);
    for &t in id.terms() {
        sum += term_value(t, o);
    }
    sum
}

/// The figure's name for tables: "Compensation (C7)", "Lost revenue + Business-side loss (C1+C2)".
#[must_use]
pub fn figure_name(id: &FigureId) -> String {
    let names: Vec<&str> = id
        .terms()
        .iter()
        .map(|&t| match t {
            FigureTerm::Component(_) => term_component(t).map_or("?", Component::name),
            FigureTerm::ProviderCost => "Provider cost",
            FigureTerm::EcosystemLoss => "Ecosystem loss",
            FigureTerm::CombinedImpact => "Combined impact",
            FigureTerm::MarketValueHit => "Market-value hit",
        })
        .collect();
    format!("{} ({id})", names.join(" + "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Evaluation;
    use crate::scenario::{Estimate, Field, Scenario};

    #[test]
    fn sums_add_their_terms() {
        let mut s = Scenario::blank();
        let _ = Field::FinesFixed.set(&mut s, Estimate::Fixed(7.0));
        let _ = Field::ResponseFixedCost.set(&mut s, Estimate::Fixed(5.0));
        let o = Evaluation::of(&s).outcome;
        let id = |t: &str| FigureId::parse(t).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(figure_value(&id("C9"), &o), 7.0);
        assert_eq!(figure_value(&id("C5+C9"), &o), 12.0);
        assert_eq!(figure_value(&id("P"), &o), 12.0);
        assert_eq!(figure_name(&id("C5+C9")), "Incident response + Fines (C5+C9)");
    }
}
