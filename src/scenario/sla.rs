//! SLA credit tiers (DESIGN §2.3, C6): the shipped sets from INCIDENTS.md, or the analyst's own.
//!
//! Uptime is a fraction of the 30-day month (0.9999, not 99.99). The credit is the largest credit
//! among tiers whose `below` exceeds the month's uptime, so the order of tiers does not matter.

use serde::{Deserialize, Serialize};

use super::{Input, Share};

/// One tier: a credit (share of the monthly fee) when monthly uptime falls below `below`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Monthly uptime, as a fraction, under which this tier applies.
    pub below: Input<Share>,
    /// Credit as a share of the monthly fee.
    pub credit: Input<Share>,
}

/// A shipped tier set (INCIDENTS.md, "SLA credit tiers").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TierSet {
    /// No SLA credits.
    None,
    /// AWS EC2, region-level 99.99%.
    AwsEc2,
    /// AWS S3 Standard, 99.9%.
    AwsS3,
    /// Azure virtual machines across zones, 99.99%.
    AzureVm,
    /// GCP Compute Engine multi-zone, 99.99%.
    GcpCompute,
}

impl TierSet {
    /// Every shipped set, for pickers.
    pub const ALL: [TierSet; 5] =
        [TierSet::None, TierSet::AwsEc2, TierSet::AwsS3, TierSet::AzureVm, TierSet::GcpCompute];

    /// `(below, credit)` pairs.
    #[must_use]
    pub fn tiers(self) -> &'static [(f64, f64)] {
        match self {
            TierSet::None => &[],
            TierSet::AwsEc2 => &[(0.9999, 0.10), (0.99, 0.30), (0.95, 1.00)],
            TierSet::AwsS3 => &[(0.999, 0.10), (0.99, 0.25), (0.95, 1.00)],
            TierSet::AzureVm => &[(0.9999, 0.10), (0.99, 0.25), (0.95, 1.00)],
            TierSet::GcpCompute => &[(0.9999, 0.10), (0.99, 0.25), (0.95, 0.50)],
        }
    }

    /// A readable name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            TierSet::None => "No SLA credits",
            TierSet::AwsEc2 => "AWS EC2 (99.99%)",
            TierSet::AwsS3 => "AWS S3 Standard (99.9%)",
            TierSet::AzureVm => "Azure VMs (99.99%)",
            TierSet::GcpCompute => "GCP Compute Engine (99.99%)",
        }
    }
}

/// The tiers of a scenario: `tiers: AwsEc2` or `tiers: [(below: 0.999, credit: 0.1), …]`.
#[derive(Clone, Debug, PartialEq)]
pub enum SlaTiers {
    /// A shipped set.
    Named(TierSet),
    /// The analyst's own tiers.
    Custom(Vec<Tier>),
}

impl Serialize for SlaTiers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            // RON's `None` reads better than the raw identifier `r#None`.
            SlaTiers::Named(TierSet::None) => s.serialize_none(),
            SlaTiers::Named(set) => set.serialize(s),
            SlaTiers::Custom(tiers) => tiers.serialize(s),
        }
    }
}

/// The file form. `None` is also RON's empty option, so it arrives as one.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "expected a tier set (AwsEc2, AwsS3, AzureVm, GcpCompute or None) or a list of \
                 (below: uptime as a fraction, credit: share of the monthly fee), each between 0 and 1"
)]
enum TiersRepr {
    Named(TierSet),
    Custom(Vec<Tier>),
    NoneKeyword(Option<Never>),
}

/// Matches nothing, so `Option<Never>` matches only `None`.
#[derive(Deserialize)]
enum Never {}

impl<'de> Deserialize<'de> for SlaTiers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match TiersRepr::deserialize(d)? {
            TiersRepr::Named(set) => SlaTiers::Named(set),
            TiersRepr::Custom(tiers) => SlaTiers::Custom(tiers),
            TiersRepr::NoneKeyword(_) => SlaTiers::Named(TierSet::None),
        })
    }
}

impl Default for SlaTiers {
    fn default() -> Self {
        SlaTiers::Named(TierSet::None)
    }
}

impl SlaTiers {
    /// `(below, credit)` pairs with nominal values.
    #[must_use]
    pub fn nominal(&self) -> Vec<(f64, f64)> {
        match self {
            SlaTiers::Named(set) => set.tiers().to_vec(),
            SlaTiers::Custom(tiers) => tiers.iter().map(|t| (t.below.nominal(), t.credit.nominal())).collect(),
        }
    }
}
