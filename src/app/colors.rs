//! The palette as egui colours, shared by the charts, the cards and the Explain view.

use egui::Color32;

use crate::model::Component;
use crate::palette;

/// A component's colour.
#[must_use]
pub fn color(c: Component) -> Color32 {
    let [r, g, b] = palette::component_rgb(c);
    Color32::from_rgb(r, g, b)
}

/// A colour from the palette.
#[must_use]
pub fn rgb([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}
