//! What Presets does when an organization turns it on.

use sahabot_sdk::runtime_kinds::{OrgContext, PluginError};

/// Gives the organization its first namespace, named after it, unless it has one.
pub async fn create_default_namespace(ctx: OrgContext) -> Result<(), PluginError> {
    crate::repo::namespaces::ensure_for_org(&ctx.db, ctx.org.id, &ctx.org.slug).await?;
    Ok(())
}
