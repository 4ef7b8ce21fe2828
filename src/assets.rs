//! Files bundled into the binary, so it works from any folder on any machine.

/// DejaVu Sans (Bitstream Vera licence): the app's fallback font and the exported charts' font.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// Noto Sans CJK SC cut to the shipped presets' characters (SIL Open Font License).
pub const CJK_PRESETS: &[u8] = include_bytes!("../assets/fonts/NotoSansCJK-presets.otf");
