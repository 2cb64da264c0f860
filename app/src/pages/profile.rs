use leptos::prelude::*;
use leptos_meta::Title;

use crate::errors::{field_error, format_instant, message};
use crate::server_fns::{my_profile, my_tokens, CreateToken, RevokeToken, UpdateProfile};

/// `/profile`: name and pronouns, linked accounts, API tokens.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let update = ServerAction::<UpdateProfile>::new();
    let create = ServerAction::<CreateToken>::new();
    let revoke = ServerAction::<RevokeToken>::new();
    let profile = Resource::new(move || update.version().get(), |_| my_profile());
    let tokens = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| my_tokens(),
    );
    let update_error = move || update.value().get().and_then(|r| r.err());
    let create_error = move || create.value().get().and_then(|r| r.err());
    view! {
        <Title text="Your profile"/>
        <section class="narrow">
            <h1>"Your profile"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Err(e) => view! { <p class="error" data-testid="profile-error">{message(&e)}</p> }.into_any(),
                        Ok(p) => view! {
                            <ActionForm action=update attr:class="stack" attr:data-testid="profile-form">
                                <label>"Display name " <input type="text" name="display_name" value=p.display_name.clone() required/></label>
                                {move || field_error(update_error().as_ref(), "display_name").map(|e| view! { <span class="field-error">{e}</span> })}
                                <label>"Pronouns " <input type="text" name="pronouns" value=p.pronouns.clone().unwrap_or_default() placeholder="she/her"/></label>
                                {move || field_error(update_error().as_ref(), "pronouns").map(|e| view! { <span class="field-error">{e}</span> })}
                                <button type="submit">"Save"</button>
                                {move || update.value().get().and_then(|r| r.ok()).map(|_| view! { <span class="success">"Saved."</span> })}
                            </ActionForm>
                            <h2>"Linked accounts"</h2>
                            {if p.linked.is_empty() {
                                view! { <p class="empty">"No linked accounts."</p> }.into_any()
                            } else {
                                view! {
                                    <ul data-testid="linked-accounts">
                                        {p.linked.into_iter().map(|(service, name)| view! { <li><strong>{service}</strong> ": " {name}</li> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <p class="field-note">"Global permission: " {p.permission.label()}</p>
                        }.into_any(),
                    }
                })}
            </Suspense>

            <h2>"API tokens"</h2>
            <p>"Send a token as " <code>"Authorization: Bearer <token>"</code> " to the " <a href="/api/docs" rel="external">"REST API"</a> ". It acts with your permissions."</p>
            <ActionForm action=create attr:class="form" attr:data-testid="new-token">
                <div class="field">
                    <label>"Name " <input type="text" name="name" placeholder="race bot" data-testid="token-name" required/></label>
                    {move || field_error(create_error().as_ref(), "name").map(|e| view! { <span class="field-error">{e}</span> })}
                </div>
                <div class="field">
                    <label>"Expires in days " <input type="number" name="expires_in_days" value="90" min="1" max="365" required/></label>
                    {move || field_error(create_error().as_ref(), "expires_in_days").map(|e| view! { <span class="field-error">{e}</span> })}
                </div>
                <button type="submit" data-testid="create-token">"Create token"</button>
            </ActionForm>
            {move || create.value().get().map(|result| match result {
                Ok(created) => view! {
                    <div class="notice" data-testid="token-secret">
                        <p>"Copy this token now; it will not be shown again:"</p>
                        <code class="secret">{created.secret}</code>
                    </div>
                }.into_any(),
                Err(e) if ["name", "expires_in_days"].iter().all(|f| field_error(Some(&e), f).is_none()) => {
                    view! { <p class="error">{message(&e)}</p> }.into_any()
                }
                Err(_) => ().into_any(),
            })}
            <Transition fallback=|| view! { <p class="loading">"Loading tokens…"</p> }>
                {move || Suspend::new(async move {
                    match tokens.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No tokens yet."</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="table" data-testid="tokens">
                                <thead><tr><th>"Name"</th><th>"Created"</th><th>"Expires"</th><th>"Last used"</th><th>"Status"</th><th></th></tr></thead>
                                <tbody>{list.into_iter().map(|t| {
                                    let token_id = t.id;
                                    let active = t.revoked_at.is_none();
                                    view! {
                                        <tr>
                                            <td>{t.name}</td>
                                            <td>{format_instant(t.created_at)}</td>
                                            <td>{t.expires_at.map(format_instant).unwrap_or_else(|| "never".into())}</td>
                                            <td>{t.last_used_at.map(format_instant).unwrap_or_else(|| "never".into())}</td>
                                            <td>{if active { "active" } else { "revoked" }}</td>
                                            <td>{active.then(|| view! {
                                                <button class="secondary" on:click=move |_| { revoke.dispatch(RevokeToken { token_id }); }>"Revoke"</button>
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}</tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
