//! Helpers for plugin pages.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The slug of the organization in the current route (`/org/{org}/…`).
pub fn org_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("org").unwrap_or_default())
}

/// The message the server gave, without the transport's wording.
pub fn message(error: &ServerFnError) -> String {
    match error {
        ServerFnError::ServerError(message) => message.clone(),
        other => other.to_string(),
    }
}

/// The message when the server refused `field` (data-layer errors read `field: message`).
pub fn field_error(error: Option<&ServerFnError>, field: &str) -> Option<String> {
    let text = message(error?);
    text.strip_prefix(field)
        .and_then(|rest| rest.strip_prefix(": "))
        .map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_are_matched_by_name() {
        let e = ServerFnError::new("slug: use 2 to 40 lowercase letters");
        assert_eq!(
            field_error(Some(&e), "slug").as_deref(),
            Some("use 2 to 40 lowercase letters")
        );
        assert_eq!(field_error(Some(&e), "name"), None);
        assert_eq!(message(&e), "slug: use 2 to 40 lowercase letters");
    }
}
