import { readDump } from "../digests/index.js";
import { PaperbotError, isPaperbotError } from "../errors.js";
import { contentHash, ingestBytes } from "../ingest/ingest.js";
import { storeWriteError } from "../store/index.js";
import { archiveResponse } from "./archive.js";
import type { PageReport, SourceDeps } from "./types.js";

export interface FetchedPage {
  source: string;
  /** The day the page lists, or `first..last` for a backfill window of several days. */
  day: string;
  page: number;
  ext: "json" | "atom";
  bytes: Buffer;
  etag: string | null;
  items: number;
  total: number | null;
  /** Whether any item is a usable paper, when the fetcher already read the page; read here otherwise. */
  usable?: boolean;
}

/**
 * Keeps a page in the archive and ingests it by the one path every dump takes; the page is recorded
 * as done once all of its papers are stored, so a killed fetch resumes after the last page that is
 * really in the history.
 */
export async function ingestPage(deps: SourceDeps, fetched: FetchedPage, now: Date): Promise<PageReport> {
  const { source, day, page } = fetched;
  const record = (hash: string | null): void =>
    deps.store.sources.recordPage(source, { day, page, etag: fetched.etag, items: fetched.items, total: fetched.total, contentHash: hash }, now);
  const report = (status: PageReport["status"], papers: number, newPapers: number): PageReport => ({
    source, day, page, status, papers, newPapers, total: fetched.total,
  });
  if (fetched.items === 0 || !(fetched.usable ?? hasUsablePaper(deps, fetched))) {
    write(deps, () => record(null));
    return report("empty", 0, 0);
  }
  const path = archiveResponse(deps.archiveDir, source, day, fetched.ext, fetched.bytes);
  const outcome = await ingestBytes(
    deps.store,
    { path, bytes: fetched.bytes, referenceTime: now, now, tldr: deps.tldr },
    {
      plan: (ids, at) => {
        for (const [appearedOn, group] of byDay(deps, ids, day)) deps.plan(group, at, appearedOn);
      },
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    },
  );
  if (outcome.status === "rejected") throw new PaperbotError("SOURCE_FAILED", `${source}: ${outcome.error ?? "unreadable page"}`, path);
  if (outcome.status === "interrupted") throw new PaperbotError("SOURCE_FAILED", `${source}: stopped`, path);
  for (const warning of outcome.warnings) deps.log.warn(`${source}: ${warning}`);
  // Recorded once every chunk of the page is in: a crash before this re-asks for the page, whose
  // bytes the ingest then knows (or resumes), so nothing is stored or announced twice.
  write(deps, () => record(contentHash(fetched.bytes)));
  if (outcome.status === "duplicate") return report("unchanged", outcome.papers, 0);
  return report("fetched", outcome.papers, outcome.new);
}

/**
 * The day each new paper belongs to, for the flood rule: the page's day, or for a window of days
 * each paper's own submission date (the window's first day when it has none).
 */
function byDay(deps: SourceDeps, ids: readonly number[], key: string): Map<string, number[]> {
  const [first, last] = key.split("..");
  const groups = new Map<string, number[]>();
  for (const id of ids) {
    const published = last === undefined ? null : (deps.store.papers.get(id)?.publishedOn ?? null);
    const day = published ?? first ?? key;
    groups.set(day, [...(groups.get(day) ?? []), id]);
  }
  return groups;
}

/** A page whose every item lacks what a paper needs is skipped (with its warnings), not an error. */
function hasUsablePaper(deps: SourceDeps, fetched: FetchedPage): boolean {
  try {
    readDump(fetched.bytes, { name: `${fetched.source} ${fetched.day} page ${fetched.page}`, referenceTime: new Date() });
    return true;
  } catch (error) {
    if (!isPaperbotError(error) || error.code !== "DUMP_NO_PAPERS") throw error;
    deps.log.warn(`${fetched.source}: ${error.describe()}`);
    return false;
  }
}

function write(deps: SourceDeps, work: () => void): void {
  try {
    deps.store.transaction(work);
  } catch (error) {
    throw storeWriteError(error, "could not record the fetched page", "source state", deps.store.location);
  }
}
