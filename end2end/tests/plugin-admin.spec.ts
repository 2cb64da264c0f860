import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";
import { signedIn } from "./session";

test("a global admin installs a private plugin and grants it; the org admin turns it on and uses it", async ({ browser, request }) => {
  const root = await signedIn(browser, "Synack", "/admin/plugins");
  const links = root.locator('[data-testid="platform-plugin"][data-plugin="links"]');
  await expect(links.getByTestId("platform-plugin-state")).toHaveText("not installed");
  await links.getByTestId("plugin-install").click();
  await expect(links.getByTestId("platform-plugin-state")).toHaveText("installed");

  // Installed but private: the organization does not see it yet.
  const admin = await signedIn(browser, "Zelda Speedster", "/org/alttpr/admin/plugins");
  await expect(admin.locator('[data-testid="org-plugin"][data-plugin="tournament"]')).toBeVisible();
  await expect(admin.locator('[data-testid="org-plugin"][data-plugin="links"]')).toHaveCount(0);

  await root.getByTestId("access-org").fill("no-such-org");
  await expect(root.getByTestId("access-org")).toHaveValue("no-such-org");
  await root.getByTestId("access-grant").click();
  await expect(root.getByText("there is no organization `no-such-org`")).toBeVisible();
  await root.getByTestId("access-org").fill("alttpr");
  await expect(root.getByTestId("access-org")).toHaveValue("alttpr");
  await root.getByTestId("access-grant").click();
  await expect(root.getByText("Saved.")).toBeVisible();

  await openHydrated(admin, "/org/alttpr/admin/plugins");
  const row = admin.locator('[data-testid="org-plugin"][data-plugin="links"]');
  await expect(row.getByTestId("plugin-state")).toHaveText("Off");
  await row.getByTestId("plugin-switch").click();
  await expect(row.getByTestId("plugin-state")).toHaveText("On");

  await openHydrated(admin, "/org/alttpr/admin/links");
  await admin.getByTestId("link-label").fill("Race rules");
  await admin.getByTestId("link-url").fill("http://example.org/rules");
  await admin.getByTestId("link-add").click();
  await expect(admin.locator('.field-error[data-field="url"]')).toContainText("must be an https:// address");
  await admin.getByTestId("link-url").fill("https://example.org/rules");
  await admin.getByTestId("link-add").click();
  await expect(admin.getByTestId("edit-link-row")).toHaveCount(1);

  await openHydrated(admin, "/org/alttpr");
  await admin.getByTestId("org-nav").getByRole("link", { name: "Links", exact: true }).click();
  await expect(admin.getByTestId("community-link")).toHaveText("Race rules");
  // Only the organization it was granted to has it.
  expect((await request.get("/org/sm-league/links")).status()).toBe(404);
});
