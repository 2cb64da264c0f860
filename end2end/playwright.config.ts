import { defineConfig } from "@playwright/test";
import * as path from "path";

// The test script builds the site, picks a free port and says which build to test.
const port = Number(process.env.E2E_PORT ?? 3100);
const discordPort = Number(process.env.E2E_DISCORD_PORT ?? port + 1);
const fakeDiscord = `http://127.0.0.1:${discordPort}`;
const alttprPort = Number(process.env.E2E_ALTTPR_PORT ?? port + 2);
const fakeAlttpr = `http://127.0.0.1:${alttprPort}`;
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
  webServer: [
  {
    // Discord's OAuth2 and /users/@me, faked locally (no test touches the internet).
    command: `node fake-discord.mjs`,
    env: { FAKE_DISCORD_PORT: String(discordPort) },
    url: `${fakeDiscord}/healthz`,
    reuseExistingServer: false,
    timeout: 10_000,
  },
  {
    // alttpr.com's generator, faked locally.
    command: `node fake-alttpr.mjs`,
    env: { FAKE_ALTTPR_PORT: String(alttprPort) },
    url: `${fakeAlttpr}/healthz`,
    reuseExistingServer: false,
    timeout: 10_000,
  },
  {
    // A fresh database with demo data for each run; Discord login and ALTTPR's generator
    // point at the fakes (the generator's address is the installation's setting; user 1 is
    // the demo's SUPERADMIN).
    command:
      `rm -f ${dbFile}* && mkdir -p ${path.dirname(dbFile)} && target/${build}/sahabot demo` +
      ` && target/${build}/sahabot plugins config alttpr --as 1 --set base_url=${fakeAlttpr}` +
      ` && target/${build}/sahabot serve --demo --addr 127.0.0.1:${port}`,
    cwd: root,
    env: {
      DATABASE_URL: `sqlite://${dbFile}?mode=rwc`,
      SAHABOT_LEPTOS_CONFIG: "Leptos.toml",
      DISCORD_CLIENT_ID: "e2e-client",
      DISCORD_CLIENT_SECRET: "e2e-secret",
      DISCORD_OAUTH_AUTHORIZE_URL: `${fakeDiscord}/oauth2/authorize`,
      DISCORD_OAUTH_TOKEN_URL: `${fakeDiscord}/api/oauth2/token`,
      DISCORD_API_BASE: `${fakeDiscord}/api`,
      // The bot registers commands at the fake too; no gateway (it cannot be faked).
      DISCORD_BOT_TOKEN: "e2e-bot-token",
      DISCORD_APPLICATION_ID: "4242",
      DISCORD_API_URL: fakeDiscord,
      SAHABOT_DISCORD_GATEWAY: "false",
    },
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
  ],
});
