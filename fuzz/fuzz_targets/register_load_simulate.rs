//! Any bytes as a register file: parse and check it, resolve its entries (shipped presets only:
//! no folder), simulate a few years. Nothing may panic; the figures must be finite.
#![no_main]

use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use outage_cost::register;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let Ok(parsed) = register::parse(text, "fuzz.ron") else { return };
    let Ok(resolved) = register::resolve(parsed, "fuzz.ron", Some(text), None) else { return };
    let Some(a) = register::risk::analyse(&resolved, Some(64), None, 1, &AtomicBool::new(false)) else { return };
    assert!(a.risk.loss.mean.is_finite() && a.risk.loss.tvar95.is_finite());
    assert!(a.risk.entries.iter().all(|e| e.share_of_mean.is_finite() && e.share_of_tail.is_finite()));
});
