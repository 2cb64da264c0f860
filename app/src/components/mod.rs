//! Small building blocks shared by pages.

pub mod form_errors;
pub mod pager;
