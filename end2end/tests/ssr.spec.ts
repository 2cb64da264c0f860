import { expect, test } from "./fixtures";

test.describe("server-side rendering", () => {
  test.use({ javaScriptEnabled: false });

  test("the home page lists the organizations without JavaScript", async ({ page }) => {
    await page.goto("/");
    const list = page.getByTestId("org-list");
    await expect(list.getByText("ALTTPR Community")).toBeVisible();
    await expect(list.getByText("Super Metroid League")).toBeVisible();
  });

  test("an org page lists its members and its plugin pages without JavaScript", async ({ page }) => {
    await page.goto("/org/alttpr");
    await expect(page.getByTestId("member-table").getByText("Zelda Speedster")).toBeVisible();
    const nav = page.getByTestId("org-nav");
    await expect(nav.getByRole("link", { name: "Tournament" })).toHaveAttribute("href", "/org/alttpr/tournament");
    await expect(nav.getByRole("link", { name: "Async Qualifier" })).toHaveAttribute("href", "/org/alttpr/async_qualifier");
  });

  test("the page's stylesheet is the one the build made", async ({ page, request }) => {
    await page.goto("/org/alttpr");
    const href = await page.locator("link#leptos").getAttribute("href");
    expect(href).toMatch(/^\/pkg\/sahabot(\.[^/]+)?\.css$/);
    const css = await request.get(href!);
    expect(css.status()).toBe(200);
    expect(css.headers()["content-type"]).toContain("text/css");
    expect((await css.text()).length).toBeGreaterThan(1000);
  });

  test("unknown pages answer 404", async ({ request }) => {
    expect((await request.get("/org/no-such-org")).status()).toBe(404);
    expect((await request.get("/org/alttpr/no-such-plugin")).status()).toBe(404);
    expect((await request.get("/nowhere")).status()).toBe(404);
  });
});
