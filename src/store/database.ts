import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { PaperbotError } from "../errors.js";
import { MIGRATIONS } from "./migrations.js";

export type Db = Database.Database;

/**
 * Opens (creating when missing) the SQLite store in WAL mode and brings its schema up to date.
 * Each migration runs in its own immediate transaction and bumps `PRAGMA user_version`.
 */
export function openDatabase(path: string): Db {
  let db: Db;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw new PaperbotError("STORE_UNAVAILABLE", `cannot open the database: ${describe(error)}`, path, {
      cause: error,
    });
  }
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof PaperbotError) throw error;
    throw new PaperbotError("STORE_UNAVAILABLE", `cannot prepare the database: ${describe(error)}`, path, {
      cause: error,
    });
  }
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new PaperbotError(
      "STORE_UNAVAILABLE",
      `the database was written by a newer paperbot (schema ${current}, this one knows ${MIGRATIONS.length})`,
      db.name,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version += 1) {
    const sql = MIGRATIONS[version] ?? "";
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ?? e.message ?? String(error);
}
