//! Every shipped preset loads, is documented, round-trips through save and load unchanged, and
//! lands on the published figures where they exist (INCIDENTS.md).

#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot go on should stop loudly.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{assert_close, eval};
use outage_cost::model::Component;
use outage_cost::register;
use outage_cost::scenario::{load, presets, save};

#[test]
fn every_file_in_presets_is_shipped_and_every_shipped_preset_is_a_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets");
    let files: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "ron"))
        .collect();
    let mut shipped: BTreeSet<String> = presets::PRESETS.iter().map(presets::Preset::file_name).collect();
    shipped.extend(register::presets::REGISTERS.iter().map(register::presets::RegisterPreset::file_name));
    assert_eq!(files, shipped);
    for p in register::presets::REGISTERS {
        let on_disk = std::fs::read_to_string(dir.join(p.file_name())).unwrap();
        assert_eq!(on_disk, p.text, "{} is compiled in as it is on disk", p.id);
    }
    for p in presets::PRESETS {
        let on_disk = std::fs::read_to_string(dir.join(p.file_name())).unwrap();
        assert_eq!(on_disk, p.text, "{} is compiled in as it is on disk", p.id);
    }
}

#[test]
fn every_preset_loads_and_is_documented() {
    for p in presets::PRESETS {
        let s = p.load().unwrap_or_else(|e| panic!("{e}"));
        assert!(!s.name.is_empty() && !s.description.is_empty(), "{}: name and description", p.id);
        assert!(!s.sources.is_empty() && !s.assumptions.is_empty(), "{}: sources and assumptions", p.id);
        assert!(s.sources.iter().all(|src| src.url.starts_with("https://")), "{}: source links", p.id);
        let o = eval(&s).outcome;
        assert!(o.provider_cost > 0.0 && o.provider_cost.is_finite(), "{}: a cost", p.id);
    }
}

#[test]
fn incidents_are_in_their_own_currency() {
    let code = |id: &str| presets::find(id).unwrap().load().unwrap().currency.code;
    assert_eq!(code("kakao-2022"), "KRW");
    assert_eq!(code("didi-2023"), "CNY");
    assert_eq!(code("wechat-qq-2023"), "CNY");
    assert_eq!(code("aws-us-east-1-2021"), "USD");
    assert_eq!(code("google-oracle-uk-2022"), "GBP");
}

#[test]
fn every_preset_round_trips_through_save_and_load() {
    let dir = std::env::temp_dir().join(format!("outage-cost-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for p in presets::PRESETS {
        let original = p.load().unwrap();
        let path = dir.join(p.file_name());
        save::save_file(&original, &path).unwrap();
        let reloaded = load::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(reloaded, original, "{} changed on the way through a file", p.id);
        // Saving again writes the same bytes.
        assert_eq!(save::to_ron(&reloaded).unwrap(), std::fs::read_to_string(&path).unwrap());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn kakao_compensation_and_lost_revenue_match_the_published_figures() {
    let s = presets::find("kakao-2022").unwrap().load().unwrap();
    let c = eval(&s).outcome.components;
    // 27.5B won paid (Yonhap), within ±15%.
    assert_close(c.get(Component::Compensation), 27.5e9, 0.15, "Kakao compensation");
    // About 22B won of lost revenue (KB Securities).
    assert_close(c.get(Component::LostRevenue), 22e9, 0.10, "Kakao lost revenue");
}

#[test]
fn didi_lost_transactions_match_the_estimate() {
    let s = presets::find("didi-2023").unwrap().load().unwrap();
    let c = eval(&s).outcome.components;
    // Lost transactions: Didi's commission (C1) plus the drivers' share of fares (C2), ~400M yuan.
    let lost_transactions = c.get(Component::LostRevenue) + c.get(Component::BusinessLoss);
    assert_close(lost_transactions, 400e6, 0.15, "Didi lost transactions");
    // The commission is 19% of the transaction value.
    assert_close(c.get(Component::LostRevenue) / lost_transactions, 0.19, 0.01, "Didi commission share");
}

#[test]
fn the_default_scenario_is_the_kakao_preset() {
    assert_eq!(presets::default_scenario().name, "Kakao data-center fire, October 2022");
}
