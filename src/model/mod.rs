//! The cost model of DESIGN §2: pure functions from a scenario's inputs to costs. No I/O, no UI.
//!
//! [`Point`] holds the inputs as numbers; [`evaluate`] computes every figure for one point;
//! [`Evaluation`] adds what is shown around the numbers; [`cost_curve`] sweeps the duration.

mod churn;
mod component;
mod curve;
mod evaluate;
mod evaluation;
mod explain;
mod figure;
pub mod hours;
mod point;
pub mod real;
mod timeline;
pub mod uptime;

pub use churn::churn_share;
pub use component::{COMPONENT_COUNT, Component, Components, Side};
pub use curve::{CurvePoint, cost_curve, curve_end_hours};
pub use evaluate::{HOURS_PER_YEAR, Outcome, business_loss_per_hour, business_losses, compensation, evaluate};
pub use evaluation::{BenchmarkInCurrency, BusinessLoss, Evaluation};
pub use explain::{Explanation, Term, explain};
pub use figure::{figure_name, figure_value, term_component, term_value};
pub use hours::Profile;
pub use point::Point;
pub use real::Real;
pub use timeline::{TimelinePoint, effective_hours_by, timeline, timeline_end_hours};
pub use uptime::{BENCHMARKS, Benchmark, Severity, UptimeBand};
