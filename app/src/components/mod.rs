//! Small building blocks shared by pages.

pub mod config_form;
pub mod form_errors;
pub mod nav_link;
pub mod pager;
pub mod task_list;
