//! Files opened off the UI thread (`background::Newest`): Open, a dropped file, a recent file,
//! Reload and a register's entry are read and checked on a worker, and the document is replaced
//! once the file has been read, so a slow disk or a network share never freezes the window.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use super::background::Newest;
use crate::files::Stamp;
use crate::register::{self, Register};
use crate::scenario::{Scenario, load};

/// What to read.
pub enum Request {
    /// A scenario or register file.
    File(PathBuf),
    /// The scenario a register's entry names (a preset id or a file beside the register).
    Entry(String, Option<PathBuf>),
}

/// What was read.
pub enum Opened {
    /// A scenario file, and what it was when read.
    Scenario(PathBuf, Box<Scenario>, Stamp),
    /// A register file.
    Register(PathBuf, Box<Register>),
    /// A register entry's scenario, and its file when it is one.
    Entry(Option<PathBuf>, Box<Scenario>),
    /// The file could not be opened: the message.
    Failed(String),
}

/// The worker that reads files for the app.
pub type Opener = Newest<Request, Opened>;

/// Starts the worker; `repaint` is called when a file has been read.
pub fn start(repaint: impl Fn() + Send + 'static) -> Opener {
    Newest::start("open", |request: &Request, _: &AtomicBool| Some(read(request)), repaint)
}

fn read(request: &Request) -> Opened {
    match request {
        Request::File(path) if register::load::is_register_file(path) => match register::load::parse_file(path) {
            Ok(r) => Opened::Register(path.clone(), Box::new(r)),
            Err(e) => Opened::Failed(format!("{e:#}")),
        },
        Request::File(path) => match load::load_file_stamped(path) {
            Ok((scenario, stamp)) => Opened::Scenario(path.clone(), Box::new(scenario), stamp),
            Err(e) => Opened::Failed(format!("{e:#}")),
        },
        Request::Entry(name, folder) => {
            let name = name.trim();
            match register::load::load_entry(name, folder.as_deref()) {
                Ok(scenario) => {
                    let is_file = crate::scenario::presets::find(name).is_none();
                    let path = is_file.then(|| folder.as_ref().map_or_else(|| PathBuf::from(name), |f| f.join(name)));
                    Opened::Entry(path, Box::new(scenario))
                }
                Err(e) => Opened::Failed(e),
            }
        }
    }
}
