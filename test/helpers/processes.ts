import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO } from "./env.js";

/*
 * Other processes the integration tests run beside their own: the real bot (`node bin/paperbot
 * run`, from dist/) and a second SQLite writer holding the lock.
 */

/** The bot's process: its stderr so far, and how and when it exited. */
export interface Bot {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGKILL unless it has exited already; resolves once it has. */
  kill(): Promise<void>;
}

/** `node [execArgv] bin/paperbot run [args]` with the given environment (nothing inherited but PATH). */
export function startBot(env: Record<string, string>, options: { args?: string[]; execArgv?: string[] } = {}): Bot {
  const child = spawn(process.execPath, [...(options.execArgv ?? []), join(REPO, "bin", "paperbot"), "run", ...(options.args ?? [])], {
    cwd: REPO,
    env: { PATH: process.env["PATH"] ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return {
    child,
    stderr: () => err,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Polls `condition` every `everyMs` until it holds; throws naming `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs: number, everyMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Another process that takes the write lock (BEGIN IMMEDIATE, as a command-line ingest does) and
 * holds it for `ms`. It is added to `children` before it has the lock, so the caller's clean-up
 * ends it even when it never gets there.
 */
export async function holdWriteLock(dbPath: string, ms: number, children: ChildProcess[]): Promise<ChildProcess> {
  const script = `const db = new (require("better-sqlite3"))(process.argv[1]);
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ["-e", script, dbPath, String(ms)], { cwd: REPO, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
  return child;
}
