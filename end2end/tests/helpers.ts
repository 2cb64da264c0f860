import { expect, Page } from "@playwright/test";

/** Opens a page its rule refuses the signed-in user: 403, and none of the page. */
export async function expectRefused(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You may not open this page" })).toBeVisible();
}

/** Opens a page and waits until the browser bundle has hydrated it. */
export async function openHydrated(page: Page, url: string) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  return errors;
}
