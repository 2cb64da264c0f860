import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";
import { signedIn } from "./session";

test("a user creates an API token and sees its secret only once", async ({ browser }) => {
  const page = await signedIn(browser, "Mirror Shield", "/profile");
  await expect(page.getByTestId("linked-accounts")).toContainText("mshield");
  await page.getByTestId("token-name").fill("race bot");
  await page.getByTestId("create-token").click();
  const secret = (await page.getByTestId("token-secret").locator("code").textContent()) ?? "";
  expect(secret).toMatch(/^sbt_[A-Za-z0-9]{43}$/);
  await expect(page.getByTestId("tokens")).toContainText("race bot");

  // The API accepts it.
  const me = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).display_name).toBe("Mirror Shield");

  await openHydrated(page, "/profile");
  await expect(page.getByTestId("tokens")).toContainText("race bot");
  await expect(page.getByTestId("token-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
});

test("a superadmin acts as a user and stops", async ({ browser }) => {
  const root = await signedIn(browser, "Synack", "/admin/users");
  await root.locator('tr[data-user="Pendant Hunter"]').getByRole("button", { name: "Act as" }).click();
  await expect(root.getByTestId("signed-in-as")).toHaveText("Pendant Hunter");
  await expect(root.getByTestId("impersonating")).toContainText("Synack");
  await root.getByTestId("impersonating").getByRole("button", { name: "Stop" }).click();
  await expect(root).toHaveURL(/\/admin\/users$/);
  await expect(root.getByTestId("signed-in-as")).toHaveText("Synack");
  await expect(root.getByTestId("impersonating")).toHaveCount(0);
});

test("a superadmin creates an organization and opens its administration", async ({ browser }) => {
  const root = await signedIn(browser, "Synack", "/admin/organizations");
  const form = root.getByTestId("create-org");
  await form.locator('input[name="slug"]').fill("Bad Slug");
  await form.locator('input[name="name"]').fill("Zelda 1 Randomizer");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form).toContainText("lowercase letters, digits or dashes");
  await form.locator('input[name="slug"]').fill("z1r");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(root.getByTestId("org-created")).toBeVisible();
  await expect(root.getByTestId("all-orgs")).toContainText("Zelda 1 Randomizer");
  await root.getByTestId("org-created").getByRole("link").click();
  await expect(root.getByTestId("roles")).toContainText("Tournament Manager");
});

test("a superadmin archives an organization, which then answers 404, and restores it", async ({ browser }) => {
  const root = await signedIn(browser, "Synack", "/admin/organizations");
  const form = root.getByTestId("create-org");
  await form.locator('input[name="slug"]').fill("archive-me");
  await form.locator('input[name="name"]').fill("Short-lived League");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(root.getByTestId("org-created")).toBeVisible();
  const row = root.locator('tr[data-org="archive-me"]');
  await row.getByTestId("archive-org").click();
  await expect(row).toContainText("archived");
  expect((await root.request.get("/org/archive-me")).status()).toBe(404);

  // Deleting asks for the address again.
  await row.getByTestId("delete-confirmation").fill("archive");
  await row.getByTestId("delete-org").click();
  await expect(root.getByTestId("all-orgs").locator("..")).toContainText("type the organization's address");
  await row.getByTestId("restore-org").click();
  await expect(row).toContainText("active");
  expect((await root.request.get("/org/archive-me")).status()).toBe(200);
});
