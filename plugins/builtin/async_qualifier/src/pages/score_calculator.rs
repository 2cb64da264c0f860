use leptos::prelude::*;

use crate::service::scoring::{format_duration, parse_duration, race_score};

/// Computes a race's score from its time and the permalink's par time, as the player types.
#[component]
pub fn ScoreCalculatorPage() -> impl IntoView {
    let (par, set_par) = signal(String::from("1:30:00"));
    let (finish, set_finish) = signal(String::from("1:35:00"));
    let par_secs = Memo::new(move |_| parse_duration(&par.get()));
    let finish_secs = Memo::new(move |_| parse_duration(&finish.get()));
    let score = move || match (par_secs.get(), finish_secs.get()) {
        (Ok(p), Ok(f)) => race_score(f, p, 105.0).map(|s| format!("{s:.2}")),
        _ => None,
    };

    view! {
        <section class="plugin-page" data-testid="async-score-calculator">
            <h2>"Score calculator"</h2>
            <p class="hint">
                "A finish at par scores 100 and a finish at twice par scores 0; scores are capped at 105. "
                "Par is the mean of the five fastest finishes of a permalink."
            </p>
            <form class="form" on:submit=|ev| ev.prevent_default()>
                <TimeField label="Par time" testid="par-time" value=par set_value=set_par parsed=par_secs/>
                <TimeField label="Your time" testid="finish-time" value=finish set_value=set_finish parsed=finish_secs/>
            </form>
            <p class="score">
                "Score: "
                <strong data-testid="score">{move || score().unwrap_or_else(|| "—".into())}</strong>
            </p>
        </section>
    }
}

#[component]
fn TimeField(
    label: &'static str,
    testid: &'static str,
    value: ReadSignal<String>,
    set_value: WriteSignal<String>,
    parsed: Memo<Result<u64, String>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label>
                {label}
                <input
                    type="text"
                    inputmode="numeric"
                    data-testid=testid
                    prop:value=value
                    aria-invalid=move || parsed.get().is_err().to_string()
                    on:input=move |ev| set_value.set(event_target_value(&ev))
                />
            </label>
            {move || match parsed.get() {
                Ok(0) => view! { <span class="field-error">"must be above zero"</span> }.into_any(),
                Ok(secs) => view! { <span class="field-note">{format_duration(secs)}</span> }.into_any(),
                Err(message) => view! { <span class="field-error">{message}</span> }.into_any(),
            }}
        </div>
    }
}
