//! The views: each pane, popup and form drawn from the state, which they only read.

pub mod capture;
pub mod details;
pub mod disk;
pub mod form;
pub mod help;
pub mod layout;
pub mod notes;
pub mod review;
pub mod speakers;
pub mod status;
pub mod tally;
