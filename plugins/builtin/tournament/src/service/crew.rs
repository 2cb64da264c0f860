//! Crew: members sign themselves up (to be approved); organizers add crew approved at once,
//! and approve or remove signups.

use sahabot_sdk::serde_json::json;
use sahabot_sdk::{time, Error};

use super::caller::Caller;
use super::matches;
use crate::events::{CrewApproved, CrewRemoved, CrewSignedUp};
use crate::model::{CrewRole, Match, MatchStatus};
use crate::repo::crew::{self as repo, CrewRow};

/// Signs `user_id` (the caller themselves when `None`) up as `role` of the match; the
/// signup's id.
pub async fn sign_up(
    caller: &Caller,
    match_id: i64,
    role: CrewRole,
    user_id: Option<i64>,
) -> Result<i64, Error> {
    let me = caller.member_id()?;
    let m = matches::get(caller, match_id).await?;
    let someone_else = user_id.filter(|u| *u != me);
    if someone_else.is_some() && !caller.schedule {
        return Err(Error::Forbidden(
            "you may sign yourself up; organizers add others".into(),
        ));
    }
    let user = someone_else.unwrap_or(me);
    if someone_else.is_some() && !caller.is_member(user).await? {
        return Err(Error::Invalid {
            field: "user_id",
            message: format!("user {user} is not a member of this organization"),
        });
    }
    if m.status >= MatchStatus::Finished {
        return Err(Error::Conflict(format!(
            "the match is {}: its crew is settled",
            m.status.label().to_lowercase()
        )));
    }
    if m.players.iter().any(|p| p.user_id == user) {
        return Err(Error::Conflict(
            "a player of the match cannot be its crew".into(),
        ));
    }
    if repo::exists(&caller.db, match_id, user, role).await? {
        return Err(Error::Conflict(format!(
            "already signed up as {} of this match",
            role.as_str()
        )));
    }
    // Organizers' own additions need no approval.
    let approved_by = caller.schedule.then_some(me);
    let mut w = caller.db.write().await?;
    let id = repo::insert(
        &mut w,
        match_id,
        user,
        role,
        approved_by,
        time::now_millis(),
    )
    .await?;
    w.emit(&CrewSignedUp {
        organization_id: caller.org_id,
        tournament_id: m.tournament_id,
        match_id,
        crew_id: id,
        user_id: user,
        role,
        approved: approved_by.is_some(),
    })
    .await?;
    w.audit(
        "crew_signed_up",
        json!({"id": id, "match_id": match_id, "user_id": user, "role": role}),
    )
    .await?;
    w.commit().await?;
    Ok(id)
}

async fn signup(caller: &Caller, id: i64) -> Result<(CrewRow, Match), Error> {
    let row = repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no crew signup {id} here")))?;
    let m = matches::get(caller, row.match_id).await?;
    Ok((row, m))
}

/// Approves a signup, or withdraws its approval.
pub async fn approve(caller: &Caller, id: i64, approved: bool) -> Result<(), Error> {
    caller.require(caller.crew || caller.schedule, "approve crew")?;
    let (row, m) = signup(caller, id).await?;
    if row.approved == approved {
        return Ok(());
    }
    let mut w = caller.db.write().await?;
    repo::set_approved(&mut w, id, approved.then_some(caller.member_id()?)).await?;
    w.emit(&CrewApproved {
        organization_id: caller.org_id,
        tournament_id: m.tournament_id,
        match_id: row.match_id,
        crew_id: id,
        user_id: row.user_id,
        role: row.role,
        approved,
    })
    .await?;
    w.audit("crew_approved", json!({"id": id, "approved": approved}))
        .await?;
    w.commit().await
}

/// Removes a signup: one's own, or any for those who approve crew.
pub async fn remove(caller: &Caller, id: i64) -> Result<(), Error> {
    let (row, m) = signup(caller, id).await?;
    let own = caller.user_id == Some(row.user_id);
    caller.require(
        own || caller.crew || caller.schedule,
        "remove others' crew signups",
    )?;
    let mut w = caller.db.write().await?;
    repo::delete(&mut w, id).await?;
    w.emit(&CrewRemoved {
        organization_id: caller.org_id,
        tournament_id: m.tournament_id,
        match_id: row.match_id,
        user_id: row.user_id,
        role: row.role,
    })
    .await?;
    w.audit(
        "crew_removed",
        json!({"id": id, "match_id": row.match_id, "user_id": row.user_id}),
    )
    .await?;
    w.commit().await
}
