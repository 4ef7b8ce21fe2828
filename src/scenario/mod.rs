//! The scenario: the document an analyst writes, saves and loads (DESIGN §3).
//!
//! A scenario is read from RON once ([`load`]) into these types, whose inputs carry their domains
//! ([`Input`]); the rest of the program sees only checked data. Sections a scenario does not need
//! may be left out of a file: shares that scale a loss the user entered default to 1, the SLA
//! error threshold to 0.05, the frequency and the currency rate to 1, the profile to flat, Monte
//! Carlo to 10 000 samples with seed 0, and every other number to 0, so a missing section costs
//! nothing. Only `version` and `outage.duration_hours` are required.

mod estimate;
pub mod fields;
pub mod load;
pub mod presets;
pub mod profile;
pub mod published;
pub mod save;
pub mod shared;
pub mod sla;
mod version;

use serde::{Deserialize, Serialize};

pub use estimate::{
    Amount, ClockHour, CurrencyRate, DayHours, Domain, Estimate, Input, Kind, Pert, Positive, PositiveShare, Range90,
    Share,
};
pub use fields::{BusinessField, Field, Unit};
pub use load::{LoadError, ScenarioError};
pub use profile::{CustomProfile, TrafficProfile};
pub use published::{FigureId, FigureTerm, Published};
pub use shared::Shared;
pub use sla::{SlaTiers, Tier, TierSet};
pub use version::FormatVersion;

/// One outage scenario: the inputs of the cost model and where their figures come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// File format version; files newer than this build are refused.
    pub version: FormatVersion,
    /// Short title ("Kakao data-center fire, October 2022").
    #[serde(default)]
    pub name: String,
    /// What happened, in a few sentences.
    #[serde(default)]
    pub description: String,
    /// The currency of every amount, and its rate to the US dollar.
    #[serde(default)]
    pub currency: Currency,
    /// Where the figures come from.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Assumptions made where no figure was published, one per entry.
    #[serde(default)]
    pub assumptions: Vec<String>,
    /// Losses the incident's owner or analysts published, which the model is checked against
    /// (`outage-cost backtest`); left out when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<Published>,
    /// Who uses the service (§2.2).
    #[serde(default)]
    pub users: Users,
    /// The outage over time (§2.1).
    pub outage: Outage,
    /// The provider's revenue (C1).
    #[serde(default)]
    pub revenue: Revenue,
    /// Businesses that depend on the service (C2), shared between versions of the scenario.
    #[serde(default)]
    pub businesses: Shared<Vec<Business>>,
    /// The provider's own staff (C4).
    #[serde(default)]
    pub workforce: Workforce,
    /// Incident response (C5).
    #[serde(default)]
    pub response: Response,
    /// Service-level agreement credits (C6).
    #[serde(default)]
    pub sla: Sla,
    /// Compensation paid (C7).
    #[serde(default)]
    pub compensation: Compensation,
    /// Customers lost (C8).
    #[serde(default)]
    pub churn: Churn,
    /// Regulatory fines (C9).
    #[serde(default)]
    pub fines: Fines,
    /// Market-value hit (M, never added to totals).
    #[serde(default)]
    pub market: Market,
    /// How often such an outage happens, per year.
    #[serde(default = "one")]
    pub frequency_per_year: Input<Amount>,
    /// Monte Carlo settings.
    #[serde(default)]
    pub uncertainty: Uncertainty,
    /// What this scenario mitigates, compared with a baseline (left out when unused).
    #[serde(default, skip_serializing_if = "Mitigation::is_unused")]
    pub mitigation: Mitigation,
    /// Rank correlations between ranged inputs (left out when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub correlations: Vec<Correlation>,
}

/// A rank (Spearman) correlation between two ranged inputs, named by field path
/// (`outage.duration_hours`, `businesses[0].dependence`); checked when the scenario is loaded
/// (`sim::correlation::check`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// One input's field path.
    pub a: String,
    /// The other's.
    pub b: String,
    /// The rank correlation, from −1 to 1.
    pub rank: f64,
}

fn one<K: Kind>() -> Input<K> {
    Input::fixed(1.0)
}

/// The scenario's currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Currency {
    /// ISO code, e.g. `USD`, `CNY`, `KRW`.
    pub code: String,
    /// Units of this currency per US dollar.
    pub per_usd: Input<CurrencyRate>,
}

impl Default for Currency {
    fn default() -> Self {
        Self { code: "USD".to_owned(), per_usd: one() }
    }
}

/// A source of a figure.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Source {
    /// Which figure it supports and who published it.
    pub label: String,
    /// Where to read it.
    pub url: String,
}

/// Users of the service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Users {
    /// `N`: active users.
    pub active_users: Input<Amount>,
    /// `φ`: the outage's footprint, the share of users (and of revenue) it reaches.
    pub share_affected: Input<Share>,
    /// Hours an average user spends on the service per day (`u` = this / 24).
    pub usage_hours_per_day: Input<DayHours>,
    /// `V`: the value of one user-hour lost (0 leaves user time out).
    pub value_per_user_hour: Input<Amount>,
}

impl Default for Users {
    fn default() -> Self {
        Self {
            active_users: Input::default(),
            share_affected: one(),
            usage_hours_per_day: Input::default(),
            value_per_user_hour: Input::default(),
        }
    }
}

/// The outage over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    /// Local clock hour at the outage's start, in [0, 24).
    #[serde(default)]
    pub start_hour: Input<ClockHour>,
    /// `D`: hours from the start until service is restored (required).
    pub duration_hours: Input<Positive>,
    /// `a`: share of requests failing during the outage (1 = hard down).
    #[serde(default = "one")]
    pub failure_share: Input<PositiveShare>,
    /// `τ`: time constant of the decay after restoration (0 = instant recovery).
    #[serde(default)]
    pub recovery_tail_hours: Input<Amount>,
    /// `w(h)`: traffic over the day.
    #[serde(default)]
    pub traffic_profile: TrafficProfile,
    /// `f`: demand on the day of the outage against an average day (1 = an ordinary day; Prime
    /// Day, Singles' Day or Thanksgiving above 1). Scales lost revenue (C1) and business loss (C2).
    #[serde(default = "one")]
    pub demand_factor: Input<Positive>,
}

impl Default for Outage {
    fn default() -> Self {
        Self {
            start_hour: Input::default(),
            duration_hours: one(),
            failure_share: one(),
            recovery_tail_hours: Input::default(),
            traffic_profile: TrafficProfile::Flat,
            demand_factor: one(),
        }
    }
}

/// The provider's revenue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Revenue {
    /// Revenue per year (`R_h` = this / 8760).
    pub annual_revenue: Input<Amount>,
    /// `ρ`: share of revenue that depends on the service.
    pub share_dependent: Input<Share>,
    /// `δ`: share of lost revenue made up later (deferred purchases).
    pub share_recovered: Input<Share>,
}

impl Default for Revenue {
    fn default() -> Self {
        Self { annual_revenue: Input::default(), share_dependent: one(), share_recovered: Input::default() }
    }
}

/// A group of businesses that depend on the service (merchants on a wallet, firms on a meeting app).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Business {
    /// Who they are.
    pub name: String,
    /// `M`: how many.
    pub count: Input<Amount>,
    /// `G`: sales per business per hour, averaged over the day.
    pub sales_per_hour: Input<Amount>,
    /// `d`: share of their sales that goes through the service.
    pub dependence: Input<Share>,
    /// `s`: share of those sales that moves to cash or a rival instead of being lost.
    pub substitution: Input<Share>,
    /// `δ_k`: share of lost sales made up later.
    pub share_recovered: Input<Share>,
    /// `m`: 1 counts lost sales; a margin counts lost profit.
    pub loss_share: Input<Share>,
}

impl Default for Business {
    fn default() -> Self {
        Self {
            name: String::new(),
            count: Input::default(),
            sales_per_hour: Input::default(),
            dependence: one(),
            substitution: Input::default(),
            share_recovered: Input::default(),
            loss_share: one(),
        }
    }
}

/// The provider's staff who cannot work during the outage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workforce {
    /// `E`: employees affected.
    pub employees: Input<Amount>,
    /// `W`: loaded cost per employee-hour.
    pub cost_per_hour: Input<Amount>,
    /// `p`: share of their productivity lost.
    pub productivity_loss: Input<Share>,
}

impl Default for Workforce {
    fn default() -> Self {
        Self { employees: Input::default(), cost_per_hour: Input::default(), productivity_loss: one() }
    }
}

/// Incident response.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Response {
    /// `n`: people working the incident.
    pub responders: Input<Amount>,
    /// `W_r`: cost per responder-hour.
    pub cost_per_hour: Input<Amount>,
    /// `T_post`: hours of follow-up after restoration (post-mortem, clean-up).
    pub post_incident_hours: Input<Amount>,
    /// `F`: fixed costs (vendors, overtime bonuses, hardware).
    pub fixed_cost: Input<Amount>,
}

/// Service-level agreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sla {
    /// Monthly fees paid by customers under the SLA.
    pub monthly_fees: Input<Amount>,
    /// `θ`: a minute counts as down when at least this share of requests fail.
    pub error_threshold: Input<PositiveShare>,
    /// Credit tiers: a shipped set or a list.
    pub tiers: SlaTiers,
}

impl Default for Sla {
    fn default() -> Self {
        Self { monthly_fees: Input::default(), error_threshold: Input::fixed(0.05), tiers: SlaTiers::default() }
    }
}

/// Compensation paid to users and businesses: `[D > A]·(N_aff·(c_u + c_uh·D)·q_u +
/// (Σ M_k)·φ·(c_b + c_bh·D)·q_b)`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Compensation {
    /// `c_u`: paid per affected user who claims.
    pub per_user: Input<Amount>,
    /// `c_uh`: paid per affected user who claims, per outage hour (KT 2021: ten times the fee for
    /// the outage time).
    pub per_user_per_hour: Input<Amount>,
    /// `q_u`: share of affected users who claim.
    pub user_uptake: Input<Share>,
    /// `c_b`: paid per affected business that claims.
    pub per_business: Input<Amount>,
    /// `c_bh`: paid per affected business that claims, per outage hour.
    pub per_business_per_hour: Input<Amount>,
    /// `q_b`: share of affected businesses that claim.
    pub business_uptake: Input<Share>,
    /// `A`: nothing is paid unless the outage lasts longer than this many hours (KDDI's terms: 24).
    pub after_hours: Input<Amount>,
}

/// Customers lost for good, growing with the outage's length along a logistic curve.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Churn {
    /// `c_max`: share of affected users lost by a very long outage.
    pub max_share: Input<Share>,
    /// `D₅₀`: outage hours at the curve's midpoint.
    pub midpoint_hours: Input<Amount>,
    /// `k`: steepness of the curve, per hour.
    pub steepness: Input<Amount>,
    /// `CLV`: the value of one customer lost.
    pub lifetime_value: Input<Amount>,
}

/// Regulatory fines.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Fines {
    /// A fine regardless of duration.
    pub fixed: Input<Amount>,
    /// A fine per outage hour.
    pub per_hour: Input<Amount>,
    /// A fine per affected user (`N_aff`), as regulators levy per affected customer.
    pub per_user_affected: Input<Amount>,
}

/// The market-value hit, shown apart and never added to totals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Market {
    /// Market capitalisation before the outage.
    pub market_cap: Input<Amount>,
    /// Share of it lost.
    pub drop_share: Input<Share>,
}

/// Monte Carlo settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Uncertainty {
    /// Draws per run (0 turns Monte Carlo off; at most [`Uncertainty::MAX_SAMPLES`]).
    #[serde(deserialize_with = "sample_count")]
    pub samples: u64,
    /// Seed: the same seed gives the same numbers on every run and platform.
    pub seed: u64,
}

impl Uncertainty {
    /// The most draws a scenario may ask for.
    pub const MAX_SAMPLES: u64 = 1_000_000_000;
}

impl Default for Uncertainty {
    fn default() -> Self {
        Self { samples: 10_000, seed: 0 }
    }
}

fn sample_count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let samples = u64::deserialize(d)?;
    if samples > Uncertainty::MAX_SAMPLES {
        return Err(serde::de::Error::custom(format!(
            "{samples} samples is more than {}: write a smaller count (10000 is plenty for percentiles)",
            Uncertainty::MAX_SAMPLES
        )));
    }
    Ok(samples)
}

/// A mitigation: this scenario is the world with it, `baseline` the world without. The return on
/// the mitigation compares their annual expected losses with its annual cost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Mitigation {
    /// The scenario without the mitigation: a shipped preset's id or a file path (relative to this
    /// scenario's folder). Empty: no mitigation.
    pub baseline: String,
    /// What the mitigation costs to run per year (staff, licences, a second region's bill).
    pub running_cost_per_year: Input<Amount>,
    /// What it costs up front (a data center, a migration).
    pub investment: Input<Amount>,
    /// The years the investment is spread over.
    pub life_years: Input<Positive>,
}

impl Default for Mitigation {
    fn default() -> Self {
        Self {
            baseline: String::new(),
            running_cost_per_year: Input::default(),
            investment: Input::default(),
            life_years: one(),
        }
    }
}

impl Mitigation {
    /// Whether the scenario names no baseline.
    #[must_use]
    pub fn is_unused(&self) -> bool {
        self.baseline.trim().is_empty()
    }

    /// The annual cost: running cost plus the investment spread over its life.
    #[must_use]
    pub fn annual_cost(&self) -> f64 {
        self.running_cost_per_year.nominal() + self.investment.nominal() / self.life_years.nominal()
    }
}

/// The return on a mitigation that saves `saved` a year for `annual_cost` a year: `(saved − cost)
/// / cost`, `None` when it costs nothing.
#[must_use]
pub fn return_on(saved: f64, annual_cost: f64) -> Option<f64> {
    (annual_cost > 0.0).then(|| (saved - annual_cost) / annual_cost)
}

/// Years until an `investment` is paid back by what a mitigation saves a year net of its
/// `running` cost; 0 with nothing invested and the running cost covered; `None` if never.
#[must_use]
pub fn payback_years(investment: f64, running: f64, saved: f64) -> Option<f64> {
    if investment == 0.0 {
        (saved >= running).then_some(0.0)
    } else {
        (saved > running).then(|| investment / (saved - running))
    }
}

impl Scenario {
    /// A scenario with every default and a one-hour outage: the start of "New".
    #[must_use]
    pub fn blank() -> Self {
        Self {
            version: FormatVersion::CURRENT,
            name: "Untitled scenario".to_owned(),
            description: String::new(),
            currency: Currency::default(),
            sources: Vec::new(),
            assumptions: Vec::new(),
            published: Vec::new(),
            users: Users::default(),
            outage: Outage::default(),
            revenue: Revenue::default(),
            businesses: Shared::default(),
            workforce: Workforce::default(),
            response: Response::default(),
            sla: Sla::default(),
            compensation: Compensation::default(),
            churn: Churn::default(),
            fines: Fines::default(),
            market: Market::default(),
            frequency_per_year: one(),
            uncertainty: Uncertainty::default(),
            mitigation: Mitigation::default(),
            correlations: Vec::new(),
        }
    }

    /// The name to show: the scenario's, or "Untitled scenario".
    #[must_use]
    pub fn title(&self) -> &str {
        if self.name.trim().is_empty() { "Untitled scenario" } else { &self.name }
    }
}
