//! API tokens: a random secret shown once; only its SHA-256 is stored.

use rand::distr::{Alphanumeric, SampleString};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::db::{get_bool, Db};
use crate::error::{Error, Result};
use crate::model::{ApiToken, NewApiToken};
use crate::repo::users::AuthRecord;
use crate::time::now_millis;
use crate::write::Write;

const PREFIX: &str = "sbt_";
const SECRET_LEN: usize = 43; // about 256 bits of alphanumerics
const MAX_ACTIVE_PER_USER: i64 = 25;

pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn token_from_row(row: &sqlx::any::AnyRow) -> Result<ApiToken> {
    Ok(ApiToken {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        last_used_at: row.try_get("last_used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

const COLUMNS: &str = "id, name, created_at, expires_at, last_used_at, revoked_at";

/// Creates a token for `user_id`; `expires_at` (unix ms) must be in the future, if given.
pub async fn create(
    w: &mut Write,
    user_id: i64,
    name: &str,
    expires_at: Option<i64>,
) -> Result<NewApiToken> {
    let name = crate::text::one_line("name", name, 60)?;
    let now = now_millis();
    if expires_at.is_some_and(|at| at <= now) {
        return Err(Error::Invalid {
            field: "expires_at",
            message: "must be in the future".into(),
        });
    }
    let active: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL
           AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut **w)
    .await?;
    if active >= MAX_ACTIVE_PER_USER {
        return Err(Error::Conflict(format!(
            "you already have {active} active tokens; revoke one first"
        )));
    }
    let secret = format!(
        "{PREFIX}{}",
        Alphanumeric.sample_string(&mut rand::rng(), SECRET_LEN)
    );
    let row = sqlx::query(&format!(
        "INSERT INTO api_tokens (user_id, name, token_hash, expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING {COLUMNS}"
    ))
    .bind(user_id)
    .bind(name)
    .bind(hash(&secret))
    .bind(expires_at)
    .bind(now)
    .fetch_one(&mut **w)
    .await?;
    Ok(NewApiToken {
        token: token_from_row(&row)?,
        secret,
    })
}

/// A user's tokens, newest first.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<ApiToken>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(token_from_row).collect()
}

/// Revokes one of the user's own tokens.
pub async fn revoke(w: &mut Write, user_id: i64, token_id: i64) -> Result<()> {
    let changed = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
    )
    .bind(now_millis())
    .bind(token_id)
    .bind(user_id)
    .execute(&mut **w)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(Error::NotFound("no such active token of yours".into()));
    }
    Ok(())
}

/// Why a presented token is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Unknown,
    Revoked,
    Expired,
    UserInactive,
}

/// The owner of a presented secret, if the token is usable; records its use.
pub async fn authenticate(
    db: &Db,
    secret: &str,
) -> Result<std::result::Result<(i64, AuthRecord), Refusal>> {
    let row = sqlx::query(
        "SELECT t.id AS token_id, t.expires_at, t.revoked_at, t.last_used_at,
                u.id, u.display_name, u.permission, u.is_active, u.session_epoch
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
    )
    .bind(hash(secret))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(Err(Refusal::Unknown));
    };
    let now = now_millis();
    if row.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
        return Ok(Err(Refusal::Revoked));
    }
    if row
        .try_get::<Option<i64>, _>("expires_at")?
        .is_some_and(|at| at <= now)
    {
        return Ok(Err(Refusal::Expired));
    }
    if !get_bool(&row, "is_active")? {
        return Ok(Err(Refusal::UserInactive));
    }
    let token_id: i64 = row.try_get("token_id")?;
    // Recording every request's use would make each API call a write; a minute's precision
    // is enough for "last used".
    let last: Option<i64> = row.try_get("last_used_at")?;
    if last.is_none_or(|at| now - at >= 60_000) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(now)
            .bind(token_id)
            .execute(db.pool())
            .await?;
    }
    Ok(Ok((
        token_id,
        AuthRecord {
            id: row.try_get("id")?,
            display_name: row.try_get("display_name")?,
            permission: crate::model::Permission::from_level(row.try_get("permission")?),
            is_active: true,
            session_epoch: row.try_get("session_epoch")?,
        },
    )))
}
