//! Re-syncs guilds when plugins are turned on or off through this instance.

use std::collections::BTreeSet;

use sahabot_core::enablement::Change;
use sahabot_core::repo::discord as repo;
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

use crate::{sync, Discord};

pub(crate) fn spawn(discord: Discord) {
    let mut changes = discord.db().enablement().subscribe();
    tokio::spawn(async move {
        loop {
            let first = match changes.recv().await {
                Ok(change) => change,
                Err(RecvError::Lagged(_)) => Change::All,
                Err(RecvError::Closed) => return,
            };
            // A burst of changes (several plugins switched at once) makes one sync per guild.
            let mut orgs = BTreeSet::new();
            let mut all = false;
            let mut next = Ok(first);
            loop {
                match next {
                    Ok(Change::Org(id)) => {
                        orgs.insert(id);
                    }
                    Ok(Change::All) | Err(TryRecvError::Lagged(_)) => all = true,
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Closed) => return,
                }
                next = changes.try_recv();
            }
            if all {
                if let Err(e) = sync::sync_linked(&discord).await {
                    tracing::warn!(error = %e, "cannot re-sync the guilds");
                }
                continue;
            }
            for org in orgs {
                match repo::guild_of_org(discord.db(), org).await {
                    Ok(Some(guild)) => {
                        let _ = sync::sync_guild(&discord, guild).await;
                    }
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "cannot find an organization's guild"),
                }
            }
        }
    });
}
