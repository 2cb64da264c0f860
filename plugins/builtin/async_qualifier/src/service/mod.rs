//! The qualifier's rules. The pure parts (the run flow and its timeouts, scoring and the
//! leaderboard, durations) have their own files and unit tests; the rest checks, writes and
//! publishes each change.

pub mod flow;
pub mod leaderboard;
pub mod scoring;

#[cfg(feature = "ssr")]
pub mod caller;
#[cfg(feature = "ssr")]
pub mod pools;
#[cfg(feature = "ssr")]
pub mod qualifiers;
#[cfg(feature = "ssr")]
pub mod review;
#[cfg(feature = "ssr")]
pub mod runs;
#[cfg(feature = "ssr")]
pub mod scores;
#[cfg(feature = "ssr")]
pub mod timeouts;
