// A local stand-in for Discord for the browser tests: OAuth2 authorize and token endpoints,
// /users/@me and /users/@me/guilds, and the bot's command registration. Authorizing always
// signs in as one fake account, "Fake Racer" (id 424242), who administers the server
// 800000000000000001; adding the bot (scope `bot`) always picks that server.
import http from "node:http";

const port = Number(process.env.FAKE_DISCORD_PORT ?? 3101);
const clientId = "e2e-client";
const clientSecret = "e2e-secret";
const user = { id: "424242", username: "fakeracer", global_name: "Fake Racer", avatar: null, discriminator: "0" };
const guild = { id: "800000000000000001", name: "E2E Racing", icon: null, owner: false, permissions: "8", features: [] };

function json(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    if (req.method === "GET" && url.pathname === "/healthz") return json(res, 200, { ok: true });
    if (req.method === "GET" && url.pathname === "/oauth2/authorize") {
      const scope = url.searchParams.get("scope");
      const addsBot = scope === "bot applications.commands guilds";
      if (url.searchParams.get("client_id") !== clientId || !(scope === "identify" || addsBot)) {
        return json(res, 400, { error: "invalid_request" });
      }
      const back = new URL(url.searchParams.get("redirect_uri"));
      back.searchParams.set("code", `code-${user.id}`);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      if (addsBot) {
        back.searchParams.set("guild_id", guild.id);
        back.searchParams.set("permissions", url.searchParams.get("permissions") ?? "0");
      }
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (req.method === "POST" && url.pathname === "/api/oauth2/token") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const form = new URLSearchParams(body);
        const basic = "Basic " + Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
        if (req.headers.authorization !== basic || form.get("code") !== `code-${user.id}`) {
          return json(res, 400, { error: "invalid_grant" });
        }
        json(res, 200, { access_token: "tok-e2e", token_type: "Bearer", expires_in: 604800, refresh_token: "r", scope: "identify" });
      });
      return;
    }
    if (req.method === "GET" && url.pathname === "/api/users/@me") {
      if (req.headers.authorization !== "Bearer tok-e2e") return json(res, 401, { message: "401: Unauthorized" });
      return json(res, 200, user);
    }
    if (req.method === "GET" && url.pathname === "/api/users/@me/guilds") {
      if (req.headers.authorization !== "Bearer tok-e2e") return json(res, 401, { message: "401: Unauthorized" });
      return json(res, 200, [guild]);
    }
    // The bot (serenity, pointed here): a guild's commands are overwritten in bulk.
    const commands = url.pathname.match(/^\/api\/v10\/applications\/(\d+)\/guilds\/(\d+)\/commands$/);
    if (req.method === "PUT" && commands) {
      if (req.headers.authorization !== "Bot e2e-bot-token") return json(res, 401, { message: "401: Unauthorized", code: 0 });
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const list = JSON.parse(body);
        json(res, 200, list.map((c, i) => ({ ...c, id: String(900000000000000000n + BigInt(i)), application_id: commands[1], guild_id: commands[2], version: "1", type: c.type ?? 1 })));
      });
      return;
    }
    json(res, 404, { message: "404: Not Found" });
  })
  .listen(port, "127.0.0.1");
