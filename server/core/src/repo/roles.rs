//! Organization roles, their statements and who holds them.

use sqlx::Row;

use crate::authz::{builtin_role, OrgAccess, BUILTIN_ROLES};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::{Effect, MemberWithRoles, Role, Statement};
use crate::time::now_millis;
use crate::write::Write;

/// Gives an organization one row per built-in role (idempotent). Runs inside the
/// transaction that creates the organization.
pub async fn ensure_builtin(conn: &mut sqlx::AnyConnection, organization_id: i64) -> Result<()> {
    let now = now_millis();
    for role in BUILTIN_ROLES {
        let exists: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM org_roles WHERE organization_id = $1 AND builtin = $2",
        )
        .bind(organization_id)
        .bind(role.key)
        .fetch_optional(&mut *conn)
        .await?;
        if exists.is_none() {
            sqlx::query(
                "INSERT INTO org_roles (organization_id, name, description, builtin, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(organization_id)
            .bind(role.name)
            .bind(role.description)
            .bind(role.key)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

fn decode_patterns(json: &str) -> Result<Vec<String>> {
    serde_json::from_str(json).map_err(|e| Error::Invalid {
        field: "statement",
        message: format!("stored patterns are not a JSON list: {e}"),
    })
}

fn statement_from_row(row: &sqlx::any::AnyRow) -> Result<Statement> {
    let effect: String = row.try_get("effect")?;
    Ok(Statement {
        effect: Effect::parse(&effect).ok_or_else(|| Error::Invalid {
            field: "effect",
            message: format!("unknown effect `{effect}` in the database"),
        })?,
        actions: decode_patterns(&row.try_get::<String, _>("actions")?)?,
        resources: decode_patterns(&row.try_get::<String, _>("resources")?)?,
    })
}

/// The statements of a role: the product's definition for a built-in role, the stored ones
/// for a custom role.
fn role_statements(builtin: Option<&str>, stored: Vec<Statement>) -> Vec<Statement> {
    match builtin.and_then(builtin_role) {
        Some(role) => role.statements(),
        None => stored,
    }
}

/// Whether `user_id` is a member of the organization, and the statements of all their roles:
/// one query, as it runs for every guarded request.
pub async fn org_access(db: &Db, organization_id: i64, user_id: i64) -> Result<OrgAccess> {
    let rows = sqlx::query(
        "SELECT r.builtin, s.effect, s.actions, s.resources
         FROM organization_members m
         LEFT JOIN org_member_roles mr ON mr.member_id = m.id
         LEFT JOIN org_roles r ON r.id = mr.role_id
         LEFT JOIN org_role_statements s ON s.role_id = r.id
         WHERE m.organization_id = $1 AND m.user_id = $2
         ORDER BY r.id, s.position",
    )
    .bind(organization_id)
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    let mut statements = Vec::new();
    let mut seen_builtin = Vec::new();
    for row in &rows {
        let builtin: Option<String> = row.try_get("builtin")?;
        match builtin.as_deref().and_then(builtin_role) {
            Some(role) => {
                if !seen_builtin.contains(&role.key) {
                    seen_builtin.push(role.key);
                    statements.extend(role.statements());
                }
            }
            None => {
                if row.try_get::<Option<String>, _>("effect")?.is_some() {
                    statements.push(statement_from_row(row)?);
                }
            }
        }
    }
    Ok(OrgAccess {
        org_id: organization_id,
        member: !rows.is_empty(),
        statements,
    })
}

/// Every role of the organization, built-in first, with its statements and holder count.
pub async fn list(db: &Db, organization_id: i64) -> Result<Vec<Role>> {
    let rows = sqlx::query(
        "SELECT r.id, r.name, r.description, r.builtin,
                (SELECT COUNT(*) FROM org_member_roles mr WHERE mr.role_id = r.id) AS member_count
         FROM org_roles r WHERE r.organization_id = $1
         ORDER BY CASE WHEN r.builtin IS NULL THEN 1 ELSE 0 END, r.id",
    )
    .bind(organization_id)
    .fetch_all(db.pool())
    .await?;
    let statement_rows = sqlx::query(
        "SELECT s.role_id, s.effect, s.actions, s.resources
         FROM org_role_statements s JOIN org_roles r ON r.id = s.role_id
         WHERE r.organization_id = $1 ORDER BY s.role_id, s.position",
    )
    .bind(organization_id)
    .fetch_all(db.pool())
    .await?;
    let mut stored: Vec<(i64, Statement)> = Vec::with_capacity(statement_rows.len());
    for row in &statement_rows {
        stored.push((row.try_get("role_id")?, statement_from_row(row)?));
    }
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            let builtin: Option<String> = row.try_get("builtin")?;
            let own = stored
                .iter()
                .filter(|(role_id, _)| *role_id == id)
                .map(|(_, s)| s.clone())
                .collect();
            Ok(Role {
                id,
                name: row.try_get("name")?,
                description: row.try_get("description")?,
                statements: role_statements(builtin.as_deref(), own),
                builtin,
                member_count: row.try_get("member_count")?,
            })
        })
        .collect()
}

/// A custom role as submitted by the role editor, validated.
pub struct CustomRole<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub statements: &'a [Statement],
}

/// A custom role's name and description, as they are stored.
fn checked_text(role: &CustomRole<'_>) -> Result<(String, String)> {
    Ok((
        crate::text::one_line("name", role.name, 60)?,
        crate::text::multi_line("description", role.description, 500)?,
    ))
}

/// Checks a custom role against the permission actions that exist.
pub fn validate_custom<'a>(
    role: &CustomRole<'_>,
    known_actions: impl IntoIterator<Item = &'a str> + Clone,
) -> Result<()> {
    let (name, _) = checked_text(role)?;
    if BUILTIN_ROLES
        .iter()
        .any(|b| b.name.eq_ignore_ascii_case(&name))
    {
        return Err(Error::Invalid {
            field: "name",
            message: "is the name of a built-in role".into(),
        });
    }
    if role.statements.is_empty() {
        return Err(Error::Invalid {
            field: "statements",
            message: "a role needs at least one statement".into(),
        });
    }
    for (i, statement) in role.statements.iter().enumerate() {
        let at = |message: String| Error::Invalid {
            field: "statements",
            message: format!("statement {}: {message}", i + 1),
        };
        if statement.actions.is_empty() || statement.resources.is_empty() {
            return Err(at("needs at least one action and one resource".into()));
        }
        for action in &statement.actions {
            crate::authz::validate_action_pattern(action, known_actions.clone()).map_err(at)?;
        }
        for resource in &statement.resources {
            crate::authz::validate_resource_pattern(resource).map_err(at)?;
        }
    }
    Ok(())
}

async fn name_taken(
    conn: &mut sqlx::AnyConnection,
    organization_id: i64,
    name: &str,
    except: Option<i64>,
) -> Result<bool> {
    let other: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM org_roles WHERE organization_id = $1 AND LOWER(name) = LOWER($2)",
    )
    .bind(organization_id)
    .bind(name)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(other.is_some() && other != except)
}

async fn write_statements(
    conn: &mut sqlx::AnyConnection,
    role_id: i64,
    statements: &[Statement],
) -> Result<()> {
    sqlx::query("DELETE FROM org_role_statements WHERE role_id = $1")
        .bind(role_id)
        .execute(&mut *conn)
        .await?;
    for (position, statement) in statements.iter().enumerate() {
        let encode = |patterns: &Vec<String>| {
            serde_json::to_string(patterns).map_err(|e| Error::Invalid {
                field: "statements",
                message: e.to_string(),
            })
        };
        sqlx::query(
            "INSERT INTO org_role_statements (role_id, position, effect, actions, resources)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(role_id)
        .bind(position as i64)
        .bind(statement.effect.as_str())
        .bind(encode(&statement.actions)?)
        .bind(encode(&statement.resources)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Creates a custom role (validate it first with [`validate_custom`]).
pub async fn create_custom(
    w: &mut Write,
    organization_id: i64,
    role: &CustomRole<'_>,
) -> Result<i64> {
    let (name, description) = checked_text(role)?;
    let name = name.as_str();
    if name_taken(w, organization_id, name, None).await? {
        return Err(Error::Conflict(format!(
            "a role named `{name}` already exists"
        )));
    }
    let now = now_millis();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO org_roles (organization_id, name, description, builtin, created_at, updated_at)
         VALUES ($1, $2, $3, NULL, $4, $4) RETURNING id",
    )
    .bind(organization_id)
    .bind(name)
    .bind(&description)
    .bind(now)
    .fetch_one(&mut **w)
    .await?;
    write_statements(w, id, role.statements).await?;
    Ok(id)
}

/// The role's builtin key, or NotFound when the organization has no such role.
async fn role_kind(
    conn: &mut sqlx::AnyConnection,
    organization_id: i64,
    role_id: i64,
) -> Result<Option<String>> {
    let row = sqlx::query("SELECT builtin FROM org_roles WHERE id = $1 AND organization_id = $2")
        .bind(role_id)
        .bind(organization_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| Error::NotFound("no such role in this organization".into()))?;
    Ok(row.try_get("builtin")?)
}

pub async fn update_custom(
    w: &mut Write,
    organization_id: i64,
    role_id: i64,
    role: &CustomRole<'_>,
) -> Result<()> {
    if role_kind(w, organization_id, role_id).await?.is_some() {
        return Err(Error::Conflict("built-in roles cannot be edited".into()));
    }
    let (name, description) = checked_text(role)?;
    let name = name.as_str();
    if name_taken(w, organization_id, name, Some(role_id)).await? {
        return Err(Error::Conflict(format!(
            "a role named `{name}` already exists"
        )));
    }
    sqlx::query("UPDATE org_roles SET name = $1, description = $2, updated_at = $3 WHERE id = $4")
        .bind(name)
        .bind(&description)
        .bind(now_millis())
        .bind(role_id)
        .execute(&mut **w)
        .await?;
    write_statements(w, role_id, role.statements).await?;
    Ok(())
}

pub async fn delete_custom(w: &mut Write, organization_id: i64, role_id: i64) -> Result<()> {
    if role_kind(w, organization_id, role_id).await?.is_some() {
        return Err(Error::Conflict("built-in roles cannot be deleted".into()));
    }
    sqlx::query("DELETE FROM org_roles WHERE id = $1")
        .bind(role_id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

async fn member_id(
    conn: &mut sqlx::AnyConnection,
    organization_id: i64,
    user_id: i64,
) -> Result<i64> {
    sqlx::query_scalar(
        "SELECT id FROM organization_members WHERE organization_id = $1 AND user_id = $2",
    )
    .bind(organization_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::NotFound("that user is not a member of this organization".into()))
}

/// Gives a member a role of the same organization. Granting a held role changes nothing.
pub async fn grant(
    w: &mut Write,
    organization_id: i64,
    user_id: i64,
    role_id: i64,
    granted_by: Option<i64>,
) -> Result<()> {
    role_kind(w, organization_id, role_id).await?;
    let member = member_id(w, organization_id, user_id).await?;
    let held: Option<i64> = sqlx::query_scalar(
        "SELECT role_id FROM org_member_roles WHERE member_id = $1 AND role_id = $2",
    )
    .bind(member)
    .bind(role_id)
    .fetch_optional(&mut **w)
    .await?;
    if held.is_none() {
        sqlx::query(
            "INSERT INTO org_member_roles (member_id, role_id, granted_by, granted_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(member)
        .bind(role_id)
        .bind(granted_by)
        .bind(now_millis())
        .execute(&mut **w)
        .await?;
    }
    Ok(())
}

/// Takes a role away from a member.
pub async fn revoke(w: &mut Write, organization_id: i64, user_id: i64, role_id: i64) -> Result<()> {
    role_kind(w, organization_id, role_id).await?;
    let member = member_id(w, organization_id, user_id).await?;
    sqlx::query("DELETE FROM org_member_roles WHERE member_id = $1 AND role_id = $2")
        .bind(member)
        .bind(role_id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

/// The id of a built-in role in an organization.
pub async fn builtin_id(db: &Db, organization_id: i64, key: &str) -> Result<i64> {
    sqlx::query_scalar("SELECT id FROM org_roles WHERE organization_id = $1 AND builtin = $2")
        .bind(organization_id)
        .bind(key)
        .fetch_optional(db.pool())
        .await?
        .ok_or_else(|| Error::NotFound(format!("no built-in role `{key}`")))
}

/// Members and the ids of the roles they hold, by display name.
pub async fn members_with_roles(db: &Db, organization_id: i64) -> Result<Vec<MemberWithRoles>> {
    let rows = sqlx::query(
        "SELECT u.id AS user_id, u.display_name, m.joined_at, mr.role_id
         FROM organization_members m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN org_member_roles mr ON mr.member_id = m.id
         WHERE m.organization_id = $1
         ORDER BY u.display_name, u.id, mr.role_id",
    )
    .bind(organization_id)
    .fetch_all(db.pool())
    .await?;
    let mut members: Vec<MemberWithRoles> = Vec::new();
    for row in &rows {
        let user_id: i64 = row.try_get("user_id")?;
        let role_id: Option<i64> = row.try_get("role_id")?;
        if members.last().map(|m| m.user_id) != Some(user_id) {
            members.push(MemberWithRoles {
                user_id,
                display_name: row.try_get("display_name")?,
                joined_at: row.try_get("joined_at")?,
                role_ids: Vec::new(),
            });
        }
        if let (Some(member), Some(role_id)) = (members.last_mut(), role_id) {
            member.role_ids.push(role_id);
        }
    }
    Ok(members)
}
