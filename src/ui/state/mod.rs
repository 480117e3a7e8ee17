//! The screen's state, one type per widget, apart from the views that draw it:
//! views import state, never the other way round.

pub mod capture;
pub mod completion;
pub mod details;
pub mod disk;
pub mod form;
pub mod line;
pub mod paste;
pub mod review;
pub mod roster;
pub mod search;
