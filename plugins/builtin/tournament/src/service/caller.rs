//! Who is asking, and what they may do in the organization's tournaments.

use sahabot_sdk::data::PluginDb;
use sahabot_sdk::Error;

/// The caller of a tournament function, with their standing loaded once per call.
pub struct Caller {
    pub db: PluginDb,
    pub user_id: Option<i64>,
    pub member: bool,
    /// `tournament:manage`: tournaments, their players, rules and form, stream channels.
    pub manage: bool,
    /// `tournament:schedule`: every match, its status, results, seed and crew.
    pub schedule: bool,
    /// `tournament:crew`: approving and removing crew signups.
    pub crew: bool,
    /// `tournament:read`: what organizers see (every match's settings submissions).
    pub read: bool,
    pub org_id: i64,
}

impl Caller {
    pub async fn new(db: PluginDb) -> Result<Caller, Error> {
        let standing = db.standing().await?;
        let org_id = db.org()?.id;
        Ok(Caller {
            user_id: standing.user_id(),
            member: standing.is_member() || standing.is_superadmin(),
            manage: standing.holds("tournament:manage"),
            schedule: standing.holds("tournament:schedule"),
            crew: standing.holds("tournament:crew"),
            read: standing.holds("tournament:read"),
            org_id,
            db,
        })
    }

    /// An organizer holding every tournament right, for the demo data (which runs without a
    /// signed-in person).
    pub fn organizer(db: PluginDb, user_id: i64, org_id: i64) -> Caller {
        Caller {
            db,
            user_id: Some(user_id),
            member: true,
            manage: true,
            schedule: true,
            crew: true,
            read: true,
            org_id,
        }
    }

    /// The signed-in member's id, or why they may not act.
    pub fn member_id(&self) -> Result<i64, Error> {
        match self.user_id {
            Some(id) if self.member => Ok(id),
            Some(_) => Err(Error::Forbidden(
                "only this organization's members take part in its tournaments".into(),
            )),
            None => Err(Error::Forbidden("sign in first".into())),
        }
    }

    pub fn require(&self, allowed: bool, what: &str) -> Result<(), Error> {
        if allowed {
            Ok(())
        } else {
            Err(Error::Forbidden(format!(
                "you may not {what} in this organization"
            )))
        }
    }

    /// Whether the caller is one of the organization's members (for players and crew added by
    /// an organizer).
    pub async fn is_member(&self, user_id: i64) -> Result<bool, Error> {
        Ok(self
            .db
            .members()
            .await?
            .iter()
            .any(|m| m.user_id == user_id))
    }
}
