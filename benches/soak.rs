//! Soak (DESIGN §7): 10 000 frames of the real app with random edits, preset switches, undo and
//! redo, tab changes and presentation mode, with Monte Carlo running in the background. Reports the
//! frame times and the resident memory along the way; fails if anything panics or memory grows.
//!
//! `cargo bench --bench soak [-- FRAMES]`
#![allow(missing_docs, clippy::unwrap_used, clippy::cast_precision_loss)]

use std::time::Instant;

use egui::{Context, RawInput, Rect, pos2};
use outage_cost::app::{ChartTab, Command, OutageApp, install_fonts};
use outage_cost::scenario::{Estimate, Field, presets};
use outage_cost::sim::rng::SplitMix64;

fn resident_megabytes() -> f64 {
    let pages: f64 = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse().ok()))
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

fn main() {
    let frames: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let ctx = Context::default();
    install_fonts(&ctx);
    let mut app = OutageApp::new(presets::default_scenario(), None);
    let mut rng = SplitMix64::new(2026);
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_max(pos2(0.0, 0.0), pos2(1600.0, 1000.0))),
        ..RawInput::default()
    };
    let mut times = Vec::with_capacity(frames);
    let mut memory = Vec::new();
    for frame in 0..frames {
        let roll = rng.next_open01();
        if roll < 0.4 {
            let field = Field::ALL[rng.next_u64() as usize % Field::ALL.len()];
            let domain = field.domain();
            let v = domain.clamp(rng.next_open01() * field.estimate(app.scenario()).nominal().max(1.0) * 2.0);
            let _ = field.set(app.scenario_mut(), Estimate::Fixed(v));
        } else if roll < 0.45 {
            let preset = &presets::PRESETS[rng.next_u64() as usize % presets::PRESETS.len()];
            app.apply(&ctx, Command::Discarding(Box::new(Command::OpenPreset(preset.id))));
        } else if roll < 0.55 {
            app.apply(&ctx, if rng.next_open01() < 0.6 { Command::Undo } else { Command::Redo });
        } else if roll < 0.58 {
            app.apply(&ctx, Command::TogglePresentation);
        } else if roll < 0.63 {
            app.set_tab(ChartTab::ALL[rng.next_u64() as usize % ChartTab::ALL.len()]);
        }
        let started = Instant::now();
        let output = ctx.run_ui(input(), |ui| app.ui(ui));
        let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
        times.push(started.elapsed().as_secs_f64() * 1e3);
        if frame == 500 || (frame + 1) % 2500 == 0 {
            memory.push((frame + 1, resident_megabytes()));
        }
        assert!(app.error().is_none(), "frame {frame}: {:?}", app.error());
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!("soak: {frames} frames, random edits, presets, undo/redo, tabs, presentation");
    println!("frame time: median {:.2} ms, p99 {:.2} ms, max {:.2} ms (budget 4 ms)", at(0.5), at(0.99), at(1.0));
    for (frame, mb) in &memory {
        println!("resident memory after {frame:>6} frames: {mb:.1} MB");
    }
    let (first, last) = (memory.first().map_or(0.0, |m| m.1), memory.last().map_or(0.0, |m| m.1));
    assert!(last < first * 1.5 + 50.0, "memory grew from {first:.1} MB to {last:.1} MB");
}
