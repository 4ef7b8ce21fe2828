//! The table of scalar inputs: each one's path in the file, its label, unit and kind.
//!
//! The model reads inputs by [`Field`] (a flat array, no allocation per evaluation); Monte Carlo,
//! sensitivity and the app walk [`Field::ALL`]. Businesses have their own small table,
//! [`BusinessField`]. A test checks every path against the serialised scenario.

use super::{
    Amount, Business, ClockHour, CurrencyRate, DayHours, Domain, Estimate, Input, Kind, Positive, PositiveShare,
    Scenario, Share,
};

/// What a number measures, for formatting and widgets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// People, businesses.
    Count,
    /// A fraction shown as a percentage.
    Share,
    /// Hours.
    Hours,
    /// A local clock hour.
    ClockHour,
    /// Hours per day.
    HoursPerDay,
    /// An amount of money.
    Money,
    /// Money per hour.
    MoneyPerHour,
    /// Money per year.
    MoneyPerYear,
    /// Money per month.
    MoneyPerMonth,
    /// Per hour (a rate).
    PerHour,
    /// Events per year.
    PerYear,
    /// A multiplier (1 = as usual), shown as `×1.5`.
    Factor,
    /// Currency units per US dollar.
    PerUsd,
    /// Minutes.
    Minutes,
    /// Monthly uptime, a fraction shown as a percentage with four decimals.
    Uptime,
}

macro_rules! field_table {
    ($enum:ident, $owner:ty, $count:ident {
        $($variant:ident: $kind:ty, $unit:ident, $path:literal, $label:literal, $($field:ident).+;)*
    }) => {
        impl $enum {
            /// Every variant, in file order.
            pub const ALL: [$enum; $count] = [$($enum::$variant),*];

            /// The field's path in a scenario file.
            #[must_use]
            pub fn path(self) -> &'static str {
                match self { $($enum::$variant => $path),* }
            }

            /// A short label for tables and charts.
            #[must_use]
            pub fn label(self) -> &'static str {
                match self { $($enum::$variant => $label),* }
            }

            /// What the number measures.
            #[must_use]
            pub fn unit(self) -> Unit {
                match self { $($enum::$variant => Unit::$unit),* }
            }

            /// The values the field allows.
            #[must_use]
            pub fn domain(self) -> Domain {
                match self { $($enum::$variant => <$kind as Kind>::DOMAIN),* }
            }

            /// The field's estimate in `owner`.
            #[must_use]
            pub fn estimate(self, owner: &$owner) -> &Estimate {
                match self { $($enum::$variant => { let input: &Input<$kind> = &owner.$($field).+; input.estimate() })* }
            }

            /// Replaces the field's estimate in `owner` if it fits the domain.
            pub fn set(self, owner: &mut $owner, estimate: Estimate) -> Result<(), String> {
                match self { $($enum::$variant => { let input: &mut Input<$kind> = &mut owner.$($field).+; input.set(estimate) })* }
            }
        }
    };
}

/// A scalar input of the scenario (businesses, profile weights and SLA tiers apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // Each variant is documented by its path and label in the table below.
pub enum Field {
    PerUsd,
    ActiveUsers,
    ShareAffected,
    UsageHoursPerDay,
    ValuePerUserHour,
    StartHour,
    DurationHours,
    FailureShare,
    RecoveryTailHours,
    DemandFactor,
    AnnualRevenue,
    ShareDependent,
    RevenueShareRecovered,
    Employees,
    WorkforceCostPerHour,
    ProductivityLoss,
    Responders,
    ResponderCostPerHour,
    PostIncidentHours,
    ResponseFixedCost,
    MonthlyFees,
    ErrorThreshold,
    PerUser,
    PerUserPerHour,
    UserUptake,
    PerBusiness,
    PerBusinessPerHour,
    BusinessUptake,
    CompensationAfterHours,
    ChurnMaxShare,
    ChurnMidpointHours,
    ChurnSteepness,
    LifetimeValue,
    FinesFixed,
    FinesPerHour,
    FinesPerUserAffected,
    MarketCap,
    DropShare,
    FrequencyPerYear,
}

/// How many [`Field`]s there are.
pub const FIELD_COUNT: usize = 39;

field_table!(Field, Scenario, FIELD_COUNT {
    PerUsd: CurrencyRate, PerUsd, "currency.per_usd", "Currency per USD", currency.per_usd;
    ActiveUsers: Amount, Count, "users.active_users", "Active users", users.active_users;
    ShareAffected: Share, Share, "users.share_affected", "Share of users affected", users.share_affected;
    UsageHoursPerDay: DayHours, HoursPerDay, "users.usage_hours_per_day", "Usage per user", users.usage_hours_per_day;
    ValuePerUserHour: Amount, MoneyPerHour, "users.value_per_user_hour", "Value of a user-hour", users.value_per_user_hour;
    StartHour: ClockHour, ClockHour, "outage.start_hour", "Start (local time)", outage.start_hour;
    DurationHours: Positive, Hours, "outage.duration_hours", "Duration", outage.duration_hours;
    FailureShare: PositiveShare, Share, "outage.failure_share", "Requests failing", outage.failure_share;
    RecoveryTailHours: Amount, Hours, "outage.recovery_tail_hours", "Recovery tail", outage.recovery_tail_hours;
    DemandFactor: Positive, Factor, "outage.demand_factor", "Demand on the day", outage.demand_factor;
    AnnualRevenue: Amount, MoneyPerYear, "revenue.annual_revenue", "Annual revenue", revenue.annual_revenue;
    ShareDependent: Share, Share, "revenue.share_dependent", "Revenue depending on the service", revenue.share_dependent;
    RevenueShareRecovered: Share, Share, "revenue.share_recovered", "Revenue recovered later", revenue.share_recovered;
    Employees: Amount, Count, "workforce.employees", "Employees idled", workforce.employees;
    WorkforceCostPerHour: Amount, MoneyPerHour, "workforce.cost_per_hour", "Staff cost per hour", workforce.cost_per_hour;
    ProductivityLoss: Share, Share, "workforce.productivity_loss", "Productivity lost", workforce.productivity_loss;
    Responders: Amount, Count, "response.responders", "Responders", response.responders;
    ResponderCostPerHour: Amount, MoneyPerHour, "response.cost_per_hour", "Responder cost per hour", response.cost_per_hour;
    PostIncidentHours: Amount, Hours, "response.post_incident_hours", "Post-incident work", response.post_incident_hours;
    ResponseFixedCost: Amount, Money, "response.fixed_cost", "Fixed response cost", response.fixed_cost;
    MonthlyFees: Amount, MoneyPerMonth, "sla.monthly_fees", "Fees under SLA", sla.monthly_fees;
    ErrorThreshold: PositiveShare, Share, "sla.error_threshold", "SLA error threshold", sla.error_threshold;
    PerUser: Amount, Money, "compensation.per_user", "Compensation per user", compensation.per_user;
    PerUserPerHour: Amount, MoneyPerHour, "compensation.per_user_per_hour", "Compensation per user-hour", compensation.per_user_per_hour;
    UserUptake: Share, Share, "compensation.user_uptake", "Users who claim", compensation.user_uptake;
    PerBusiness: Amount, Money, "compensation.per_business", "Compensation per business", compensation.per_business;
    PerBusinessPerHour: Amount, MoneyPerHour, "compensation.per_business_per_hour", "Compensation per business-hour", compensation.per_business_per_hour;
    BusinessUptake: Share, Share, "compensation.business_uptake", "Businesses who claim", compensation.business_uptake;
    CompensationAfterHours: Amount, Hours, "compensation.after_hours", "Compensation only after", compensation.after_hours;
    ChurnMaxShare: Share, Share, "churn.max_share", "Maximum churn", churn.max_share;
    ChurnMidpointHours: Amount, Hours, "churn.midpoint_hours", "Churn midpoint", churn.midpoint_hours;
    ChurnSteepness: Amount, PerHour, "churn.steepness", "Churn steepness", churn.steepness;
    LifetimeValue: Amount, Money, "churn.lifetime_value", "Customer lifetime value", churn.lifetime_value;
    FinesFixed: Amount, Money, "fines.fixed", "Fixed fine", fines.fixed;
    FinesPerHour: Amount, MoneyPerHour, "fines.per_hour", "Fine per hour", fines.per_hour;
    FinesPerUserAffected: Amount, Money, "fines.per_user_affected", "Fine per affected user", fines.per_user_affected;
    MarketCap: Amount, Money, "market.market_cap", "Market capitalisation", market.market_cap;
    DropShare: Share, Share, "market.drop_share", "Share-price drop", market.drop_share;
    FrequencyPerYear: Amount, PerYear, "frequency_per_year", "Outages per year", frequency_per_year;
});

/// An input of one business group (C2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // Documented by the table below.
pub enum BusinessField {
    Count,
    SalesPerHour,
    Dependence,
    Substitution,
    ShareRecovered,
    LossShare,
}

/// How many [`BusinessField`]s there are.
pub const BUSINESS_FIELD_COUNT: usize = 6;

field_table!(BusinessField, Business, BUSINESS_FIELD_COUNT {
    Count: Amount, Count, "count", "Businesses", count;
    SalesPerHour: Amount, MoneyPerHour, "sales_per_hour", "Sales per business-hour", sales_per_hour;
    Dependence: Share, Share, "dependence", "Dependence", dependence;
    Substitution: Share, Share, "substitution", "Substitution", substitution;
    ShareRecovered: Share, Share, "share_recovered", "Sales recovered later", share_recovered;
    LossShare: Share, Share, "loss_share", "Loss share (margin)", loss_share;
});

impl Field {
    /// The field's index in [`Field::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }
}

impl BusinessField {
    /// The field's index in [`BusinessField::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }
}

impl Field {
    /// What the input means and how it enters the cost, for tooltips and reports.
    #[must_use]
    pub fn help(self) -> &'static str {
        match self {
            Field::PerUsd => {
                "Units of the scenario's currency per US dollar; converts the Uptime bands and benchmarks."
            }
            Field::ActiveUsers => {
                "N: people who use the service. Scales user time (C3), compensation (C7) and churn (C8)."
            }
            Field::ShareAffected => {
                "φ: the outage's footprint, the share of users and revenue it reaches (a region, a platform). Scales almost every component."
            }
            Field::UsageHoursPerDay => {
                "Hours an average user spends on the service per day; u = this / 24. Sets user-hours disrupted (C3)."
            }
            Field::ValuePerUserHour => {
                "V: what an hour of a user's time is worth (0 leaves user time out). C3 = user-hours × V."
            }
            Field::StartHour => {
                "Local clock hour at the start (15.5 = 15:30). With a non-flat traffic profile it decides which hours are hit."
            }
            Field::DurationHours => {
                "D: hours from the start until service is restored. Drives every time-based cost, SLA credits, churn and fines."
            }
            Field::FailureShare => "a: share of requests failing during the outage (100% = hard down, 30% = brownout).",
            Field::RecoveryTailHours => {
                "τ: after restoration the failing share decays as a·e^(−t/τ) (backlogs, cold caches); 0 = instant recovery."
            }
            Field::DemandFactor => {
                "f: demand on the day of the outage against an average day (1 = ordinary; Prime Day, Singles' Day, Thanksgiving above 1). Multiplies lost revenue C1 and business loss C2."
            }
            Field::AnnualRevenue => {
                "The provider's revenue per year; R_h = this / 8760. Lost revenue C1 = f·R_h·ρ·φ·H·(1−δ)."
            }
            Field::ShareDependent => "ρ: share of revenue that needs the failed service.",
            Field::RevenueShareRecovered => "δ: share of the lost revenue made up later (customers come back and buy).",
            Field::Employees => "E: the provider's employees who cannot work during the outage. C4 = E·W·p·H.",
            Field::WorkforceCostPerHour => "W: loaded cost of an employee-hour.",
            Field::ProductivityLoss => "p: share of their productivity lost.",
            Field::Responders => "n: people working the incident. C5 = n·W_r·(D + T_post) + F.",
            Field::ResponderCostPerHour => "W_r: cost of a responder-hour (overtime included).",
            Field::PostIncidentHours => "T_post: follow-up hours after restoration (post-mortem, clean-up).",
            Field::ResponseFixedCost => "F: fixed costs (vendors, hardware, temporary capacity).",
            Field::MonthlyFees => {
                "Monthly fees of the customers covered by the SLA. C6 = fees × credit(monthly uptime)."
            }
            Field::ErrorThreshold => {
                "θ: a minute counts as down when at least this share of requests fail (5% in Atlassian's definition)."
            }
            Field::PerUser => {
                "c_u: paid to each affected user who claims (money, vouchers, free service; Rogers 2022: five days of service). C7 = [D > A]·(N_aff·(c_u + c_uh·D)·q_u + ΣM·φ·(c_b + c_bh·D)·q_b)."
            }
            Field::PerUserPerHour => {
                "c_uh: paid to each affected user who claims, per outage hour (KT 2021: ten times the fee for the outage time)."
            }
            Field::UserUptake => "q_u: share of affected users who claim.",
            Field::PerBusiness => "c_b: paid to each affected business that claims.",
            Field::PerBusinessPerHour => "c_bh: paid to each affected business that claims, per outage hour.",
            Field::BusinessUptake => "q_b: share of affected businesses that claim.",
            Field::CompensationAfterHours => {
                "A: nothing is paid unless the outage lasts longer than this many hours (KDDI's terms: 24 h); 0 pays for any outage."
            }
            Field::ChurnMaxShare => "c_max: share of affected users a very long outage drives away for good.",
            Field::ChurnMidpointHours => "D₅₀: outage hours at which half of that churn is reached.",
            Field::ChurnSteepness => "k: how sharply churn rises around the midpoint, per hour.",
            Field::LifetimeValue => "CLV: what one lost customer would have been worth. C8 = N_aff·a·c(D)·CLV.",
            Field::FinesFixed => "A fine regardless of duration (regulator, contract penalty).",
            Field::FinesPerHour => "A fine per outage hour. C9 = fixed + per_hour·D + per_user_affected·N_aff.",
            Field::FinesPerUserAffected => {
                "A fine per affected user (N_aff), as regulators levy per affected customer. C9 = fixed + per_hour·D + per_user_affected·N_aff."
            }
            Field::MarketCap => {
                "Market capitalisation before the outage. The market-value hit M is shown apart, never added to totals."
            }
            Field::DropShare => "Share of the market value lost after the outage.",
            Field::FrequencyPerYear => {
                "How often such an outage happens. Annual expected loss = frequency × provider cost."
            }
        }
    }
}

impl BusinessField {
    /// What the input means, for tooltips and reports.
    #[must_use]
    pub fn help(self) -> &'static str {
        match self {
            BusinessField::Count => "M: how many businesses of this kind depend on the service.",
            BusinessField::SalesPerHour => "G: sales per business per hour, averaged over the whole day.",
            BusinessField::Dependence => "d: share of their sales that goes through the service.",
            BusinessField::Substitution => {
                "s: share of those sales that moves to cash or a rival instead of being lost."
            }
            BusinessField::ShareRecovered => "δ_k: share of the lost sales made up later.",
            BusinessField::LossShare => "m: 100% counts lost sales; a margin (30%) counts lost profit.",
        }
    }
}
