import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import Database from "better-sqlite3";
import { PaperbotError } from "../errors.js";

/**
 * One running bot per database: `paperbot run` holds `<db>.lock` while it runs, so a second bot
 * cannot release the first one's in-flight deliveries and send them twice.
 *
 * The lock is a small SQLite file held in exclusive locking mode after a write: SQLite takes a
 * POSIX (fcntl) lock on it, which the kernel releases when the holding process ends, however it
 * ends (kill -9 included), and which holds across PID namespaces, so two containers sharing the
 * data volume cannot both run (a pid in a lock file cannot tell that: each container's bot is
 * pid 1). It is as good as the file system's locking: local disks and bind mounts are; some
 * network file systems are not. The file is never deleted (deleting a locked file lets a second
 * process lock a new one), and who holds it is written beside it, in `<db>.lock-holder`.
 */
export function acquireRunLock(dbPath: string): () => void {
  const path = `${dbPath}.lock`;
  replaceOldPidLock(path);
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 0 });
  } catch (error) {
    throw new PaperbotError("STORE_UNAVAILABLE", `cannot create the lock file: ${code(error)}`, path, { cause: error });
  }
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = MEMORY");
    db.exec("CREATE TABLE IF NOT EXISTS run_lock (held_since TEXT NOT NULL)");
    // The first write takes the exclusive lock; in this locking mode it is kept until close.
    db.prepare("INSERT INTO run_lock (held_since) VALUES (?)").run(new Date().toISOString());
    db.exec("DELETE FROM run_lock WHERE rowid < (SELECT max(rowid) FROM run_lock)");
  } catch (error) {
    db.close();
    if (code(error).startsWith("SQLITE_BUSY") || code(error).startsWith("SQLITE_LOCKED")) {
      throw new PaperbotError("STORE_UNAVAILABLE", `another paperbot is running on this database${holderOf(path)}`, path, { cause: error });
    }
    throw new PaperbotError("STORE_UNAVAILABLE", `cannot take the run lock: ${code(error)}`, path, { cause: error });
  }
  writeHolder(path);
  return () => {
    if (db.open) db.close();
  };
}

function code(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}

/** Earlier versions wrote a bare pid into `<db>.lock`; such a file is not a lock any more. */
function replaceOldPidLock(path: string): void {
  let text: string;
  try {
    text = readFileSync(path, "latin1");
  } catch {
    return;
  }
  if (/^\d+\s*$/u.test(text)) rmSync(path, { force: true });
}

function writeHolder(path: string): void {
  try {
    writeFileSync(`${path}-holder`, `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`);
  } catch {
    // Only informative: the lock itself is held either way.
  }
}

/** ` (pid 1 on host a1b2, since …)` from the holder file, or nothing when it cannot be read. */
function holderOf(path: string): string {
  try {
    const holder = JSON.parse(readFileSync(`${path}-holder`, "utf8")) as { pid?: unknown; host?: unknown; since?: unknown };
    if (typeof holder.pid !== "number" || typeof holder.host !== "string" || typeof holder.since !== "string") return "";
    return ` (pid ${holder.pid} on host ${holder.host}, since ${holder.since})`;
  } catch {
    return "";
  }
}
