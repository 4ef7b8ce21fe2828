//! Helpers shared by the UI tests (egui_kittest).

use egui_kittest::Harness;
use outage_cost::app::OutageApp;

/// A 1600×1000 window on `app`, after its first frames.
pub fn harness(app: OutageApp) -> Harness<'static, OutageApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(outage_cost::app::install_fonts)
        // A finished Monte Carlo run asks for a repaint from its own thread.
        .with_max_steps(64)
        .build_ui_state(|ui, app: &mut OutageApp| app.ui(ui), app);
    harness.run();
    harness
}

/// Steps until a file being opened has been read (off the UI thread) and shown.
pub fn wait_for_open(harness: &mut Harness<'_, OutageApp>) {
    for _ in 0..500 {
        if !harness.state().is_opening() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
}
