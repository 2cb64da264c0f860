//! The tournament's pages, one per file; `parts` holds what several show.

pub mod bulk;
pub mod channels;
pub mod crew_queue;
pub mod list;
pub mod manage;
pub mod match_page;
pub mod mine;
pub mod parts;
pub mod roster;
pub mod tournament;
