import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";

/** A destination as `paperbot doctor` checks it: where it points and when it gets digests. */
export interface InspectedDestination {
  platform: string;
  kind: "channel" | "dm" | "webhook";
  address: string;
  schedule: string;
  timeZone: string | null;
  status: "active" | "disabled";
  statusReason: string | null;
}

/** A source's fetch record as `paperbot doctor` reports it. */
export interface InspectedSource {
  source: string;
  lastDay: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** What `paperbot doctor` learns from the database without changing it. */
export type DatabaseInspection =
  | { state: "missing" }
  | { state: "unreadable"; reason: string }
  | { state: "corrupt"; reason: string }
  | {
      state: "ok";
      papers: number;
      schemaVersion: number;
      latestVersion: number;
      destinations: InspectedDestination[];
      sources: InspectedSource[];
    };

interface DestinationRow {
  platform: string;
  kind: InspectedDestination["kind"];
  address: string;
  schedule: string;
  time_zone: string | null;
  status: InspectedDestination["status"];
  status_reason: string | null;
}

/**
 * Opens the database read-only (never creating or migrating it), runs `PRAGMA integrity_check`
 * and reads the channel destinations, so the doctor can run beside a running bot.
 */
export function inspectDatabase(path: string): DatabaseInspection {
  if (!existsSync(path)) return { state: "missing" };
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { state: "unreadable", reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    db.pragma("busy_timeout = 5000");
    const rows = (db.pragma("integrity_check(20)") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (rows.join() !== "ok") {
      const problems = rows.flatMap((r) => r.split("\n")).filter((r) => !r.startsWith("***"));
      return { state: "corrupt", reason: `${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}` };
    }
    const schemaVersion = db.pragma("user_version", { simple: true }) as number;
    const hasTables = schemaVersion > 0;
    const papers = hasTables ? (db.prepare("SELECT count(*) AS n FROM papers").get() as { n: number }).n : 0;
    const found = hasTables
      ? (db
          .prepare(`SELECT platform, kind, address, schedule, time_zone, status, status_reason FROM destinations
            WHERE kind IN ('channel', 'webhook') AND digest_enabled = 1 ORDER BY platform, id`)
          .all() as DestinationRow[])
      : [];
    const destinations = found.map((r) => ({
      platform: r.platform,
      kind: r.kind,
      address: r.address,
      schedule: r.schedule,
      timeZone: r.time_zone,
      status: r.status,
      statusReason: r.status_reason,
    }));
    const hasSources = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'source_state'").get() as { n: number }).n > 0;
    const sources = hasSources
      ? (db
          .prepare(`SELECT source, last_day AS lastDay, last_success_at AS lastSuccessAt, last_error AS lastError,
            last_error_at AS lastErrorAt FROM source_state ORDER BY source`)
          .all() as InspectedSource[])
      : [];
    return { state: "ok", papers, schemaVersion, latestVersion: MIGRATIONS.length, destinations, sources };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /malformed|not a database|corrupt/i.test(message) ? { state: "corrupt", reason: message } : { state: "unreadable", reason: message };
  } finally {
    db.close();
  }
}
