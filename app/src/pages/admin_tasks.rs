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
    // Reload after a change that was made: a refused one keeps the editor and what was typed.
    let changed = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            list.editing.set(None);
            changed.update(|n| *n += 1);
        }
    });
    let overview = Resource::new(move || changed.get(), |_| all_tasks_data());
    // The task the last change was about, so that its complaint shows on its row.
    let last_task = RwSignal::new(0_i64);
    let change_error = Signal::derive(move || {
        change
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| (last_task.get(), e))
    });
    let on_change = Callback::new(move |c: TaskChange| {
        last_task.set(c.task_id);
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
