//! Charts, reports and the copied summary are made on a background thread, so a big report never
//! holds up a frame: [`Exports::start`] takes what is on screen, [`Exports::finished`] hands back
//! what to tell the user.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::compare::{Mitigation, Pinned};
use crate::export::{self, Chart, Format, ReportData, Size};
use crate::scenario::Scenario;
use crate::sim::Samples;

/// What to make.
#[derive(Clone, Debug)]
pub enum Job {
    /// A chart file.
    Chart(Chart, Format, PathBuf),
    /// A report folder.
    Report(PathBuf),
    /// The headline figures as text, for the clipboard.
    Summary,
    /// The slides as a PDF deck.
    Deck(PathBuf),
    /// A chart as an image, for the clipboard.
    CopyChart(Chart),
}

/// What a finished job has to say.
#[derive(Clone, Debug, PartialEq)]
pub enum Done {
    /// Files written: a short message.
    Saved(String),
    /// The summary text to put on the clipboard.
    Copied(String),
    /// A chart image to put on the clipboard: its size and RGB pixels.
    Image(Chart, [usize; 2], Vec<u8>),
    /// What went wrong.
    Failed(String),
}

/// Everything a job reads, taken from the app when it starts.
pub struct Inputs {
    /// The scenario.
    pub scenario: Scenario,
    /// The Monte Carlo samples on screen, when current.
    pub samples: Option<Samples>,
    /// The pinned scenarios and their returns.
    pub pins: (Vec<Pinned>, Vec<Mitigation>),
    /// The size of exported charts.
    pub size: Size,
}

/// Exports under way.
pub struct Exports {
    outbox: Sender<Done>,
    inbox: Receiver<Done>,
    /// How many have not finished.
    pub running: usize,
}

impl Default for Exports {
    fn default() -> Self {
        let (outbox, inbox) = channel();
        Self { outbox, inbox, running: 0 }
    }
}

impl Exports {
    /// Starts `job` on a background thread; `repaint` wakes the window when it is done.
    pub fn start(&mut self, job: Job, inputs: Inputs, repaint: impl Fn() + Send + 'static) {
        let outbox = self.outbox.clone();
        let spawned = std::thread::Builder::new().name("export".to_owned()).spawn(move || {
            let _ = outbox.send(run(&job, inputs));
            repaint();
        });
        match spawned {
            Ok(_) => self.running += 1,
            Err(e) => {
                let _ = self.outbox.send(Done::Failed(format!("cannot start the export: {e}")));
            }
        }
    }

    /// The jobs finished since the last call.
    pub fn finished(&mut self) -> Vec<Done> {
        let done: Vec<Done> = self.inbox.try_iter().collect();
        self.running = self.running.saturating_sub(done.len());
        done
    }
}

/// Makes one export.
#[must_use]
pub fn run(job: &Job, inputs: Inputs) -> Done {
    let data = match inputs.samples {
        Some(samples) => ReportData::with_samples(&inputs.scenario, Some(samples)),
        None => ReportData::new(&inputs.scenario, None, None),
    }
    .with_comparison(inputs.pins.0, inputs.pins.1);
    match job {
        Job::Chart(chart, format, path) => match export::write_chart(&data, *chart, *format, inputs.size, path) {
            Ok(()) => Done::Saved(format!("Saved {}", path.display())),
            Err(e) => Done::Failed(format!("{e:#}")),
        },
        Job::Report(dir) => match export::write_report(&data, dir, inputs.size) {
            Ok(files) => Done::Saved(format!("Saved {} files to {}", files.len(), dir.display())),
            Err(e) => Done::Failed(format!("{e:#}")),
        },
        Job::Summary => Done::Copied(export::summary_text(&data)),
        Job::Deck(path) => match export::write_deck(&data, path) {
            Ok(()) => Done::Saved(format!("Saved the slides to {}", path.display())),
            Err(e) => Done::Failed(format!("{e:#}")),
        },
        Job::CopyChart(chart) => match export::charts::rgb_pixels(*chart, &data, inputs.size) {
            Ok(pixels) => Done::Image(*chart, [inputs.size.width as usize, inputs.size.height as usize], pixels),
            Err(e) => Done::Failed(format!("{e:#}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn kakao() -> Option<Inputs> {
        let scenario = presets::find("kakao-2022")?.load().ok()?;
        Some(Inputs { scenario, samples: None, pins: (Vec::new(), Vec::new()), size: Size::SLIDE })
    }

    #[test]
    fn an_export_runs_off_the_calling_thread_and_reports_back() {
        let Some(inputs) = kakao() else { panic!("the Kakao preset loads") };
        let dir = std::env::temp_dir().join(format!("outage-cost-exports-{}", std::process::id()));
        let mut exports = Exports::default();
        exports.start(Job::Report(dir.clone()), inputs, || {});
        assert_eq!(exports.running, 1);
        let mut done = Vec::new();
        for _ in 0..600 {
            done.extend(exports.finished());
            if !done.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert_eq!(exports.running, 0);
        assert!(matches!(done.as_slice(), [Done::Saved(m)] if m.contains("files to")), "{done:?}");
        assert!(dir.join("report.html").is_file());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_summary_comes_back_as_text_and_a_bad_folder_as_an_error() {
        let Some(inputs) = kakao() else { panic!("the Kakao preset loads") };
        assert!(matches!(run(&Job::Summary, inputs), Done::Copied(t) if t.contains("Kakao")));
        let Some(mut inputs) = kakao() else { panic!("the Kakao preset loads") };
        inputs.size = Size::MIN;
        let image = run(&Job::CopyChart(Chart::Breakdown), inputs);
        assert!(
            matches!(&image, Done::Image(Chart::Breakdown, [320, 200], p) if p.len() == 320 * 200 * 3 && p.iter().any(|&v| v < 128))
        );
        let Some(inputs) = kakao() else { panic!("the Kakao preset loads") };
        let pdf = std::env::temp_dir().join(format!("outage-cost-exports-deck-{}.pdf", std::process::id()));
        assert!(matches!(run(&Job::Deck(pdf.clone()), inputs), Done::Saved(m) if m.contains("slides")));
        assert!(std::fs::read(&pdf).is_ok_and(|b| b.starts_with(b"%PDF-")));
        let _ = std::fs::remove_file(&pdf);
        let Some(inputs) = kakao() else { panic!("the Kakao preset loads") };
        let file = std::env::temp_dir().join(format!("outage-cost-exports-file-{}", std::process::id()));
        let _ = std::fs::write(&file, "not a folder");
        assert!(matches!(run(&Job::Report(file.join("inside")), inputs), Done::Failed(_)));
        let _ = std::fs::remove_file(&file);
    }
}
