use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{Grant, NamespaceView};

/// A namespace's page: the namespace and, for those who manage it, its grants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespaceData {
    pub namespace: NamespaceView,
    pub grants: Vec<Grant>,
    /// Those who may be given rights (the organization's members), for those who manage it.
    pub members: Vec<(i64, String)>,
}

#[server]
pub async fn namespace_page(org: String, slug: String) -> Result<NamespaceData, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::reader::<NamespacePage>(&org).await?;
    let ns = caller.namespace(&slug).await.map_err(failed)?;
    let (grants, members) = if caller.rights(&ns).manage {
        let grants = crate::repo::namespaces::grants(&caller.db, ns.id)
            .await
            .map_err(failed)?;
        let members = caller
            .db
            .members()
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|m| (m.user_id, m.display_name))
            .collect();
        (grants, members)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(NamespaceData {
        namespace: caller.view(ns),
        grants,
        members,
    })
}
sahabot_sdk::guard!(plugin, NamespacePage, public);

/// A new namespace of the organization.
#[server]
pub async fn create_namespace(
    org: String,
    slug: String,
    description: String,
    is_public: bool,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    use sahabot_sdk::Error;
    let caller = super::caller::<CreateNamespace>(&org).await?;
    let slug = slug.trim().to_string();
    crate::service::rules::check_slug(&slug).map_err(|message| {
        failed(Error::Invalid {
            field: "slug",
            message,
        })
    })?;
    let description = one_line_or_empty(&description).map_err(failed)?;
    crate::repo::namespaces::create_for_org(
        &caller.db,
        caller.db.org().map_err(failed)?.id,
        &slug,
        &description,
        is_public,
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, CreateNamespace, org "presets:manage");

#[cfg(feature = "ssr")]
fn one_line_or_empty(text: &str) -> Result<String, sahabot_sdk::Error> {
    if text.trim().is_empty() {
        return Ok(String::new());
    }
    sahabot_sdk::text::one_line("description", text, 200).map_err(|refused| {
        sahabot_sdk::Error::Invalid {
            field: refused.field,
            message: refused.message,
        }
    })
}

/// Changes a namespace's description and visibility (those who manage it).
#[server]
pub async fn update_namespace(
    org: String,
    slug: String,
    description: String,
    is_public: bool,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    use sahabot_sdk::Error;
    let caller = super::caller::<UpdateNamespace>(&org).await?;
    let ns = caller.namespace(&slug).await.map_err(failed)?;
    if !caller.rights(&ns).manage {
        return Err(failed(Error::Forbidden(format!(
            "you may not change `{slug}`"
        ))));
    }
    let description = one_line_or_empty(&description).map_err(failed)?;
    crate::repo::namespaces::update(&caller.db, ns.id, &description, is_public)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, UpdateNamespace, global SignedIn);

/// Gives a member of the organization rights in a namespace (none: takes them away).
#[server]
pub async fn set_grant(
    org: String,
    slug: String,
    user_id: i64,
    create: bool,
    update: bool,
    delete: bool,
) -> Result<(), ServerFnError> {
    use crate::model::Rights;
    use sahabot_sdk::access::failed;
    use sahabot_sdk::Error;
    let caller = super::caller::<SetGrant>(&org).await?;
    let ns = caller.namespace(&slug).await.map_err(failed)?;
    if !caller.rights(&ns).manage {
        return Err(failed(Error::Forbidden(format!(
            "you may not change who works in `{slug}`"
        ))));
    }
    let members = caller.db.members().await.map_err(failed)?;
    if !members.iter().any(|m| m.user_id == user_id) {
        return Err(failed(Error::Invalid {
            field: "user_id",
            message: "rights go to members of this organization".into(),
        }));
    }
    let rights = Rights {
        create,
        update,
        delete,
        manage: false,
    };
    crate::repo::namespaces::set_grant(&caller.db, ns.id, user_id, rights)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, SetGrant, global SignedIn);
