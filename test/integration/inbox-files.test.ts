/** What the inbox scan reads: only complete files, and only files really in the inbox. */
import { appendFileSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCycle, type App } from "../../src/app.js";
import { createLogger } from "../../src/log.js";
import { DEFAULT_INBOX_POLICY, type InboxPolicy } from "../../src/ingest/inbox.js";
import { scanInbox, type ScanDeps } from "../../src/ingest/scan.js";
import { SAMPLES, tempDataDir, testApp } from "../helpers/env.js";

let app: App | undefined;
afterEach(() => app?.close());

const OLD = new Date("2025-12-20T12:00:00Z");

function setUp(policy: Partial<InboxPolicy> = {}) {
  const dir = tempDataDir();
  const t = testApp(dir);
  app = t.app;
  const lines: string[] = [];
  const log = createLogger((line) => lines.push(line), { level: "debug", secrets: [] });
  const deps: ScanDeps = {
    store: t.app.store,
    inboxDir: t.app.config.inboxDir,
    log,
    plan: t.app.plan,
    firstRunLimit: 10,
    seen: new Map(),
    policy: { ...DEFAULT_INBOX_POLICY, ...policy },
  };
  return { dir, app: t.app, inbox: t.app.config.inboxDir, deps, lines };
}

function sample(index: number): Buffer {
  return readFileSync(SAMPLES[index] ?? "");
}

function writeOld(path: string, bytes: Buffer): void {
  writeFileSync(path, bytes);
  utimesSync(path, OLD, OLD);
}

describe("symbolic links in the inbox", () => {
  it("GIVEN a link out of the inbox THEN it is skipped with its reason logged, and its target is never read", async () => {
    const { dir, inbox, deps, lines, app: a } = setUp();
    const outside = join(dir, "secret.txt");
    writeOld(outside, sample(0));
    symlinkSync(outside, join(inbox, "shadow.txt"));
    expect(await scanInbox(deps, OLD)).toEqual([]);
    expect(a.store.status().papers).toBe(0);
    expect(lines.filter((l) => l.includes("shadow.txt") && l.includes(" warn "))).toEqual([
      expect.stringMatching(/warn .*skipped .*shadow\.txt: a symbolic link out of the inbox \(to .*secret\.txt\); not followed/u),
    ]);
    await scanInbox(deps, OLD);
    expect(lines.filter((l) => l.includes("shadow.txt") && l.includes(" warn "))).toHaveLength(1);
  });

  it("GIVEN a link to a file inside the inbox THEN it is read", async () => {
    const { inbox, deps, app: a } = setUp();
    mkdirSync(join(inbox, "archive"));
    writeOld(join(inbox, "archive", "dec.txt"), sample(0));
    symlinkSync(join("archive", "dec.txt"), join(inbox, "latest.txt"));
    const outcomes = await scanInbox(deps, OLD);
    // The subdirectory itself is passed over (listed as skipped); the link to the file in it is read.
    expect(outcomes.map((o) => [relative(inbox, o.path), o.status]).sort()).toEqual([["archive", "skipped"], ["latest.txt", "ingested"]]);
    expect(a.store.status().papers).toBe(5);
  });

  it("GIVEN PAPERBOT_INBOX_FOLLOW_SYMLINKS=true THEN the bot's cycle reads a link out of the inbox; without it, it does not", async () => {
    for (const [env, papers] of [[{}, 0], [{ PAPERBOT_INBOX_FOLLOW_SYMLINKS: "true" }, 5]] as const) {
      const dir = tempDataDir();
      const t = testApp(dir, "2025-12-20T12:00:00Z", env);
      writeOld(join(dir, "elsewhere.txt"), sample(0));
      symlinkSync(join(dir, "elsewhere.txt"), join(t.app.config.inboxDir, "linked.txt"));
      await runCycle(t.app, t.clock.now());
      expect(t.app.store.status().papers).toBe(papers);
      t.app.close();
    }
  });

  it("GIVEN a link out of the inbox and the setting that allows it THEN it is read", async () => {
    const { dir, inbox, deps, app: a } = setUp({ followLinksOutside: true });
    writeOld(join(dir, "elsewhere.txt"), sample(0));
    symlinkSync(join(dir, "elsewhere.txt"), join(inbox, "linked.txt"));
    expect((await scanInbox(deps, OLD)).map((o) => o.status)).toEqual(["ingested"]);
    expect(a.store.status().papers).toBe(5);
  });
});

describe("files still being written", () => {
  it("GIVEN a dump growing across many scans THEN it is ingested once, whole, after it stops changing", async () => {
    const { inbox, deps, app: a } = setUp({ settleMs: 400 });
    const full = sample(1);
    const path = join(inbox, "copying.txt");
    const chunks = 12;
    const size = Math.ceil(full.length / chunks);
    writeFileSync(path, full.subarray(0, size));
    const outcomes = [];
    for (let i = 1; i < chunks; i++) {
      await new Promise((resolve) => setTimeout(resolve, 120));
      appendFileSync(path, full.subarray(i * size, (i + 1) * size));
      outcomes.push(...(await scanInbox(deps, OLD)));
    }
    expect(outcomes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    outcomes.push(...(await scanInbox(deps, OLD)));
    expect(outcomes.map((o) => [o.status, o.papers])).toEqual([["ingested", 55]]);
    expect(a.store.status()).toMatchObject({ papers: 55, dumps: 1, sightings: 55 });
  });

  it("GIVEN a dump written just before a cycle THEN the cycle waits for it to settle and reads it", async () => {
    const { inbox, app: a } = setUp();
    writeFileSync(join(inbox, "fresh.txt"), sample(0));
    const report = await runCycle(a, a.clock.now());
    expect(report.ingested.map((o) => o.status)).toEqual(["ingested"]);
    expect(a.store.status().papers).toBe(5);
  });

  it("GIVEN a part file or a dot file THEN it is never read (the write-then-rename convention)", async () => {
    const { inbox, deps, app: a } = setUp();
    writeOld(join(inbox, "big.txt.part"), sample(0));
    writeOld(join(inbox, ".big.txt"), sample(0));
    const outcomes = await scanInbox(deps, OLD);
    // Listed as skipped with their reason, never read.
    expect(outcomes.map((o) => [relative(inbox, o.path), o.status]).sort()).toEqual([[".big.txt", "skipped"], ["big.txt.part", "skipped"]]);
    expect(outcomes.every((o) => o.papers === 0 && (o.error ?? "") !== "")).toBe(true);
    expect(a.store.status().papers).toBe(0);
  });
});
