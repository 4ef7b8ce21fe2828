//! Work off the UI thread, one pattern for all of it (Monte Carlo, a large scenario's results,
//! the time to threshold, a register's years): a named thread computes the newest request it was
//! given (older ones still waiting are skipped, the one under way is told to stop) and asks for a
//! repaint when an answer is ready; the UI picks the answer up in a later frame and never waits.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};

/// The UI's handle on one worker thread taking requests `Q` and answering `A`.
pub struct Newest<Q, A> {
    requests: Sender<(Q, Arc<AtomicBool>)>,
    done: Arc<Mutex<Option<A>>>,
    cancel: Arc<AtomicBool>,
}

impl<Q: Send + 'static, A: Send + 'static> Newest<Q, A> {
    /// Starts the thread `name`. `work` answers a request, watching its flag to stop early (`None`
    /// when it stopped or has nothing to say); `repaint` is called when an answer is ready.
    pub fn start(
        name: &str,
        work: impl Fn(&Q, &AtomicBool) -> Option<A> + Send + 'static,
        repaint: impl Fn() + Send + 'static,
    ) -> Self {
        let (requests, inbox) = channel::<(Q, Arc<AtomicBool>)>();
        let done = Arc::new(Mutex::new(None));
        let out = Arc::clone(&done);
        let spawned = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            while let Ok(mut job) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    job = newer;
                }
                let (request, cancel) = job;
                if cancel.load(Ordering::Relaxed) {
                    continue;
                }
                if let Some(answer) = work(&request, &cancel) {
                    // Checked under the lock `stop` clears the answer under: an answer to a
                    // request replaced meanwhile is never handed over.
                    let mut done = out.lock().unwrap_or_else(PoisonError::into_inner);
                    if !cancel.load(Ordering::Relaxed) {
                        *done = Some(answer);
                        drop(done);
                        repaint();
                    }
                }
            }
        });
        if let Err(e) = spawned {
            // Without the thread the app still works; what it would compute does not appear.
            eprintln!("warning: cannot start the {name} worker: {e}");
        }
        Self { requests, done, cancel: Arc::new(AtomicBool::new(false)) }
    }

    /// Asks for `request`, telling the one under way to stop (an answer to it not yet taken is
    /// dropped). Returns whether the thread took the request (`false`: it is gone).
    pub fn ask(&mut self, request: Q) -> bool {
        self.stop();
        self.requests.send((request, Arc::clone(&self.cancel))).is_ok()
    }

    /// Tells the request under way to stop, asking for nothing new; an answer not yet taken is
    /// dropped.
    pub fn stop(&mut self) {
        let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        self.cancel.store(true, Ordering::Relaxed);
        *done = None;
        drop(done);
        self.cancel = Arc::new(AtomicBool::new(false));
    }

    /// The newest answer finished since the last call.
    #[must_use]
    pub fn take(&self) -> Option<A> {
        self.done.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}
