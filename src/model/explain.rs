//! "Explain" for each cost component (DESIGN §2.3): the formula, the numbers that went in and the
//! result, so every figure on screen or in a report can be traced.

use super::component::Component;
use super::evaluation::Evaluation;
use crate::scenario::{BusinessField as B, Field, Unit};

/// One number that went into a component.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The symbol in the formula (`R_h`, `φ`, …).
    pub symbol: &'static str,
    /// What it is.
    pub label: String,
    /// Its value.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
}

/// A component's formula, inputs and result.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The component.
    pub component: Component,
    /// The formula as DESIGN §2.3 writes it.
    pub formula: &'static str,
    /// The numbers that went in.
    pub terms: Vec<Term>,
    /// The component's value.
    pub result: f64,
}

/// Explains one component of an evaluation.
#[must_use]
pub fn explain(component: Component, e: &Evaluation) -> Explanation {
    let terms = match component {
        Component::LostRevenue => vec![
            field(e, "f", Field::DemandFactor),
            derived("R_h", "Revenue per hour (annual / 8760)", e.outcome.revenue_per_hour, Unit::MoneyPerHour),
            field(e, "ρ", Field::ShareDependent),
            field(e, "φ", Field::ShareAffected),
            hours(e),
            field(e, "δ", Field::RevenueShareRecovered),
        ],
        Component::BusinessLoss => business_terms(e),
        Component::UserTime => vec![
            users_affected(e),
            derived("u", "Share of the day on the service", e.outcome.usage_share, Unit::Share),
            hours(e),
            field(e, "V", Field::ValuePerUserHour),
        ],
        Component::Staff => vec![
            field(e, "E", Field::Employees),
            field(e, "W", Field::WorkforceCostPerHour),
            field(e, "p", Field::ProductivityLoss),
            hours(e),
        ],
        Component::Response => vec![
            field(e, "n", Field::Responders),
            field(e, "W_r", Field::ResponderCostPerHour),
            field(e, "D", Field::DurationHours),
            field(e, "T_post", Field::PostIncidentHours),
            field(e, "F", Field::ResponseFixedCost),
        ],
        Component::SlaCredits => vec![
            field(e, "fees", Field::MonthlyFees),
            derived("", "SLA downtime (a(t) ≥ θ)", e.outcome.sla_downtime_minutes, Unit::Minutes),
            derived("U", "Monthly uptime", e.outcome.uptime, Unit::Uptime),
            derived("credit(U)", "Credit share", e.outcome.sla_credit_share, Unit::Share),
        ],
        Component::Compensation => compensation_terms(e),
        Component::Churn => vec![
            users_affected(e),
            field(e, "a", Field::FailureShare),
            derived("c(D)", "Share of affected users lost", e.outcome.churn_share, Unit::Share),
            field(e, "c_max", Field::ChurnMaxShare),
            field(e, "D₅₀", Field::ChurnMidpointHours),
            field(e, "k", Field::ChurnSteepness),
            field(e, "CLV", Field::LifetimeValue),
        ],
        Component::Fines => vec![
            field(e, "fixed", Field::FinesFixed),
            field(e, "per_hour", Field::FinesPerHour),
            field(e, "D", Field::DurationHours),
            field(e, "per_user_affected", Field::FinesPerUserAffected),
            users_affected(e),
        ],
    };
    Explanation { component, formula: component.formula(), terms, result: e.outcome.components.get(component) }
}

fn field(e: &Evaluation, symbol: &'static str, f: Field) -> Term {
    Term { symbol, label: f.label().to_owned(), value: e.point.get(f), unit: f.unit() }
}

fn derived(symbol: &'static str, label: &str, value: f64, unit: Unit) -> Term {
    Term { symbol, label: label.to_owned(), value, unit }
}

fn hours(e: &Evaluation) -> Term {
    derived("H", "Effective outage hours", e.outcome.effective_hours, Unit::Hours)
}

fn users_affected(e: &Evaluation) -> Term {
    derived("N_aff", "Users affected (N·φ)", e.outcome.users_affected, Unit::Count)
}

/// φ, H and each business group's loss per hour.
fn business_terms(e: &Evaluation) -> Vec<Term> {
    let mut terms = vec![field(e, "f", Field::DemandFactor), field(e, "φ", Field::ShareAffected), hours(e)];
    for (row, loss) in e.point.businesses.iter().zip(&e.business_losses) {
        let per_hour = super::evaluate::business_loss_per_hour(row);
        terms.push(derived("M·G·d·(1−s)·(1−δ)·m", &loss.name, per_hour, Unit::MoneyPerHour));
    }
    terms
}

fn compensation_terms(e: &Evaluation) -> Vec<Term> {
    let businesses: f64 = e.point.businesses.iter().map(|row| row[B::Count.index()]).sum();
    vec![
        users_affected(e),
        field(e, "D", Field::DurationHours),
        field(e, "A", Field::CompensationAfterHours),
        field(e, "c_u", Field::PerUser),
        field(e, "c_uh", Field::PerUserPerHour),
        field(e, "q_u", Field::UserUptake),
        derived("ΣM", "Businesses", businesses, Unit::Count),
        field(e, "φ", Field::ShareAffected),
        field(e, "c_b", Field::PerBusiness),
        field(e, "c_bh", Field::PerBusinessPerHour),
        field(e, "q_b", Field::BusinessUptake),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn every_component_explains_its_inputs() {
        let e = Evaluation::of(&Scenario::blank());
        for c in Component::ALL {
            let x = explain(c, &e);
            assert!(!x.terms.is_empty() && !x.formula.is_empty(), "{}", c.id());
            assert_eq!(x.result, e.outcome.components.get(c));
        }
    }
}
