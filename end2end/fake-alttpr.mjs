// A local stand-in for alttpr.com's generator for the browser tests, answering as the real
// server does: a JSON seed with `hash` and `patch` (no permalink, no icons), or 409 with a text
// body when the seed cannot be generated (here: when the settings ask for goal `fail`).
import http from "node:http";

const port = Number(process.env.FAKE_ALTTPR_PORT ?? 3102);
let rolled = 0;

http
  .createServer((req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    if (req.method === "GET" && url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"ok":true}');
    }
    if (req.method === "POST" && (url.pathname === "/api/randomizer" || url.pathname === "/api/customizer")) {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const settings = JSON.parse(body || "{}");
        if (settings.goal === "fail") {
          res.writeHead(409, { "content-type": "text/html; charset=UTF-8" });
          return res.end("Failed to generate seed");
        }
        rolled += 1;
        const hash = `e2eSeed${String(rolled).padStart(3, "0")}`;
        const icons = [rolled % 32, 31, 22, 12, 5];
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ logic: "NoGlitches", hash, patch: [{ "1573397": icons }], spoiler: { meta: { version: "e2e" } } }));
      });
      return;
    }
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<html>Not Found</html>");
  })
  .listen(port, "127.0.0.1");
