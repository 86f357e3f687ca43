import { connectionOf } from "../../src/store/sqlite.js";
import type { ChildProcess } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openApp, runCycle, type App } from "../../src/app.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { isPaperbotError, type PaperbotError } from "../../src/errors.js";
import { createLogger, silentLogger } from "../../src/log.js";
import { JobRunner } from "../../src/scheduler/jobs.js";
import { BUSY_TIMEOUT_MS } from "../../src/store/database.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";
import { holdWriteLock } from "../helpers/processes.js";
import { writeDump } from "./discord-harness.js";

/*
 * The store under pressure while dumps are ingested: another process holding the write lock, a
 * full disk, a read-only database. Each time the ingest fails with one clear line, or waits and
 * succeeds, and the store is left exactly as it was.
 */

const opened: App[] = [];
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const app of opened.splice(0)) app.close();
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

function freshApp() {
  const dataDir = tempDataDir();
  dirs.push(dataDir);
  const rig = testApp(dataDir);
  opened.push(rig.app);
  writeDump(rig.app.config.inboxDir, "2025-12-19.txt", [
    { title: "Sparse Lattice Kernels for Protein Graphs", abstract: "A lattice kernel for sparse protein graphs that keeps folding accuracy while halving memory." },
  ]);
  return rig;
}

/** A second dump of 55 papers, big enough to need many new pages; complete (an mtime in the past). */
function dropBigDump(app: App): string {
  const target = join(app.config.inboxDir, "2025-12-20.txt");
  copyFileSync(SAMPLES[1] ?? "", target);
  utimesSync(target, app.clock.now(), app.clock.now());
  return target;
}

function snapshot(app: App) {
  const one = (sql: string): unknown => Object.values(connectionOf(app.store).prepare(sql).get() as object)[0];
  return {
    papers: one("SELECT count(*) FROM papers"),
    sightings: one("SELECT count(*) FROM sightings"),
    dumps: one("SELECT count(*) FROM dumps"),
    deliveries: one("SELECT count(*) FROM deliveries"),
    fts: one("SELECT count(*) FROM papers_fts"),
  };
}

function expectIntact(app: App, before: ReturnType<typeof snapshot>): void {
  expect(snapshot(app)).toEqual(before);
  expect(connectionOf(app.store).pragma("integrity_check", { simple: true })).toBe("ok");
  expect(() => connectionOf(app.store).exec("INSERT INTO papers_fts(papers_fts) VALUES ('integrity-check')")).not.toThrow();
}

async function failure(work: Promise<unknown>): Promise<PaperbotError> {
  const error = await work.then(
    () => new Error("expected the ingest to fail"),
    (e: unknown) => e,
  );
  if (!isPaperbotError(error)) throw error;
  return error;
}

describe("SQLite busy or locked by another process", () => {
  it("GIVEN another process holds the write lock for 1.5 s THEN the ingest waits for it and succeeds", async () => {
    const { app, clock } = freshApp();
    await runCycle(app, clock.now());
    const dump = dropBigDump(app);
    const holder = await holdWriteLock(app.config.dbPath, 1_500, children);
    const started = Date.now();
    const report = await runCycle(app, clock.now());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(report.ingested).toMatchObject([{ path: dump, status: "ingested", new: 55 }]);
    // The ingest yields while it waits, so the holder may have exited already.
    if (holder.exitCode === null) await new Promise((resolve) => holder.once("exit", resolve));
  });

  it(`GIVEN the lock is held longer than the busy timeout (${BUSY_TIMEOUT_MS / 1000} s) THEN that ingest fails with one clear line, the store is intact, and the next scan ingests it`, async () => {
    const { app, clock } = freshApp();
    await runCycle(app, clock.now());
    const before = snapshot(app);
    const dump = dropBigDump(app);
    const holder = await holdWriteLock(app.config.dbPath, BUSY_TIMEOUT_MS + 3_000, children);
    const error = await failure(runCycle(app, clock.now()));
    expect(error.code).toBe("STORE_WRITE_FAILED");
    expect(error.describe()).toBe(
      `could not store the dump, nothing was changed: the database is locked by another process (waited 5 s) (SQLITE_BUSY on ${app.config.dbPath}) (${dump})`,
    );
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expectIntact(app, before);
    const retried = await runCycle(app, clock.now());
    expect(retried.ingested).toMatchObject([{ path: dump, status: "ingested", new: 55 }]);
  }, 20_000);
});

describe("a full disk or a read-only database during an ingest", () => {
  it("GIVEN the database cannot grow (PRAGMA max_page_count, as on a full disk) THEN the ingest fails naming both files, the store is intact, and it succeeds once there is room", async () => {
    const { app, clock } = freshApp();
    await runCycle(app, clock.now());
    const before = snapshot(app);
    const dump = dropBigDump(app);
    const pages = connectionOf(app.store).pragma("page_count", { simple: true }) as number;
    connectionOf(app.store).pragma(`max_page_count = ${pages}`);
    const error = await failure(runCycle(app, clock.now()));
    expect(error.code).toBe("STORE_WRITE_FAILED");
    expect(error.describe()).toBe(`could not store the dump, nothing was changed: the disk is full (SQLITE_FULL on ${app.config.dbPath}) (${dump})`);
    expect(error.describe()).not.toContain("\n");
    expectIntact(app, before);
    connectionOf(app.store).pragma("max_page_count = 1073741823");
    expect((await runCycle(app, clock.now())).ingested).toMatchObject([{ path: dump, status: "ingested", new: 55 }]);
  });

  it("GIVEN the bot's scan job meets a full disk THEN it logs one line naming the dump and the database, and the job runner carries on", async () => {
    const { app, clock } = freshApp();
    await runCycle(app, clock.now());
    const dump = dropBigDump(app);
    connectionOf(app.store).pragma(`max_page_count = ${connectionOf(app.store).pragma("page_count", { simple: true }) as number}`);
    const lines: string[] = [];
    const jobs = new JobRunner(createLogger((line) => lines.push(line), { level: "info", secrets: [] }));
    await jobs.enqueue("inbox scan", () => runCycle(app, clock.now()));
    connectionOf(app.store).pragma("max_page_count = 1073741823");
    await jobs.enqueue("inbox scan", () => runCycle(app, clock.now()));
    await jobs.stop();
    expect(lines).toEqual([
      expect.stringMatching(/ error inbox scan failed: could not store the dump, nothing was changed: the disk is full \(SQLITE_FULL on /),
    ]);
    expect(lines[0]).toContain(`(SQLITE_FULL on ${app.config.dbPath}) (${dump})\n`);
    expect(snapshot(app).papers).toBe(56);
  });

  // Tests run as root here, where chmod does not stop writes; SQLite's query_only makes the open
  // connection refuse every write with SQLITE_READONLY, exactly as a read-only file does.
  it("GIVEN the database turns read-only during the bot's life (PRAGMA query_only) THEN the ingest fails with one clear line and the store is intact", async () => {
    const { app, clock } = freshApp();
    await runCycle(app, clock.now());
    const before = snapshot(app);
    const dump = dropBigDump(app);
    connectionOf(app.store).pragma("query_only = ON");
    const error = await failure(runCycle(app, clock.now()));
    expect(error.describe()).toBe(
      `could not store the dump, nothing was changed: the database is read-only (SQLITE_READONLY on ${app.config.dbPath}) (${dump})`,
    );
    connectionOf(app.store).pragma("query_only = OFF");
    expectIntact(app, before);
  });

  it.skipIf(chmodIsIgnored())("GIVEN a read-only data dir at start (chmod, when not root) THEN opening fails with one clear line", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "paperbot-ro-"));
    dirs.push(dataDir);
    chmodSync(dataDir, 0o555);
    const config = loadConfig({ PAPERBOT_DATA_DIR: dataDir }, dataDir);
    const error = (() => {
      try {
        opened.push(openApp(config, silentLogger, fixedClock("2025-12-20T12:00:00Z")));
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(isPaperbotError(error) && error.code).toBe("STORE_UNAVAILABLE");
    expect(isPaperbotError(error) && error.describe()).toContain(dataDir);
  });
});

/** True when this process may write into a directory it made read-only (root, or a file system without modes). */
function chmodIsIgnored(): boolean {
  const dir = mkdtempSync(join(tmpdir(), "paperbot-chmod-"));
  try {
    chmodSync(dir, 0o555);
    writeFileSync(join(dir, "probe"), "");
    return true;
  } catch {
    return false;
  } finally {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
}
