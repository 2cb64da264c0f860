//! The plugin runtime. At start it reconciles the linked plugins with the `plugins` table and
//! applies their migrations ([`reconcile`]); afterwards it carries out every lifecycle change —
//! install, uninstall, enable, disable, grant, revoke, configure — with the same rules whether
//! the web app, the REST API or the CLI asks ([`lifecycle`]); and it runs commands, listeners
//! and tasks only where their plugin is enabled ([`dispatch`], [`bus`], [`scheduler`]). The web app's server functions
//! and the server binary both drive it, so it is a crate of its own beside the SDK.

pub mod access;
pub mod bus;
pub mod catalog;
pub mod demo;
mod discord_rules;
pub mod dispatch;
mod error;
mod guarded;
pub mod lifecycle;
pub mod migrations;
pub mod plugin_config;
pub mod reconcile;
pub mod registry_check;
pub mod rules;
pub mod scheduler;
pub mod task_admin;
mod worker;

pub use error::RuntimeError;

#[cfg(test)]
mod send_check {
    fn is_send<T: Send>(_: T) {}
    #[allow(dead_code)]
    fn futures_are_send(db: &sahabot_core::db::Db, actor: &sahabot_core::service::Actor) {
        is_send(crate::lifecycle::install(db, actor, "x"));
        is_send(crate::lifecycle::uninstall(db, actor, "x"));
        is_send(crate::reconcile::reconcile(db));
        is_send(crate::migrations::apply(
            db,
            &sahabot_sdk::registry::plugins()[0],
        ));
    }
}
