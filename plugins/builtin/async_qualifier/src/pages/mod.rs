//! The qualifier's pages, one per file; `parts` and `charts` hold what several show.

pub mod charts;
pub mod list;
pub mod manage;
pub mod parts;
pub mod pools;
pub mod qualifier;
pub mod racer;
pub mod review;
pub mod run;
pub mod score_calculator;
pub mod settings;
