import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";

test("the browser's plugin registry holds every plugin the server rendered", async ({ page }) => {
  const errors = await openHydrated(page, "/org/alttpr");
  const body = page.locator("body");
  const server = (await body.getAttribute("data-server-plugins")) ?? "";
  const client = (await body.getAttribute("data-client-plugins")) ?? "";
  expect(server.split(",").length).toBeGreaterThanOrEqual(2);
  expect(client.split(",")).toEqual(server.split(","));
  expect(errors).toEqual([]);
});

test("the tournament roster filters and sorts in place once hydrated", async ({ page }) => {
  await openHydrated(page, "/org/alttpr");
  await page.getByTestId("org-nav").getByRole("link", { name: "Tournament" }).click();
  await expect(page).toHaveURL(/\/org\/alttpr\/tournament$/);
  const rows = page.getByTestId("roster-row");
  // Other tests may add members meanwhile: read the total the page states, then hold it to it.
  await expect(page.getByTestId("roster-count")).toHaveText(/^Showing (\d+) of \1$/);
  const total = Number((await page.getByTestId("roster-count").textContent())!.split(" of ")[1]);
  expect(total).toBeGreaterThanOrEqual(5);
  await expect(rows).toHaveCount(total);

  await page.getByTestId("roster-filter").fill("zel");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Zelda Speedster");
  await expect(page.getByTestId("roster-count")).toHaveText(`Showing 1 of ${total}`);

  await page.getByTestId("roster-filter").fill("");
  const firstBefore = await rows.first().textContent();
  await page.getByTestId("roster-sort").click();
  await expect(page.getByTestId("roster-sort")).toHaveText("Name Z→A");
  await expect(rows.first()).not.toHaveText(firstBefore ?? "");
});

test("the async score calculator answers as the player types", async ({ page }) => {
  await openHydrated(page, "/org/alttpr/async_qualifier/calculator");
  const marker = await page.evaluate(() => ((window as any).__noReload = true));
  expect(marker).toBe(true);
  await page.getByTestId("par-time").fill("1:00:00");
  await page.getByTestId("finish-time").fill("1:06:00");
  await expect(page.getByTestId("score")).toHaveText("90.00");
  await page.getByTestId("finish-time").fill("1:75:00");
  await expect(page.getByTestId("score")).toHaveText("—");
  await expect(page.getByText("minutes and seconds must be below 60")).toBeVisible();
  // The page changed without a reload.
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
});
