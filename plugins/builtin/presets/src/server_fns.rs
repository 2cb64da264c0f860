use leptos::prelude::*;

use crate::model::Namespace;

/// The organization's preset namespaces, by name.
#[server]
pub async fn list_namespaces(org: String) -> Result<Vec<Namespace>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListNamespaces>(Some(&org)).await?;
    crate::repo::namespaces(&scope.data()?, scope.org()?.id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, ListNamespaces, public);
