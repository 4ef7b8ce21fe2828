//! Context for a cost: the Uptime Institute bands and severity levels, and per-hour benchmarks
//! (DESIGN §2.3, INCIDENTS.md).

/// Uptime Institute outage-cost band of the provider cost in US dollars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UptimeBand {
    /// Under $100,000.
    Under100k,
    /// $100,000 to $1,000,000.
    From100kTo1M,
    /// Over $1,000,000.
    Over1M,
}

/// The band thresholds in US dollars.
pub const BAND_THRESHOLDS_USD: [f64; 2] = [1e5, 1e6];

impl UptimeBand {
    /// The band of a cost in US dollars (a cost of exactly $1M is in the middle band).
    #[must_use]
    pub fn of_usd(cost_usd: f64) -> Self {
        if cost_usd < BAND_THRESHOLDS_USD[0] {
            UptimeBand::Under100k
        } else if cost_usd <= BAND_THRESHOLDS_USD[1] {
            UptimeBand::From100kTo1M
        } else {
            UptimeBand::Over1M
        }
    }

    /// "under $100k", "$100k–$1M", "over $1M".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            UptimeBand::Under100k => "under $100k",
            UptimeBand::From100kTo1M => "$100k–$1M",
            UptimeBand::Over1M => "over $1M",
        }
    }

    /// How common the band is, from the Uptime Institute's 2025 Annual Outage Analysis.
    #[must_use]
    pub fn context(self) -> &'static str {
        match self {
            UptimeBand::Under100k => "46% of significant outages cost under $100k (Uptime Institute, 2025)",
            UptimeBand::From100kTo1M => "about a third of significant outages cost $100k–$1M (Uptime Institute, 2025)",
            UptimeBand::Over1M => "about 1 in 5 significant outages cost over $1M (Uptime Institute, 2025)",
        }
    }
}

/// A suggested Uptime Institute outage severity level, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Severity {
    /// 1 (negligible) to 5 (severe).
    pub level: u8,
    /// Why this level.
    pub reason: String,
}

impl Severity {
    /// The level's name on the Uptime Institute scale.
    #[must_use]
    pub fn name(&self) -> &'static str {
        severity_name(self.level)
    }
}

/// The name of a severity level 1–5.
#[must_use]
pub fn severity_name(level: u8) -> &'static str {
    match level {
        0 | 1 => "Negligible",
        2 => "Minimal",
        3 => "Significant",
        4 => "Serious",
        _ => "Severe",
    }
}

/// Suggests a severity level from the cost in US dollars, the users affected, the duration and
/// whether fines apply. The highest level any rule reaches wins; the reason names that rule.
#[must_use]
pub fn suggest_severity(cost_usd: f64, users_affected: f64, duration_hours: f64, fines: f64) -> Severity {
    let by_cost = match cost_usd {
        c if c < 1e4 => (1, "provider cost under $10k"),
        c if c < 1e5 => (2, "provider cost $10k–$100k"),
        c if c < 1e6 => (3, "provider cost $100k–$1M"),
        c if c < 1e7 => (4, "provider cost $1M–$10M, a significant financial loss"),
        _ => (5, "provider cost over $10M, a large financial loss"),
    };
    let by_reach = if users_affected >= 1e8 && duration_hours >= 1.0 {
        (5, "over 100 million users cut off for an hour or more: a major disruption")
    } else if users_affected >= 1e7 {
        (4, "over 10 million users affected")
    } else {
        (0, "")
    };
    let by_compliance = if fines > 0.0 { (4, "fines apply: a compliance breach") } else { (0, "") };
    let (level, why) = [by_cost, by_reach, by_compliance].into_iter().max_by_key(|(l, _)| *l).unwrap_or(by_cost);
    Severity { level, reason: why.to_owned() }
}

/// A published per-hour cost of downtime.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Benchmark {
    /// Short label for charts.
    pub label: &'static str,
    /// US dollars per hour.
    pub usd_per_hour: f64,
    /// Where it comes from.
    pub source: &'static str,
}

/// The per-hour benchmarks of DESIGN §2.3.
pub const BENCHMARKS: [Benchmark; 4] = [
    Benchmark { label: "Ponemon 2011", usd_per_hour: 336_000.0, source: "Ponemon/Emerson 2011: $5,600 per minute" },
    Benchmark { label: "Ponemon 2016", usd_per_hour: 531_060.0, source: "Ponemon 2016: $8,851 per minute" },
    Benchmark {
        label: "ITIC 2024 (mid-size)",
        usd_per_hour: 300_000.0,
        source: "ITIC 2024: over 90% of mid-size and large firms lose over $300k per hour",
    },
    Benchmark {
        label: "ITIC 2024 (enterprise)",
        usd_per_hour: 1_000_000.0,
        source: "ITIC 2024: 41% of enterprises lose $1M to over $5M per hour",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_at_their_edges() {
        assert_eq!(UptimeBand::of_usd(99_999.0), UptimeBand::Under100k);
        assert_eq!(UptimeBand::of_usd(100_000.0), UptimeBand::From100kTo1M);
        assert_eq!(UptimeBand::of_usd(1_000_000.0), UptimeBand::From100kTo1M);
        assert_eq!(UptimeBand::of_usd(1_000_001.0), UptimeBand::Over1M);
    }

    #[test]
    fn severity_takes_the_highest_rule() {
        assert_eq!(suggest_severity(5_000.0, 100.0, 1.0, 0.0).level, 1);
        assert_eq!(suggest_severity(500_000.0, 100.0, 1.0, 0.0).level, 3);
        let s = suggest_severity(500_000.0, 2e7, 1.0, 0.0);
        assert_eq!((s.level, s.name()), (4, "Serious"));
        assert!(s.reason.contains("10 million"));
        assert_eq!(suggest_severity(500_000.0, 1.3e9, 3.0, 0.0).level, 5);
        assert_eq!(suggest_severity(5_000.0, 10.0, 1.0, 1.0).level, 4);
        assert_eq!(suggest_severity(2e7, 10.0, 1.0, 0.0).level, 5);
    }

    #[test]
    fn ponemon_minutes_make_the_hourly_figures() {
        assert_eq!(BENCHMARKS[0].usd_per_hour, 5_600.0 * 60.0);
        assert_eq!(BENCHMARKS[1].usd_per_hour, 8_851.0 * 60.0);
    }
}
