import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";
import { signedIn } from "./session";

test("an org admin turns a plugin off and on: its page and nav entry go and come back for that org only", async ({ browser, page, request }) => {
  const admin = await signedIn(browser, "Kraid Cruncher", "/org/sm-league/admin/plugins");
  const row = admin.locator('[data-testid="org-plugin"][data-plugin="tournament"]');
  await expect(row.getByTestId("plugin-state")).toHaveText("On");
  await row.getByTestId("plugin-switch").click();
  await expect(row.getByTestId("plugin-state")).toHaveText("Off");

  const nav = admin.getByTestId("org-nav");
  await openHydrated(admin, "/org/sm-league");
  await expect(nav.getByRole("link", { name: "Tournament" })).toHaveCount(0);
  expect((await request.get("/org/sm-league/tournament")).status()).toBe(404);

  // The other organization still has it.
  await openHydrated(page, "/org/alttpr");
  await expect(page.getByTestId("org-nav").getByRole("link", { name: "Tournament" })).toBeVisible();
  expect((await request.get("/org/alttpr/tournament")).status()).toBe(200);

  await openHydrated(admin, "/org/sm-league/admin/plugins");
  await row.getByTestId("plugin-switch").click();
  await expect(row.getByTestId("plugin-state")).toHaveText("On");
  await openHydrated(admin, "/org/sm-league");
  await expect(nav.getByRole("link", { name: "Tournament" })).toBeVisible();
  await nav.getByRole("link", { name: "Tournament" }).click();
  await expect(admin.getByTestId("tournament-roster")).toBeVisible();
});

test("a plugin that others need says so and its switch stays put", async ({ browser }) => {
  const admin = await signedIn(browser, "Zelda Speedster", "/org/alttpr/admin/plugins");
  const racetime = admin.locator('[data-testid="org-plugin"][data-plugin="racetime"]');
  await expect(racetime.getByTestId("plugin-explanation")).toHaveText("Needed by Async Qualifier");
  await expect(racetime.getByTestId("plugin-switch")).toBeDisabled();
});

test("organization settings are checked field by field and then used by the plugin", async ({ browser }) => {
  const admin = await signedIn(browser, "Kraid Cruncher", "/org/sm-league/admin/plugins");
  const row = admin.locator('[data-testid="org-plugin"][data-plugin="racetime"]');
  await row.getByTestId("plugin-settings").click();
  await admin.getByTestId("config-open_minutes_before").fill("500");
  await admin.getByTestId("config-category").fill("smr");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.locator('.field-error[data-field="open_minutes_before"]')).toHaveText("must be at most 120");

  await admin.getByTestId("config-open_minutes_before").fill("45");
  await admin.getByTestId("config-auto_open_rooms").selectOption("true");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByRole("button", { name: "Save settings" })).toHaveCount(0);

  await openHydrated(admin, "/org/sm-league/racetime");
  await expect(admin.getByTestId("racetime-category")).toHaveText("smr");
  await expect(admin.getByTestId("racetime-opening")).toHaveText("automatically, 45 minutes before each match");
});

test("a secret setting is saved but never shown back, kept when left empty, and removed on request", async ({ browser }) => {
  const key = `ootr-e2e-${Date.now()}`;
  const admin = await signedIn(browser, "Zelda Speedster", "/org/alttpr/admin/plugins");
  const row = admin.locator('[data-testid="org-plugin"][data-plugin="ootr"]');
  const save = admin.getByRole("button", { name: "Save settings" });
  await row.getByTestId("plugin-settings").click();
  const field = admin.getByTestId("config-api_key");
  await expect(field).toHaveAttribute("type", "password");
  await expect(field).toHaveAttribute("placeholder", "Not set");
  await field.fill(key);
  await save.click();
  await expect(save).toHaveCount(0);

  // Reopened: the key is not in the page, the field says it is set; saving it empty keeps it.
  await openHydrated(admin, "/org/alttpr/admin/plugins");
  expect(await admin.content()).not.toContain(key);
  await row.getByTestId("plugin-settings").click();
  await expect(field).toHaveValue("");
  await expect(field).toHaveAttribute("placeholder", "Set: type a new one to replace it");
  await save.click();
  await expect(save).toHaveCount(0);
  await openHydrated(admin, "/org/alttpr/admin/plugins");
  await row.getByTestId("plugin-settings").click();
  await expect(field).toHaveAttribute("placeholder", "Set: type a new one to replace it");

  await admin.getByTestId("config-api_key-remove").check();
  await save.click();
  await expect(save).toHaveCount(0);
  await openHydrated(admin, "/org/alttpr/admin/plugins");
  await row.getByTestId("plugin-settings").click();
  await expect(field).toHaveAttribute("placeholder", "Not set");
});
