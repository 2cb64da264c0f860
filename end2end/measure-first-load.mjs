// First load of a page in Chromium over a throttled link (DevTools network emulation):
// the bytes that crossed the wire by kind (HTML, JS, wasm, CSS, other) and the time until the
// page is hydrated (its buttons work). Not a test: scripts/measure.sh prints it.
//
//   node end2end/measure-first-load.mjs URL [--kbps 1600] [--latency 150]
import { chromium } from "@playwright/test";

const args = process.argv.slice(2);
const url = args[0];
const opt = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const kbps = opt("--kbps", 1600);
const latency = opt("--latency", 150);
if (!url) {
  console.error("usage: node end2end/measure-first-load.mjs URL [--kbps N] [--latency MS]");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await (await browser.newContext()).newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Network.enable");
await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
await cdp.send("Network.emulateNetworkConditions", {
  offline: false,
  latency,
  downloadThroughput: (kbps * 1000) / 8,
  uploadThroughput: (kbps * 1000) / 8,
});

const kinds = {};
const urls = new Map();
cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
cdp.on("Network.loadingFinished", (e) => {
  const path = new URL(urls.get(e.requestId) ?? "http://x/").pathname;
  const kind = path.endsWith(".wasm") ? "wasm" : path.endsWith(".js") ? "js"
    : path.endsWith(".css") ? "css" : path.startsWith("/pkg/") || path.includes(".") ? "other" : "html";
  kinds[kind] ??= { bytes: 0, files: 0 };
  kinds[kind].bytes += e.encodedDataLength;
  kinds[kind].files += 1;
});

const start = Date.now();
await page.goto(url, { waitUntil: "commit" });
await page.waitForSelector("body[data-hydrated=true]", { timeout: 120_000 });
const hydrated = Date.now() - start;
await page.waitForLoadState("networkidle");
await browser.close();

const total = Object.values(kinds).reduce((n, k) => n + k.bytes, 0);
console.log(`    first load of ${url} at ${kbps} kbit/s, ${latency} ms latency:`);
for (const [kind, k] of Object.entries(kinds).sort()) {
  console.log(`      ${kind.padEnd(6)} ${(k.bytes / 1024).toFixed(1).padStart(9)} KiB in ${k.files} file(s)`);
}
console.log(`      total  ${(total / 1024).toFixed(1).padStart(9)} KiB on the wire`);
console.log(`    hydrated (buttons work) after ${(hydrated / 1000).toFixed(2)} s`);
