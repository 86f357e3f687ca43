import { connectionOf } from "../../src/store/sqlite.js";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCycle, type App } from "../../src/app.js";
import { acquireRunLock } from "../../src/store/lock.js";
import { consoleHarness } from "../helpers/console.js";
import { ingestFile } from "../../src/ingest/ingest.js";
import { REPO, SAMPLES, tempDataDir, testApp } from "../helpers/env.js";

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
  it("GIVEN a bot holding the lock THEN a second one is refused, and once released it can be taken again", () => {
    const db = join(tempDataDir(), "p.db");
    const release = acquireRunLock(db);
    expect(() => acquireRunLock(db)).toThrow(/another paperbot is running on this database \(pid \d+ on host .+, since .+\)/);
    release();
    const again = acquireRunLock(db);
    again();
  });

  it("GIVEN a lock file left by an earlier version (a bare pid) THEN it is replaced, not obeyed", () => {
    const db = join(tempDataDir(), "p.db");
    writeFileSync(`${db}.lock`, String(process.ppid));
    const release = acquireRunLock(db);
    release();
  });
});

describe("the first-run rule, whichever command fills the store", () => {
  const BIN = join(REPO, "bin", "paperbot");
  const paperbot = (args: string[], dataDir: string) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: "utf8", env: { PATH: process.env.PATH ?? "", PAPERBOT_DATA_DIR: dataDir }, timeout: 60_000 });

  it("GIVEN paperbot ingest of the samples into an empty store THEN nothing is queued, and run --once announces only the top 10", () => {
    const dir = tempDataDir({ samples: true });
    const ingest = paperbot(["ingest", join(dir, "inbox")], dir);
    expect(ingest.status).toBe(0);
    expect(ingest.stdout).toContain("first run: nothing is announced yet");
    const status = JSON.parse(paperbot(["status", "--json"], dir).stdout) as { papers: number; deliveries: Record<string, number> };
    expect(status.papers).toBe(102);
    expect(Object.values(status.deliveries).reduce((a, b) => a + b, 0)).toBe(0);
    const run = paperbot(["run", "--once"], dir);
    expect(run.status).toBe(0);
    expect(run.stdout.match(/^\d+\. /gm)).toHaveLength(10);
    expect(run.stderr).toContain("first run: announcing the top 10 of 102 papers");
    const again = paperbot(["run", "--once"], dir);
    expect(again.stdout.match(/^\d+\. /gm)).toBeNull();
  });

  it("GIVEN a store filled by ingest and announced THEN a later ingest is announced in full", async () => {
    const t = testApp(tempDataDir());
    app = t.app;
    const h = consoleHarness(t.app);
    await ingestFile(t.app.store, SAMPLES[0] ?? "", t.clock.now(), { plan: t.app.plan });
    await runCycle(t.app, t.clock.now(), true);
    expect(h.take().match(/^\d+\. /gm)).toHaveLength(5);
    await ingestFile(t.app.store, SAMPLES[1] ?? "", t.clock.now(), { plan: t.app.plan });
    await runCycle(t.app, t.clock.now(), true);
    expect(h.take().match(/^\d+\. /gm)).toHaveLength(53);
  });
});
