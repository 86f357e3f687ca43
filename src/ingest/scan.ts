import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PaperbotError } from "../errors.js";
import type { Logger } from "../log.js";
import { storeWriteError, type Store } from "../store/index.js";
import { ingestFile, type IngestOutcome, type NewPapersHook } from "./ingest.js";

/** What a scan needs; `plan` writes outbox rows inside each chunk's transaction. */
export interface ScanDeps {
  store: Store;
  inboxDir: string;
  log: Logger;
  plan: NewPapersHook;
  /** On a store with no papers yet, only this many of the scan's new papers are announced. */
  firstRunLimit: number;
  /** Remembers files already handled, by name, size and mtime, so scans do not re-read them. */
  seen: Map<string, string>;
  /** Aborted on shutdown: the scan stops between chunks, leaving the dump in progress resumable. */
  signal?: AbortSignal;
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
 * does not flood a channel with the whole backlog. That first fill is committed in chunks like any
 * ingest; a mark in the store, written with its first chunk and cleared with the announcements,
 * makes a restart after a crash or a stop finish it the same way rather than announce everything.
 */
export async function scanInbox(deps: ScanDeps, now: Date): Promise<IngestOutcome[]> {
  const { store } = deps;
  const firstRun = store.dumps.firstRunPending() || store.papers.count() === 0;
  if (!firstRun) return scanFiles(deps, now, deps.plan);
  const seen = new Map(deps.seen);
  let marked = store.dumps.firstRunPending();
  const outcomes = await scanFiles({ ...deps, seen }, now, () => {
    // Inside the chunk's transaction: the mark is committed with the first papers.
    if (!marked) store.dumps.beginFirstRun(now.toISOString());
    marked = true;
  });
  if (deps.signal?.aborted === true || !marked) return outcomes;
  try {
    store.transaction(() => {
      const top = store.dumps.firstRunTop(deps.firstRunLimit);
      deps.plan(top, now);
      store.dumps.endFirstRun();
      deps.log.info(`first run: announcing the top ${top.length} of ${store.papers.count()} papers, the rest recorded as seen`);
    });
  } catch (error) {
    throw storeWriteError(error, "could not queue the first run's announcements", deps.inboxDir, store.location);
  }
  for (const [path, fingerprint] of seen) deps.seen.set(path, fingerprint);
  return outcomes;
}

/** Ingests each new file of the inbox, chunk by chunk; a stop ends the scan between chunks. */
async function scanFiles(deps: ScanDeps, now: Date, plan: NewPapersHook): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  for (const path of listInbox(deps.inboxDir)) {
    if (deps.signal?.aborted === true) break;
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
    const outcome = await ingestFile(deps.store, path, now, { plan, ...(deps.signal === undefined ? {} : { signal: deps.signal }) });
    outcomes.push(outcome);
    if (outcome.status === "interrupted") {
      deps.log.info(`stopped ingesting ${path} after ${outcome.new + outcome.known} of ${outcome.papers} papers; the next scan resumes it`);
      break;
    }
    deps.seen.set(path, fingerprint);
    if (outcome.status === "ingested") {
      deps.log.info(`ingested ${path}: ${outcome.papers} papers, ${outcome.new} new`);
      for (const warning of outcome.warnings) deps.log.warn(warning);
    } else if (outcome.status === "rejected") {
      deps.log.error(`rejected ${outcome.error ?? path}`);
    }
  }
  return outcomes;
}
