//! Fonts bundled with the app, so every figure and shipped preset renders on any machine:
//! DejaVu Sans for currency signs (₩ ₹), math (≈ ≤ φ ₅₀) and marks (●), and a subset of Noto Sans
//! CJK holding the Chinese and Korean characters of the shipped presets. Both come after egui's own
//! font; other scripts a user types fall back to the system's fonts (eframe's font provider).

use std::sync::Arc;

use egui::{Context, FontData, FontDefinitions, FontFamily};

use crate::assets::{CJK_PRESETS, DEJAVU_SANS};

/// Adds the bundled fonts as fallbacks to egui's fonts.
pub fn install(ctx: &Context) {
    let mut fonts = FontDefinitions::default();
    for (name, bytes) in [("DejaVuSans", DEJAVU_SANS), ("NotoSansCJK-presets", CJK_PRESETS)] {
        fonts.font_data.insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.to_owned());
        }
    }
    ctx.set_fonts(fonts);
}
