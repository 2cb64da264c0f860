//! What Presets does when an organization turns it on.

use sahabot_sdk::runtime_kinds::{BoxFuture, OrgContext, PluginError};

/// Gives the organization its first namespace, named after it, unless it has one.
pub fn create_default_namespace(ctx: OrgContext) -> BoxFuture<Result<(), PluginError>> {
    Box::pin(async move {
        crate::repo::ensure_namespace(
            &ctx.db,
            ctx.org.id,
            &ctx.org.name,
            "Created when Presets was turned on.",
        )
        .await?;
        Ok(())
    })
}
