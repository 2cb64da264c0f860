//! The gateway connection: a thin adapter that hands interactions to the same handlers as the
//! HTTP endpoint, re-syncs a guild's commands when it becomes available, and keeps the status
//! (connected, guilds, latency) the admin page shows.

use std::time::Duration;

use serenity::all::{
    ActivityData, Context, EventHandler, GatewayIntents, Guild, Interaction, Ready,
};
use serenity::async_trait;
use serenity::http::Http;

use crate::{interaction, sync, Discord};

struct Handler {
    discord: Discord,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        ctx.set_activity(Some(ActivityData::playing("randomizer races")));
        let guilds = ready.guilds.len();
        self.discord.update_status(|s| {
            s.connected = true;
            s.guilds = guilds;
            s.last_error = None;
        });
        tracing::info!(user = %ready.user.name, guilds, "connected to Discord");
    }

    async fn guild_create(&self, _ctx: Context, guild: Guild, _is_new: Option<bool>) {
        let Ok(id) = i64::try_from(guild.id.get()) else {
            return;
        };
        let _ = sync::sync_guild(&self.discord, id).await;
    }

    async fn interaction_create(&self, ctx: Context, incoming: Interaction) {
        deliver(&self.discord, &ctx.http, incoming).await;
    }
}

/// Answers an interaction that came through the gateway: the same handlers as the HTTP
/// endpoint, the response posted to the interaction's callback, then any deferred work.
pub async fn deliver(discord: &Discord, http: &Http, incoming: Interaction) {
    let (id, token) = match &incoming {
        Interaction::Command(i) | Interaction::Autocomplete(i) => (i.id, i.token.clone()),
        Interaction::Component(i) => (i.id, i.token.clone()),
        Interaction::Modal(i) => (i.id, i.token.clone()),
        _ => return,
    };
    let answer = interaction::answer(discord, incoming).await;
    if let Err(e) = http
        .create_interaction_response(id, &token, &answer.response, Vec::new())
        .await
    {
        tracing::error!(error = %e, "cannot answer an interaction");
        return;
    }
    if let Some(later) = answer.later {
        tokio::spawn(later);
    }
}

/// Connects in the background; reconnects with a growing pause when the connection ends.
pub(crate) fn spawn(discord: Discord) {
    tokio::spawn(async move {
        let mut pause = Duration::from_secs(5);
        loop {
            let Some(http) = crate::build_http(discord.settings()) else {
                return;
            };
            let built =
                serenity::client::ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
                    .event_handler(Handler {
                        discord: discord.clone(),
                    })
                    .await;
            let result = match built {
                Ok(mut client) => {
                    spawn_latency(discord.clone(), client.shard_manager.clone());
                    client.start().await
                }
                Err(e) => Err(e),
            };
            let error = match result {
                Ok(()) => "the gateway connection ended".to_string(),
                Err(e) => e.to_string(),
            };
            tracing::warn!(%error, retry_in = ?pause, "Discord gateway");
            discord.update_status(|s| {
                s.connected = false;
                s.latency_ms = None;
                s.last_error = Some(error);
            });
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_secs(300));
        }
    });
}

fn spawn_latency(discord: Discord, shards: std::sync::Arc<serenity::gateway::ShardManager>) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(30)).await;
            let runners = shards.runners.lock().await;
            let latency = runners
                .values()
                .filter_map(|r| r.latency)
                .map(|l| u64::try_from(l.as_millis()).unwrap_or(u64::MAX))
                .max();
            drop(runners);
            if Discord::status(&discord).connected {
                discord.update_status(|s| s.latency_ms = latency);
            } else {
                return;
            }
        }
    });
}
