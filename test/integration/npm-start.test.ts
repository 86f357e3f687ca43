/**
 * `npm start` in a terminal: Ctrl+C sends SIGINT to the whole foreground process group (npm, and
 * the bot), and npm forwards it to the bot once more. One Ctrl+C must stop the bot cleanly, once,
 * with npm waiting for it (no bot left running behind the shell prompt).
 */
import { spawn } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, tempDataDir } from "../helpers/env.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The environment of a fresh terminal: nothing of paperbot's but the data dir. */
function cleanEnv(dataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(PAPERBOT_|DISCORD_|SLACK_|npm_)/i.test(key)) env[key] = value;
  }
  return { ...env, PAPERBOT_DATA_DIR: dataDir };
}

describe("npm start", () => {
  it("GIVEN `npm start` running in its own process group WHEN SIGINT is sent to the group (Ctrl+C) THEN the bot stops once, cleanly, and npm exits 0 after it", async () => {
    const dataDir = tempDataDir({ samples: true });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const npm = spawn("npm", ["start"], { cwd: REPO, env: cleanEnv(dataDir), detached: true, stdio: ["ignore", "ignore", "pipe"] });
    const pgid = npm.pid ?? 0;
    cleanups.push(() => {
      if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
    });
    let stderr = "";
    npm.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
      npm.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    const deadline = Date.now() + 30_000;
    while (!stderr.includes("press Ctrl+C to stop")) {
      if (Date.now() > deadline) throw new Error(`the bot did not start: ${stderr}`);
      await sleep(50);
    }
    const asked = Date.now();
    process.kill(-pgid, "SIGINT");
    const end = await exited;
    // npm exits with the bot's code once the bot has exited: nothing of the group is left behind.
    expect(groupAlive(pgid)).toBe(false);
    expect(end).toMatchObject({ code: 0, signal: null });
    expect(end.at - asked).toBeLessThan(5_000);
    expect(stderr.match(/SIGINT received, stopping/g)).toHaveLength(1);
    expect(stderr).not.toContain("again while stopping");
    expect(stderr).not.toMatch(/npm error|npm ERR!/);
    const wal = join(dataDir, "paperbot.db-wal");
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  }, 60_000);
});
