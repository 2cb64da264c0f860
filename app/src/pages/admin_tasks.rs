//! `/admin/tasks`: every scheduled task of the installation — each organization's and the
//! global ones — with their latest runs (SUPERADMIN).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::task_list::{RunList, TaskChange, TaskList, TaskListState};
use crate::errors::message;
use crate::server_fns::{all_tasks_data, ChangeAnyTask};

#[component]
pub fn AdminTasksPage() -> impl IntoView {
    let change = ServerAction::<ChangeAnyTask>::new();
    let list = TaskListState::new();
    let change_error = list.follow(Signal::derive(move || change.value().get()));
    let overview = Resource::new(move || list.changed.get(), |_| all_tasks_data());
    let on_change = Callback::new(move |c: TaskChange| {
        list.about(c.task_id);
        change.dispatch(ChangeAnyTask {
            task_id: c.task_id,
            action: c.action.into(),
            schedule_kind: c.schedule_kind,
            schedule: c.schedule,
        });
    });
    view! {
        <Title text="Scheduled tasks"/>
        <h1>"Scheduled tasks"</h1>
        <p class="hint">"Every organization's tasks and the global ones. Times are UTC."</p>
        <Transition fallback=|| view! { <p class="loading">"Loading the tasks…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    Ok(o) if o.tasks.is_empty() => view! {
                        <p class="empty" data-testid="no-tasks">"No plugin has a scheduled task yet."</p>
                    }.into_any(),
                    Ok(o) => view! {
                        <TaskList state=list tasks=o.tasks can_manage=true show_org=true on_change
                            error=change_error pending=change.pending()/>
                        <h2>"Latest runs"</h2>
                        <RunList runs=o.recent_runs/>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
