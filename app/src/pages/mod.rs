pub mod home;
pub mod login;
pub mod not_found;
pub mod org_home;
pub mod org_layout;
pub mod plugin_page;
