/** The database deleted or replaced under a running bot: it stops with one line and announces nothing more. */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, SAMPLES, tempDataDir } from "../helpers/env.js";

const BIN = join(REPO, "bin", "paperbot");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

interface Bot {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

/** `paperbot run` scanning every second, resolved once its first cycle has announced the samples. */
async function startBot(dir: string): Promise<Bot> {
  const child = spawn(process.execPath, [BIN, "run"], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "", PAPERBOT_DATA_DIR: dir, PAPERBOT_INBOX_CRON: "* * * * * *" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (err.includes("watching")) {
        clearInterval(poll);
        resolve();
      }
    }, 50);
    void exited.then(() => {
      clearInterval(poll);
      reject(new Error(`the bot exited early: ${err}`));
    });
  });
  return { child, out: () => out, err: () => err, exited };
}

const cards = (text: string): number => text.match(/^\d+\. /gm)?.length ?? 0;

describe("the database file changing under a running bot", () => {
  for (const how of ["deleted", "replaced"] as const) {
    it(`GIVEN the database file is ${how} THEN the bot stops with one clear line, exit 1, and announces nothing more`, async () => {
      const dir = tempDataDir({ samples: true });
      const db = join(dir, "paperbot.db");
      const bot = await startBot(dir);
      expect(cards(bot.out())).toBe(10);
      if (how === "deleted") {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${db}${suffix}`, { force: true });
      } else {
        copyFileSync(db, join(dir, "other.db"));
        renameSync(join(dir, "other.db"), db);
      }
      copyFileSync(SAMPLES[0] ?? "", join(dir, "inbox", "later.txt"));
      expect(await bot.exited).toBe(1);
      const reason = how === "deleted" ? "the database file was deleted while the bot was running" : "the database file was replaced by another file while the bot was running";
      const lines = bot.err().split("\n").filter((l) => l.includes(reason));
      expect(lines).toEqual([expect.stringMatching(/ error +the database file .*: nothing more is recorded or announced until paperbot is restarted \(.*paperbot\.db\), stopping$/u)]);
      expect(cards(bot.out())).toBe(10);
    }, 60_000);
  }
});
