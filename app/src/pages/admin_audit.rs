use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::pager::Pager;
use crate::errors::{format_instant, message};
use crate::server_fns::audit_log;

/// `/admin/audit`: the whole audit log (SUPERADMIN).
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let (page, set_page) = signal(1_i64);
    let log = Resource::new(move || page.get(), audit_log);
    view! {
        <Title text="Audit log"/>
        <h1>"Audit log"</h1>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    Ok(p) if p.items.is_empty() => view! { <p class="empty">"Nothing recorded yet."</p> }.into_any(),
                    Ok(p) => {
                        let (current, pages) = (p.page, p.page_count());
                        view! {
                            <table class="table" data-testid="global-audit">
                                <thead><tr><th>"When (UTC)"</th><th>"Who"</th><th>"Organization"</th><th>"Action"</th><th>"Details"</th><th>"From"</th></tr></thead>
                                <tbody>{p.items.into_iter().map(|e| view! {
                                    <tr>
                                        <td>{format_instant(e.created_at)}</td>
                                        <td>{e.user_name.unwrap_or_else(|| "—".into())}</td>
                                        <td>{e.org_slug.unwrap_or_default()}</td>
                                        <td><code>{e.action}</code></td>
                                        <td class="details">{e.details}</td>
                                        <td>{e.ip.unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}</tbody>
                            </table>
                            <Pager current pages on_page=move |p| set_page.set(p) back="Newer" forward="Older"/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
