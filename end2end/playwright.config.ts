import { defineConfig } from "@playwright/test";
import * as path from "path";

// The test script builds the site, picks a free port and says which build to test.
const port = Number(process.env.E2E_PORT ?? 3100);
const build = process.env.E2E_BUILD ?? "debug";
const root = path.resolve(__dirname, "..");
const dbFile = path.join(root, "target", "e2e", `${build}.db`);

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // A fresh database with demo data for each run.
    command: `rm -f ${dbFile}* && mkdir -p ${path.dirname(dbFile)} && target/${build}/sahabot serve --demo --addr 127.0.0.1:${port}`,
    cwd: root,
    env: {
      DATABASE_URL: `sqlite://${dbFile}?mode=rwc`,
      SAHABOT_LEPTOS_CONFIG: "Leptos.toml",
    },
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
