import { expect, Page } from "@playwright/test";

/** Opens a page and waits until the browser bundle has hydrated it. */
export async function openHydrated(page: Page, url: string) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  return errors;
}
