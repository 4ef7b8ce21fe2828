//! One full UI frame of the app (layout and tessellation) on the Kakao preset at 1600×1000: every
//! chart tab, the Compare tab with the Kakao pair pinned (its baseline not pinned), every slide of
//! the deck with that pair, and while the duration is being dragged (results recomputed every
//! frame).
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, RawInput, Rect, pos2};
use outage_cost::app::{ChartTab, Command, OutageApp, install_fonts};
use outage_cost::scenario::{Estimate, presets};

fn input() -> RawInput {
    RawInput { screen_rect: Some(Rect::from_min_max(pos2(0.0, 0.0), pos2(1600.0, 1000.0))), ..RawInput::default() }
}

fn frame(ctx: &Context, app: &mut OutageApp) -> usize {
    let mut output = ctx.run_ui(input(), |ui| app.ui(ui));
    // No renderer takes the font textures here (debug builds check that someone did).
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn setup(tab: ChartTab) -> (Context, OutageApp) {
    let ctx = Context::default();
    install_fonts(&ctx);
    let mut app = OutageApp::new(presets::default_scenario(), None);
    app.set_tab(tab);
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    (ctx, app)
}

/// The app with the Kakao standby pinned alone (so its baseline, the fire, is loaded and computed
/// in the background) beside the open fire preset, once both have arrived.
fn with_kakao_pair(tab: ChartTab) -> (Context, OutageApp) {
    let (ctx, mut app) = setup(tab);
    let standby = presets::find("kakao-2022-hot-standby").unwrap().load().unwrap();
    let label = standby.title().to_owned();
    app.apply(&ctx, Command::Pin { label, scenario: Box::new(standby), folder: None });
    let fire = presets::find("kakao-2022").unwrap().load().unwrap();
    let label = fire.title().to_owned();
    app.apply(&ctx, Command::Pin { label, scenario: Box::new(fire), folder: None });
    for _ in 0..400 {
        frame(&ctx, &mut app);
        if app.pinned_count() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    for _ in 0..50 {
        frame(&ctx, &mut app);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    (ctx, app)
}

fn frames(c: &mut Criterion) {
    for tab in ChartTab::ALL {
        let (ctx, mut app) = setup(tab);
        c.bench_function(&format!("frame/{}", tab.label()), |b| {
            b.iter(|| black_box(frame(&ctx, &mut app)));
        });
    }
    let (ctx, mut app) = with_kakao_pair(ChartTab::Compare);
    c.bench_function("frame/Compare with the Kakao pair", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app)));
    });
    for slide in 0..app.slide_count() {
        app.present_slide(slide);
        frame(&ctx, &mut app);
        c.bench_function(&format!("frame/slide {}", slide + 1), |b| {
            b.iter(|| black_box(frame(&ctx, &mut app)));
        });
    }
    let (ctx, mut app) = setup(ChartTab::CostVsDuration);
    let mut hours = 10.0;
    c.bench_function("frame/dragging duration", |b| {
        b.iter(|| {
            hours = if hours > 40.0 { 1.0 } else { hours + 0.1 };
            app.scenario_mut().outage.duration_hours.set(Estimate::Fixed(hours)).unwrap();
            black_box(frame(&ctx, &mut app))
        });
    });
}

/// Typing into the scenario's name with 60 000 business groups (a 3.6 MB file, under the 4 MiB
/// cap): every keystroke changes the document, so results, undo and the crash copy follow it.
fn typing_with_many_groups(c: &mut Criterion) {
    let ctx = Context::default();
    install_fonts(&ctx);
    let mut scenario = presets::default_scenario();
    let template = scenario.businesses.first().cloned().unwrap_or_default();
    scenario.businesses = (0..60_000)
        .map(|k| outage_cost::scenario::Business { name: format!("group {k}"), ..template.clone() })
        .collect();
    scenario.uncertainty.samples = 0;
    let mut app = OutageApp::new(scenario, None);
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    let mut typed = 0_u32;
    c.bench_function("frame/typing with 60k business groups", |b| {
        b.iter(|| {
            typed += 1;
            let name = &mut app.scenario_mut().name;
            if typed.is_multiple_of(20) {
                name.truncate(10);
            }
            name.push('x');
            black_box(frame(&ctx, &mut app))
        });
    });
}

criterion_group!(benches, frames, typing_with_many_groups);
criterion_main!(benches);
