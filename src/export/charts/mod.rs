//! Charts for slides and reports, drawn with plotters: one `draw` function per chart, generic over
//! the drawing backend, so PNG and SVG come from the same code. Colours and names are the app's;
//! the bundled DejaVu Sans is registered once, so no system font is needed. Type scales with the
//! image height (designed at 1080 pixels).

mod bars;
mod duration;
pub mod register;
mod timeline;
mod uncertainty;

use std::sync::OnceLock;

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged, ValueFormatter};
use plotters::prelude::*;
use plotters::style::FontStyle;

use super::{ExportError, ReportData, Size};
use crate::palette;

/// An exportable chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    /// Provider cost by outage duration, stacked by component.
    CostVsDuration,
    /// The cost of each component.
    Breakdown,
    /// Users affected and cost so far, over time.
    Timeline,
    /// Cost per hour beside published benchmarks.
    Benchmarks,
    /// Histogram of the Monte Carlo provider cost.
    Histogram,
    /// `P(cost > x)`.
    Exceedance,
    /// One-at-a-time swings.
    Tornado,
    /// Pinned scenarios' cost-vs-duration curves overlaid.
    Compare,
}

impl Chart {
    /// Every chart, in report order.
    pub const ALL: [Chart; 8] = [
        Chart::CostVsDuration,
        Chart::Breakdown,
        Chart::Timeline,
        Chart::Benchmarks,
        Chart::Histogram,
        Chart::Exceedance,
        Chart::Tornado,
        Chart::Compare,
    ];

    /// File name without extension.
    #[must_use]
    pub fn file_stem(self) -> &'static str {
        match self {
            Chart::CostVsDuration => "cost-vs-duration",
            Chart::Breakdown => "breakdown",
            Chart::Timeline => "timeline",
            Chart::Benchmarks => "benchmarks",
            Chart::Histogram => "histogram",
            Chart::Exceedance => "exceedance",
            Chart::Tornado => "tornado",
            Chart::Compare => "compare",
        }
    }

    /// A readable name for menus.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Chart::CostVsDuration => "Cost vs duration",
            Chart::Breakdown => "Breakdown",
            Chart::Timeline => "Timeline",
            Chart::Benchmarks => "Benchmarks",
            Chart::Histogram => "Histogram",
            Chart::Exceedance => "Exceedance curve",
            Chart::Tornado => "Tornado",
            Chart::Compare => "Comparison",
        }
    }

    /// Whether the chart has something to show (the Monte Carlo charts need samples).
    #[must_use]
    pub fn available(self, data: &ReportData) -> bool {
        match self {
            Chart::Histogram | Chart::Exceedance => data.samples.is_some(),
            Chart::Compare => data.compare.len() >= 2,
            _ => true,
        }
    }
}

/// The font family every chart uses.
pub const FONT: &str = "sans-serif";

/// Registers the bundled font with plotters, once per process.
fn register_font() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        // The bundled font is known to parse; a failure would only mean text is not drawn.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, crate::assets::DEJAVU_SANS);
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, crate::assets::DEJAVU_SANS);
    });
}

/// Type sizes for a chart of height `h` pixels.
#[derive(Clone, Copy, Debug)]
pub struct Type {
    /// Title.
    pub title: u32,
    /// Subtitle, axis names.
    pub label: u32,
    /// Tick labels, legends, value labels.
    pub tick: u32,
}

impl Type {
    fn for_height(h: u32) -> Self {
        let k = f64::from(h) / 1080.0;
        let px = |x: f64| ((x * k).round() as u32).max(8);
        Self { title: px(40.0), label: px(28.0), tick: px(24.0) }
    }
}

/// The colour of a palette entry.
#[must_use]
pub fn rgb([r, g, b]: [u8; 3]) -> RGBColor {
    RGBColor(r, g, b)
}

/// Draws `chart` on `root`, with type sized for a chart `type_height` pixels high.
fn draw<DB: DrawingBackend>(
    chart: Chart,
    data: &ReportData,
    root: &DrawingArea<DB, Shift>,
    type_height: u32,
) -> Result<(), String>
where
    DB::ErrorType: 'static,
{
    register_font();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let t = Type::for_height(type_height);
    let drawn = match chart {
        Chart::CostVsDuration => duration::draw(data, root, t),
        Chart::Breakdown => bars::breakdown(data, root, t),
        Chart::Timeline => timeline::draw(data, root, t),
        Chart::Benchmarks => bars::benchmarks(data, root, t),
        Chart::Histogram => uncertainty::histogram(data, root, t),
        Chart::Exceedance => uncertainty::exceedance(data, root, t),
        Chart::Tornado => bars::tornado(data, root, t),
        Chart::Compare => duration::compare(data, root, t),
    };
    drawn.map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// The chart as SVG text.
pub fn svg(chart: Chart, data: &ReportData, size: Size) -> Result<String, ExportError> {
    svg_with_type(chart, data, size, size.height)
}

/// The chart as SVG text, its type sized as for a chart `type_height` pixels high (larger type on
/// a slide, where the chart shares the page with a headline).
pub fn svg_with_type(chart: Chart, data: &ReportData, size: Size, type_height: u32) -> Result<String, ExportError> {
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (size.width, size.height)).into_drawing_area();
        draw(chart, data, &root, type_height).map_err(|message| ExportError::Chart { chart: chart.name(), message })?;
    }
    Ok(text)
}

/// The chart as PNG bytes.
pub fn png(chart: Chart, data: &ReportData, size: Size) -> Result<Vec<u8>, ExportError> {
    let pixels = rgb_pixels(chart, data, size)?;
    encode_png(&pixels, size).map_err(|e| ExportError::Chart { chart: chart.name(), message: e.to_string() })
}

/// The chart as raw RGB pixels, row by row (for the clipboard).
pub fn rgb_pixels(chart: Chart, data: &ReportData, size: Size) -> Result<Vec<u8>, ExportError> {
    let mut pixels = vec![0u8; size.width as usize * size.height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (size.width, size.height)).into_drawing_area();
        draw(chart, data, &root, size.height).map_err(|message| ExportError::Chart { chart: chart.name(), message })?;
    }
    Ok(pixels)
}

fn encode_png(rgb: &[u8], size: Size) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, size.width, size.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.write_header()?.write_image_data(rgb)?;
    }
    Ok(bytes)
}

/// A chart frame: the caption, margins and room for the axes' labels (`y_area` pixels at the left).
fn frame<'a, 'b, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    caption: &str,
    t: Type,
    y_area: u32,
) -> ChartBuilder<'a, 'b, DB> {
    let mut builder = ChartBuilder::on(root);
    builder.caption(caption, (FONT, t.title)).margin(t.tick).x_label_area_size(t.label * 3).y_label_area_size(y_area);
    builder
}

/// The mesh every chart uses: the type sizes, and no minor grid lines.
fn mesh<'a, 'b, DB, XT, YT, X, Y>(
    chart: &'b mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    t: Type,
) -> MeshStyle<'a, 'b, X, Y, DB>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
{
    let mut mesh = chart.configure_mesh();
    mesh.label_style((FONT, t.tick)).axis_desc_style((FONT, t.label)).light_line_style(WHITE.mix(0.0));
    mesh
}

/// An axis holding log10 of a value (money on a log scale), ticked where the app's charts tick
/// ([`crate::ticks::log10`]): ₩50B, ₩55B … or 1, 2, 5 × 10ⁿ, never ₩25.1B.
#[derive(Clone, Debug)]
pub struct LogAxis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
}

impl LogAxis {
    /// The axis from `lo` to `hi` (both log10 of a value).
    #[must_use]
    pub fn new(lo: f64, hi: f64) -> Self {
        Self { lo, hi, ticks: crate::ticks::log10(lo, hi) }
    }
}

impl Ranged for LogAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let share = (value - self.lo) / (self.hi - self.lo);
        let pixels = f64::from(limit.1 - limit.0) * share;
        limit.0 + pixels.round().clamp(f64::from(i32::MIN / 2), f64::from(i32::MAX / 2)) as i32
    }

    fn key_points<H: KeyPointHint>(&self, _hint: H) -> Vec<f64> {
        self.ticks.clone()
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.lo..self.hi
    }
}

/// The legend of the series drawn, at the upper left.
fn legend<'a, DB, CT>(chart: &mut ChartContext<'a, DB, CT>, t: Type) -> Result<(), Box<dyn std::error::Error>>
where
    DB: DrawingBackend + 'a,
    DB::ErrorType: 'static,
    CT: plotters::coord::CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, t.tick))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.3))
        .draw()?;
    Ok(())
}

/// A chart's title line: what it shows, for which scenario.
fn title(data: &ReportData, what: &str) -> String {
    format!("{what} — {}", data.scenario.title())
}

/// The component colour.
fn component(c: crate::model::Component) -> RGBColor {
    rgb(palette::component_rgb(c))
}
