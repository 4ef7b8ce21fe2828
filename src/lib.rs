//! Outage cost and impact estimator: what an IT outage costs and whom it hurts.
//!
//! The library holds everything but the window: the scenario format ([`scenario`]), the cost model
//! ([`model`]), number formatting ([`format`]) and the command line ([`cli`]). The desktop app
//! (`app`) sits on top behind the `gui` feature. See ARCHITECTURE.md for the dependency direction.

pub mod assets;
pub mod backtest;
pub mod changes;
pub mod cli;
pub mod compare;
pub mod export;
pub mod files;
pub mod format;
pub mod model;
pub mod palette;
pub mod register;
pub mod results;
pub mod scenario;
pub mod sim;
pub mod solve;
pub mod story;
pub mod threshold;
pub mod ticks;

#[cfg(feature = "gui")]
pub mod app;
