//! Colours shared by the app's charts and the exported charts, so a component looks the same
//! everywhere (a Tableau-10 style palette, legible on light and dark backgrounds).

use crate::model::{Component, UptimeBand};

/// The colour of a cost component, as RGB.
#[must_use]
pub fn component_rgb(c: Component) -> [u8; 3] {
    match c {
        Component::LostRevenue => [0x4C, 0x78, 0xA8],
        Component::BusinessLoss => [0xF5, 0x85, 0x18],
        Component::UserTime => [0xEE, 0xCA, 0x3B],
        Component::Staff => [0x72, 0xB7, 0xB2],
        Component::Response => [0x54, 0xA2, 0x4B],
        Component::SlaCredits => [0xB2, 0x79, 0xA2],
        Component::Compensation => [0xFF, 0x9D, 0xA6],
        Component::Churn => [0xE4, 0x57, 0x56],
        Component::Fines => [0x9D, 0x75, 0x5D],
    }
}

/// The colour of an Uptime Institute band badge: green, amber, red.
#[must_use]
pub fn band_rgb(band: UptimeBand) -> [u8; 3] {
    match band {
        UptimeBand::Under100k => [0x2E, 0x9E, 0x5B],
        UptimeBand::From100kTo1M => [0xE0, 0x9B, 0x1A],
        UptimeBand::Over1M => [0xD6, 0x3C, 0x3C],
    }
}

/// This scenario's own series (its cost per hour among benchmarks, its curve in a comparison).
pub const ACCENT_RGB: [u8; 3] = [0x2F, 0x6E, 0xEB];

/// Reference lines and benchmarks.
pub const REFERENCE_RGB: [u8; 3] = [0x88, 0x88, 0x88];
