use leptos::prelude::*;
use sahabot_sdk::model::{ActionInfo, Effect, Role, Statement};

use crate::errors::{field_error, message};
use crate::server_fns::{DeleteRole, SaveRole};

/// The organization's roles and what each statement allows or denies; with `role:manage`, an
/// editor for custom roles that offers every action the core and the plugins declare.
#[component]
pub fn Roles(
    org: String,
    roles: Vec<Role>,
    actions: Vec<ActionInfo>,
    save: ServerAction<SaveRole>,
    delete: ServerAction<DeleteRole>,
    form: RoleForm,
    can_manage: bool,
) -> impl IntoView {
    let org_for_delete = org.clone();
    view! {
        <h3>"Roles"</h3>
        {move || delete.value().get().and_then(|r| r.err()).map(|e| view! { <p class="error">{message(&e)}</p> })}
        <table class="table" data-testid="roles">
            <thead><tr><th>"Role"</th><th>"Members"</th><th>"Statements"</th><th></th></tr></thead>
            <tbody>
                {roles.into_iter().map(|r| {
                    let custom = r.builtin.is_none();
                    let role_id = r.id;
                    let for_edit = r.clone();
                    let org = org_for_delete.clone();
                    let row_name = r.name.clone();
                    view! {
                        <tr data-role-row=row_name>
                            <td>
                                <strong>{r.name}</strong>
                                {(!custom).then(|| view! { <span class="tag">"built-in"</span> })}
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
                            <td class="actions">{(can_manage && custom).then(|| view! {
                                <button class="secondary" on:click=move |_| form.edit(for_edit.clone())>"Edit"</button>
                                <button class="secondary" on:click=move |_| { delete.dispatch(DeleteRole { org: org.clone(), role_id }); }>"Delete"</button>
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {can_manage.then(|| view! { <RoleEditor org=org.clone() actions save form/> })}
    }
    .into_any()
}

/// The editor's state. It lives with the page, not the editor: the page re-renders from fresh
/// data after every change, and a half-written role must survive that.
#[derive(Clone, Copy, Debug)]
pub struct RoleForm {
    pub editing: RwSignal<Option<Role>>,
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    pub drafts: RwSignal<Vec<Draft>>,
}

impl Default for RoleForm {
    fn default() -> RoleForm {
        RoleForm {
            editing: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            drafts: RwSignal::new(vec![Draft::blank()]),
        }
    }
}

impl RoleForm {
    fn edit(&self, role: Role) {
        self.name.set(role.name.clone());
        self.description.set(role.description.clone());
        self.drafts
            .set(role.statements.iter().map(Draft::from).collect());
        self.editing.set(Some(role));
    }

    pub fn clear(&self) {
        self.editing.set(None);
        self.name.set(String::new());
        self.description.set(String::new());
        self.drafts.set(vec![Draft::blank()]);
    }
}

/// One statement row of the editor, as text the person types.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    effect: Effect,
    actions: String,
    resources: String,
}

impl Draft {
    fn blank() -> Draft {
        Draft {
            effect: Effect::Allow,
            actions: String::new(),
            resources: "*".into(),
        }
    }

    fn from(statement: &Statement) -> Draft {
        Draft {
            effect: statement.effect,
            actions: statement.actions.join(", "),
            resources: statement.resources.join(", "),
        }
    }

    fn statement(&self) -> Statement {
        let split = |text: &str| {
            text.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect()
        };
        Statement {
            effect: self.effect,
            actions: split(&self.actions),
            resources: split(&self.resources),
        }
    }
}

#[component]
fn RoleEditor(
    org: String,
    actions: Vec<ActionInfo>,
    save: ServerAction<SaveRole>,
    form: RoleForm,
) -> impl IntoView {
    let RoleForm {
        editing,
        name,
        description,
        drafts,
    } = form;

    let error = move || save.value().get().and_then(|r| r.err());
    let rows = move || (0..drafts.with(Vec::len)).collect::<Vec<usize>>();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let statements: Vec<Statement> = drafts.get().iter().map(Draft::statement).collect();
        save.dispatch(SaveRole {
            org: org.clone(),
            role_id: editing.get().map(|r| r.id),
            name: name.get(),
            description: description.get(),
            statements: serde_json::to_string(&statements).unwrap_or_default(),
        });
    };
    view! {
        <form class="role-editor" on:submit=submit data-testid="role-editor">
            <h4>{move || match editing.get() { Some(r) => format!("Edit {}", r.name), None => "New custom role".into() }}</h4>
            <label>"Name " <input type="text" data-testid="role-name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/></label>
            {move || field_error(error().as_ref(), "name").map(|e| view! { <span class="field-error">{e}</span> })}
            <label>"Description " <input type="text" prop:value=description on:input=move |ev| description.set(event_target_value(&ev))/></label>
            <p class="field-note">"Actions and resources are comma-separated; " <code>"*"</code> " matches anything (" <code>"tournament:*"</code> ", " <code>"*:read"</code> "). DENY wins over ALLOW."</p>
            <For each=rows key=|i| *i let:i>
                <div class="statement-row">
                    <select aria-label="Effect" on:change=move |ev| {
                        let effect = if event_target_value(&ev) == "deny" { Effect::Deny } else { Effect::Allow };
                        drafts.update(|d| if let Some(row) = d.get_mut(i) { row.effect = effect; });
                    }>
                        <option value="allow" selected=move || drafts.with(|d| d.get(i).map(|r| r.effect) == Some(Effect::Allow))>"ALLOW"</option>
                        <option value="deny" selected=move || drafts.with(|d| d.get(i).map(|r| r.effect) == Some(Effect::Deny))>"DENY"</option>
                    </select>
                    <input type="text" list="known-actions" placeholder="actions, e.g. tournament:*" data-testid="statement-actions"
                        prop:value=move || drafts.with(|d| d.get(i).map(|r| r.actions.clone()).unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev); drafts.update(|d| if let Some(row) = d.get_mut(i) { row.actions = v; }); }/>
                    <input type="text" placeholder="resources" aria-label="Resources"
                        prop:value=move || drafts.with(|d| d.get(i).map(|r| r.resources.clone()).unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev); drafts.update(|d| if let Some(row) = d.get_mut(i) { row.resources = v; }); }/>
                    <button type="button" class="secondary" on:click=move |_| drafts.update(|d| { if d.len() > 1 && i < d.len() { d.remove(i); } })>"Remove"</button>
                </div>
            </For>
            <datalist id="known-actions">
                {actions.iter().map(|a| view! { <option value=a.action.clone()>{format!("{} ({})", a.description, a.source)}</option> }).collect_view()}
            </datalist>
            {move || field_error(error().as_ref(), "statements").map(|e| view! { <span class="field-error" data-testid="statements-error">{e}</span> })}
            {move || error().filter(|e| ["name", "statements"].iter().all(|f| field_error(Some(e), f).is_none()))
                .map(|e| view! { <p class="error">{message(&e)}</p> })}
            <div class="toolbar">
                <button type="button" class="secondary" on:click=move |_| drafts.update(|d| d.push(Draft::blank()))>"Add statement"</button>
                <button type="submit" data-testid="save-role">"Save role"</button>
                {move || editing.get().is_some().then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| form.clear()>"Cancel"</button>
                })}
            </div>
            <details>
                <summary>"Actions you can name"</summary>
                <table class="table" data-testid="known-actions">
                    <thead><tr><th>"Action"</th><th>"Allows"</th><th>"From"</th></tr></thead>
                    <tbody>{actions.into_iter().map(|a| view! {
                        <tr><td><code>{a.action}</code></td><td>{a.description}</td><td>{a.source}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            </details>
        </form>
    }
    .into_any()
}
