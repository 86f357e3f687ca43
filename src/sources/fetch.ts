import { isPaperbotError } from "../errors.js";
import { storeWriteError } from "../store/index.js";
import { ArxivFetcher } from "./arxiv.js";
import { HuggingFaceFetcher } from "./huggingface.js";
import type { DayFetcher, SourceConfig, SourceDeps } from "./types.js";

type RemoteSource = Exclude<SourceConfig, { type: "inbox" }>;

/** What one source's fetch did, for logs, `fetch --json` and the cycle report. */
export interface SourceReport {
  source: string;
  days: string[];
  pages: number;
  papers: number;
  newPapers: number;
  requests: number;
  /** The failure that stopped the fetch, as one line; null when it finished. */
  error: string | null;
}

/** A backfill range; without one, a fetch takes the days not yet fetched and the last three again. */
export interface FetchRange {
  since?: string;
  until?: string;
}

/** Days re-fetched on every scheduled fetch: papers join a day late and upvotes keep changing. */
export const REFRESH_DAYS = 3;
/** A scheduled fetch catches up at most this many days; older gaps are for `fetch --since`. */
export const MAX_CATCH_UP_DAYS = 14;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

function daysFrom(first: string, last: string): string[] {
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Which days to ask for and which of them to ask again. A backfill takes its range and skips the
 * days already complete (so a killed one resumes); a scheduled fetch takes every day after the
 * last one fetched (at most {@link MAX_CATCH_UP_DAYS}) and re-fetches the last {@link REFRESH_DAYS}.
 */
export function planDays(lastDay: string | null, today: string, range: FetchRange, isComplete: (day: string) => boolean) {
  const recent = addDays(today, -(REFRESH_DAYS - 1));
  if (range.since !== undefined || range.until !== undefined) {
    const until = range.until ?? today;
    const since = range.since ?? until;
    return daysFrom(since, until).filter((d) => !isComplete(d)).map((day) => ({ day, refresh: false }));
  }
  const oldest = addDays(today, -(MAX_CATCH_UP_DAYS - 1));
  const next = lastDay === null ? recent : addDays(lastDay, 1);
  const first = [next, recent].sort()[0] ?? recent;
  return daysFrom(first < oldest ? oldest : first, today)
    .map((day) => ({ day, refresh: day >= recent }))
    .filter(({ day, refresh }) => refresh || !isComplete(day));
}

/**
 * Consecutive days not re-fetched, grouped up to `size` days (a backfill's windows); a day to
 * re-fetch, or a gap in the days, starts a new group.
 */
function windows(days: readonly { day: string; refresh: boolean }[], size: number): { day: string; refresh: boolean }[][] {
  const groups: { day: string; refresh: boolean }[][] = [];
  for (const entry of days) {
    const current = groups.at(-1);
    const previous = current?.at(-1);
    const joins = current !== undefined && previous !== undefined && !entry.refresh && !previous.refresh &&
      current.length < size && addDays(previous.day, 1) === entry.day;
    if (joins) current.push(entry);
    else groups.push([entry]);
  }
  return groups;
}

function fetcherFor(source: RemoteSource, deps: SourceDeps): DayFetcher {
  return source.type === "huggingface" ? new HuggingFaceFetcher(source, deps) : new ArxivFetcher(source, deps);
}

/**
 * Fetches one source, day by day. A failure stops this source's fetch at the day it happened (the
 * days before it are in; that day resumes from its last complete page next time), is recorded as
 * the source's last error and returned, never thrown: the bot keeps serving. On a store with no
 * papers yet, only the `firstRunLimit` most upvoted new papers are announced, the rest recorded.
 */
export async function fetchSource(deps: SourceDeps, source: RemoteSource, now: Date, range: FetchRange = {}): Promise<SourceReport> {
  const store = deps.store;
  const report: SourceReport = { source: source.name, days: [], pages: 0, papers: 0, newPapers: 0, requests: 0, error: null };
  const firstRun = store.firstRun.pending();
  const backlog = new Map<number, string | null>();
  const scoped: SourceDeps = {
    ...deps,
    plan: firstRun ? (ids, _now, day) => ids.forEach((id) => backlog.set(id, day)) : deps.plan,
    onPage: (page) => {
      report.newPapers += page.newPapers;
      deps.onPage?.(page);
    },
  };
  const fetcher = fetcherFor(source, scoped);
  const state = store.sources.state(source.name);
  const days = planDays(state.lastDay, isoDay(now), range, (day) => store.sources.isDayComplete(source.name, day));
  deps.onPlan?.(source.name, days.length);
  const windowDays = source.type === "arxiv" ? source.backfillWindowDays : 1;
  try {
    for (const window of windows(days, windowDays)) {
      const [first, last] = [window[0]?.day ?? "", window.at(-1)?.day ?? ""];
      const done =
        window.length > 1 && fetcher.fetchWindow !== undefined
          ? await fetcher.fetchWindow(first, last, false, now)
          : await fetcher.fetchDay(first, window[0]?.refresh ?? false, now);
      write(deps, () => {
        for (const { day } of window) store.sources.completeDay(source.name, day, day === first ? done : { pages: 0, papers: 0 }, now);
      });
      report.days.push(...window.map((w) => w.day));
      report.pages += done.pages;
      report.papers += done.papers;
    }
    write(deps, () => store.sources.recordSuccess(source.name, now));
  } catch (error) {
    if (!isPaperbotError(error)) throw error;
    report.error = error.describe();
    if (deps.signal?.aborted !== true) {
      deps.log.error(`fetch ${source.name} failed: ${report.error}`);
      write(deps, () => store.sources.recordFailure(source.name, report.error ?? "failed", now));
    }
  } finally {
    report.requests = fetcher.requests;
    write(deps, () => store.sources.addRequests(source.name, fetcher.requests));
    if (firstRun && backlog.size > 0) announceFirstRun(deps, backlog, now);
  }
  return report;
}

/** The first run's top papers, planned day by day so the flood rule still holds for each destination. */
function announceFirstRun(deps: SourceDeps, backlog: ReadonlyMap<number, string | null>, now: Date): void {
  write(deps, () => {
    deps.store.firstRun.markDone(now);
    const top = deps.store.papers.topByUpvotes([...backlog.keys()], deps.firstRunLimit);
    const byDay = new Map<string | null, number[]>();
    for (const id of top) {
      const day = backlog.get(id) ?? null;
      byDay.set(day, [...(byDay.get(day) ?? []), id]);
    }
    for (const [day, ids] of byDay) deps.plan(ids, now, day);
    deps.log.info(`first fetch: the top ${top.length} of ${backlog.size} papers may be announced, the rest are recorded as seen`);
  });
}

function write(deps: SourceDeps, work: () => void): void {
  try {
    deps.store.transaction(work);
  } catch (error) {
    throw storeWriteError(error, "could not record the fetch", "source state", deps.store.location);
  }
}
