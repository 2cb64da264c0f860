//! What plugins ask the bot to post outside an interaction's answer: a message in a channel
//! or thread, and a private thread for one member.

use sahabot_sdk::discord::Reply;
use serenity::builder::CreateThread;
use serenity::model::channel::{AutoArchiveDuration, ChannelType};
use serenity::model::id::{ChannelId, UserId};

use crate::{convert, Discord};

/// Discord's limit on a thread's name.
const MAX_THREAD_NAME: usize = 100;

/// A Discord id (a snowflake: positive) from how the database keeps it.
fn snowflake(id: i64, what: &str) -> Result<u64, String> {
    u64::try_from(id)
        .ok()
        .filter(|id| *id != 0)
        .ok_or_else(|| format!("{id} is not a Discord {what} id"))
}

fn channel(id: i64) -> Result<ChannelId, String> {
    snowflake(id, "channel").map(ChannelId::new)
}

fn http(discord: &Discord) -> Result<&serenity::http::Http, String> {
    match discord.http() {
        Some(http) if discord.can_sync() => Ok(http),
        _ => Err("the bot has no token configured (DISCORD_BOT_TOKEN)".into()),
    }
}

pub async fn post(
    discord: &Discord,
    plugin_id: &str,
    channel_id: i64,
    reply: &Reply,
) -> Result<i64, String> {
    let message = channel(channel_id)?
        .send_message(http(discord)?, convert::post(plugin_id, reply))
        .await
        .map_err(|e| e.to_string())?;
    i64::try_from(message.id.get()).map_err(|e| e.to_string())
}

pub async fn open_private_thread(
    discord: &Discord,
    plugin_id: &str,
    channel_id: i64,
    name: &str,
    member: i64,
    first: &Reply,
) -> Result<i64, String> {
    let http = http(discord)?;
    let member = UserId::new(snowflake(member, "user")?);
    let name: String = name.chars().take(MAX_THREAD_NAME).collect();
    let thread = channel(channel_id)?
        .create_thread(
            http,
            CreateThread::new(name)
                .kind(ChannelType::PrivateThread)
                .invitable(false)
                .auto_archive_duration(AutoArchiveDuration::OneDay),
        )
        .await
        .map_err(|e| e.to_string())?;
    thread
        .id
        .add_thread_member(http, member)
        .await
        .map_err(|e| e.to_string())?;
    thread
        .id
        .send_message(http, convert::post(plugin_id, first))
        .await
        .map_err(|e| e.to_string())?;
    i64::try_from(thread.id.get()).map_err(|e| e.to_string())
}
