//! rapporteur: a terminal note-taker for multi-stakeholder meetings.
//!
//! The core (model, capture syntax, tally, export) is pure; files and the
//! terminal live at the edges ([`storage`], [`cli`], [`ui`]).

pub mod action;
pub mod capture;
pub mod check;
pub mod cli;
pub mod clock;
pub mod edit;
pub mod export;
pub mod import;
pub mod keymap;
pub mod lint;
pub mod meeting;
pub mod merge;
pub mod model;
pub mod names;
pub mod recorder;
pub mod resolve;
pub mod rollup;
#[cfg(any(test, feature = "testing"))]
pub mod sample;
pub mod shorten;
pub mod source;
pub mod storage;
pub mod tally;
pub mod templates;
pub mod timeline;
pub mod ui;
pub mod visible;
