import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PaperbotError } from "../errors.js";
import type { Logger } from "../log.js";
import { storeWriteError, type Store } from "../store/index.js";
import { ingestFile, type IngestOutcome, type NewPapersHook } from "./ingest.js";

/** What a scan needs; `plan` writes outbox rows inside each ingest transaction. */
export interface ScanDeps {
  store: Store;
  inboxDir: string;
  log: Logger;
  plan: NewPapersHook;
  /** On a store with no papers yet, only this many of the scan's new papers are announced. */
  firstRunLimit: number;
  /** Remembers files already handled, by name, size and mtime, so scans do not re-read them. */
  seen: Map<string, string>;
}

const DUMP_FILE = /\.(txt|json|md)$/i;

/** Lists the inbox's dump files in name order. A missing inbox is created by the caller. */
export function listInbox(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new PaperbotError("FILE_UNREADABLE", `cannot read the inbox: ${code}`, dir, { cause: error });
  }
  return names
    .filter((name) => !name.startsWith(".") && DUMP_FILE.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Ingests every new file of the inbox, oldest name first. On a fresh store the papers found are
 * recorded as seen and only the top `firstRunLimit` by upvotes are announced, so a first start
 * does not flood a channel with the whole backlog; that first scan is one transaction, so a crash
 * in the middle cannot leave papers recorded as seen but never announced.
 */
export function scanInbox(deps: ScanDeps, now: Date): IngestOutcome[] {
  if (deps.store.papers.count() > 0) return scanFiles(deps, now, deps.plan);
  const backlog: number[] = [];
  const seen = new Map(deps.seen);
  const outcomes = deps.store.transaction(() => {
    const result = scanFiles({ ...deps, seen }, now, (ids) => backlog.push(...ids));
    if (backlog.length === 0) return result;
    const top = deps.store.papers.topByUpvotes(backlog, deps.firstRunLimit);
    try {
      deps.plan(top, now);
    } catch (error) {
      throw storeWriteError(error, "could not queue the first run's announcements", deps.inboxDir, deps.store.location);
    }
    deps.log.info(`first run: announcing the top ${top.length} of ${backlog.length} papers, the rest recorded as seen`);
    return result;
  });
  for (const [path, fingerprint] of seen) deps.seen.set(path, fingerprint);
  return outcomes;
}

/** Ingests each new file of the inbox on its own transaction (nested in the first run's one). */
function scanFiles(deps: ScanDeps, now: Date, plan: NewPapersHook): IngestOutcome[] {
  const outcomes: IngestOutcome[] = [];
  for (const path of listInbox(deps.inboxDir)) {
    let fingerprint: string;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      fingerprint = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      continue;
    }
    if (deps.seen.get(path) === fingerprint) {
      deps.log.debug(`inbox scan: ${path} unchanged since it was read, skipped`);
      continue;
    }
    const outcome = ingestFile(deps.store, path, now, plan);
    deps.seen.set(path, fingerprint);
    outcomes.push(outcome);
    if (outcome.status === "ingested") {
      deps.log.info(`ingested ${path}: ${outcome.papers} papers, ${outcome.new} new`);
      for (const warning of outcome.warnings) deps.log.warn(warning);
    } else if (outcome.status === "rejected") {
      deps.log.error(`rejected ${outcome.error ?? path}`);
    }
  }
  return outcomes;
}
