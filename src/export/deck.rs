//! The slides as a PDF deck (DESIGN §4, presentations): one 16:9 page per slide of
//! [`crate::story`], each drawn as an SVG (the headline over the plotters chart, or the title and
//! closing text) and turned into vector PDF by `svg2pdf`, with the bundled fonts embedded (CJK
//! included), so the deck looks the same on every machine. Speaker notes go beside it as text.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use svg2pdf::usvg;

use super::charts::{self, Chart};
use super::{ExportError, ReportData, Size};
use crate::story::{Slide, Story};

/// A slide's size in SVG units (1920×1080, full HD).
const SLIDE: Size = Size::SLIDE;
/// The page's size in PDF points (a 16:9 page, 13.33 × 7.5 inches).
const PAGE: (f32, f32) = (960.0, 540.0);
/// Left and right margin on a slide.
const MARGIN: f64 = 90.0;
/// Where a chart starts below the headline, and its height on the slide.
const CHART_TOP: u32 = 250;
const CHART_HEIGHT: u32 = 760;
/// Chart type on a slide is sized as for a chart this high (larger than the chart itself), so it
/// reads from the back of a room.
const CHART_TYPE_HEIGHT: u32 = 1150;

/// The story a report's data tells: its scenario, and what it is compared with.
#[must_use]
pub fn story(data: &ReportData) -> Story<'_> {
    Story { results: &data.results, pinned: &data.compare, returns: &data.returns }
}

/// The chart a slide shows, if it shows one this data can draw.
fn chart_of(slide: Slide, data: &ReportData) -> Option<Chart> {
    let chart = match slide {
        Slide::CostVsDuration => Chart::CostVsDuration,
        Slide::Breakdown => Chart::Breakdown,
        Slide::Timeline => Chart::Timeline,
        Slide::Benchmarks => Chart::Benchmarks,
        Slide::Uncertainty => Chart::Exceedance,
        Slide::Compare => Chart::Compare,
        Slide::Title | Slide::Closing => return None,
    };
    chart.available(data).then_some(chart)
}

/// The slides this data can show, in order (an uncertainty slide needs its samples).
#[must_use]
pub fn slides(data: &ReportData) -> Vec<Slide> {
    story(data)
        .slides()
        .into_iter()
        .filter(|&s| matches!(s, Slide::Title | Slide::Closing) || chart_of(s, data).is_some())
        .collect()
}

/// One slide as an SVG document of [`SLIDE`] size.
pub fn slide_svg(
    slide: Slide,
    number: usize,
    count: usize,
    data: &ReportData,
    date: &str,
) -> Result<String, ExportError> {
    let story = story(data);
    let (w, h) = (SLIDE.width, SLIDE.height);
    let mut svg = format!(
        r##"<svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg"><rect width="{w}" height="{h}" fill="#FFFFFF"/>"##
    );
    match slide {
        Slide::Title => {
            let mut y = 330.0;
            y = text_block(&mut svg, &story.title(slide), 84.0, y, 2, "#111111", true);
            y = text_block(&mut svg, &data.scenario.description, 34.0, y + 20.0, 4, "#555555", false);
            y = text_block(&mut svg, &story.summary(), 46.0, y + 50.0, 3, "#1F4E99", true);
            text_block(&mut svg, date, 30.0, y + 40.0, 1, "#777777", false);
        }
        Slide::Closing => {
            let mut y = header(&mut svg, &story, slide);
            for point in story.actions() {
                y = text_block(&mut svg, &format!("•  {point}"), 40.0, y + 30.0, 3, "#222222", false);
            }
        }
        _ => {
            header(&mut svg, &story, slide);
            if let Some(chart) = chart_of(slide, data) {
                let body =
                    charts::svg_with_type(chart, data, Size { width: w, height: CHART_HEIGHT }, CHART_TYPE_HEIGHT)?;
                // The chart is an SVG of its own, placed under the headline.
                svg.push_str(&with_cjk_runs(&body).replacen("<svg ", &format!(r#"<svg x="0" y="{CHART_TOP}" "#), 1));
            }
        }
    }
    let footer = format!("{number} / {count}   ·   {}", data.scenario.title());
    let _ = write!(
        svg,
        r##"<text x="{MARGIN}" y="{}" font-family="sans-serif" font-size="24" fill="#888888">{}</text></svg>"##,
        f64::from(h) - 30.0,
        escape(&footer)
    );
    Ok(svg)
}

/// The slide's title and headline; returns where the body may start.
fn header(svg: &mut String, story: &Story<'_>, slide: Slide) -> f64 {
    let y = text_block(svg, &story.title(slide).to_uppercase(), 28.0, 80.0, 1, "#1F4E99", true);
    text_block(svg, &story.headline(slide), 46.0, y + 10.0, 2, "#111111", true)
}

/// Writes `text` wrapped to the slide's width from baseline `y`, at most `max_lines` lines (the
/// last one cut with "…"); returns the baseline after it.
fn text_block(svg: &mut String, text: &str, size: f64, y: f64, max_lines: usize, fill: &str, bold: bool) -> f64 {
    let width = f64::from(SLIDE.width) - 2.0 * MARGIN;
    let lines = wrap(text, width, size, max_lines);
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    let mut baseline = y;
    for line in &lines {
        baseline += size * 1.25;
        let _ = write!(
            svg,
            r#"<text x="{MARGIN}" y="{baseline:.1}" font-family="sans-serif" font-size="{size}"{weight} fill="{fill}">{}</text>"#,
            escape(line)
        );
    }
    baseline
}

/// Splits `text` into lines that fit `width` at `size` (an estimate: half an em for Latin
/// letters, a whole one for CJK).
fn wrap(text: &str, width: f64, size: f64, max_lines: usize) -> Vec<String> {
    let advance = |c: char| if c.len_utf8() >= 3 { size } else { size * 0.55 };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w: f64 = word.chars().map(advance).sum();
        if !line.is_empty() && used + advance(' ') + w > width {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        if !line.is_empty() {
            line.push(' ');
            used += advance(' ');
        }
        line.push_str(word);
        used += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// The family of the bundled CJK font.
const CJK_FAMILY: &str = "Noto Sans CJK SC";

/// Whether a character is Chinese, Japanese or Korean script (drawn with the CJK font).
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Text escaped for SVG (XML) content, with runs of CJK script in the bundled CJK font (the SVG
/// renderer's own fallback gives up on a line where the Latin font forms ligatures).
fn escape(text: &str) -> String {
    wrap_cjk(&super::html::esc(text))
}

/// A chart's SVG with the CJK runs of its text in the CJK font (see [`escape`]).
fn with_cjk_runs(svg: &str) -> String {
    if !svg.chars().any(is_cjk) {
        return svg.to_owned();
    }
    let mut out = String::with_capacity(svg.len() + 256);
    let mut rest = svg;
    while let Some(end) = rest.find("</text>") {
        let (before, after) = rest.split_at(end);
        match before.rfind('>') {
            Some(open) if before[open + 1..].chars().any(is_cjk) => {
                out.push_str(&before[..=open]);
                // The content is already escaped XML: only the CJK runs are wrapped.
                out.push_str(&wrap_cjk(&before[open + 1..]));
            }
            _ => out.push_str(before),
        }
        out.push_str("</text>");
        rest = &after["</text>".len()..];
    }
    out.push_str(rest);
    out
}

/// Wraps runs of CJK script in a `tspan` in the CJK font.
fn wrap_cjk(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len() + 64);
    let mut in_cjk = false;
    for c in escaped.chars() {
        if is_cjk(c) != in_cjk {
            in_cjk = !in_cjk;
            if in_cjk {
                out.push_str(r#"<tspan font-family=""#);
                out.push_str(CJK_FAMILY);
                out.push_str(r#"">"#);
            } else {
                out.push_str("</tspan>");
            }
        }
        out.push(c);
    }
    if in_cjk {
        out.push_str("</tspan>");
    }
    out
}

/// The bundled fonts, for turning slide text into PDF (parsed once).
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(crate::assets::DEJAVU_SANS.to_vec());
        db.load_font_data(crate::assets::CJK_PRESETS.to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    }))
}

/// The whole deck as PDF bytes: one page per slide, vector charts, fonts embedded.
pub fn pdf(data: &ReportData, date: &str) -> Result<Vec<u8>, ExportError> {
    let failed = |message: String| ExportError::Chart { chart: "slides", message };
    let slides = slides(data);
    let options = usvg::Options { fontdb: fonts(), ..usvg::Options::default() };
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree_ref = alloc.bump();
    let mut pdf = Pdf::new();
    let mut pages = Vec::with_capacity(slides.len());
    let mut chunks = Vec::with_capacity(slides.len());
    for (i, &slide) in slides.iter().enumerate() {
        let svg = slide_svg(slide, i + 1, slides.len(), data, date)?;
        let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| failed(e.to_string()))?;
        let (chunk, root) =
            svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default()).map_err(|e| failed(e.to_string()))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let graphic = map.get(&root).copied().ok_or_else(|| failed("the slide's graphic is missing".to_owned()))?;
        let (page, content) = (alloc.bump(), alloc.bump());
        let mut writer = pdf.page(page);
        writer.media_box(Rect::new(0.0, 0.0, PAGE.0, PAGE.1)).parent(tree_ref).contents(content);
        writer.resources().x_objects().pair(Name(b"S"), graphic);
        writer.finish();
        let mut stream = Content::new();
        // The graphic is one point square: scale it to the page.
        stream.transform([PAGE.0, 0.0, 0.0, PAGE.1, 0.0, 0.0]).x_object(Name(b"S"));
        pdf.stream(content, &stream.finish());
        pages.push(page);
        chunks.push(chunk);
    }
    for chunk in &chunks {
        pdf.extend(chunk);
    }
    pdf.catalog(catalog).pages(tree_ref);
    pdf.pages(tree_ref).kids(pages.iter().copied()).count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    let info = alloc.bump();
    pdf.document_info(info).title(TextStr(data.scenario.title())).creator(TextStr("outage-cost"));
    Ok(pdf.finish())
}

/// The speaker notes of every slide, as Markdown.
#[must_use]
pub fn notes(data: &ReportData) -> String {
    let story = story(data);
    let mut text = format!("# Speaker notes — {}\n", data.scenario.title());
    for (i, slide) in slides(data).into_iter().enumerate() {
        let _ = write!(
            text,
            "\n## {}. {}\n\n{}\n\n{}\n",
            i + 1,
            story.title(slide),
            story.headline(slide),
            story.notes(slide)
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn lines_wrap_to_the_width_and_stop_at_the_limit() {
        let text = "one two three four five six seven eight nine ten";
        let lines = wrap(text, 10.0 * 11.0, 20.0, 10);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.chars().count() <= 12), "{lines:?}");
        let cut = wrap(text, 10.0 * 11.0, 20.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape("WeChat (微信)"), r#"WeChat (<tspan font-family="Noto Sans CJK SC">微信</tspan>)"#);
        let chart = "<svg><text x=\"1\">\n카카오 &amp; file\n</text><text>plain</text></svg>";
        assert_eq!(
            with_cjk_runs(chart),
            "<svg><text x=\"1\">\n<tspan font-family=\"Noto Sans CJK SC\">카카오</tspan> &amp; file\n</text><text>plain</text></svg>"
        );
    }

    #[test]
    fn the_deck_is_a_pdf_with_a_page_per_slide_and_embedded_fonts() -> Result<(), Box<dyn std::error::Error>> {
        let scenario = presets::find("wechat-qq-2023").ok_or("no WeChat preset")?.load()?;
        let data = ReportData::new(&scenario, Some(0), None);
        let slides = slides(&data);
        assert_eq!(slides.first(), Some(&Slide::Title));
        assert_eq!(slides.last(), Some(&Slide::Closing));
        let bytes = pdf(&data, "4 December 2026")?;
        let text = String::from_utf8_lossy(&bytes);
        assert!(bytes.starts_with(b"%PDF-"));
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, slides.len(), "one page per slide");
        assert!(text.contains("/FontFile"), "fonts are embedded");
        assert!(text.contains("NotoSansCJK"), "the CJK font is embedded for 微信");
        let svg = slide_svg(Slide::Title, 1, slides.len(), &data, "today")?;
        assert!(svg.contains(&escape(scenario.title())), "the title slide names the scenario");
        Ok(())
    }
}
