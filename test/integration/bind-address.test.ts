/** HTTP listeners bind this machine only unless the operator opens them, and say where they really listen. */
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../src/adapters/slack/index.js";
import { platformDeps } from "../../src/app.js";
import { loadConfig } from "../../src/config/index.js";
import { createLogger } from "../../src/log.js";
import { BotMetrics } from "../../src/observe/metrics.js";
import { PlatformStates } from "../../src/observe/platforms.js";
import { startObserveServer } from "../../src/observe/server.js";
import { FakeSlack } from "../fakes/slack/index.js";
import { tempDataDir, testApp } from "../helpers/env.js";

/** An address of this machine that is not loopback, to knock on from outside 127.0.0.1. */
const OUTSIDE = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === "IPv4" && !i.internal)?.address;

/** The bot's own health and metrics server on `host`, any free port. */
function observe(host: string) {
  const platforms = new PlatformStates();
  const metrics = new BotMetrics({ outbox: () => [], papers: () => 0, subscriptions: () => 0, sources: () => [] }, platforms);
  return startObserveServer({ host, port: 0, metrics, checks: { database: () => null, platforms } });
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("the bind address setting", () => {
  it("GIVEN no setting THEN it is 127.0.0.1; PAPERBOT_HTTP_HOST or httpHost opens it; a URL is refused", () => {
    const dir = tempDataDir();
    expect(loadConfig({ PAPERBOT_DATA_DIR: dir }, dir).httpHost).toBe("127.0.0.1");
    expect(loadConfig({ PAPERBOT_DATA_DIR: dir, PAPERBOT_HTTP_HOST: "0.0.0.0" }, dir).httpHost).toBe("0.0.0.0");
    expect(loadConfig({ PAPERBOT_DATA_DIR: dir, PAPERBOT_HTTP_HOST: " " }, dir).httpHost).toBe("127.0.0.1");
    expect(() => loadConfig({ PAPERBOT_DATA_DIR: dir, PAPERBOT_HTTP_HOST: "http://0.0.0.0:80" }, dir)).toThrow(/PAPERBOT_HTTP_HOST: a host name or an IP address/);
  });
});

describe.skipIf(OUTSIDE === undefined)(`listeners seen from ${OUTSIDE ?? "another address"}`, () => {
  it("GIVEN the default THEN the health port answers on 127.0.0.1 only and reports that address; 0.0.0.0 opens it", async () => {
    const dir = tempDataDir();
    const local = await observe(loadConfig({ PAPERBOT_DATA_DIR: dir }, dir).httpHost);
    expect(local.url).toBe(`http://127.0.0.1:${local.port}`);
    expect(await reachable("127.0.0.1", local.port)).toBe(true);
    expect(await reachable(OUTSIDE ?? "", local.port)).toBe(false);
    await local.close();
    const open = await observe("0.0.0.0");
    expect(open.url).toBe(`http://0.0.0.0:${open.port}`);
    expect(await reachable(OUTSIDE ?? "", open.port)).toBe(true);
    await open.close();
  });

  describe("the Slack HTTP receiver", () => {
    let fake: FakeSlack;
    beforeEach(async () => {
      fake = await FakeSlack.start();
    });
    afterEach(async () => {
      await fake.close();
    });

    it("GIVEN the default THEN it listens on 127.0.0.1 only and logs the address it bound", async () => {
      const { app } = testApp(tempDataDir(), "2025-12-20T12:00:00Z", {
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: "test-signing-secret-5b1f0c2e",
        PAPERBOT_SLACK_API_URL: fake.apiUrl,
        PAPERBOT_SLACK_PORT: "0",
      });
      const lines: string[] = [];
      app.log = createLogger((line) => lines.push(line), { level: "info", secrets: [] });
      const adapter = createSlackAdapter(platformDeps(app, "slack"));
      try {
        await adapter?.start();
        const port = adapter?.port ?? 0;
        expect(lines.join("")).toContain(`slack: receiving commands on http://127.0.0.1:${port}/slack/events`);
        expect(await reachable("127.0.0.1", port)).toBe(true);
        expect(await reachable(OUTSIDE ?? "", port)).toBe(false);
      } finally {
        await adapter?.stop();
        app.close();
      }
    });
  });
});
