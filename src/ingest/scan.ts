import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PaperbotError } from "../errors.js";
import type { Logger } from "../log.js";
import { plural } from "../plural.js";
import { storeWriteError, type Store } from "../store/index.js";
import { DEFAULT_INBOX_POLICY, inboxRealPath, lookAt, readSettled, type InboxPolicy } from "./inbox.js";
import { ingestBytes, rejectedOutcome, skipped as skippedOutcome, type IngestOutcome, type NewPapersHook } from "./ingest.js";

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
  /** Links and completeness; {@link DEFAULT_INBOX_POLICY} when absent. */
  policy?: InboxPolicy;
  /** Filled with the files left for later because they were still being written. */
  unsettled?: string[];
}

/** One entry of a directory of dumps: a file to read, or why it is passed over. */
export interface InboxEntry {
  path: string;
  /** A fingerprint (size and mtime) that changes when the file does; null when it cannot be read. */
  fingerprint: string | null;
  /** Why the entry is not read: a hidden or `.part` file (an editor's, or a copy in progress), a directory… */
  skip: string | null;
}

/**
 * Lists a directory of dumps in name order. Every regular file is a candidate whatever its name:
 * the readers decide by content. Hidden files, directories and other entries are listed with the
 * reason they are passed over. A missing inbox is created by the caller.
 */
export function listInbox(dir: string): InboxEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new PaperbotError("FILE_UNREADABLE", `cannot read the inbox: ${code}`, dir, { cause: error });
  }
  return names.sort().map((name) => {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      const fingerprint = `${stat.size}:${stat.mtimeMs}`;
      if (name.startsWith(".")) return { path, fingerprint, skip: "a hidden file" };
      if (name.endsWith(".part")) return { path, fingerprint, skip: "a .part file (a copy in progress: rename it when complete)" };
      if (stat.isDirectory()) return { path, fingerprint: "dir", skip: "a directory (subdirectories are not read)" };
      if (!stat.isFile()) return { path, fingerprint, skip: "not a regular file" };
      return { path, fingerprint, skip: null };
    } catch (error) {
      return { path, fingerprint: null, skip: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? "error"}` };
    }
  });
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
  // The store's own first-run state also covers a store filled by `paperbot ingest` (which plans nothing while it is pending).
  const backlogWaiting = store.firstRun.pending() && store.papers.count() > 0;
  const firstRun = store.dumps.firstRunPending() || store.papers.count() === 0 || backlogWaiting;
  if (!firstRun) return scanFiles(deps, now, deps.plan);
  const seen = new Map(deps.seen);
  let marked = store.dumps.firstRunPending();
  const outcomes = await scanFiles({ ...deps, seen }, now, () => {
    // Inside the chunk's transaction: the mark is committed with the first papers.
    if (!marked) store.dumps.beginFirstRun(now.toISOString());
    marked = true;
  });
  if (deps.signal?.aborted === true || (!marked && !backlogWaiting)) {
    // Files skipped or read without new papers (a link out of the inbox, a duplicate) stay remembered.
    if (!marked) for (const [path, fingerprint] of seen) deps.seen.set(path, fingerprint);
    return outcomes;
  }
  try {
    store.transaction(() => {
      const top = marked ? store.dumps.firstRunTop(deps.firstRunLimit) : store.papers.mostUpvoted(deps.firstRunLimit);
      // Done before planning: the app's planner plans nothing while the first run is pending.
      store.firstRun.markDone(now);
      deps.plan(top, now);
      if (marked) store.dumps.endFirstRun();
      deps.log.info(`first run: announcing the top ${top.length} of ${store.papers.count()} papers, the rest recorded as seen`);
    });
  } catch (error) {
    throw storeWriteError(error, "could not queue the first run's announcements", deps.inboxDir, store.location);
  }
  for (const [path, fingerprint] of seen) deps.seen.set(path, fingerprint);
  return outcomes;
}

/**
 * Scans the inbox; when a file was still being written, waits until it may have settled and scans
 * once more (a file dropped just before `run --once` is still read). A file still changing after
 * that is left for the next scan. The wait ends early when `signal` aborts.
 */
export async function scanInboxSettled(deps: ScanDeps, now: Date, signal?: AbortSignal): Promise<IngestOutcome[]> {
  const unsettled: string[] = [];
  const outcomes = await scanInbox({ ...deps, unsettled }, now);
  if (unsettled.length === 0) return outcomes;
  try {
    await sleep((deps.policy ?? DEFAULT_INBOX_POLICY).settleMs, undefined, signal === undefined ? {} : { signal });
  } catch {
    return outcomes;
  }
  const later: string[] = [];
  const more = await scanInbox({ ...deps, unsettled: later }, now);
  for (const path of later) deps.log.info(`${path} is still being written; it is read once it stops changing`);
  return [...outcomes, ...more];
}

/**
 * Ingests each new, complete file of the inbox (never through a link out of it), chunk by chunk;
 * a stop ends the scan between chunks.
 */
async function scanFiles(deps: ScanDeps, now: Date, plan: NewPapersHook): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  const policy = deps.policy ?? DEFAULT_INBOX_POLICY;
  const inboxReal = inboxRealPath(deps.inboxDir);
  for (const { path, skip, fingerprint: listed } of listInbox(deps.inboxDir)) {
    if (deps.signal?.aborted === true) break;
    if (skip !== null) {
      if (listed !== null && deps.seen.get(path) !== listed) {
        deps.seen.set(path, listed);
        deps.log.info(`skipped ${path}: ${skip}`);
        outcomes.push(skippedOutcome(path, skip));
      }
      continue;
    }
    const look = lookAt(path, inboxReal, policy);
    if (look === null) continue;
    const fingerprint = look.fingerprint;
    if (deps.seen.get(path) === fingerprint) {
      deps.log.debug(`inbox scan: ${path} unchanged since it was read, skipped`);
      continue;
    }
    if (look.kind === "unsettled") {
      deps.unsettled?.push(path);
      continue;
    }
    if (look.kind === "skip") {
      deps.log.warn(`skipped ${path}: ${look.reason}`);
      deps.seen.set(path, fingerprint);
      continue;
    }
    const file = readSettled(look, now);
    if (!file.ok && file.changed) {
      deps.unsettled?.push(path);
      continue;
    }
    const options = { plan, skipNonDumps: true, ...(deps.signal === undefined ? {} : { signal: deps.signal }) };
    const outcome = file.ok
      ? await ingestBytes(deps.store, { path, bytes: file.bytes, referenceTime: file.referenceTime, now }, options)
      : rejectedOutcome(path, `${file.reason} (${path})`);
    outcomes.push(outcome);
    if (outcome.status === "interrupted") {
      deps.log.info(`stopped ingesting ${path} after ${outcome.new + outcome.known} of ${outcome.papers} papers; the next scan resumes it`);
      break;
    }
    deps.seen.set(path, fingerprint);
    if (outcome.status === "skipped") {
      deps.log.info(`skipped ${path}: ${outcome.error ?? "not a dump"}`);
    } else if (outcome.status === "ingested") {
      deps.log.info(`ingested ${path}: ${plural(outcome.papers, "paper")}, ${outcome.new} new`);
      for (const warning of outcome.warnings) deps.log.warn(warning);
    } else if (outcome.status === "rejected") {
      deps.log.error(`rejected ${outcome.error ?? path}`);
    }
  }
  return outcomes;
}
