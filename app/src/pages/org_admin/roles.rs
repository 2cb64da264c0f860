use leptos::prelude::*;
use sahabot_sdk::model::Role;

/// The organization's roles and what each statement allows or denies.
#[component]
pub fn Roles(roles: Vec<Role>) -> impl IntoView {
    view! {
        <h3>"Roles"</h3>
        <table class="table" data-testid="roles">
                            <thead><tr><th>"Role"</th><th>"Members"</th><th>"Statements"</th></tr></thead>
                            <tbody>
                                {roles.into_iter().map(|r| view! {
                                    <tr>
                                        <td>
                                            <strong>{r.name}</strong>
                                            {r.builtin.is_some().then(|| view! { <span class="tag">"built-in"</span> })}
                                            <div class="field-note">{r.description}</div>
                                        </td>
                                        <td>{r.member_count}</td>
                                        <td><ul class="statements">
                                            {r.statements.into_iter().map(|s| view! {
                                                <li>
                                                    <span class=format!("effect {}", s.effect.as_str())>{s.effect.as_str().to_uppercase()}</span>
                                                    " " <code>{s.actions.join(", ")}</code>
                                                    " on " <code>{s.resources.join(", ")}</code>
                                                </li>
                                            }).collect_view()}
                                        </ul></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
        </table>
    }
}
