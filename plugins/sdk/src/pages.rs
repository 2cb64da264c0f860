//! Helpers for plugin pages.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The slug of the organization in the current route (`/org/{org}/…`).
pub fn org_slug() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("org").unwrap_or_default())
}

/// The route's numeric parameter `name` (`"id"` in `"matches/:id"`); 0 when it is not a number,
/// which no object has.
pub fn id_param(name: &'static str) -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get(name)
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    })
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

/// Counts `action`'s successes into `reload`: the resources that read it load again after a
/// change, and a refused form keeps what was typed in it.
pub fn reload_on_success<S>(action: ServerAction<S>, reload: RwSignal<usize>)
where
    S: leptos::server_fn::ServerFn<Error = ServerFnError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            reload.update(|n| *n += 1);
        }
    });
}

/// The refusal of `action`'s last run that concerns `field`, shown next to that field.
pub fn field_problem<S>(
    action: ServerAction<S>,
    field: &'static str,
) -> impl Fn() -> Option<AnyView>
where
    S: leptos::server_fn::ServerFn<Error = ServerFnError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .and_then(|e| field_error(Some(&e), field))
            .map(|m| view! { <span class="field-error" data-field=field>{m}</span> }.into_any())
    }
}

/// The settings a randomizer's presets may hold, as a table: for the page that explains how to
/// write its presets.
#[component]
pub fn SettingsReference(settings: crate::seeds::Settings) -> impl IntoView {
    view! {
        <table class="table" data-testid="settings-reference">
            <thead><tr><th>"Setting"</th><th>"Takes"</th></tr></thead>
            <tbody>
                {crate::seeds::describe(settings).into_iter().map(|(path, takes)| view! {
                    <tr><td><code>{path}</code></td><td>{takes}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Puts `text` on the clipboard (in the browser; nothing on the server).
pub fn copy_text(text: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}

/// Reads the file a person picked in an `<input type="file">` (the `change` event) as text and
/// hands it to `done`: the text, or why it could not be read. A file over `max_bytes` is not
/// read. In the browser only; on the server nothing happens.
pub fn read_picked_file(
    ev: &leptos::ev::Event,
    max_bytes: u32,
    done: impl FnOnce(Result<String, String>) + 'static,
) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Picking the same file again must fire `change` again.
        input.set_value("");
        if file.size() > f64::from(max_bytes) {
            done(Err(format!(
                "{} is larger than {} KB",
                file.name(),
                max_bytes / 1024
            )));
            return;
        }
        let name = file.name();
        let reading = wasm_bindgen_futures::JsFuture::from(file.text());
        leptos::task::spawn_local(async move {
            let text = reading.await.ok().and_then(|text| text.as_string());
            done(text.ok_or_else(|| format!("{name} could not be read as text")));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, max_bytes, done);
}

/// Unix milliseconds as `YYYY-MM-DD HH:MM` UTC.
pub fn format_instant(millis: i64) -> String {
    let secs = millis.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// An instant in the viewer's time zone. The server renders it in UTC; once the page is
/// hydrated it shows the browser's local time.
#[component]
pub fn LocalTime(millis: i64) -> impl IntoView {
    let text = RwSignal::new(format!("{} UTC", format_instant(millis)));
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| text.set(local_text(millis)));
    view! { <time datetime=millis.to_string() title=format!("{} UTC", format_instant(millis))>{text}</time> }
}

#[cfg(feature = "hydrate")]
fn local_text(millis: i64) -> String {
    let date = js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_f64(millis as f64));
    let text: String = date
        .to_locale_string("default", &js_sys::Object::new())
        .into();
    text
}

/// The value of an `<input type="datetime-local">` (`2027-01-05T18:00`, the viewer's local
/// time) as unix milliseconds; read as UTC on the server. `None` when blank or not a time.
pub fn local_input_to_millis(value: &str) -> Option<i64> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    #[cfg(feature = "hydrate")]
    {
        let ms = js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_str(value)).get_time();
        if ms.is_nan() {
            None
        } else {
            Some(ms as i64)
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        parse_utc_input(value)
    }
}

/// An instant as an `<input type="datetime-local">` value in the viewer's time zone (UTC on
/// the server).
pub fn millis_to_local_input(millis: i64) -> String {
    #[cfg(feature = "hydrate")]
    {
        let date = js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_f64(millis as f64));
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date(),
            date.get_hours(),
            date.get_minutes()
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        format_instant(millis).replace(' ', "T")
    }
}

#[cfg(not(feature = "hydrate"))]
fn parse_utc_input(value: &str) -> Option<i64> {
    let (date, clock) = value.split_once('T')?;
    let mut d = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (d.next()??, d.next()??, d.next()??);
    let mut c = clock.splitn(3, ':').map(|p| p.parse::<i64>().ok());
    let (hour, minute) = (c.next()??, c.next()??);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm), the inverse of `format_instant`.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + hour) * 60 + minute) * 60_000)
}

/// A table header that orders the table by `by` when clicked, marked while it is the order.
/// `sort` holds the current order; a paged table passes `on_sort` to go back to its first page.
#[component]
pub fn SortHeader<S>(
    label: &'static str,
    by: S,
    sort: RwSignal<S>,
    #[prop(optional, into)] on_sort: Option<Callback<()>>,
) -> impl IntoView
where
    S: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <th aria-sort=move || if sort.get() == by { "descending" } else { "none" }>
            <button type="button" class="sort" on:click=move |_| {
                sort.set(by);
                if let Some(f) = on_sort {
                    f.run(());
                }
            }>{label}</button>
        </th>
    }
}

/// Previous/next buttons and "Page N of M" under a paginated table.
#[component]
pub fn Pager(
    current: i64,
    pages: i64,
    #[prop(into)] on_page: Callback<i64>,
    #[prop(default = "Previous")] back: &'static str,
    #[prop(default = "Next")] forward: &'static str,
    #[prop(optional)] total: Option<String>,
) -> impl IntoView {
    let label = match total {
        Some(total) => format!("Page {current} of {pages} · {total}"),
        None => format!("Page {current} of {pages}"),
    };
    view! {
        <nav class="pager" aria-label="Pages">
            <button class="secondary" disabled={current <= 1} on:click=move |_| on_page.run(current - 1)>{back}</button>
            <span>{label}</span>
            <button class="secondary" disabled={current >= pages} on:click=move |_| on_page.run(current + 1)>{forward}</button>
        </nav>
    }
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

    #[test]
    fn datetime_inputs_read_as_utc_on_the_server() {
        for millis in [0, 1_799_172_000_000, 951_782_400_000] {
            let input = millis_to_local_input(millis);
            assert_eq!(local_input_to_millis(&input), Some(millis), "{input}");
        }
        assert_eq!(local_input_to_millis(" "), None);
        assert_eq!(local_input_to_millis("2027-13-01T00:00"), None);
        assert_eq!(local_input_to_millis("soon"), None);
    }

    #[test]
    fn instants_format_as_utc() {
        assert_eq!(format_instant(0), "1970-01-01 00:00");
        assert_eq!(format_instant(1_795_000_000_000), "2026-11-18 11:06");
        assert_eq!(format_instant(951_782_400_000), "2000-02-29 00:00");
    }
}
