import { afterEach, describe, expect, it } from "vitest";
import { BotMetrics, type OutboxCount } from "../../src/observe/metrics.js";
import { PlatformStates } from "../../src/observe/platforms.js";
import { startObserveServer, type ObserveServer } from "../../src/observe/server.js";

const servers: ObserveServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(database: () => string | null = () => null) {
  const outbox: OutboxCount[] = [{ state: "pending", platform: "discord", count: 3 }, { state: "sent", platform: "slack", count: 7 }];
  const platforms = new PlatformStates();
  const metrics = new BotMetrics({ outbox: () => outbox, papers: () => 42, subscriptions: () => 5, sources: () => [] }, platforms);
  const server = await startObserveServer({ host: "127.0.0.1", port: 0, metrics, checks: { database, platforms } });
  servers.push(server);
  return { server, platforms, metrics };
}

describe("health and metrics server", () => {
  it("GIVEN host 127.0.0.1 and port 0 THEN it reports the address really bound", async () => {
    const { server } = await serve();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it("GIVEN a platform still connecting THEN /healthz is 503 naming it; once connected THEN 200", async () => {
    const { server, platforms } = await serve();
    platforms.set("discord", "retrying", "getaddrinfo ENOTFOUND discord.invalid");
    const down = await fetch(`${server.url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "unavailable", reasons: ["discord retrying: getaddrinfo ENOTFOUND discord.invalid"] });
    platforms.set("discord", "connected");
    const up = await fetch(`${server.url}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: "ok", reasons: [], database: "ok", platforms: { discord: "connected" } });
  });

  it("GIVEN the database does not answer THEN /healthz is 503 with the database's reason", async () => {
    const { server } = await serve(() => {
      throw new Error("SQLITE_CANTOPEN");
    });
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ reasons: ["database: SQLITE_CANTOPEN"] });
  });

  it("GIVEN events counted THEN /metrics is Prometheus text with HELP and TYPE and the counts", async () => {
    const { server, metrics, platforms } = await serve();
    platforms.set("slack", "connected");
    metrics.dumpIngested(12);
    metrics.dumpRejected();
    metrics.send("discord", "sent", 0.2);
    metrics.scanSucceeded(new Date("2026-11-28T12:00:00Z"));
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain("# HELP paperbot_dumps_total ");
    expect(text).toContain("# TYPE paperbot_dumps_total counter");
    expect(text).toContain('paperbot_dumps_total{status="ingested"} 1');
    expect(text).toContain('paperbot_dumps_total{status="rejected"} 1');
    expect(text).toContain("paperbot_new_papers_total 12");
    expect(text).toContain('paperbot_deliveries{state="pending",platform="discord"} 3');
    expect(text).toContain("# TYPE paperbot_send_latency_seconds histogram");
    expect(text).toContain('paperbot_send_latency_seconds_bucket{le="0.25",platform="discord"} 1');
    expect(text).toContain('paperbot_delivery_sends_total{platform="discord",outcome="sent"} 1');
    expect(text).toContain("paperbot_last_successful_scan_timestamp_seconds 1795867200");
    expect(text).toContain('paperbot_platform_connected{platform="slack"} 1');
    expect(text).toContain("paperbot_papers 42");
  });
});
