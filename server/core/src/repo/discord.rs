//! Guild links and command syncs.

use sqlx::Row;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::time::now_millis;
use crate::write::Write;

/// An organization as a guild's interactions need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuildOrg {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

fn guild_org(row: &sqlx::any::AnyRow) -> Result<GuildOrg> {
    Ok(GuildOrg {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
    })
}

/// The active organization that linked the guild.
pub async fn org_of_guild(db: &Db, guild_id: i64) -> Result<Option<GuildOrg>> {
    let row = sqlx::query(
        "SELECT id, slug, name FROM organizations WHERE discord_guild_id = $1 AND is_active = TRUE",
    )
    .bind(guild_id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(guild_org).transpose()
}

/// The guild of an organization, if it linked one.
pub async fn guild_of_org(db: &Db, organization_id: i64) -> Result<Option<i64>> {
    let mut conn = db.pool().acquire().await?;
    guild_in(&mut conn, organization_id).await
}

async fn guild_in(conn: &mut sqlx::AnyConnection, organization_id: i64) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT discord_guild_id FROM organizations WHERE id = $1")
            .bind(organization_id)
            .fetch_optional(conn)
            .await?
            .flatten(),
    )
}

/// Every guild an active organization linked, with that organization.
pub async fn linked_guilds(db: &Db) -> Result<Vec<(i64, GuildOrg)>> {
    let rows = sqlx::query(
        "SELECT discord_guild_id, id, slug, name FROM organizations
         WHERE discord_guild_id IS NOT NULL AND is_active = TRUE ORDER BY discord_guild_id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("discord_guild_id")?, guild_org(row)?)))
        .collect()
}

/// Links the guild to the organization, replacing its previous guild; returns that previous
/// guild. A guild belongs to one organization at most.
pub async fn link_guild(
    w: &mut Write,
    organization_id: i64,
    guild_id: i64,
    linked_by: i64,
) -> Result<Option<i64>> {
    let owner: Option<i64> =
        sqlx::query_scalar("SELECT id FROM organizations WHERE discord_guild_id = $1 AND id <> $2")
            .bind(guild_id)
            .bind(organization_id)
            .fetch_optional(&mut **w)
            .await?;
    if owner.is_some() {
        return Err(Error::Invalid {
            field: "discord_guild_id",
            message: "this Discord server is linked to another organization".into(),
        });
    }
    let previous = guild_in(w, organization_id).await?;
    sqlx::query(
        "UPDATE organizations SET discord_guild_id = $1, discord_guild_linked_by = $2,
         discord_guild_linked_at = $3, updated_at = $3 WHERE id = $4",
    )
    .bind(guild_id)
    .bind(linked_by)
    .bind(now_millis())
    .bind(organization_id)
    .execute(&mut **w)
    .await?;
    Ok(previous.filter(|g| *g != guild_id))
}

/// The outcome of one guild's last command sync.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuildSync {
    pub guild_id: i64,
    pub organization_id: Option<i64>,
    pub commands: Vec<String>,
    pub error: Option<String>,
    pub synced_at: i64,
}

fn guild_sync(row: &sqlx::any::AnyRow) -> Result<GuildSync> {
    let commands: String = row.try_get("commands")?;
    Ok(GuildSync {
        guild_id: row.try_get("guild_id")?,
        organization_id: row.try_get("organization_id")?,
        commands: serde_json::from_str(&commands).unwrap_or_default(),
        error: row.try_get("error")?,
        synced_at: row.try_get("synced_at")?,
    })
}

/// Records a sync. A failed one keeps the commands the guild had before.
pub async fn record_sync(
    db: &Db,
    guild_id: i64,
    organization_id: Option<i64>,
    outcome: std::result::Result<&[String], &str>,
) -> Result<()> {
    let now = now_millis();
    let mut tx = db.write().await?;
    match outcome {
        Ok(commands) => {
            let names = serde_json::to_string(commands).unwrap_or_else(|_| "[]".into());
            sqlx::query(
                "INSERT INTO discord_guild_syncs (guild_id, organization_id, commands, error, synced_at)
                 VALUES ($1, $2, $3, NULL, $4)
                 ON CONFLICT (guild_id) DO UPDATE SET organization_id = $2, commands = $3,
                 error = NULL, synced_at = $4",
            )
            .bind(guild_id)
            .bind(organization_id)
            .bind(names)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        Err(error) => {
            sqlx::query(
                "INSERT INTO discord_guild_syncs (guild_id, organization_id, commands, error, synced_at)
                 VALUES ($1, $2, '[]', $3, $4)
                 ON CONFLICT (guild_id) DO UPDATE SET organization_id = $2, error = $3,
                 synced_at = $4",
            )
            .bind(guild_id)
            .bind(organization_id)
            .bind(error)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

pub async fn sync_of(db: &Db, guild_id: i64) -> Result<Option<GuildSync>> {
    let row = sqlx::query("SELECT * FROM discord_guild_syncs WHERE guild_id = $1")
        .bind(guild_id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(guild_sync).transpose()
}

/// The last sync of every guild, most recent first.
pub async fn syncs(db: &Db) -> Result<Vec<GuildSync>> {
    let rows = sqlx::query("SELECT * FROM discord_guild_syncs ORDER BY synced_at DESC, guild_id")
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(guild_sync).collect()
}

/// Unlinks the organization's guild; returns it.
pub async fn unlink_guild(tx: &mut Write, organization_id: i64) -> Result<Option<i64>> {
    let previous = guild_in(tx, organization_id).await?;
    sqlx::query(
        "UPDATE organizations SET discord_guild_id = NULL, discord_guild_linked_by = NULL,
         discord_guild_linked_at = NULL, updated_at = $1 WHERE id = $2",
    )
    .bind(now_millis())
    .bind(organization_id)
    .execute(&mut **tx)
    .await?;
    Ok(previous)
}

/// When the organization's guild was linked through the bot invite, and by whom.
pub async fn link_info(db: &Db, organization_id: i64) -> Result<Option<(i64, String)>> {
    let row = sqlx::query(
        "SELECT o.discord_guild_linked_at, u.display_name FROM organizations o
         JOIN users u ON u.id = o.discord_guild_linked_by WHERE o.id = $1",
    )
    .bind(organization_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok((
            r.try_get::<Option<i64>, _>("discord_guild_linked_at")?
                .unwrap_or(0),
            r.try_get("display_name")?,
        ))
    })
    .transpose()
}
