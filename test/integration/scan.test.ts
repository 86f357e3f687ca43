import { connectionOf } from "../../src/store/sqlite.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCycle, type App } from "../../src/app.js";
import { acquireRunLock } from "../../src/store/lock.js";
import { consoleHarness } from "../helpers/console.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";

let app: App | undefined;
afterEach(() => app?.close());

describe("the first scan of a fresh store", () => {
  // The first fill is committed in chunks (never one transaction of minutes): a failure keeps the
  // dumps before it, announces nothing, and the next scan finishes the fill and announces the top 10.
  it("GIVEN a failure in the third dump of the first scan THEN nothing is announced and the next scan announces the top 10 of all", async () => {
    const t = testApp(tempDataDir());
    app = t.app;
    const h = consoleHarness(t.app);
    for (const sample of SAMPLES) h.drop(sample);
    connectionOf(t.app.store).exec(`CREATE TRIGGER fail_late AFTER INSERT ON papers WHEN (SELECT count(*) FROM papers) >= 70
      BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    await expect(runCycle(t.app, t.clock.now())).rejects.toThrow(/nothing was changed/);
    // The first two dumps are stored; of the third, the chunks committed before the failing one.
    expect(t.app.store.papers.count()).toBeGreaterThanOrEqual(5 + 53);
    expect(t.app.store.papers.count()).toBeLessThan(70);
    expect(t.app.store.deliveries.countByState().pending).toBe(0);
    expect(t.app.store.dumps.firstRunPending()).toBe(true);
    connectionOf(t.app.store).exec("DROP TRIGGER fail_late");
    const report = await runCycle(t.app, t.clock.now());
    expect(report.ingested.map((o) => `${o.status} ${o.new}`)).toEqual(["duplicate 0", "duplicate 0", "ingested 32", "ingested 12"]);
    expect(t.app.store.papers.count()).toBe(102);
    expect(t.app.store.dumps.firstRunPending()).toBe(false);
    expect(h.take().match(/^\d+\. /gm)).toHaveLength(10);
    expect(t.app.store.deliveries.countByState()).toMatchObject({ sent: 10, pending: 0 });
  });

  it("GIVEN a store with papers THEN each later dump is announced in full", async () => {
    const t = testApp(tempDataDir());
    app = t.app;
    const h = consoleHarness(t.app);
    h.drop(SAMPLES[0] ?? "");
    await runCycle(t.app, t.clock.now());
    expect(h.take().match(/^\d+\. /gm)).toHaveLength(5);
    h.drop(SAMPLES[1] ?? "");
    await runCycle(t.app, t.clock.now());
    expect(h.take().match(/^\d+\. /gm)).toHaveLength(53);
  });
});

describe("the run lock", () => {
  it("GIVEN a bot holding the lock THEN a second one is refused; a stale lock is taken over", () => {
    const db = join(tempDataDir(), "p.db");
    const release = acquireRunLock(db);
    writeFileSync(`${db}.lock`, String(process.ppid));
    expect(() => acquireRunLock(db)).toThrow(/another paperbot \(pid \d+\) is running/);
    writeFileSync(`${db}.lock`, "999999999");
    const again = acquireRunLock(db);
    again();
    release();
  });
});
