import { afterEach, describe, expect, it } from "vitest";
import { openApp, runCycle, type App } from "../../src/app.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { createLogger } from "../../src/log.js";
import { consoleHarness } from "../helpers/console.js";
import { SAMPLES, tempDataDir } from "../helpers/env.js";

const NOW = "2025-12-20T12:00:00Z";
let app: App | undefined;
afterEach(() => app?.close());

function open(dataDir: string, lines: string[]): App {
  const config = loadConfig({ PAPERBOT_DATA_DIR: dataDir }, dataDir);
  app = openApp(config, createLogger((line) => lines.push(line), { level: "info", secrets: [] }), fixedClock(NOW));
  return app;
}

/** A channel whose settings an older version stored and this one cannot read. */
function storeOldChannel(a: App, settings: { schedule: string; filter: string | null }): number {
  const at = new Date(NOW);
  const dest = a.store.destinations.ensure({ platform: "console", kind: "channel", address: "old" }, "instant", at);
  a.store.destinations.configure(dest.id, { ...settings, timeZone: null, minUpvotes: 0, digestEnabled: true }, at);
  return dest.id;
}

describe("settings stored by an older version", () => {
  it("GIVEN a stored schedule that no longer parses WHEN the bot starts THEN the channel is disabled with the reason, shown in status and logged once", () => {
    const dir = tempDataDir();
    const id = storeOldChannel(open(dir, []), { schedule: "fortnightly 09:00", filter: null });
    app?.close();

    const first: string[] = [];
    const status = open(dir, first).store.status().destinations.find((d) => d.id === id);
    expect(status?.status).toBe("disabled");
    expect(status?.reason).toContain('its schedule "fortnightly 09:00" no longer parses');
    expect(first.filter((l) => l.includes("console/channel/old disabled"))).toHaveLength(1);
    app?.close();

    const second: string[] = [];
    expect(open(dir, second).store.destinations.get(id)?.status).toBe("disabled");
    expect(second.filter((l) => l.includes("disabled"))).toEqual([]);
  });

  it("GIVEN a stored filter that no longer parses WHEN new papers arrive THEN nothing is planned for it and it is disabled, not let through or dropped silently", async () => {
    const a = open(tempDataDir(), []);
    const h = consoleHarness(a);
    const id = storeOldChannel(a, { schedule: "instant", filter: 'diffusion "unclosed' });
    h.drop(SAMPLES[0] ?? "");
    await runCycle(a, a.clock.now());
    expect(a.store.destinations.get(id)?.statusReason).toContain("the filter has a problem: unbalanced quote");
    expect(a.store.deliveries.list({ limit: 1000 }).filter((d) => d.address === "old")).toEqual([]);
    expect(a.store.deliveries.list({ limit: 1000 }).filter((d) => d.address === "papers").length).toBeGreaterThan(0);
  });
});
