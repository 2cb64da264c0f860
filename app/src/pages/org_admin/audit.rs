use leptos::prelude::*;

use super::AdminData;
use crate::components::pager::Pager;
use crate::errors::format_instant;
use sahabot_sdk::model::{AuditEntry, Page};

#[component]
pub fn AuditLog(data: AdminData, log: Page<AuditEntry>) -> impl IntoView {
    let set_page = data.audit_page;
    view! {
        <h3>"Audit log"</h3>
            {match log {
                    p if p.items.is_empty() => view! { <p class="empty">"Nothing recorded yet."</p> }.into_any(),
                    p => {
                        let pages = p.page_count();
                        let current = p.page;
                        view! {
                            <table class="table" data-testid="audit-log">
                                <thead><tr><th>"When (UTC)"</th><th>"Who"</th><th>"Action"</th><th>"Details"</th><th>"From"</th></tr></thead>
                                <tbody>
                                    {p.items.into_iter().map(|e| view! {
                                        <tr>
                                            <td>{format_instant(e.created_at)}</td>
                                            <td>{e.user_name.unwrap_or_else(|| "—".into())}</td>
                                            <td><code>{e.action}</code></td>
                                            <td class="details">{e.details}</td>
                                            <td>{e.ip.unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <Pager current pages on_page=move |p| set_page.set(p) back="Newer" forward="Older"/>
                        }.into_any()
                    }
                }}
    }
    .into_any()
}
