/** Commands that meet a store failure answer with the store's own clear line and save nothing. */
import { spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openApp } from "../../src/app.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { silentLogger } from "../../src/log.js";
import { connectionOf } from "../../src/store/sqlite.js";
import { consoleHarness } from "../helpers/console.js";
import { REPO, SAMPLES, tempDataDir } from "../helpers/env.js";
import { holdWriteLock } from "../helpers/processes.js";

const BIN = join(REPO, "bin", "paperbot");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function chat(dir: string, text: string) {
  const result = spawnSync(process.execPath, [BIN, "chat", "--user", "ada", text], {
    cwd: REPO,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", PAPERBOT_DATA_DIR: dir },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function subscriptions(dir: string): number {
  const status = spawnSync(process.execPath, [BIN, "status", "--json"], { cwd: REPO, encoding: "utf8", env: { PATH: process.env.PATH ?? "", PAPERBOT_DATA_DIR: dir } });
  return (JSON.parse(status.stdout) as { subscriptions: number }).subscriptions;
}

describe("a command meeting another writer's lock", () => {
  it("GIVEN the lock is held past the busy wait THEN subscribe answers with the store's clear line, exits 1 and saves nothing", async () => {
    const dir = tempDataDir();
    expect(chat(dir, "/papers help").code).toBe(0);
    const holder = await holdWriteLock(join(dir, "paperbot.db"), 8_000, children);
    const result = chat(dir, '/papers subscribe "linear attention" dm instant');
    expect(result.code).toBe(1);
    // One line, the store's own wording (as an ingest meeting the lock gives it), whichever write met the lock first.
    const said = (result.stdout + result.stderr).trim();
    expect(said.split("\n")).toHaveLength(1);
    expect(said).toContain(`nothing was changed: the database is locked by another process (waited 5 s) (SQLITE_BUSY on ${join(dir, "paperbot.db")})`);
    expect(said).not.toMatch(/internal error|Something went wrong/u);
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expect(subscriptions(dir)).toBe(0);
  }, 30_000);

  it("GIVEN the lock is released within the busy wait THEN subscribe waits for it and succeeds", async () => {
    const dir = tempDataDir();
    expect(chat(dir, "/papers help").code).toBe(0);
    await holdWriteLock(join(dir, "paperbot.db"), 1_500, children);
    const result = chat(dir, '/papers subscribe "linear attention" dm instant');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Subscribed (#1)");
    expect(subscriptions(dir)).toBe(1);
  }, 30_000);
});

describe("subscribe with a query at the edge", () => {
  function app() {
    const dir = tempDataDir();
    const config = loadConfig({ PAPERBOT_DATA_DIR: dir }, dir);
    const a = openApp(config, silentLogger, fixedClock("2025-12-20T12:00:00Z"));
    const h = consoleHarness(a);
    h.drop(SAMPLES[0] ?? "");
    return { a, h };
  }

  it("GIVEN about 100 exclusions THEN the answer is a friendly refusal and nothing is saved, not an internal error", async () => {
    const { a, h } = app();
    try {
      const exclusions = [0, 1, 2, 3].flatMap(() => "bcdefghijklmnopqrstuvwxyz".split("").map((l) => `-${l}`)).join(" ");
      const reply = await h.chat(`/papers subscribe "attention ${exclusions}" dm instant`);
      expect(reply).toContain("Your query has a problem");
      expect(reply).not.toMatch(/internal error|Subscribed/u);
      expect(a.store.subscriptions.count()).toBe(0);
    } finally {
      a.close();
    }
  });

  it("GIVEN the preview cannot run THEN the reply is the error and nothing is saved", async () => {
    const { a, h } = app();
    try {
      connectionOf(a.store).exec("DROP TABLE papers_fts");
      const reply = await h.chat('/papers subscribe "linear attention" dm instant').catch((error: unknown) => String(error));
      expect(reply).not.toContain("Subscribed");
      expect(a.store.subscriptions.count()).toBe(0);
    } finally {
      a.close();
    }
  });
});
