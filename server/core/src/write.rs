//! One unit of work: a change, the events it publishes, its audit entry and the caches it makes
//! stale commit together. What other parts of this instance must hear about it (the event bus,
//! the scheduler, the enablement cache) is told after the commit, here and nowhere else, so a
//! call site cannot forget it and nothing is announced that was rolled back.

use std::ops::{Deref, DerefMut};

use sqlx::AnyConnection;

use crate::db::Db;
use crate::error::Result;
use crate::events::Event;
use crate::repo::audit;

/// A write transaction with what its commit must announce. Dropped without [`Write::commit`],
/// it rolls back and announces nothing.
pub struct Write {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    db: Db,
    outbox_due: bool,
    tasks_due: bool,
    stale: Stale,
    /// Organizations renamed, archived, deleted or given new settings by this write.
    changed_orgs: Vec<i64>,
    /// Organizations someone joined or left with this write.
    changed_rosters: Vec<i64>,
    /// A user's name or standing changed with this write.
    changed_users: bool,
    /// A plugin's configuration changed with this write.
    changed_configs: bool,
    /// A plugin wrote its own tables with this write.
    changed_plugin_data: bool,
}

#[derive(Default)]
enum Stale {
    #[default]
    Nothing,
    Orgs(Vec<i64>),
    All,
}

impl Db {
    /// Starts a unit of work (a write transaction; see [`Db::begin_write`]).
    pub async fn write(&self) -> Result<Write> {
        Ok(Write {
            tx: self.begin_write().await?,
            db: self.clone(),
            outbox_due: false,
            tasks_due: false,
            stale: Stale::Nothing,
            changed_orgs: Vec::new(),
            changed_rosters: Vec::new(),
            changed_users: false,
            changed_configs: false,
            changed_plugin_data: false,
        })
    }

    /// Runs `change` in a unit of work of its own and commits it when it succeeded.
    pub async fn change<T>(&self, change: impl AsyncFnOnce(&mut Write) -> Result<T>) -> Result<T> {
        let mut write = self.write().await?;
        let value = change(&mut write).await?;
        write.commit().await?;
        Ok(value)
    }
}

impl Write {
    /// Publishes `event` with this change, on behalf of `actor` (a user id); listeners hear of
    /// it after the commit.
    pub async fn emit<E: Event>(&mut self, actor: Option<i64>, event: &E) -> Result<i64> {
        let id = crate::events::emit(&mut self.tx, actor, event).await?;
        self.outbox_due = true;
        Ok(id)
    }

    /// Records the audit entry of this change, in its transaction.
    pub async fn audit(&mut self, entry: &audit::Entry<'_>) -> Result<()> {
        audit::record_in(&mut self.tx, entry).await
    }

    /// The organization's plugins in service change with this write.
    pub fn invalidate_org(&mut self, organization_id: i64) {
        match &mut self.stale {
            Stale::Nothing => self.stale = Stale::Orgs(vec![organization_id]),
            Stale::Orgs(orgs) => orgs.push(organization_id),
            Stale::All => {}
        }
    }

    /// The organization's slug, name, status or settings change with this write.
    pub fn org_changed(&mut self, organization_id: i64) {
        self.changed_orgs.push(organization_id);
    }

    /// Someone joins or leaves the organization with this write.
    pub fn members_changed(&mut self, organization_id: i64) {
        self.changed_rosters.push(organization_id);
    }

    /// A user's display name, pronouns or standing changes with this write.
    pub fn user_changed(&mut self) {
        self.changed_users = true;
    }

    /// A plugin's configuration (the installation's or an organization's) changes with this
    /// write.
    pub fn config_changed(&mut self) {
        self.changed_configs = true;
    }

    /// A plugin's own data changes with this write.
    pub fn plugin_data_changed(&mut self) {
        self.changed_plugin_data = true;
    }

    /// Which plugins are in service changes everywhere with this write.
    pub fn invalidate_all(&mut self) {
        self.stale = Stale::All;
    }

    /// An event delivery became due now with this write; the event bus delivers it at once.
    pub fn deliveries_due(&mut self) {
        self.outbox_due = true;
    }

    /// A task became due now with this write; the scheduler runs it at once.
    pub fn tasks_due(&mut self) {
        self.tasks_due = true;
    }

    /// Commits, then tells this instance what changed.
    pub async fn commit(self) -> Result<()> {
        let Write {
            tx,
            db,
            outbox_due,
            tasks_due,
            stale,
            changed_orgs,
            changed_rosters,
            changed_users,
            changed_configs,
            changed_plugin_data,
        } = self;
        tx.commit().await?;
        db.count_commit();
        // Who may do what is decided from the standing kept here: any change may touch it
        // (a role, a membership, a deactivation), and a change made here must decide the next
        // request, so all of it is read again.
        db.standing().forget_all();
        // What a plugin shows may join any of these (a member's name, the organization's
        // plugins in service); changes are rare beside reads, so all of it is read again.
        let stale_reads = changed_plugin_data
            || changed_users
            || changed_configs
            || !changed_orgs.is_empty()
            || !changed_rosters.is_empty()
            || !matches!(stale, Stale::Nothing);
        if stale_reads {
            db.plugin_reads().forget_all();
        }
        for org in changed_orgs {
            db.directory().forget(org);
        }
        for org in changed_rosters {
            db.directory().forget_roster(org);
        }
        if changed_users {
            db.directory().forget_rosters();
        }
        if changed_configs {
            db.enablement().forget_configs();
        }
        match stale {
            Stale::Nothing => {}
            Stale::Orgs(orgs) => orgs
                .into_iter()
                .for_each(|org| db.enablement().invalidate_org(org)),
            Stale::All => {
                db.directory().forget_all();
                db.enablement().invalidate_all();
            }
        }
        if outbox_due {
            db.outbox().notify_one();
        }
        if tasks_due {
            db.tasks_due().notify_one();
        }
        Ok(())
    }
}

impl Deref for Write {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl DerefMut for Write {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}
