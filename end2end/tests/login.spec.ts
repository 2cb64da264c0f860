import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";

test("in demo mode a visitor signs in as a demo user and signs out again", async ({ page }) => {
  await openHydrated(page, "/org/alttpr");
  await page.getByTestId("account").getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login\?next=\/org\/alttpr$/);
  await page.getByRole("button", { name: "Sign in as Zelda Speedster" }).click();
  // Back where "Log in" was clicked, signed in.
  await expect(page).toHaveURL(/\/org\/alttpr$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Zelda Speedster");

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByTestId("account").getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("a visitor logs in with Discord and comes back where they were", async ({ page }) => {
  await openHydrated(page, "/org/sm-league");
  await page.getByTestId("account").getByRole("link", { name: "Log in" }).click();
  await page.getByTestId("discord-login").click();
  // Discord (a local fake here) sends the browser back; the server exchanges the code.
  await expect(page).toHaveURL(/\/org\/sm-league$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText("Fake Racer");
});
