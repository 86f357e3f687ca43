import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/log.js";
import { JobRunner } from "../../src/scheduler/jobs.js";

afterEach(() => vi.restoreAllMocks());

describe("job runner logging", () => {
  it("GIVEN a cron job still running when it fires again THEN node-cron's overlap warning comes through our logger as one plain info line, nothing on the console", async () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line), { level: "debug", secrets: [], format: "json" });
    const consoleLines: unknown[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(args));
    }
    const jobs = new JobRunner(log);
    let runs = 0;
    jobs.start([{ name: "inbox scan", cron: "* * * * * *", timeZone: "UTC", run: async () => {
      runs += 1;
      await sleep(2_300);
    } }]);
    await sleep(3_500);
    await jobs.stop();
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(consoleLines).toEqual([]);
    const entries = lines.map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.join("")).not.toContain("\u001b");
    const skipped = entries.filter((e) => e.msg === "cron inbox scan: still running; this run skipped");
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(skipped.every((e) => e.level === "info")).toBe(true);
    expect(entries.some((e) => e.level === "debug" && e.msg.startsWith('cron inbox scan: scheduled "* * * * * *" (UTC), next run 20'))).toBe(true);
    expect(entries.some((e) => e.level === "debug" && e.msg === "job inbox scan: starting")).toBe(true);
  }, 15_000);
});
