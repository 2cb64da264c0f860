use leptos::prelude::*;
use sahabot_sdk::pages::{format_instant, id_param, message, org_slug};

use crate::server_fns::presets::{preset_revisions, RestoreRevision};

/// A preset's kept versions, newest first; those who may edit it restore one.
#[component]
pub fn RevisionsPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let restore = ServerAction::<RestoreRevision>::new();
    let revisions = Resource::new(
        move || (org.get(), id.get(), restore.version().get()),
        |(org, id, _)| preset_revisions(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="preset-history">
            <h2>"Preset history"</h2>
            <p><a href=move || format!("/org/{}/presets/p/{}", org.get(), id.get())>"Back to the preset"</a></p>
            {move || restore.value().get().map(|r| match r {
                Ok(n) => view! { <p class="ok" data-testid="restored">{format!("Restored as revision {n}.")}</p> }.into_any(),
                Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
            })}
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match revisions.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(list) => {
                            let newest = list.first().map(|r| r.revision);
                            list.into_iter().map(|r| {
                                let n = r.revision;
                                view! {
                                    <article class="card" data-testid="revision">
                                        <h3>{format!("Revision {n}")}</h3>
                                        <p class="hint">{format_instant(r.edited_at)} {r.edited_by.map(|b| format!(" · {b}"))}</p>
                                        <pre class="yaml">{r.yaml}</pre>
                                        {(Some(n) != newest).then(|| view! {
                                            <button type="button" class="secondary" data-testid="restore" on:click=move |_| {
                                                restore.dispatch(RestoreRevision { org: org.get_untracked(), id: id.get_untracked(), revision: n });
                                            }>"Restore this version"</button>
                                        })}
                                    </article>
                                }
                            }).collect_view().into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
