//! Plugins' example data in demo mode: after the core's demo data is loaded, each plugin on in
//! a demo organization fills it through its demo hook.

use sahabot_core::db::Db;
use sahabot_sdk::org::OrgRef;

use crate::lifecycle::{on_for, run_org_hook};
use crate::RuntimeError;
use sahabot_sdk::registry;

/// Runs the demo hooks in every demo organization; what failed, as `plugin in org: why` (the
/// demo goes on without that plugin's examples).
pub async fn fill(db: &Db) -> Result<Vec<String>, RuntimeError> {
    let mut failed = Vec::new();
    for demo_org in sahabot_core::demo::ORGS {
        let Some((id, name)) = sahabot_core::repo::orgs::id_and_name(db, demo_org.slug).await?
        else {
            continue;
        };
        let org = OrgRef {
            id,
            slug: demo_org.slug.to_owned(),
            name,
        };
        for plugin_id in on_for(db, id).await? {
            let Some(plugin) = registry::plugin(plugin_id) else {
                continue;
            };
            if let Err(message) =
                run_org_hook(db, plugin, &org, plugin.server().hooks.demo.as_ref()).await
            {
                tracing::warn!(plugin = plugin_id, org = org.slug, error = %message, "demo data not loaded");
                failed.push(format!("{plugin_id} in {}: {message}", org.slug));
            }
        }
    }
    Ok(failed)
}
