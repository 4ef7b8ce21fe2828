//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[cfg(feature = "gui")]
pub mod ui;

use outage_cost::model::Evaluation;
use outage_cost::scenario::{Scenario, load};

/// A file under `tests/data/`.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// Loads a scenario under `tests/data/`, failing the test with the loader's message.
pub fn scenario(name: &str) -> Scenario {
    load::load_file(&data(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// Parses RON text, failing the test with the loader's message.
pub fn parse(text: &str) -> Scenario {
    load::parse(text, "test.ron").unwrap_or_else(|e| panic!("{e}"))
}

/// Evaluates a scenario at its nominal values.
pub fn eval(s: &Scenario) -> Evaluation {
    Evaluation::of(s)
}

/// Asserts `actual` is within `rel` relative error of `expected`.
#[track_caller]
pub fn assert_close(actual: f64, expected: f64, rel: f64, what: &str) {
    let err = (actual - expected).abs() / expected.abs().max(f64::MIN_POSITIVE);
    assert!(err <= rel || actual == expected, "{what}: {actual} vs expected {expected} (relative error {err:.2e})");
}
