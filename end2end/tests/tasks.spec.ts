import { expect, Page, test } from "./fixtures";
import { expectRefused } from "./helpers";
import { signedIn } from "./session";

const RESYNC = "Re-sync the Discord server's commands";

function taskRow(page: Page, name: string) {
  return page.getByTestId("tasks").locator("tbody tr", { hasText: name }).first();
}

test("an org admin reschedules, pauses and runs a task, and creates one of its own", async ({ browser }) => {
  const page = await signedIn(browser, "Zelda Speedster", "/org/alttpr");
  await page.getByTestId("org-tasks-link").click();
  await expect(page).toHaveURL(/\/org\/alttpr\/admin\/scheduled-tasks$/);
  const row = taskRow(page, RESYNC);
  await expect(row.getByTestId("task-schedule")).toContainText("UTC");

  // A bad cron expression is refused with the reason next to the field; nothing changes.
  await row.getByTestId("task-edit").click();
  const editor = page.getByTestId("schedule-editor");
  await editor.locator("select").selectOption("cron");
  await editor.getByTestId("schedule-input").fill("61 * * * *");
  await editor.getByTestId("schedule-save").click();
  await expect(editor.locator('.field-error[data-field="schedule"]')).toContainText("not a cron expression");
  await expect(row).not.toContainText("schedule changed here");

  // A good one is kept, and can be reset to the plugin's.
  await editor.getByTestId("schedule-input").fill("*/30 * * * *");
  await editor.getByTestId("schedule-save").click();
  await expect(row).toContainText("schedule changed here");
  await expect(row.getByTestId("task-schedule")).toContainText("30");
  await row.getByTestId("task-reset").click();
  await expect(row).not.toContainText("schedule changed here");

  // Paused, then resumed.
  await row.getByTestId("task-pause").click();
  await expect(row.getByTestId("task-state")).toHaveText("paused");
  await row.getByTestId("task-resume").click();
  await expect(row.getByTestId("task-state")).toHaveCount(0);

  // Run now: the scheduler runs it within a moment, and the page shows the result.
  await row.getByTestId("task-run-now").click();
  await expect(async () => {
    await page.reload();
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await expect(taskRow(page, RESYNC).getByTestId("task-outcome")).toHaveText("success", { timeout: 1000 });
  }).toPass({ timeout: 15000 });
  await expect(page.getByTestId("task-runs")).toContainText("manual");

  // A task of its own: a too-short interval is refused next to the field, then it is created.
  const form = page.getByTestId("create-task");
  await form.getByTestId("create-task-kind").selectOption("discord_bot:resync_commands");
  await form.getByTestId("create-task-name").fill("Extra re-sync");
  await form.getByTestId("create-task-schedule-kind").selectOption("interval");
  await form.getByTestId("create-task-schedule").fill("30");
  await form.getByTestId("create-task-submit").click();
  await expect(form.locator('.field-error[data-field="schedule"]')).toContainText("between 60 seconds");
  await form.getByTestId("create-task-schedule").fill("3600");
  await form.getByTestId("create-task-submit").click();
  const own = taskRow(page, "Extra re-sync");
  await expect(own.getByTestId("task-schedule")).toHaveText("every hour");
  await own.getByTestId("task-delete").click();
  await expect(page.getByTestId("tasks")).not.toContainText("Extra re-sync");
});

test("the platform's tasks page lists every organization's tasks and the global ones", async ({ browser }) => {
  const page = await signedIn(browser, "Synack", "/");
  await page.getByRole("link", { name: "Tasks", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/tasks$/);
  const global = taskRow(page, "Retry failed Discord command syncs");
  await expect(global).toContainText("All (global)");
  await page.getByTestId("task-filter").fill("sm-league");
  await expect(page.getByTestId("tasks").locator("tbody tr").first()).toContainText("Super Metroid");
  await expect(page.getByTestId("tasks")).not.toContainText("All (global)");

  // A plain member is refused an organization's tasks, and not shown the link.
  const member = await signedIn(browser, "Boots First", "/org/alttpr");
  await expect(member.getByTestId("org-tasks-link")).toHaveCount(0);
  await expectRefused(member, "/org/alttpr/admin/scheduled-tasks");
  await expect(member.getByTestId("tasks")).toHaveCount(0);
});
