//! `--screenshot OUT.png`: render the first frames, save the window as a PNG, quit.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use egui::{ColorImage, Context, ScreenshotCallback, ViewportCommand};

/// Frames to draw before the shot, so fonts, layout and plots have settled.
const SETTLE_FRAMES: u32 = 12;

const WAITING: u8 = 0;
const SAVED: u8 = 1;
const FAILED: u8 = 2;

/// A screenshot being taken.
pub struct Shot {
    out: PathBuf,
    frames: u32,
    requested: bool,
    state: Arc<AtomicU8>,
}

impl Shot {
    /// A shot to save at `out`.
    #[must_use]
    pub fn new(out: PathBuf) -> Self {
        Self { out, frames: 0, requested: false, state: Arc::new(AtomicU8::new(WAITING)) }
    }

    /// Counts frames, asks for the screenshot once settled, and closes the window when saved.
    pub fn after_frame(&mut self, ctx: &Context) {
        self.frames += 1;
        match self.state.load(Ordering::Acquire) {
            SAVED | FAILED => ctx.send_viewport_cmd(ViewportCommand::Close),
            _ if self.frames >= SETTLE_FRAMES && !self.requested => {
                self.requested = true;
                let (out, state, repaint) = (self.out.clone(), Arc::clone(&self.state), ctx.clone());
                ctx.send_viewport_cmd(ViewportCommand::Screenshot(ScreenshotCallback::new(move |image| {
                    let result = save_png(&image, &out);
                    match &result {
                        Ok(()) => println!("{}", out.display()),
                        Err(e) => eprintln!("error: cannot save the screenshot to {}: {e}", out.display()),
                    }
                    state.store(if result.is_ok() { SAVED } else { FAILED }, Ordering::Release);
                    repaint.request_repaint();
                })));
            }
            _ => {}
        }
        ctx.request_repaint();
    }
}

/// Writes an image as an RGBA PNG, atomically.
pub fn save_png(image: &ColorImage, out: &std::path::Path) -> anyhow::Result<()> {
    let [width, height] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, u32::try_from(width)?, u32::try_from(height)?);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        let pixels: Vec<u8> = image.pixels.iter().flat_map(egui::Color32::to_array).collect();
        writer.write_image_data(&pixels)?;
    }
    crate::files::write_atomically(out, &bytes)?;
    Ok(())
}
