//! Scenarios pinned for the Compare tab, computed off the UI thread: pinning a scenario runs its
//! Monte Carlo on a background thread, and whenever the pins change their mitigation returns are
//! worked out there too, each baseline resolved once, relative to the folder of the file that
//! names it. Paint code reads only the finished [`Pins::pinned`] and [`Pins::returns`].

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::compare::{MAX_PINNED, Mitigation, Pinned, returns};
use crate::scenario::Scenario;

enum Message {
    Pinned(u64, Box<Pinned>, Option<PathBuf>),
    Returns(u64, Vec<Mitigation>),
}

/// The pinned scenarios and what is being computed for them.
pub struct Pins {
    /// The pinned scenarios, in pin order.
    pub pinned: Vec<Pinned>,
    /// The folder each pinned scenario's relative baseline is read from.
    folders: Vec<Option<PathBuf>>,
    /// The mitigation returns of the current pins (empty while they are being worked out).
    pub returns: Vec<Mitigation>,
    /// Pins asked for and not yet computed.
    pub computing: usize,
    /// Whether the returns of the current pins are being worked out.
    pub returns_pending: bool,
    generation: u64,
    /// Pins are added in the order they were asked for: the next to add, the next to ask for, and
    /// those finished out of turn.
    next_to_add: u64,
    next_to_ask: u64,
    early: Vec<(u64, Box<Pinned>, Option<PathBuf>)>,
    outbox: Sender<Message>,
    inbox: Receiver<Message>,
}

impl Default for Pins {
    fn default() -> Self {
        let (outbox, inbox) = channel();
        Self {
            pinned: Vec::new(),
            folders: Vec::new(),
            returns: Vec::new(),
            computing: 0,
            returns_pending: false,
            generation: 0,
            next_to_add: 0,
            next_to_ask: 0,
            early: Vec::new(),
            outbox,
            inbox,
        }
    }
}

/// A pinned scenario as kept across restarts: its label, its scenario as RON (it may be an unsaved
/// variant) and the folder its baseline is read from.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KeptPin {
    /// How the comparison names it.
    pub label: String,
    /// The scenario, in the file format.
    pub ron: String,
    /// The folder its relative baseline is read from.
    pub folder: Option<PathBuf>,
}

impl Pins {
    /// The pins as kept across restarts (those finished computing).
    #[must_use]
    pub fn kept(&self) -> Vec<KeptPin> {
        self.pinned
            .iter()
            .zip(&self.folders)
            .filter_map(|(p, folder)| {
                let ron = crate::scenario::save::to_ron(&p.scenario).ok()?;
                Some(KeptPin { label: p.label.clone(), ron, folder: folder.clone() })
            })
            .collect()
    }

    /// Pins again what an earlier session kept; a pin whose text no longer reads is dropped.
    pub fn restore(&mut self, kept: &[KeptPin], repaint: impl Fn() + Clone + Send + 'static) {
        for pin in kept {
            if let Ok(scenario) = crate::scenario::load::parse(&pin.ron, &pin.label) {
                self.pin(pin.label.clone(), scenario, pin.folder.clone(), repaint.clone());
            }
        }
    }

    /// Whether another scenario may be pinned.
    #[must_use]
    pub fn has_room(&self) -> bool {
        self.pinned.len() + self.computing < MAX_PINNED
    }

    /// Pins `scenario` (read from `folder`, for its baseline): computed on a background thread;
    /// `repaint` is called when it is ready.
    pub fn pin(
        &mut self,
        label: String,
        scenario: Scenario,
        folder: Option<PathBuf>,
        repaint: impl Fn() + Send + 'static,
    ) {
        if !self.has_room() {
            return;
        }
        let (outbox, seq) = (self.outbox.clone(), self.next_to_ask);
        let spawned = std::thread::Builder::new().name("pin".to_owned()).spawn(move || {
            let pinned = Pinned::new(label, &scenario);
            let _ = outbox.send(Message::Pinned(seq, Box::new(pinned), folder));
            repaint();
        });
        // Without a thread nothing is pinned (and nothing waits for it).
        if spawned.is_ok() {
            self.next_to_ask += 1;
            self.computing += 1;
        }
    }

    /// Unpins the scenario at `index`.
    pub fn unpin(&mut self, index: usize, repaint: impl Fn() + Send + 'static) {
        if index < self.pinned.len() {
            self.pinned.remove(index);
            self.folders.remove(index);
            self.refresh_returns(repaint);
        }
    }

    /// Takes in what the background threads finished. Cheap enough for every frame.
    pub fn update(&mut self, repaint: impl Fn() + Send + Clone + 'static) {
        while let Ok(message) = self.inbox.try_recv() {
            match message {
                Message::Pinned(seq, pinned, folder) => {
                    self.computing = self.computing.saturating_sub(1);
                    self.early.push((seq, pinned, folder));
                    let mut added = false;
                    while let Some(i) = self.early.iter().position(|(s, ..)| *s == self.next_to_add) {
                        let (_, pinned, folder) = self.early.swap_remove(i);
                        self.next_to_add += 1;
                        if self.pinned.len() < MAX_PINNED {
                            self.pinned.push(*pinned);
                            self.folders.push(folder);
                            added = true;
                        }
                    }
                    if added {
                        self.refresh_returns(repaint.clone());
                    }
                }
                Message::Returns(generation, returns) if generation == self.generation => {
                    self.returns = returns;
                    self.returns_pending = false;
                }
                Message::Returns(..) => {}
            }
        }
    }

    /// Works out the returns of the current pins on a background thread.
    fn refresh_returns(&mut self, repaint: impl Fn() + Send + 'static) {
        self.generation += 1;
        self.returns.clear();
        if !self.pinned.iter().any(|p| !p.scenario.mitigation.is_unused()) {
            self.returns_pending = false;
            return;
        }
        self.returns_pending = true;
        let (generation, pins, folders, outbox) =
            (self.generation, self.pinned.clone(), self.folders.clone(), self.outbox.clone());
        let spawned = std::thread::Builder::new().name("mitigation returns".to_owned()).spawn(move || {
            let _ = outbox.send(Message::Returns(generation, returns(&pins, &folders)));
            repaint();
        });
        if spawned.is_err() {
            self.returns_pending = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn a_relative_baseline_is_read_beside_the_file_that_names_it() {
        let dir = std::env::temp_dir().join(format!("outage-cost-pins-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let Some(Ok(before)) = presets::find("kakao-2022").map(presets::Preset::load) else {
            panic!("the preset loads");
        };
        let Some(Ok(mut after)) = presets::find("kakao-2022-hot-standby").map(presets::Preset::load) else {
            panic!("the preset loads");
        };
        let text = crate::scenario::save::to_ron(&before).unwrap_or_default();
        std::fs::write(dir.join("today.ron"), text).unwrap_or_default();
        "today.ron".clone_into(&mut after.mitigation.baseline);
        let pins = vec![Pinned::new(after.title(), &after)];
        let found = returns(&pins, &[Some(dir.clone())]);
        assert_eq!(found.len(), 1, "the baseline beside the file is found");
        assert_eq!(found[0].after, 0);
        assert!(found[0].result.ale_before > found[0].result.ale_after);
        // Resolved against another folder, the same name finds nothing (and says so by no return).
        assert!(returns(&pins, &[Some(dir.join("elsewhere"))]).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn pins_arrive_in_the_order_they_were_asked_for() {
        let mut pins = Pins::default();
        let load = |id| presets::find(id).and_then(|p| p.load().ok()).unwrap_or_else(Scenario::blank);
        for id in ["kakao-2022", "didi-2023", "wechat-qq-2023"] {
            let s = load(id);
            pins.pin(s.title().to_owned(), s, None, || {});
        }
        for _ in 0..500 {
            pins.update(|| {});
            if pins.pinned.len() == 3 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let titles: Vec<String> =
            ["kakao-2022", "didi-2023", "wechat-qq-2023"].map(|id| load(id).title().to_owned()).into();
        assert_eq!(pins.pinned.iter().map(|p| p.label.clone()).collect::<Vec<_>>(), titles);
        assert_eq!(pins.computing, 0);
    }
}
