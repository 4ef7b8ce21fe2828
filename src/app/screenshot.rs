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

/// How the last shot of this process ended, so the process can exit non-zero when it failed.
static OUTCOME: AtomicU8 = AtomicU8::new(WAITING);

/// Whether a shot was taken and saved in this process.
#[must_use]
pub fn saved() -> bool {
    OUTCOME.load(Ordering::Acquire) == SAVED
}

/// Refuses an output the shot could never be written to, before a window opens.
pub fn check_output(out: &std::path::Path) -> anyhow::Result<()> {
    let target = crate::files::resolve_links(out);
    crate::files::check_folder(&crate::files::folder_of(&target))
        .map_err(|e| anyhow::anyhow!("cannot save the screenshot to {}: {e}", out.display()))?;
    if target.is_dir() {
        anyhow::bail!(
            "cannot save the screenshot to {}: it is a folder: give a file name ending in .png",
            out.display()
        );
    }
    Ok(())
}

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
                    let outcome = if result.is_ok() { SAVED } else { FAILED };
                    state.store(outcome, Ordering::Release);
                    OUTCOME.store(outcome, Ordering::Release);
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
