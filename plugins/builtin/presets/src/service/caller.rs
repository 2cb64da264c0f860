//! Who is asking, and what they may see and do in each namespace.

use std::collections::HashMap;
use std::sync::Arc;

use sahabot_sdk::data::{PluginDb, Service};
use sahabot_sdk::seeds::Randomizer;
use sahabot_sdk::Error;

use crate::model::{NamespaceView, RandomizerInfo, Rights};
use crate::repo::namespaces::{self, NamespaceRow};
use crate::service::rules::{self, NamespaceFacts, Viewer};

/// The caller of a presets function: their standing and grants, loaded once per call.
pub struct Caller {
    pub db: PluginDb,
    pub viewer: Viewer,
    /// The signed-in caller's own namespace (made on their first call).
    pub personal: Option<String>,
    grants: HashMap<i64, Rights>,
    org_id: i64,
}

impl Caller {
    /// The caller of a change: their grants and namespace read now.
    pub async fn new(db: PluginDb) -> Result<Caller, Error> {
        Caller::load(db, false).await
    }

    /// The caller; with `kept`, of what a page or a list shows: their grants and namespace as
    /// kept (`PluginDb::kept`), as the namespaces they see are. A change takes [`Caller::new`].
    pub async fn load(db: PluginDb, kept: bool) -> Result<Caller, Error> {
        let standing = db.standing().await?;
        let viewer = Viewer {
            user_id: standing.user_id(),
            superadmin: standing.is_superadmin(),
            manages_org: standing.holds("presets:manage"),
            member: standing.is_member(),
        };
        let grants = match viewer.user_id {
            Some(user) if kept => db
                .kept(
                    &format!("grants:{user}"),
                    namespaces::grants_of_user(&db, user),
                )
                .await?
                .iter()
                .copied()
                .collect(),
            Some(user) => namespaces::grants_of_user(&db, user)
                .await?
                .into_iter()
                .collect(),
            None => HashMap::new(),
        };
        let org_id = db.org()?.id;
        let personal = match (viewer.user_id, standing.display_name()) {
            (Some(user), Some(name)) => {
                let kept_slug = if kept {
                    (*db.kept(
                        &format!("personal:{user}"),
                        namespaces::personal_of(&db, user),
                    )
                    .await?)
                        .clone()
                } else {
                    None
                };
                match kept_slug {
                    Some(slug) => Some(slug),
                    None => Some(namespaces::ensure_personal(&db, user, name).await?),
                }
            }
            _ => None,
        };
        Ok(Caller {
            db,
            viewer,
            personal,
            grants,
            org_id,
        })
    }

    fn facts(&self, ns: &NamespaceRow) -> NamespaceFacts {
        NamespaceFacts {
            owner_user_id: ns.owner_user_id,
            owned_by_this_org: ns.organization_id == Some(self.org_id),
            is_public: ns.is_public,
            grant: self.grants.get(&ns.id).copied(),
        }
    }

    pub fn rights(&self, ns: &NamespaceRow) -> Rights {
        rules::rights(&self.viewer, &self.facts(ns))
    }

    pub fn sees(&self, ns: &NamespaceRow) -> bool {
        rules::sees_namespace(&self.viewer, &self.facts(ns))
    }

    pub fn sees_preset(&self, ns: &NamespaceRow, preset_public: bool) -> bool {
        rules::sees_preset(&self.viewer, &self.facts(ns), preset_public)
    }

    /// The namespaces the caller sees from this organization, by slug, as kept for what pages
    /// and lists show (`PluginDb::kept`).
    pub async fn namespaces(&self) -> Result<Vec<NamespaceRow>, Error> {
        let user = self.viewer.user_id;
        let candidates = self
            .db
            .kept(
                &format!("namespaces:{}:{user:?}", self.org_id),
                namespaces::candidates(&self.db, self.org_id, user),
            )
            .await?;
        Ok(self.visible(&candidates))
    }

    fn visible(&self, candidates: &[NamespaceRow]) -> Vec<NamespaceRow> {
        candidates
            .iter()
            .filter(|ns| self.sees(ns))
            .cloned()
            .collect()
    }

    pub fn view(&self, ns: NamespaceRow) -> NamespaceView {
        let rights = self.rights(&ns);
        NamespaceView {
            id: ns.id,
            slug: ns.slug,
            description: ns.description,
            is_public: ns.is_public,
            owner: ns.owner,
            rights,
            preset_count: ns.preset_count,
        }
    }

    /// The namespaces whose public presets the caller sees, and those whose every preset
    /// they see (they may change them), as kept for lists.
    pub async fn preset_scope(&self) -> Result<(Vec<i64>, Vec<i64>), Error> {
        Ok(self.scope_of(&self.namespaces().await?))
    }

    /// [`Caller::preset_scope`] read now, for a roll: what a change decides on is never a kept
    /// read.
    pub async fn preset_scope_now(&self) -> Result<(Vec<i64>, Vec<i64>), Error> {
        let candidates = namespaces::candidates(&self.db, self.org_id, self.viewer.user_id).await?;
        Ok(self.scope_of(&self.visible(&candidates)))
    }

    fn scope_of(&self, visible: &[NamespaceRow]) -> (Vec<i64>, Vec<i64>) {
        let seen = visible.iter().map(|ns| ns.id).collect();
        let editable = visible
            .iter()
            .filter(|ns| self.rights(ns).update)
            .map(|ns| ns.id)
            .collect();
        (seen, editable)
    }

    /// The namespace `slug` if the caller sees it; the same "not found" whether it does not
    /// exist or is private.
    pub async fn namespace(&self, slug: &str) -> Result<NamespaceRow, Error> {
        namespaces::by_slug(&self.db, slug)
            .await?
            .filter(|ns| self.sees(ns))
            .ok_or_else(|| Error::NotFound(format!("there is no namespace `{slug}`")))
    }
}

/// The randomizers enabled in the organization, by id.
pub async fn randomizers(db: &PluginDb) -> Result<Vec<Service<dyn Randomizer>>, Error> {
    db.extensions::<dyn Randomizer>().await
}

/// The randomizer `id`, if it is enabled in the organization.
pub async fn randomizer(db: &PluginDb, id: &str) -> Result<Service<dyn Randomizer>, Error> {
    db.extension::<dyn Randomizer>(id)
        .await
        .map_err(|_| Error::Invalid {
            field: "randomizer",
            message: format!("`{id}` is not a randomizer enabled in this organization"),
        })
}

pub fn info(extension: &Service<dyn Randomizer>) -> RandomizerInfo {
    let api: &Arc<dyn Randomizer> = &extension.api;
    RandomizerInfo {
        id: extension.plugin.to_string(),
        name: api.name().to_string(),
        example: api.example().to_string(),
    }
}

/// Rolls and the seed history are the organization's: its members' (and SUPERADMINs').
pub fn require_member(caller: &Caller) -> Result<(), Error> {
    if caller.viewer.member || caller.viewer.superadmin {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "only this organization's members roll seeds and see its seed history".into(),
        ))
    }
}
