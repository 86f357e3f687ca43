import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openApp, type App } from "../../src/app.js";
import { fixedClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config/index.js";
import { silentLogger } from "../../src/log.js";

export const REPO = resolve(import.meta.dirname, "../..");
export const SAMPLES_DIR = join(REPO, "data", "inbox");
export const SAMPLES = readdirSync(SAMPLES_DIR)
  .filter((n) => n.endsWith(".txt"))
  .sort()
  .map((n) => join(SAMPLES_DIR, n));

/** A fresh data dir in /tmp; sample dumps are copied with a fixed mtime so year inference is stable. */
export function tempDataDir(options: { samples?: boolean; mtime?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "paperbot-"));
  const inbox = join(dir, "inbox");
  mkdirSync(inbox, { recursive: true });
  if (options.samples === true) {
    const mtime = new Date(options.mtime ?? "2025-12-20T12:00:00Z");
    for (const sample of SAMPLES) {
      const target = join(inbox, sample.split("/").pop() ?? "x.txt");
      copyFileSync(sample, target);
      utimesSync(target, mtime, mtime);
    }
  }
  return dir;
}

export function testApp(dataDir: string, now = "2025-12-20T12:00:00Z", env: Record<string, string> = {}) {
  const clock = fixedClock(now);
  const config = loadConfig({ PAPERBOT_DATA_DIR: dataDir, ...env }, dataDir);
  const app: App = openApp(config, silentLogger, clock);
  return { app, clock, config };
}
