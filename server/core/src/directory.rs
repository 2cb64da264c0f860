//! What every org page reads first, kept per instance: active organizations by slug, and each
//! one's roster (its description and members). A change made through this instance forgets
//! what it touched when its write commits (see [`crate::write::Write`]); other instances on
//! the same database see it when their entry expires, after at most [`DIRECTORY_TTL`], as they
//! do for the plugins in service. An unknown slug is not remembered: an organization created
//! anywhere is found at once.

use std::sync::Arc;
use std::time::Duration;

use crate::db::Db;
use crate::error::Result;
use crate::kept::Kept;
use crate::model::Member;
use crate::repo::{members, orgs};

pub const DIRECTORY_TTL: Duration = crate::enablement::ENABLEMENT_TTL;

/// An organization's description and members (active users, by display name), whoever asks;
/// who may see the members is [`members::list_for`]'s business.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    pub description: String,
    pub member_list_public: bool,
    pub members: Vec<Member>,
}

impl Roster {
    pub fn has_member(&self, user_id: i64) -> bool {
        self.members.iter().any(|m| m.user_id == user_id)
    }
}

#[derive(Debug)]
pub struct Directory {
    by_slug: Kept<String, (i64, String)>,
    rosters: Kept<i64, Roster>,
}

impl Default for Directory {
    fn default() -> Self {
        Directory {
            by_slug: Kept::new(DIRECTORY_TTL),
            rosters: Kept::new(DIRECTORY_TTL),
        }
    }
}

impl Directory {
    /// The id and name of the active organization `slug`.
    pub async fn lookup(&self, db: &Db, slug: &str) -> Result<Option<(i64, String)>> {
        let found = self
            .by_slug
            .get_or_load(slug, orgs::id_and_name(db, slug))
            .await?;
        Ok(found.map(|entry| (*entry).clone()))
    }

    /// The roster of the active organization `organization_id`.
    pub async fn roster(&self, db: &Db, organization_id: i64) -> Result<Option<Arc<Roster>>> {
        self.rosters
            .get_or_load(&organization_id, members::read_roster(db, organization_id))
            .await
    }

    /// The organization changed (renamed, archived, deleted, its settings).
    pub fn forget(&self, organization_id: i64) {
        self.by_slug
            .forget_where(|_, (id, _)| *id == organization_id);
        self.rosters.forget(&organization_id);
    }

    /// Someone joined or left the organization.
    pub fn forget_roster(&self, organization_id: i64) {
        self.rosters.forget(&organization_id);
    }

    /// A user's name or standing changed: it may show in any roster.
    pub fn forget_rosters(&self) {
        self.rosters.forget_all();
    }

    pub fn forget_all(&self) {
        self.by_slug.forget_all();
        self.rosters.forget_all();
    }
}
