//! The plugin runtime as the server starts it: linking and the registry's consistency check
//! (before anything else), then reconciliation with the database (after the core migrations).

use sahabot_core::db::Db;
use sahabot_runtime::reconcile::{reconcile, Report};

use crate::error::Error;

/// Links every plugin crate and checks the registry and that every server function declares
/// its access rule; the server refuses to start otherwise.
pub fn load() -> Result<(), Error> {
    sahabot_app::link_plugins();
    sahabot_runtime::access::install_host();
    let mut problems: Vec<String> = match sahabot_runtime::registry_check::validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    };
    problems.extend(
        crate::access::undeclared_server_fns()
            .into_iter()
            .map(|path| {
                format!("the server function at `{path}` has no access declaration (guard!)")
            }),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Registry(problems.join("; ")))
    }
}

/// Records new, upgraded and removed plugins and applies their migrations. A plugin that fails
/// is logged and kept out of service; the others serve.
pub async fn start(db: &Db) -> Result<Report, Error> {
    let report = reconcile(db).await?;
    for id in &report.added {
        tracing::info!(plugin = %id, "new plugin recorded");
    }
    for (id, from, to) in &report.upgraded {
        tracing::info!(plugin = %id, from = %from, to = %to, "plugin upgraded");
    }
    for id in &report.removed {
        tracing::warn!(plugin = %id, "plugin no longer linked; marked not installed");
    }
    Ok(report)
}
