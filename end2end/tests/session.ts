import { Browser, expect, Page } from "@playwright/test";
import { openHydrated } from "./helpers";

/** A fresh browser session signed in as a demo user, left hydrated on `next`. */
export async function signedIn(browser: Browser, name: string, next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (e) => console.log(`PAGEERROR ${page.url()}: ${e.message}`));
  // A panic during hydration shows only in the console.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) console.log(`CONSOLE ${m.text()}`);
  });
  await openHydrated(page, `/login?next=${next}`);
  await page.getByRole("button", { name: `Sign in as ${name}` }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(name);
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  return page;
}

/** A fresh browser session signed in through (the local fake of) Discord as "Fake Racer". */
export async function signedInWithDiscord(browser: Browser, next: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on("pageerror", (e) => console.log(`PAGEERROR ${page.url()}: ${e.message}`));
  await openHydrated(page, `/login?next=${next}`);
  await page.getByTestId("discord-login").click();
  await expect(page.getByTestId("signed-in-as")).toHaveText("Fake Racer");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  return page;
}
