//! The rules of presets and rolling. `rules` is pure and shared with the browser; the rest
//! runs on the server.

#[cfg(feature = "ssr")]
pub mod caller;
#[cfg(feature = "ssr")]
pub mod presets;
#[cfg(feature = "ssr")]
pub mod roller_api;
#[cfg(feature = "ssr")]
pub mod rolling;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod text;

#[cfg(feature = "ssr")]
pub use text::is_mystery as mystery_flag;
