import { expect, Page, test } from "./fixtures";
import * as fs from "fs";
import * as path from "path";
import { openHydrated } from "./helpers";

// Each plugin's pages are a wasm chunk of their own (see app/src/routes.rs): the first page
// costs the same however many plugins there are, and a plugin's code arrives when one of its
// pages is shown.

/** The wasm files the page fetched, by file name. */
function wasmRequests(page: Page): string[] {
  const names: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith(".wasm")) names.push(url.pathname.split("/").pop()!);
  });
  return names;
}

/** The chunk files of a plugin, from the split manifest the build wrote (module → files). */
function chunksOf(plugin: string): string[] {
  const pkg = path.resolve(__dirname, "..", "..", "target", "site", "pkg");
  const manifest = fs.readdirSync(pkg).find((f) => /^__wasm_split_manifest.*\.json$/.test(f));
  expect(manifest, "the split build writes a manifest").toBeTruthy();
  const modules = JSON.parse(fs.readFileSync(path.join(pkg, manifest!), "utf8"));
  // Files are listed without their extension; the plugin's own chunk is `split_<plugin>`, the
  // others hold code it shares with other chunks.
  return (modules[plugin] ?? []).map((f: string) => `${f.split("/").pop()!}.wasm`);
}

test("the home page loads no plugin chunk and none of the core's administration pages", async ({ page }) => {
  const fetched = wasmRequests(page);
  const errors = await openHydrated(page, "/");
  expect(chunksOf("tournament").some((c) => c.startsWith("split_tournament."))).toBe(true);
  // The home page is a chunk of its own, which shares some code with others: that code
  // arrives with it, the others' own code not.
  const home = chunksOf("home");
  expect(home.some((c) => c.startsWith("split_home."))).toBe(true);
  for (const chunk of home) expect(fetched).toContain(chunk);
  const modules = ["tournament", "async_qualifier", "presets", "racetime", "discord_bot", "links",
    "platform_admin", "org_front", "org_admin", "account", "invite"];
  for (const plugin of modules) {
    for (const chunk of chunksOf(plugin).filter((c) => !home.includes(c))) {
      expect(fetched, `${plugin}'s chunk ${chunk}`).not.toContain(chunk);
    }
  }
  expect(errors).toEqual([]);
});

test("a plugin page opened directly renders on the server, hydrates and works", async ({ page }) => {
  const fetched = wasmRequests(page);
  const errors = await openHydrated(page, "/org/alttpr/async_qualifier/calculator");
  for (const chunk of chunksOf("async_qualifier")) expect(fetched).toContain(chunk);
  await page.getByTestId("par-time").fill("1:00:00");
  await page.getByTestId("finish-time").fill("1:06:00");
  await expect(page.getByTestId("score")).toHaveText("90.00");
  expect(errors).toEqual([]);
});

test("navigating to a plugin page fetches its chunk then, and the page works", async ({ page }) => {
  const fetched = wasmRequests(page);
  const errors = await openHydrated(page, "/org/alttpr");
  const chunks = chunksOf("async_qualifier");
  // The organization's front page is a chunk of its own, which shares some code with the
  // plugin's: that code arrives with the front page, the plugin's own not before its page.
  const front = chunksOf("org_front");
  const own = chunks.filter((c) => !front.includes(c));
  expect(own.some((c) => c.startsWith("split_async_qualifier."))).toBe(true);
  for (const chunk of own) expect(fetched).not.toContain(chunk);
  await page.evaluate(() => ((window as any).__noReload = true));

  await page.getByTestId("org-nav").getByRole("link", { name: "Async Qualifier" }).click();
  await expect(page).toHaveURL(/\/org\/alttpr\/async_qualifier$/);
  await expect(page.getByTestId("qualifier-row").filter({ hasText: "Spring Qualifier" })).toBeVisible();
  await page.getByRole("link", { name: "Score calculator" }).click();
  await page.getByTestId("par-time").fill("1:00:00");
  await page.getByTestId("finish-time").fill("1:06:00");
  await expect(page.getByTestId("score")).toHaveText("90.00");
  for (const chunk of chunks) expect(fetched).toContain(chunk);
  expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  expect(errors).toEqual([]);
});

test("a chunk that fails to load shows a readable error, not a blank page", async ({ page }) => {
  const errors = await openHydrated(page, "/org/alttpr");
  const chunks = chunksOf("async_qualifier");
  await page.route(
    (url) => chunks.some((c) => url.pathname.endsWith(c)),
    (route) => route.abort("internetdisconnected"),
  );
  await page.getByTestId("org-nav").getByRole("link", { name: "Async Qualifier" }).click();
  await expect(page.getByTestId("chunk-error")).toContainText("This page could not be loaded");
  // The rest of the app still answers.
  await page.getByTestId("org-nav").getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/org\/alttpr$/);
  await expect(page.getByTestId("org-nav")).toBeVisible();
  // The split loader reports the failed fetches themselves; nothing else went wrong (no panic,
  // which would have stopped the app).
  expect(errors.filter((e) => e !== "Failed to fetch")).toEqual([]);
});

test("a page opened directly whose chunk fails to load shows a readable error, and the app still answers", async ({ page }) => {
  const chunks = chunksOf("async_qualifier");
  // Only the plugin's own chunk fails: the code it shares with the org's front page arrives.
  const own = chunks.filter((c) => c.startsWith("split_async_qualifier."));
  expect(own.length).toBe(1);
  await page.route(
    (url) => own.some((c) => url.pathname.endsWith(c)),
    (route) => route.abort("internetdisconnected"),
  );
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/org/alttpr/async_qualifier");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("chunk-error")).toContainText("This page could not be loaded");
  // The page is drawn in the browser instead, and its navigation works.
  await page.getByTestId("org-nav").getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/org\/alttpr$/);
  await expect(page.getByTestId("org-nav")).toBeVisible();
  // The split loader reports the failed fetch itself; nothing panicked.
  expect(errors.filter((e) => e !== "Failed to fetch")).toEqual([]);
});

test("a page opened directly names its chunks in its head, in every response", async ({ request }) => {
  const files = chunksOf("tournament");
  expect(files.length).toBeGreaterThan(0);
  for (let i = 0; i < 8; i++) {
    const html = await (await request.get("/org/alttpr/tournament")).text();
    const head = html.slice(0, html.indexOf("</head>"));
    for (const file of files) expect(head, `response ${i}`).toContain(`href="/pkg/${file}"`);
  }
  // A page without chunks names none.
  const login = await (await request.get("/login")).text();
  expect(login).not.toContain('href="/pkg/split_');
});
