import { readdirSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PaperbotError } from "../errors.js";
import type { Logger } from "../log.js";
import { storeWriteError, type Store } from "../store/index.js";
import { DEFAULT_INBOX_POLICY, inboxRealPath, lookAt, readSettled, type InboxPolicy } from "./inbox.js";
import { ingestBytes, rejectedOutcome, type IngestOutcome, type NewPapersHook } from "./ingest.js";

/** What a scan needs; `plan` writes outbox rows inside each ingest transaction. */
export interface ScanDeps {
  store: Store;
  inboxDir: string;
  log: Logger;
  plan: NewPapersHook;
  /** While the first-run rule is pending, only this many of the store's papers are announced. */
  firstRunLimit: number;
  /** Remembers files already handled, by name, size and mtime, so scans do not re-read them. */
  seen: Map<string, string>;
  /** Links and completeness; {@link DEFAULT_INBOX_POLICY} when absent. */
  policy?: InboxPolicy;
  /** Filled with the files left for later because they were still being written. */
  unsettled?: string[];
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
 * The first-run rule: the papers a store holds before its first announcement are a backlog, so
 * only the top `firstRunLimit` of them by upvotes are announced and the rest are recorded as seen,
 * whichever command filled the store (`paperbot ingest` plans nothing while the rule is pending).
 * Marks the rule done before planning, so the planner sees them as news. Call inside a transaction.
 */
export function announceBacklog(deps: Pick<ScanDeps, "store" | "plan" | "log" | "firstRunLimit">, now: Date): void {
  const { store } = deps;
  if (!store.firstRun.pending()) return;
  const total = store.papers.count();
  if (total === 0) return;
  store.firstRun.markDone(now);
  const top = store.papers.mostUpvoted(deps.firstRunLimit);
  deps.plan(top, now);
  deps.log.info(`first run: announcing the top ${top.length} of ${total} papers, the rest recorded as seen`);
}

/**
 * Ingests every new file of the inbox, oldest name first. While the first-run rule is pending
 * (see {@link announceBacklog}) the scan and the backlog's announcement are one transaction, so a
 * crash in the middle cannot leave papers recorded as seen but never announced.
 */
export function scanInbox(deps: ScanDeps, now: Date): IngestOutcome[] {
  if (!deps.store.firstRun.pending()) return scanFiles(deps, now, deps.plan);
  const seen = new Map(deps.seen);
  const outcomes = deps.store.transaction(() => {
    const result = scanFiles({ ...deps, seen }, now, () => {});
    try {
      announceBacklog(deps, now);
    } catch (error) {
      throw storeWriteError(error, "could not queue the first run's announcements", deps.inboxDir, deps.store.location);
    }
    return result;
  });
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
  const outcomes = scanInbox({ ...deps, unsettled }, now);
  if (unsettled.length === 0) return outcomes;
  const settleMs = (deps.policy ?? DEFAULT_INBOX_POLICY).settleMs;
  try {
    await sleep(settleMs, undefined, signal === undefined ? {} : { signal });
  } catch {
    return outcomes;
  }
  const later: string[] = [];
  const more = scanInbox({ ...deps, unsettled: later }, now);
  for (const path of later) deps.log.info(`${path} is still being written; it is read once it stops changing`);
  return [...outcomes, ...more];
}

/** Ingests each new, complete file of the inbox on its own transaction (nested in the first run's one). */
function scanFiles(deps: ScanDeps, now: Date, plan: NewPapersHook): IngestOutcome[] {
  const outcomes: IngestOutcome[] = [];
  const policy = deps.policy ?? DEFAULT_INBOX_POLICY;
  const inboxReal = inboxRealPath(deps.inboxDir);
  for (const path of listInbox(deps.inboxDir)) {
    const look = lookAt(path, inboxReal, policy);
    if (look === null || deps.seen.get(path) === look.fingerprint) continue;
    if (look.kind === "unsettled") {
      deps.unsettled?.push(path);
      continue;
    }
    if (look.kind === "skip") {
      deps.log.warn(`skipped ${path}: ${look.reason}`);
      deps.seen.set(path, look.fingerprint);
      continue;
    }
    const file = readSettled(look, now);
    if (!file.ok && file.changed) {
      deps.unsettled?.push(path);
      continue;
    }
    const outcome = file.ok
      ? ingestBytes(deps.store, { path, bytes: file.bytes, referenceTime: file.referenceTime, now }, plan)
      : rejectedOutcome(path, `${file.reason} (${path})`);
    deps.seen.set(path, look.fingerprint);
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
