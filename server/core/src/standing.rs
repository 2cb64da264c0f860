//! What a signed-in request reads first, kept per instance: the user's sign-in record, their
//! role statements in an organization, and the organizations they belong to. Every unit of
//! work committed through this instance forgets all of it (see [`crate::write::Write`]), so a
//! revocation or a role change made here decides the very next request; other instances on the
//! same database see a change when their entry expires, after at most [`STANDING_TTL`], as
//! they do for the plugins in service. A user who does not exist is not remembered.

use std::sync::Arc;
use std::time::Duration;

use crate::authz::OrgAccess;
use crate::db::Db;
use crate::error::Result;
use crate::kept::Kept;
use crate::model::OrgSummary;
use crate::repo::users::AuthRecord;
use crate::repo::{orgs, roles, users};

pub const STANDING_TTL: Duration = crate::enablement::ENABLEMENT_TTL;

#[derive(Debug)]
pub struct Standing {
    users: Kept<i64, AuthRecord>,
    access: Kept<(i64, i64), OrgAccess>,
    orgs: Kept<i64, Vec<OrgSummary>>,
}

impl Default for Standing {
    fn default() -> Self {
        Standing {
            users: Kept::new(STANDING_TTL),
            access: Kept::new(STANDING_TTL),
            orgs: Kept::new(STANDING_TTL),
        }
    }
}

impl Standing {
    /// The user's sign-in record ([`users::auth_record_by_id`]).
    pub async fn user(&self, db: &Db, user_id: i64) -> Result<Option<Arc<AuthRecord>>> {
        self.users
            .get_or_load(&user_id, users::auth_record_by_id(db, user_id))
            .await
    }

    /// The user's membership and role statements in the organization
    /// ([`roles::org_access`]).
    pub async fn org_access(
        &self,
        db: &Db,
        organization_id: i64,
        user_id: i64,
    ) -> Result<OrgAccess> {
        let access = self
            .access
            .get_or_read(
                &(organization_id, user_id),
                roles::org_access(db, organization_id, user_id),
            )
            .await?;
        Ok((*access).clone())
    }

    /// The active organizations the user belongs to ([`orgs::of_user`]).
    pub async fn orgs_of(&self, db: &Db, user_id: i64) -> Result<Vec<OrgSummary>> {
        let found = self
            .orgs
            .get_or_read(&user_id, orgs::of_user(db, user_id))
            .await?;
        Ok((*found).clone())
    }

    /// Something was committed through this instance: any of it may have changed.
    pub fn forget_all(&self) {
        self.users.forget_all();
        self.access.forget_all();
        self.orgs.forget_all();
    }
}
