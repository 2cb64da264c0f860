//! Helpers for plugin pages.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The slug of the organization in the current route (`/org/{org}/…`).
pub fn org_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("org").unwrap_or_default())
}
