//! Small building blocks shared by pages.

pub mod pager;
