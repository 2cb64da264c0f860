import { expect, test } from "./fixtures";
import { expectRefused, openHydrated } from "./helpers";
import { signedIn, signedInWithDiscord } from "./session";

test("a user logs in with Discord, joins by invite, is made Tournament Manager and sees what that role allows", async ({ browser }) => {
  // The org admin creates a one-use invite link.
  const admin = await signedIn(browser, "Zelda Speedster", "/org/alttpr/admin");
  await expect(admin.getByTestId("members")).toBeVisible();
  const before = await admin.getByTestId("invite-link").count();
  await admin.getByTestId("invite-max-uses").fill("1");
  await admin.getByTestId("create-invite").click();
  await expect(admin.getByTestId("invite-link")).toHaveCount(before + 1);
  const link = await admin.getByTestId("invite-link").first().getAttribute("href");
  expect(link).toMatch(/^\/invite\/[A-Za-z0-9]{12}$/);

  // A newcomer signs in with Discord: no rights in alttpr; joins by the link, still none.
  const racer = await signedInWithDiscord(browser, "/");
  await expectRefused(racer, "/org/alttpr/admin");
  await openHydrated(racer, link!);
  await racer.getByTestId("join").click();
  await expect(racer.getByTestId("joined")).toBeVisible();
  await expectRefused(racer, "/org/alttpr/admin");

  // The spent invite refuses the next person with a clear message.
  const late = await signedIn(browser, "Kraid Cruncher", link!);
  await expect(late.getByTestId("invite-error")).toContainText("used up");

  // The admin makes the newcomer Tournament Manager.
  await openHydrated(admin, "/org/alttpr/admin");
  const box = admin.locator('tr[data-member="Fake Racer"] input[data-role="tournament_manager"]');
  await expect(box).not.toBeChecked();
  await box.check();
  await expect(admin.getByTestId("audit-log")).toContainText("role.granted");
  await admin.reload();
  await expect(admin.locator('tr[data-member="Fake Racer"] input[data-role="tournament_manager"]')).toBeChecked();

  // Now the newcomer sees the member list (read-only) and nothing a Tournament Manager may not use.
  await openHydrated(racer, "/org/alttpr/admin");
  await expect(racer.getByTestId("members")).toBeVisible();
  await expect(racer.locator('tr[data-member="Fake Racer"] input[data-role="admin"]')).toBeDisabled();
  await expect(racer.getByTestId("invites")).toHaveCount(0);
  await expect(racer.getByTestId("new-invite")).toHaveCount(0);
  await expect(racer.getByTestId("audit-log")).toHaveCount(0);

  // A member of the other organization still sees nothing of alttpr's.
  const outsider = await signedIn(browser, "Kraid Cruncher", "/");
  await expectRefused(outsider, "/org/alttpr/admin");
});

test("an org admin writes a custom role from the actions the core and plugins declare", async ({ browser }) => {
  const admin = await signedIn(browser, "Zelda Speedster", "/org/alttpr/admin");
  const editor = admin.getByTestId("role-editor");
  await expect(admin.getByTestId("known-actions")).toContainText("async_qualifier:review");
  await editor.getByTestId("role-name").fill("Greeter");
  await editor.getByTestId("statement-actions").fill("invte:*");
  await editor.getByTestId("save-role").click();
  await expect(admin.getByTestId("statements-error")).toContainText("matches no known action");
  await expect(admin.locator('tr[data-role-row="Greeter"]')).toHaveCount(0);

  await editor.getByTestId("statement-actions").fill("invite:*, member:read");
  await editor.getByTestId("save-role").click();
  await expect(admin.locator('tr[data-role-row="Greeter"]')).toContainText("invite:*, member:read");
  // The new role is a column of the member table at once.
  await expect(admin.locator('tr[data-member="Boots First"] input[data-role="Greeter"]')).toBeVisible();
});

test("org settings explain a wrong Discord server id next to the field, and send org admins to the bot invite", async ({ browser }) => {
  const admin = await signedIn(browser, "Kraid Cruncher", "/org/sm-league/admin");
  const form = admin.getByTestId("org-settings");
  await form.getByTestId("guild-id").fill("not-an-id");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form).toContainText("a Discord server id is 17 to 20 digits");
  // Typing an id would skip the check that one administers the server.
  await form.getByTestId("guild-id").fill("223456789012345678");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form).toContainText("link a server with “Link a Discord server”");
  // Reloaded, the form holds the organization's current server again.
  await openHydrated(admin, "/org/sm-league/admin");
  await form.getByLabel("Description").fill("Super Metroid races every week");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(admin.getByTestId("audit-log")).toContainText("org.updated");
  // The member list filters as one types.
  await admin.getByTestId("member-filter").fill("sam");
  await expect(admin.getByTestId("members").locator("tbody tr")).toHaveCount(1);
});
