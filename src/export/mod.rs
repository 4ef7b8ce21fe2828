//! Export (DESIGN §4, §5 `report`): charts as PNG and SVG, a self-contained HTML report, a Markdown
//! summary and CSV files, written atomically into a folder. No UI: the command line and the app's
//! Export menu both call [`write_report`] and [`charts`].

pub mod charts;
mod csv;
mod data;
pub mod deck;
mod folder;
mod html;
mod markdown;
pub mod register;
mod spread;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use charts::Chart;
pub use data::ReportData;
pub use folder::{Replace, is_report_file};
pub use markdown::summary_text;

use crate::files::write_atomically;

/// A chart's size in pixels (SVG: user units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

impl Size {
    /// 1920×1080, a full-HD slide.
    pub const SLIDE: Size = Size { width: 1920, height: 1080 };
    /// The smallest size a chart stays legible at.
    pub const MIN: Size = Size { width: 320, height: 200 };
    /// The largest size accepted (a 64-megapixel image).
    pub const MAX: Size = Size { width: 8000, height: 8000 };

    /// A checked size.
    pub fn new(width: u32, height: u32) -> Result<Self, ExportError> {
        let ok = (Self::MIN.width..=Self::MAX.width).contains(&width)
            && (Self::MIN.height..=Self::MAX.height).contains(&height);
        if ok {
            Ok(Self { width, height })
        } else {
            Err(ExportError::Size(format!(
                "{width}×{height} is not a chart size: use {}×{} to {}×{} pixels, e.g. 1920x1080",
                Self::MIN.width,
                Self::MIN.height,
                Self::MAX.width,
                Self::MAX.height
            )))
        }
    }
}

impl Default for Size {
    fn default() -> Self {
        Self::SLIDE
    }
}

impl FromStr for Size {
    type Err = ExportError;

    /// `1920x1080` (also `1920×1080`).
    fn from_str(text: &str) -> Result<Self, ExportError> {
        let bad = || ExportError::Size(format!("“{text}” is not a size: write WIDTHxHEIGHT, e.g. 1920x1080"));
        let (w, h) = text.trim().split_once(['x', 'X', '×']).ok_or_else(bad)?;
        Self::new(w.trim().parse().map_err(|_| bad())?, h.trim().parse().map_err(|_| bad())?)
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

/// What can go wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A size outside what charts accept.
    #[error("{0}")]
    Size(String),
    /// A chart could not be drawn.
    #[error("cannot draw the {chart} chart: {message}")]
    Chart {
        /// Which chart.
        chart: &'static str,
        /// Why.
        message: String,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A chart format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A PNG image.
    Png,
    /// An SVG drawing.
    Svg,
}

impl Format {
    /// The file extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }
}

/// Writes one chart to `path`, atomically.
pub fn write_chart(
    data: &ReportData,
    chart: Chart,
    format: Format,
    size: Size,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = match format {
        Format::Png => charts::png(chart, data, size)?,
        Format::Svg => charts::svg(chart, data, size)?.into_bytes(),
    };
    write(path, &bytes)
}

/// Writes the whole report into `dir` (created if needed): every available chart as PNG and SVG,
/// the slides as `deck.pdf` with their speaker notes in `notes.md`, `report.html`, `report.md`, `breakdown.csv`, `curve.csv` and, with Monte Carlo, `samples.csv`
/// (every sample, drawn again window by window as it is written, so memory stays small whatever
/// the count).
/// The report is written beside `dir` and swapped in whole, so the folder holds exactly this
/// report (see [`folder`](self::folder)); a folder holding other files is refused. Returns the
/// files written.
pub fn write_report(data: &ReportData, dir: &Path, size: Size) -> Result<Vec<PathBuf>, ExportError> {
    write_report_with(data, dir, size, Replace::OnlyReports)
}

/// [`write_report`], saying what an existing folder may hold to be replaced.
pub fn write_report_with(
    data: &ReportData,
    dir: &Path,
    size: Size,
    replace: Replace,
) -> Result<Vec<PathBuf>, ExportError> {
    folder::write_whole(dir, replace, &mut |staging| {
        let mut written = Vec::new();
        let mut put = |name: String, bytes: &[u8]| -> Result<(), ExportError> {
            folder::put(staging, &name, bytes)?;
            written.push(name);
            Ok(())
        };
        let mut svgs = Vec::new();
        for chart in Chart::ALL.into_iter().filter(|c| c.available(data)) {
            let svg = charts::svg(chart, data, size)?;
            put(format!("{}.svg", chart.file_stem()), svg.as_bytes())?;
            put(format!("{}.png", chart.file_stem()), &charts::png(chart, data, size)?)?;
            svgs.push((chart, svg));
        }
        put("deck.pdf".to_owned(), &deck::pdf(data, &today())?)?;
        put("notes.md".to_owned(), deck::notes(data).as_bytes())?;
        put("report.html".to_owned(), html::report(data, &svgs).as_bytes())?;
        put("report.md".to_owned(), markdown::report(data, &svgs).as_bytes())?;
        put("breakdown.csv".to_owned(), csv::breakdown(data).as_bytes())?;
        put("curve.csv".to_owned(), csv::curve(data).as_bytes())?;
        if let Some(samples) = &data.samples {
            // Every sample, drawn again window by window as it is written, so memory stays small
            // whatever the count; the staging folder makes it atomic with the rest.
            let path = staging.join("samples.csv");
            csv::samples(&data.scenario, samples, &path).map_err(|source| ExportError::Write { path, source })?;
            written.push("samples.csv".to_owned());
        }
        Ok(written)
    })
}

/// Writes the slides as a PDF deck to `path`, atomically.
pub fn write_deck(data: &ReportData, path: &Path) -> Result<(), ExportError> {
    write(path, &deck::pdf(data, &today())?)
}

/// Today's date for a title slide, from the system clock (UTC).
#[must_use]
pub fn today() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    crate::format::date(i64::try_from(seconds / 86_400).unwrap_or(0))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomically(path, bytes).map_err(|source| ExportError::Write { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_absurd_ones_are_refused() {
        assert_eq!("1920x1080".parse::<Size>().ok(), Some(Size::SLIDE));
        assert_eq!("800×600".parse::<Size>().ok(), Some(Size { width: 800, height: 600 }));
        for bad in ["0x0", "1920", "axb", "100000x100", "10x10", "-5x100"] {
            assert!(bad.parse::<Size>().is_err(), "{bad}");
        }
    }
}
