use leptos::prelude::*;

use crate::errors::{field_error, message};

/// The server's complaint about one field, shown next to it.
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<ServerFnError>>,
    field: &'static str,
) -> impl IntoView {
    move || {
        field_error(error.get().as_ref(), field)
            .map(|e| view! { <span class="field-error" data-field=field>{e}</span> })
    }
}

/// Any error that is not about one of `fields` (those show next to their field).
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<ServerFnError>>,
    fields: &'static [&'static str],
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| fields.iter().all(|f| field_error(Some(e), f).is_none()))
            .map(|e| view! { <p class="error">{message(&e)}</p> })
    }
}
