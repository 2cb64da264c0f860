import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";
import { signedIn } from "./session";

test("an org admin links a Discord server through the bot invite; its commands follow the enabled plugins", async ({ browser }) => {
  const admin = await signedIn(browser, "Kraid Cruncher", "/org/sm-league/admin/discord_bot");
  await expect(admin.getByTestId("discord-guild")).toContainText("No Discord server is linked");
  // Not registered anywhere yet.
  await expect(admin.locator('tr[data-command="sahabot"]')).toContainText("not yet");

  // Discord (a local fake) asks which server to add the bot to, then sends the browser back.
  await admin.getByTestId("link-guild").click();
  await expect(admin.getByTestId("link-done")).toContainText("800000000000000001");
  await expect(admin.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(admin.getByTestId("discord-guild")).toContainText("linked by Kraid Cruncher");
  await expect(admin.locator('tr[data-command="sahabot"]')).toContainText("yes");
  await expect(admin.locator('tr[data-command="score"]')).toHaveCount(0);
  await expect(admin.getByTestId("last-sync")).toBeVisible();
  await expect(admin.getByTestId("out-of-date")).toHaveCount(0);

  // Turning the Async Qualifier on puts /score in the server.
  await openHydrated(admin, "/org/sm-league/admin/plugins");
  const row = admin.locator('[data-testid="org-plugin"][data-plugin="async_qualifier"]');
  await row.getByTestId("plugin-switch").click();
  await expect(row.getByTestId("plugin-state")).toHaveText("On");
  await openHydrated(admin, "/org/sm-league/admin/discord_bot");
  await expect(admin.locator('tr[data-command="score"]')).toContainText("yes");
  await expect(admin.getByTestId("out-of-date")).toHaveCount(0);

  // The platform sees the server and its commands, and can re-sync it.
  const superadmin = await signedIn(browser, "Synack", "/admin/plugin/discord_bot");
  const guild = superadmin.locator('tr[data-guild="800000000000000001"]');
  await expect(guild).toContainText("Super Metroid League");
  await expect(guild).toContainText("/score");
  await expect(superadmin.getByTestId("bot-state")).toContainText("No gateway connection");
  await guild.getByRole("button", { name: "Re-sync" }).click();
  await expect(guild).toContainText("/sahabot");
  await expect(superadmin.getByTestId("resync-error")).toHaveCount(0);

  // Unlinking removes the server.
  await openHydrated(admin, "/org/sm-league/admin/discord_bot");
  await admin.getByTestId("unlink-guild").click();
  await expect(admin.getByTestId("discord-guild")).toContainText("No Discord server is linked");
});
