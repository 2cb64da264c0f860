//! The Discord servers organizations linked, as the Discord plugin shows and manages them: the
//! host keeps the links and the command syncs; a plugin reads them and unlinks through these.

use sahabot_core::repo::discord;
use sahabot_core::Error;

use crate::data::{PluginDb, PluginWrite};

pub use sahabot_core::repo::discord::{GuildOrg, GuildSync};

/// The server the call's organization linked, if any.
pub async fn of_org(db: &PluginDb) -> Result<Option<i64>, Error> {
    discord::guild_of_org(db.host(), db.org()?.id).await
}

/// When the organization's server was linked through the bot invite, and by whom.
pub async fn link_info(db: &PluginDb) -> Result<Option<(i64, String)>, Error> {
    discord::link_info(db.host(), db.org()?.id).await
}

/// The last command sync of `guild`.
pub async fn sync_of(db: &PluginDb, guild: i64) -> Result<Option<GuildSync>, Error> {
    discord::sync_of(db.host(), guild).await
}

/// Every linked server, with its organization.
pub async fn linked(db: &PluginDb) -> Result<Vec<(i64, GuildOrg)>, Error> {
    discord::linked_guilds(db.host()).await
}

/// The last sync of every server, most recent first.
pub async fn syncs(db: &PluginDb) -> Result<Vec<GuildSync>, Error> {
    discord::syncs(db.host()).await
}

/// Unlinks the organization's server within `write`; returns the server it had.
pub async fn unlink(write: &mut PluginWrite) -> Result<Option<i64>, Error> {
    let org = write
        .org_id()
        .ok_or_else(|| Error::Conflict("only an organization can unlink its server".into()))?;
    discord::unlink_guild(write.unit(), org).await
}
