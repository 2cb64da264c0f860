use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::Permission;
use crate::repo::paging::Window;
use crate::time::now_millis;
use crate::write::Write;

pub struct NewUser<'a> {
    pub display_name: &'a str,
    pub discord_id: Option<i64>,
    pub discord_username: Option<&'a str>,
    pub pronouns: Option<&'a str>,
    pub permission: Permission,
}

pub async fn create(db: &Db, user: &NewUser<'_>) -> Result<i64> {
    let name = crate::text::one_line("display_name", user.display_name, 64)?;
    let pronouns = match user.pronouns {
        Some(p) => crate::text::optional_line("pronouns", p, 30)?,
        None => None,
    };
    let now = now_millis();
    let mut tx = db.write().await?;
    let id = sqlx::query_scalar(
        "INSERT INTO users (display_name, discord_id, discord_username, pronouns, permission, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(&name)
    .bind(user.discord_id)
    .bind(user.discord_username)
    .bind(&pronouns)
    .bind(user.permission.level())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    user_created(&mut tx, id, &name).await?;
    tx.commit().await?;
    Ok(id)
}

async fn user_created(conn: &mut crate::write::Write, user_id: i64, name: &str) -> Result<()> {
    conn.emit(
        Some(user_id),
        &crate::events::UserCreated {
            user_id,
            display_name: name.into(),
        },
    )
    .await?;
    Ok(())
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?)
}

/// What a request needs to know about its user to authenticate it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthRecord {
    pub id: i64,
    pub display_name: String,
    pub permission: Permission,
    pub is_active: bool,
    pub session_epoch: i64,
}

impl AuthRecord {
    pub fn current_user(&self) -> crate::model::CurrentUser {
        crate::model::CurrentUser {
            id: self.id,
            display_name: self.display_name.clone(),
            permission: self.permission,
            impersonated_by: None,
        }
    }
}

fn auth_record(row: &sqlx::any::AnyRow) -> Result<AuthRecord> {
    use sqlx::Row;
    Ok(AuthRecord {
        id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        permission: Permission::from_level(row.try_get("permission")?),
        is_active: crate::db::get_bool(row, "is_active")?,
        session_epoch: row.try_get("session_epoch")?,
    })
}

const AUTH_COLUMNS: &str = "id, display_name, permission, is_active, session_epoch";

pub async fn auth_record_by_id(db: &Db, id: i64) -> Result<Option<AuthRecord>> {
    let row = sqlx::query(&format!("SELECT {AUTH_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(auth_record).transpose()
}

/// The active account of a Discord user, in one indexed lookup.
pub async fn auth_record_by_discord_id(db: &Db, discord_id: i64) -> Result<Option<AuthRecord>> {
    let row = sqlx::query(&format!(
        "SELECT {AUTH_COLUMNS} FROM users WHERE discord_id = $1 AND is_active = TRUE"
    ))
    .bind(discord_id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(auth_record).transpose()
}

/// A Discord account as `/users/@me` describes it.
pub struct DiscordProfile<'a> {
    pub discord_id: i64,
    pub username: &'a str,
    pub global_name: Option<&'a str>,
    pub avatar: Option<&'a str>,
}

/// Creates the user of a Discord account, or refreshes its name and avatar.
pub async fn upsert_discord(db: &Db, profile: &DiscordProfile<'_>) -> Result<AuthRecord> {
    let now = now_millis();
    // Discord's display names may hold anything; one this site would refuse falls back to the
    // username, which Discord restricts to letters, digits, `_` and `.`.
    let display_name = [profile.global_name.unwrap_or_default(), profile.username]
        .into_iter()
        .find_map(|name| crate::text::one_line("display_name", name, 64).ok())
        .unwrap_or_else(|| format!("Discord user {}", profile.discord_id));
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE discord_id = $1")
        .bind(profile.discord_id)
        .fetch_optional(db.pool())
        .await?;
    let id = match existing {
        Some(id) => {
            let mut tx = db.write().await?;
            sqlx::query(
                "UPDATE users SET discord_username = $1, discord_avatar = $2, is_placeholder = FALSE, updated_at = $3
                 WHERE id = $4",
            )
            .bind(profile.username)
            .bind(profile.avatar)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            // A placeholder (a racer named before signing in) becomes a user of its own.
            tx.user_changed();
            tx.commit().await?;
            id
        }
        None => {
            let mut tx = db.write().await?;
            let id = sqlx::query_scalar(
                "INSERT INTO users (display_name, discord_id, discord_username, discord_avatar, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
            )
            .bind(&display_name)
            .bind(profile.discord_id)
            .bind(profile.username)
            .bind(profile.avatar)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            user_created(&mut tx, id, &display_name).await?;
            tx.commit().await?;
            id
        }
    };
    auth_record_by_id(db, id)
        .await?
        .ok_or_else(|| Error::Conflict("the user vanished while signing in".into()))
}

pub async fn set_active(w: &mut Write, id: i64, active: bool) -> Result<()> {
    sqlx::query("UPDATE users SET is_active = $1, updated_at = $2 WHERE id = $3")
        .bind(active)
        .bind(now_millis())
        .bind(id)
        .execute(&mut **w)
        .await?;
    w.user_changed();
    Ok(())
}

/// Ends every session of the user: each one is refused at its next request.
pub async fn end_sessions(w: &mut Write, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE users SET session_epoch = session_epoch + 1, updated_at = $1 WHERE id = $2",
    )
    .bind(now_millis())
    .bind(id)
    .execute(&mut **w)
    .await?;
    Ok(())
}

/// Active users, for the demo-mode login picker.
pub async fn list_active(db: &Db, limit: i64) -> Result<Vec<AuthRecord>> {
    let rows = sqlx::query(&format!(
        "SELECT {AUTH_COLUMNS} FROM users WHERE is_active = TRUE AND is_placeholder = FALSE
         ORDER BY permission DESC, display_name LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(auth_record).collect()
}

/// Every user, by name, one page at a time; `search` filters by display or Discord name.
pub async fn page(
    db: &Db,
    search: &str,
    window: Window,
) -> Result<crate::model::Page<crate::model::UserRow>> {
    use sqlx::Row;
    let pattern = format!("%{}%", search.trim().to_lowercase());
    let filter = "WHERE is_placeholder = FALSE AND (LOWER(display_name) LIKE $1
                  OR LOWER(COALESCE(discord_username, '')) LIKE $1)";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users {filter}"))
        .bind(&pattern)
        .fetch_one(db.pool())
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT id, display_name, discord_username, permission, is_active, created_at
         FROM users {filter} ORDER BY display_name, id LIMIT $2 OFFSET $3"
    ))
    .bind(&pattern)
    .bind(window.per_page())
    .bind(window.offset())
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .iter()
        .map(|row| {
            Ok(crate::model::UserRow {
                id: row.try_get("id")?,
                display_name: row.try_get("display_name")?,
                discord_username: row.try_get("discord_username")?,
                permission: Permission::from_level(row.try_get("permission")?),
                is_active: crate::db::get_bool(row, "is_active")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(window.page(items, total))
}

pub async fn profile(db: &Db, id: i64) -> Result<Option<crate::model::Profile>> {
    use sqlx::Row;
    let row = sqlx::query(
        "SELECT id, display_name, pronouns, permission, discord_username, racetime_name, twitch_name
         FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut linked = Vec::new();
    for (service, column) in [
        ("Discord", "discord_username"),
        ("racetime.gg", "racetime_name"),
        ("Twitch", "twitch_name"),
    ] {
        if let Some(name) = row.try_get::<Option<String>, _>(column)? {
            linked.push((service.to_string(), name));
        }
    }
    Ok(Some(crate::model::Profile {
        id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        pronouns: row.try_get("pronouns")?,
        permission: Permission::from_level(row.try_get("permission")?),
        linked,
    }))
}

/// Changes the name and pronouns a user shows.
pub async fn update_profile(
    w: &mut Write,
    id: i64,
    display_name: &str,
    pronouns: Option<&str>,
) -> Result<()> {
    let name = crate::text::one_line("display_name", display_name, 64)?;
    let pronouns = crate::text::optional_line("pronouns", pronouns.unwrap_or_default(), 30)?;
    sqlx::query("UPDATE users SET display_name = $1, pronouns = $2, updated_at = $3 WHERE id = $4")
        .bind(name)
        .bind(pronouns)
        .bind(now_millis())
        .bind(id)
        .execute(&mut **w)
        .await?;
    w.user_changed();
    Ok(())
}
