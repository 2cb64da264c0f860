//! What Presets does when an organization turns it on.

use sahabot_sdk::runtime_kinds::{OrgContext, PluginError};

/// Gives the organization its first namespace, named after it, unless it has one.
pub async fn create_default_namespace(ctx: OrgContext) -> Result<(), PluginError> {
    crate::repo::ensure_namespace(
        &ctx.db,
        ctx.org.id,
        &ctx.org.name,
        "Created when Presets was turned on.",
    )
    .await?;
    Ok(())
}
