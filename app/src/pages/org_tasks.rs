//! `/org/{org}/admin/scheduled-tasks`: the organization's scheduled tasks — its plugins' own
//! and those it created — with their next run and last result, the form to create one, and the
//! latest runs.

use leptos::prelude::*;
use leptos_meta::Title;
use sahabot_sdk::model::TaskKind;
use sahabot_sdk::pages::org_slug;

use crate::components::form_errors::{FieldError, FormError};
use crate::components::task_list::{schedule_hint, RunList, TaskChange, TaskList, TaskListState};
use crate::errors::message;
use crate::server_fns::{org_tasks_data, ChangeOrgTask, CreateOrgTask};

#[component]
pub fn OrgTasksPage() -> impl IntoView {
    let slug = org_slug();
    let change = ServerAction::<ChangeOrgTask>::new();
    let create = ServerAction::<CreateOrgTask>::new();
    let list = TaskListState::new();
    let change_error = list.follow(Signal::derive(move || change.value().get()));
    // A created task reloads the list too (a refused one keeps the form as it was typed).
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            list.changed.update(|n| *n += 1);
        }
    });
    let overview = Resource::new(
        move || (slug.get(), list.changed.get()),
        |(org, ..)| org_tasks_data(org),
    );
    let on_change = Callback::new(move |c: TaskChange| {
        list.about(c.task_id);
        change.dispatch(ChangeOrgTask {
            org: slug.get(),
            task_id: c.task_id,
            action: c.action.into(),
            schedule_kind: c.schedule_kind,
            schedule: c.schedule,
        });
    });
    view! {
        <Title text="Scheduled tasks"/>
        <section class="org-tasks" data-testid="org-tasks">
            <h2>"Scheduled tasks"</h2>
            <p class="hint">"What runs on its own for this organization. Times are UTC; a task runs only while its plugin is on."</p>
            <Transition fallback=|| view! { <p class="loading">"Loading the tasks…"</p> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(o) => {
                            let can_manage = o.can_manage;
                            view! {
                                {if o.tasks.is_empty() {
                                    view! { <p class="empty" data-testid="no-tasks">"No task runs here yet: turn on a plugin that has some, or create one below."</p> }.into_any()
                                } else {
                                    view! {
                                        <TaskList state=list tasks=o.tasks can_manage show_org=false on_change
                                            error=change_error pending=change.pending()/>
                                    }.into_any()
                                }}
                                {(can_manage && !o.kinds.is_empty()).then(|| view! { <CreateTask kinds=o.kinds create/> })}
                                <h3>"Latest runs"</h3>
                                <RunList runs=o.recent_runs/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn CreateTask(kinds: Vec<TaskKind>, create: ServerAction<CreateOrgTask>) -> impl IntoView {
    let slug = org_slug();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let kind = RwSignal::new("interval".to_string());
    let created = move || matches!(create.value().get(), Some(Ok(_)));
    view! {
        <h3>"Create a task"</h3>
        <ActionForm action=create attr:class="stack" attr:data-testid="create-task">
            <input type="hidden" name="org" prop:value=move || slug.get()/>
            <label>"What it does"
                <select name="task" data-testid="create-task-kind">
                    {kinds.into_iter().map(|k| view! {
                        <option value=format!("{}:{}", k.plugin_id, k.key)>{format!("{} — {}", k.plugin_name, k.title)}</option>
                    }).collect_view()}
                </select>
            </label>
            <FieldError error field="task"/>
            <label>"Name" <input type="text" name="name" required maxlength="100" data-testid="create-task-name"/></label>
            <FieldError error field="name"/>
            <label>"Runs"
                <select name="schedule_kind" data-testid="create-task-schedule-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="interval">"every N seconds"</option>
                    <option value="cron">"on a cron expression (UTC)"</option>
                    <option value="once">"once, at a date and time (UTC)"</option>
                </select>
            </label>
            <FieldError error field="schedule_kind"/>
            <label>"Schedule" <input type="text" name="schedule" required data-testid="create-task-schedule"/></label>
            <span class="field-note">{move || schedule_hint(&kind.get())}</span>
            <FieldError error field="schedule"/>
            <label>"Configuration (JSON, optional)" <textarea name="config" rows="2" placeholder="{}" data-testid="create-task-config"></textarea></label>
            <FieldError error field="config"/>
            <FormError error fields=&["task", "name", "schedule_kind", "schedule", "config"]/>
            {move || created().then(|| view! { <p class="success" data-testid="task-created">"Created."</p> })}
            <button type="submit" data-testid="create-task-submit" disabled=move || create.pending().get()>"Create task"</button>
        </ActionForm>
    }
}
