//! The scheduled tasks table shared by an organization's page and the platform's: a filter,
//! sortable columns, pages of 25, and per row Run now / Pause / Resume / Edit schedule / Reset /
//! Delete; the schedule editor shows the server's complaint next to its field.

use leptos::prelude::*;
use sahabot_sdk::model::{ScheduledTask, TaskRun};

use crate::components::form_errors::{FieldError, FormError};
use crate::components::pager::Pager;
use crate::errors::format_instant;

const PAGE_SIZE: usize = 25;

/// A change asked of one task (see `change_org_task`).
#[derive(Clone, Debug)]
pub struct TaskChange {
    pub task_id: i64,
    pub action: &'static str,
    pub schedule_kind: Option<String>,
    pub schedule: Option<String>,
}

impl TaskChange {
    fn simple(task_id: i64, action: &'static str) -> TaskChange {
        TaskChange {
            task_id,
            action,
            schedule_kind: None,
            schedule: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SortBy {
    Name,
    NextRun,
    LastRun,
}

fn sorted(mut tasks: Vec<ScheduledTask>, by: SortBy, descending: bool) -> Vec<ScheduledTask> {
    match by {
        SortBy::Name => tasks.sort_by(|a, b| {
            (&a.organization, a.name.to_lowercase()).cmp(&(&b.organization, b.name.to_lowercase()))
        }),
        // Nothing due sorts last.
        SortBy::NextRun => tasks.sort_by_key(|t| t.next_run_at.unwrap_or(i64::MAX)),
        SortBy::LastRun => tasks.sort_by_key(|t| std::cmp::Reverse(t.last_run_at.unwrap_or(0))),
    }
    if descending {
        tasks.reverse();
    }
    tasks
}

fn when(at: Option<i64>) -> String {
    at.map(format_instant).unwrap_or_else(|| "—".into())
}

/// What the person set on the table; it outlives the table's reloads after each change.
#[derive(Clone, Copy)]
pub struct TaskListState {
    filter: RwSignal<String>,
    sort: RwSignal<(SortBy, bool)>,
    page: RwSignal<usize>,
    /// The task whose schedule editor is open.
    editing: RwSignal<Option<i64>>,
    /// Bumped by each change that was made: the page's data reloads on it.
    pub changed: RwSignal<u32>,
    /// The task the last change was about, so that a refusal shows on its row.
    last_task: RwSignal<i64>,
}

impl TaskListState {
    pub fn new() -> TaskListState {
        TaskListState {
            filter: RwSignal::new(String::new()),
            sort: RwSignal::new((SortBy::NextRun, false)),
            page: RwSignal::new(1),
            editing: RwSignal::new(None),
            changed: RwSignal::new(0),
            last_task: RwSignal::new(0),
        }
    }

    /// Follows the results of the page's change action: a change that was made closes the
    /// editor and reloads; a refused one keeps the editor and what was typed, and its error is
    /// returned with the task it was about.
    pub fn follow(
        self,
        result: Signal<Option<Result<(), ServerFnError>>>,
    ) -> Signal<Option<(i64, ServerFnError)>> {
        Effect::new(move |_| {
            if let Some(Ok(())) = result.get() {
                self.editing.set(None);
                self.changed.update(|n| *n += 1);
            }
        });
        Signal::derive(move || {
            result
                .get()
                .and_then(Result::err)
                .map(|e| (self.last_task.get(), e))
        })
    }

    /// Notes the task a change is about, before it is sent.
    pub fn about(self, task_id: i64) {
        self.last_task.set(task_id);
    }
}

impl Default for TaskListState {
    fn default() -> Self {
        TaskListState::new()
    }
}

#[component]
pub fn TaskList(
    state: TaskListState,
    tasks: Vec<ScheduledTask>,
    can_manage: bool,
    /// A column naming each task's organization (the platform's page).
    show_org: bool,
    on_change: Callback<TaskChange>,
    /// The last change's error and the task it was about.
    #[prop(into)]
    error: Signal<Option<(i64, ServerFnError)>>,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    let TaskListState {
        filter,
        sort,
        page,
        editing,
        ..
    } = state;
    let total = tasks.len();
    let shown = Memo::new(move |_| {
        let needle = filter.get().to_lowercase();
        let (by, descending) = sort.get();
        let matching: Vec<ScheduledTask> = tasks
            .iter()
            .filter(|t| {
                needle.is_empty()
                    || t.name.to_lowercase().contains(&needle)
                    || t.plugin_id.contains(&needle)
                    || t.organization.as_ref().is_some_and(|(slug, name)| {
                        slug.contains(&needle) || name.to_lowercase().contains(&needle)
                    })
            })
            .cloned()
            .collect();
        sorted(matching, by, descending)
    });
    let pages = move || shown.read().len().div_ceil(PAGE_SIZE).max(1);
    let header = move |label: &'static str, by: SortBy| {
        view! {
            <th aria-sort=move || match sort.get() {
                (b, false) if b == by => "ascending",
                (b, true) if b == by => "descending",
                _ => "none",
            }>
                <button type="button" class="sort" data-sort=label on:click=move |_| {
                    sort.update(|(b, d)| if *b == by { *d = !*d } else { *b = by; *d = false });
                    page.set(1);
                }>{label}</button>
            </th>
        }
    };
    let row_error = move |id: i64| {
        Signal::derive(move || error.get().filter(|(task, _)| *task == id).map(|(_, e)| e))
    };
    view! {
        <div class="toolbar">
            <label>"Filter "
                <input type="search" placeholder="Task, plugin or organization" data-testid="task-filter"
                    prop:value=move || filter.get()
                    on:input=move |ev| { filter.set(event_target_value(&ev)); page.set(1); }/>
            </label>
            <span class="count" data-testid="task-count">{move || format!("{} of {total} tasks", shown.read().len())}</span>
        </div>
        <table class="table tasks" data-testid="tasks">
            <thead><tr>
                {header("Task", SortBy::Name)}
                {show_org.then(|| view! { <th>"Organization"</th> })}
                <th>"Schedule"</th>
                {header("Next run", SortBy::NextRun)}
                {header("Last run", SortBy::LastRun)}
                <th>"Result"</th>
                {can_manage.then(|| view! { <th></th> })}
            </tr></thead>
            <tbody>
                {move || {
                    let start = (page.get().min(pages()) - 1) * PAGE_SIZE;
                    shown.read().iter().skip(start).take(PAGE_SIZE).cloned().map(|t| {
                        let error = row_error(t.id);
                        task_row(t, can_manage, show_org, editing, on_change, error, pending)
                    }).collect_view()
                }}
            </tbody>
        </table>
        {move || (pages() > 1).then(|| view! {
            <Pager current=page.get().min(pages()) as i64 pages=pages() as i64
                on_page=move |p: i64| page.set(usize::try_from(p).unwrap_or(1))/>
        })}
    }
}

fn task_row(
    t: ScheduledTask,
    can_manage: bool,
    show_org: bool,
    editing: RwSignal<Option<i64>>,
    on_change: Callback<TaskChange>,
    error: Signal<Option<ServerFnError>>,
    pending: Signal<bool>,
) -> AnyView {
    let id = t.id;
    let state = if t.running {
        "running"
    } else if !t.is_active {
        "paused"
    } else {
        ""
    };
    let outcome = t.last_outcome.clone().unwrap_or_else(|| "never ran".into());
    let act = move |action: &'static str| move |_| on_change.run(TaskChange::simple(id, action));
    let kind = RwSignal::new(t.schedule_kind.clone());
    let value = RwSignal::new(t.schedule.clone());
    let builtin = t.builtin;
    let running = t.running;
    view! {
        <tr data-task=t.task_key.clone() data-task-id=id.to_string() class=state>
            <td>
                <strong>{t.name.clone()}</strong>
                {(!state.is_empty()).then(|| view! { <span class="tag" data-testid="task-state">{state}</span> })}
                <div class="hint">{t.plugin_id.clone()}{builtin.then_some(" · built in")}{t.overridden.then_some(" · schedule changed here")}</div>
            </td>
            {show_org.then(|| view! {
                <td>{t.organization.clone().map_or_else(|| "All (global)".to_string(), |(_, name)| name)}</td>
            })}
            <td data-testid="task-schedule">{t.schedule_text.clone()}</td>
            <td data-testid="task-next">{if t.is_active || t.next_run_at.is_some() { when(t.next_run_at) } else { "paused".into() }}</td>
            <td>{when(t.last_run_at)}</td>
            <td>
                <span class=format!("status status-{outcome}") data-testid="task-outcome">{outcome.clone()}</span>
                {t.last_error.clone().filter(|_| t.last_outcome.as_deref() != Some("success")).map(|e| view! { <div class="hint details">{e}</div> })}
            </td>
            {can_manage.then(|| view! {
                <td class="actions">
                    <button type="button" data-testid="task-run-now" disabled=move || pending.get() || running on:click=act("run_now")>"Run now"</button>
                    {if t.is_active {
                        view! { <button type="button" class="secondary" data-testid="task-pause" on:click=act("pause")>"Pause"</button> }.into_any()
                    } else {
                        view! { <button type="button" class="secondary" data-testid="task-resume" on:click=act("resume")>"Resume"</button> }.into_any()
                    }}
                    <button type="button" class="secondary" data-testid="task-edit" on:click=move |_| {
                        editing.update(|e| *e = if *e == Some(id) { None } else { Some(id) });
                    }>"Edit schedule"</button>
                    {(builtin && t.overridden).then(|| view! {
                        <button type="button" class="secondary" data-testid="task-reset" on:click=act("reset")>"Reset schedule"</button>
                    })}
                    {(!builtin).then(|| view! {
                        <button type="button" class="secondary" data-testid="task-delete" on:click=act("delete")>"Delete"</button>
                    })}
                    <FormError error=error fields=&["schedule", "schedule_kind"]/>
                </td>
            })}
        </tr>
        {move || (editing.get() == Some(id)).then(|| view! {
            <tr class="settings-row" data-testid="schedule-editor"><td colspan="7">
                <form class="form" on:submit=move |ev| {
                    ev.prevent_default();
                    on_change.run(TaskChange {
                        task_id: id,
                        action: "reschedule",
                        schedule_kind: Some(kind.get()),
                        schedule: Some(value.get()),
                    });
                }>
                    <div class="field"><label>"Runs"
                        <select name="schedule_kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                            <option value="interval">"every N seconds"</option>
                            <option value="cron">"on a cron expression (UTC)"</option>
                            {(!builtin).then(|| view! { <option value="once">"once, at a date and time (UTC)"</option> })}
                        </select></label>
                        <FieldError error=error field="schedule_kind"/>
                    </div>
                    <div class="field"><label>"Schedule"
                        <input type="text" name="schedule" data-testid="schedule-input"
                            aria-invalid=move || crate::errors::field_error(error.get().as_ref(), "schedule").is_some().to_string()
                            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/></label>
                        <span class="field-note">{move || schedule_hint(&kind.get())}</span>
                        <FieldError error=error field="schedule"/>
                    </div>
                    <div class="field"><button type="submit" data-testid="schedule-save" disabled=move || pending.get()>"Save schedule"</button></div>
                </form>
            </td></tr>
        }.into_any())}
    }.into_any()
}

/// What the schedule field expects for each kind.
pub fn schedule_hint(kind: &str) -> &'static str {
    match kind {
        "interval" => "Seconds between runs, at least 60 (3600 is hourly).",
        "cron" => "Five fields: minute hour day-of-month month day-of-week, in UTC (0 3 * * * is 03:00 daily).",
        _ => "A date and time in UTC, like 2026-12-01T18:30.",
    }
}

/// The latest runs, newest first.
#[component]
pub fn RunList(runs: Vec<TaskRun>) -> impl IntoView {
    if runs.is_empty() {
        return view! { <p class="empty" data-testid="no-runs">"No task has run yet."</p> }
            .into_any();
    }
    view! {
        <table class="table" data-testid="task-runs">
            <thead><tr>
                <th>"Started (UTC)"</th><th>"Task"</th><th>"Why"</th><th>"Attempt"</th>
                <th>"Outcome"</th><th>"Took"</th><th>"Error"</th>
            </tr></thead>
            <tbody>{runs.into_iter().map(|r| view! {
                <tr data-run=r.id.to_string()>
                    <td>{format_instant(r.started_at)}</td>
                    <td>{r.task_name}</td>
                    <td>{r.triggered_by}</td>
                    <td>{r.attempt}</td>
                    <td class=format!("status status-{}", r.outcome)>{r.outcome.clone()}</td>
                    <td>{r.ended_at.map(|end| format!("{:.1} s", (end - r.started_at) as f64 / 1000.0)).unwrap_or_else(|| "…".into())}</td>
                    <td class="details">{r.error.unwrap_or_default()}</td>
                </tr>
            }).collect_view()}</tbody>
        </table>
    }.into_any()
}
