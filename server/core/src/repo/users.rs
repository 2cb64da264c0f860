use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::Permission;
use crate::time::now_millis;

pub struct NewUser<'a> {
    pub display_name: &'a str,
    pub discord_id: Option<i64>,
    pub discord_username: Option<&'a str>,
    pub pronouns: Option<&'a str>,
    pub permission: Permission,
}

pub async fn create(db: &Db, user: &NewUser<'_>) -> Result<i64> {
    let name = user.display_name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(Error::Invalid {
            field: "display_name",
            message: "must be 1 to 64 characters".into(),
        });
    }
    let now = now_millis();
    let id = sqlx::query_scalar(
        "INSERT INTO users (display_name, discord_id, discord_username, pronouns, permission, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(name)
    .bind(user.discord_id)
    .bind(user.discord_username)
    .bind(user.pronouns)
    .bind(user.permission.level())
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    Ok(id)
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db.pool())
        .await?)
}
