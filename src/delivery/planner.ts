import { nextSlot, parseSchedule, type Schedule } from "../scheduler/schedule.js";
import { SubscriptionMatcher, parseQuery, type Query } from "../search/index.js";
import { unusableSettings } from "./settings.js";
import type { MatcherCache } from "./matcher-cache.js";
import type { Destination } from "../domain/destination.js";
import type { Paper } from "../domain/paper.js";
import type { Store } from "../store/index.js";
import { personalRanking } from "../recommend/index.js";

/** The settings the planner needs: where wall-clock schedules are read. */
export interface PlannerSettings {
  timeZone: string;
  digestSchedule: string;
  /** The platforms that will run: nothing is queued for a destination on any other. */
  platforms: readonly string[];
}

const WEEKLY_DEFAULT = "weekly mon 09:00";
/** New papers planned together: read, filtered and matched a batch at a time. */
const PLAN_BATCH = 1024;
/** A for-you digest brings a person this many papers of each ingest. */
const FOR_YOU_TOP = 5;

export { MatcherCache } from "./matcher-cache.js";

/** A schedule the config or a command already validated; one that does not parse is a bug, not a default. */
function scheduleOf(text: string): Schedule {
  const parsed = parseSchedule(text);
  if (!parsed.ok) throw new Error(`unparsable schedule "${text}": ${parsed.error}`);
  return parsed.schedule;
}

function dueFor(schedule: Schedule, timeZone: string, now: Date): Date {
  return nextSlot(schedule, timeZone, now) ?? now;
}

function hasFilter(dest: Destination): boolean {
  return dest.filter !== null && dest.filter.trim() !== "";
}

/**
 * Per paper, the ids of the channels whose filter it satisfies: every channel filter matched
 * against every paper in one pass of a matcher. Channels reach here with settings that parse.
 */
function filterPasses(channels: readonly Destination[], papers: readonly Paper[]): Set<number>[] {
  const passes = papers.map(() => new Set<number>());
  const filters: { id: number; query: Query }[] = [];
  for (const dest of channels) {
    const parsed = hasFilter(dest) ? parseQuery(dest.filter ?? "") : null;
    if (parsed?.ok === true) filters.push({ id: dest.id, query: parsed.query });
  }
  if (filters.length === 0) return passes;
  const found = new SubscriptionMatcher(filters).matchAll(papers);
  for (let i = 0; i < found.size; i += 1) passes[found.paper(i)]?.add(found.at(i).subscriptionId);
  return passes;
}

function channelWants(dest: Destination, paper: Paper, passes: ReadonlySet<number>): boolean {
  if (paper.upvotes < dest.minUpvotes) return false;
  return !hasFilter(dest) || passes.has(dest.id);
}

/**
 * Digest channels whose settings parse. One that does not (written by an older version after this
 * start's check) is disabled with the reason, shown by `status`, rather than planned with a default.
 */
function usableChannels(store: Store, now: Date): Destination[] {
  return store.destinations.digestDestinations().filter((dest) => {
    const problem = unusableSettings(dest);
    if (problem !== null) store.destinations.disable(dest.id, `settings no longer valid: ${problem}`, now);
    return problem === null;
  });
}

/**
 * The flood rule: papers that belong to a day before a destination (or subscription) began
 * receiving — a backfill, a late catch-up — are recorded as seen, not announced to it.
 */
function predates(appearedOn: string | null, since: string): boolean {
  return appearedOn !== null && appearedOn < since.slice(0, 10);
}

/**
 * Writes the outbox rows for newly found papers: one per digest channel that wants the paper and
 * one per destination of each matching subscription. Runs inside the ingest transaction.
 * `appearedOn` is the day a fetched source lists the papers under (null for inbox dumps).
 */
export function planDeliveries(
  store: Store,
  settings: PlannerSettings,
  cache: MatcherCache,
  paperIds: readonly number[],
  now: Date,
  appearedOn: string | null = null,
): number {
  if (paperIds.length === 0) return 0;
  let rows = 0;
  const channels = usableChannels(store, now).filter((dest) => settings.platforms.includes(dest.platform));
  const { matcher, subscriptions } = cache.get(store);
  const runs = new Map<number, boolean>();
  const reachable = (destinationId: number): boolean => {
    let known = runs.get(destinationId);
    if (known === undefined) {
      known = settings.platforms.includes(store.destinations.get(destinationId)?.platform ?? "");
      runs.set(destinationId, known);
    }
    return known;
  };
  // One due time per channel: every paper of this call is due at the channel's next slot.
  const channelDue = new Map(channels.map((dest) => [dest.id, dueFor(scheduleOf(dest.schedule), dest.timeZone ?? settings.timeZone, now)]));
  // Papers are read a batch at a time, so a backfill of many thousands never holds them all.
  for (let first = 0; first < paperIds.length; first += PLAN_BATCH) {
    const papers = paperIds
      .slice(first, first + PLAN_BATCH)
      .map((id) => store.papers.get(id))
      .filter((paper) => paper !== undefined);
    const passes = filterPasses(channels, papers);
    papers.forEach((paper, index) => {
      const paperId = paper.id;
      for (const dest of channels) {
        if (predates(appearedOn, dest.createdAt) || !channelWants(dest, paper, passes[index] ?? new Set())) continue;
        const dueAt = channelDue.get(dest.id) ?? now;
        store.deliveries.enqueue({ paperId, destinationId: dest.id, reason: "digest", subscriptionIds: [], matched: [], dueAt }, now);
        rows += 1;
      }
    });
    const hits = matcher.matchAll(papers);
    for (let i = 0; i < hits.size; i += 1) {
      const paperId = papers[hits.paper(i)]?.id;
      const hit = hits.at(i);
      const sub = subscriptions.get(hit.subscriptionId);
      if (sub === undefined || paperId === undefined || !reachable(sub.destinationId) || predates(appearedOn, sub.createdAt)) continue;
      const rhythm =
        sub.rhythm === "instant"
          ? { kind: "instant" as const }
          : scheduleOf(sub.rhythm === "daily" ? settings.digestSchedule : WEEKLY_DEFAULT);
      store.deliveries.enqueue(
        {
          paperId,
          destinationId: sub.destinationId,
          reason: "subscription",
          subscriptionIds: [sub.id],
          matched: hit.matched,
          dueAt: dueFor(rhythm, settings.timeZone, now),
        },
        now,
      );
      rows += 1;
    }
  }
  return rows + planForYou(store, settings, paperIds, now);
}

/**
 * For-you digests: each subscriber's top papers among the new ones, by their own model, into their
 * DMs at the digest time (daily) or the weekly slot; a person with too few likes gets nothing yet.
 */
function planForYou(store: Store, settings: PlannerSettings, paperIds: readonly number[], now: Date): number {
  let rows = 0;
  for (const sub of store.people.forYouSubscribers()) {
    // An ingest is planned in chunks: the papers still waiting compete with each new chunk, so the
    // digest that goes out holds the best FOR_YOU_TOP of everything since the last one.
    const waiting = store.people.pendingForYou(sub.destinationId);
    const ranked = personalRanking(store, { platform: sub.platform, id: sub.personId }, { among: [...waiting, ...paperIds] }, FOR_YOU_TOP);
    if ("needed" in ranked) continue;
    const chosen = new Set(ranked.papers.map(({ paper }) => paper.id));
    store.people.dropPendingForYou(sub.destinationId, waiting.filter((id) => !chosen.has(id)));
    const queued = new Set(waiting);
    const dueAt = dueFor(scheduleOf(sub.rhythm === "daily" ? settings.digestSchedule : WEEKLY_DEFAULT), settings.timeZone, now);
    for (const { paper, reason } of ranked.papers) {
      if (queued.has(paper.id)) continue;
      store.deliveries.enqueue(
        { paperId: paper.id, destinationId: sub.destinationId, reason: "subscription", subscriptionIds: [], matched: [`for you: ${reason}`], dueAt },
        now,
      );
      rows += 1;
    }
  }
  return rows;
}
